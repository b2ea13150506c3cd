//! Form fields of the inspector. Each shows the model's problems for its field right under
//! it; a value the model cannot even hold (a volume that is not a number) is refused here
//! with a message and never reaches the design.

use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.checked())
        .unwrap_or_default()
}

fn errors_view(id: &str, errors: &[String]) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="field-errors" id={format!("{id}-errors")}>
            { for errors.iter().map(|m| html! { <p class="field-error">{ m.clone() }</p> }) }
        </div>
    }
}

fn described_by(id: &str, errors: &[String]) -> Option<String> {
    (!errors.is_empty()).then(|| format!("{id}-errors"))
}

/// The frame every field shares: label, control, and the field's problems under it. A plain
/// function, not a component: a component per field kind costs its own copy of Yew's
/// lifecycle code in the bundle, and these fields keep no state.
fn field(
    class: &'static str,
    id: &str,
    label: &str,
    control: Html,
    errors: &[String],
    label_after: bool,
) -> Html {
    let invalid = !errors.is_empty();
    let label = html! { <label for={id.to_string()}>{ label.to_string() }</label> };
    html! {
        <div class={classes!("field", (!class.is_empty()).then_some(class), invalid.then_some("invalid"))}>
            if label_after { { control } { label } } else { { label } { control } }
            { errors_view(id, errors) }
        </div>
    }
}

/// A text field; `on_commit` gets the new text, trimmed, when the user commits it (Enter or
/// leaving the field) and it differs from `value`. `placeholder` "" means none.
pub fn text_field(
    id: &str,
    label: &str,
    value: &str,
    placeholder: &str,
    errors: Vec<String>,
    on_commit: Callback<String>,
) -> Html {
    let current = value.to_string();
    let onchange = Callback::from(move |e: Event| {
        let value = input_value(&e).trim().to_string();
        if value != current {
            on_commit.emit(value);
        }
    });
    let control = html! {
        <input id={id.to_string()} type="text" value={value.to_string()} spellcheck="false" autocomplete="off"
            placeholder={(!placeholder.is_empty()).then(|| placeholder.to_string())}
            aria-invalid={(!errors.is_empty()).to_string()} aria-describedby={described_by(id, &errors)} {onchange} />
    };
    field("", id, label, control, &errors, false)
}

/// A decimal number as typed (the browser's own strict `Number()`: it keeps Rust's large
/// float-parsing tables out of the bundle).
fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // `new Number(text)` converts strictly ("12abc" is NaN); js-sys marks it deprecated only
    // because wrapper objects are rarely wanted, and this one is unwrapped at once.
    #[allow(deprecated)]
    let v = js_sys::Number::new(&wasm_bindgen::JsValue::from_str(text)).value_of();
    (!v.is_nan()).then_some(v)
}

#[derive(Properties, PartialEq)]
pub struct ParsedFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The value as shown.
    pub text: AttrValue,
    /// A whole number (class "int", numeric keyboard) rather than a decimal.
    pub whole: bool,
    #[prop_or_default]
    pub errors: Vec<String>,
    /// Parses the typed text and commits it; `Some(message)` when the text is no value.
    pub commit: Callback<String, Option<String>>,
}

/// A field whose text must parse before it reaches the design. Text that does not stays in
/// the field with a message; the design's types could not hold it. One component serves whole
/// numbers and volumes alike: each component type costs its own copy of Yew's lifecycle code.
#[function_component(ParsedField)]
pub fn parsed_field(props: &ParsedFieldProps) -> Html {
    let local_error = use_state(|| None::<String>);
    let onchange = {
        let local_error = local_error.clone();
        let commit = props.commit.clone();
        Callback::from(move |e: Event| local_error.set(commit.emit(input_value(&e))))
    };
    let errors: Vec<String> = (*local_error)
        .clone()
        .into_iter()
        .chain(props.errors.iter().cloned())
        .collect();
    let invalid = !errors.is_empty();
    let whole = props.whole;
    html! {
        <div class={classes!("field", whole.then_some("int"), invalid.then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode={if whole { "numeric" } else { "decimal" }} value={props.text.clone()}
                spellcheck={whole.then_some("false")} autocomplete={whole.then_some("off")}
                aria-invalid={invalid.to_string()} aria-describedby={described_by(&props.id, &errors)} {onchange} />
            { errors_view(&props.id, &errors) }
        </div>
    }
}

/// The text as typed, clipped for quoting in a message.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.chars().take(30).collect::<String>())
}

/// A monthly volume in GB, from 0 to the model's maximum, rounded as the model stores it.
pub fn volume_field(
    id: &'static str,
    label: &'static str,
    value: f64,
    errors: Vec<String>,
    on_commit: Callback<f64>,
) -> Html {
    let commit = Callback::from(move |text: String| match parse_number(&text) {
        Some(v) if v.is_finite() && (0.0..=crate::model::design::MAX_VOLUME_GB).contains(&v) => {
            let v = crate::model::design::round_volume(v);
            if v != value {
                on_commit.emit(v);
            }
            None
        }
        _ => Some(format!(
            "{} is not a number of GB from 0 to 1000000000",
            quoted(&text)
        )),
    });
    html! { <ParsedField {id} {label} text={crate::model::design::volume_text(value)} whole=false {errors} {commit} /> }
}

/// A whole number in `min..=max` (ports, rule numbers); `what` names it in the message
/// ("port number").
#[allow(clippy::too_many_arguments)]
pub fn int_field(
    id: String,
    label: &'static str,
    value: u32,
    min: u32,
    max: u32,
    what: &'static str,
    errors: Vec<String>,
    on_commit: Callback<u32>,
) -> Html {
    let commit = Callback::from(move |text: String| match text.trim().parse::<u32>() {
        Ok(v) if (min..=max).contains(&v) => {
            if v != value {
                on_commit.emit(v);
            }
            None
        }
        _ => Some(format!(
            "{} is not a {what} from {min} to {max}",
            quoted(&text)
        )),
    });
    html! { <ParsedField {id} {label} text={value.to_string()} whole=true {errors} {commit} /> }
}

/// A drop-down of (value, text) pairs. A value not among them (a file may hold anything) is
/// shown as "(not valid)" rather than silently replaced by the first option.
pub fn select_field(
    id: &str,
    label: &str,
    options: &[(String, String)],
    value: &str,
    errors: Vec<String>,
    on_commit: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| on_commit.emit(select_value(&e)));
    let known = options.iter().any(|(v, _)| v == value);
    let control = html! {
        <select id={id.to_string()} aria-invalid={(!errors.is_empty()).to_string()} aria-describedby={described_by(id, &errors)} {onchange}>
            if !known {
                <option value={value.to_string()} selected=true>{ format!("{value} (not valid)") }</option>
            }
            { for options.iter().map(|(v, t)| html! {
                <option value={v.clone()} selected={v == value}>{ t.clone() }</option>
            }) }
        </select>
    };
    field("", id, label, control, &errors, false)
}

/// Fixed (value, text) options, for `select_field`.
pub fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect()
}

/// A checkbox; `on_commit` gets the new state.
pub fn check_field(
    id: &str,
    label: &str,
    checked: bool,
    errors: Vec<String>,
    on_commit: Callback<bool>,
) -> Html {
    let onchange = Callback::from(move |e: Event| on_commit.emit(self::checked(&e)));
    let control = html! {
        <input id={id.to_string()} type="checkbox" {checked}
            aria-invalid={(!errors.is_empty()).to_string()} aria-describedby={described_by(id, &errors)} {onchange} />
    };
    field("check", id, label, control, &errors, true)
}

/// Problems that belong to a group of fields rather than one.
pub fn error_list(errors: &[String]) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="field-errors">
            { for errors.iter().map(|m| html! { <p class="field-error">{ m.clone() }</p> }) }
        </div>
    }
}

// ---- small building blocks ---------------------------------------------------------------
// Each `html!` element is expanded in place into a few hundred bytes of wasm; the inspector
// repeats the same few shapes (hints, headings, buttons) a hundred times, so they are built
// once here and called.

/// `<name class=…>children</name>`; `class` "" means none.
pub fn tag(name: &'static str, class: &'static str, children: Vec<Html>) -> Html {
    let mut t = yew::virtual_dom::VTag::new(name);
    if !class.is_empty() {
        t.add_attribute("class", class);
    }
    t.add_children(children);
    t.into()
}

/// An element holding only text.
pub fn text(name: &'static str, class: &'static str, text: impl Into<AttrValue>) -> Html {
    text_(name, class, text.into())
}

// The generic wrappers above only convert, so the bodies exist once.
fn text_(name: &'static str, class: &'static str, text: AttrValue) -> Html {
    tag(name, class, vec![yew::virtual_dom::VText::new(text).into()])
}

/// A hint under a form: `<p class="hint">`.
pub fn hint(words: &'static str) -> Html {
    text("p", "hint", words)
}

/// A button of the given class ("", "link", "danger small"…).
pub fn button(
    class: &'static str,
    label: impl Into<AttrValue>,
    onclick: Callback<MouseEvent>,
) -> Html {
    button_(class, label.into(), onclick)
}

fn button_(class: &'static str, label: AttrValue, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class={(!class.is_empty()).then_some(class)} {onclick}>{ label }</button> }
}
