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
fn field(class: &'static str, id: &str, label: &str, control: Html, errors: &[String], label_after: bool) -> Html {
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
pub fn text_field(id: &str, label: &str, value: &str, placeholder: &'static str, errors: Vec<String>, on_commit: Callback<String>) -> Html {
    let current = value.to_string();
    let onchange = Callback::from(move |e: Event| {
        let value = input_value(&e).trim().to_string();
        if value != current {
            on_commit.emit(value);
        }
    });
    let control = html! {
        <input id={id.to_string()} type="text" value={value.to_string()} spellcheck="false" autocomplete="off"
            placeholder={(!placeholder.is_empty()).then_some(placeholder)}
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
pub struct NumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: f64,
    #[prop_or_default]
    pub errors: Vec<String>,
    pub on_commit: Callback<f64>,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let local_error = use_state(|| None::<String>);
    let on_commit = props.on_commit.clone();
    let current = props.value;
    let onchange = {
        let local_error = local_error.clone();
        Callback::from(move |e: Event| {
            let text = input_value(&e);
            match parse_number(&text) {
                Some(v) if v.is_finite() && (0.0..=crate::model::design::MAX_VOLUME_GB).contains(&v) => {
                    let v = crate::model::design::round_volume(v);
                    local_error.set(None);
                    if v != current {
                        on_commit.emit(v);
                    }
                }
                _ => local_error.set(Some(format!("\"{}\" is not a number of GB from 0 to 1000000000", text.chars().take(30).collect::<String>()))),
            }
        })
    };
    let errors: Vec<String> = (*local_error).clone().into_iter().chain(props.errors.iter().cloned()).collect();
    let invalid = !errors.is_empty();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="decimal" value={crate::model::design::volume_text(props.value)}
                aria-invalid={invalid.to_string()} aria-describedby={described_by(&props.id, &errors)} {onchange} />
            { errors_view(&props.id, &errors) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct IntFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: u32,
    pub min: u32,
    pub max: u32,
    /// What the number is, for the message when the text is not one ("port number").
    pub what: AttrValue,
    #[prop_or_default]
    pub errors: Vec<String>,
    pub on_commit: Callback<u32>,
}

/// A whole number in a range (ports, rule numbers). Text outside the range stays in the field
/// with a message and never reaches the design: the design's types could not hold it.
#[function_component(IntField)]
pub fn int_field(props: &IntFieldProps) -> Html {
    let local_error = use_state(|| None::<String>);
    let onchange = {
        let local_error = local_error.clone();
        let (on_commit, current, min, max, what) = (props.on_commit.clone(), props.value, props.min, props.max, props.what.clone());
        Callback::from(move |e: Event| {
            let text = input_value(&e);
            match text.trim().parse::<u32>() {
                Ok(v) if (min..=max).contains(&v) => {
                    local_error.set(None);
                    if v != current {
                        on_commit.emit(v);
                    }
                }
                _ => local_error.set(Some(format!("\"{}\" is not a {what} from {min} to {max}", text.chars().take(30).collect::<String>()))),
            }
        })
    };
    let errors: Vec<String> = (*local_error).clone().into_iter().chain(props.errors.iter().cloned()).collect();
    let invalid = !errors.is_empty();
    html! {
        <div class={classes!("field", "int", invalid.then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="numeric" value={props.value.to_string()} spellcheck="false" autocomplete="off"
                aria-invalid={invalid.to_string()} aria-describedby={described_by(&props.id, &errors)} {onchange} />
            { errors_view(&props.id, &errors) }
        </div>
    }
}

/// A drop-down of (value, text) pairs. A value not among them (a file may hold anything) is
/// shown as "(not valid)" rather than silently replaced by the first option.
pub fn select_field(id: &str, label: &str, options: &[(String, String)], value: &str, errors: Vec<String>, on_commit: Callback<String>) -> Html {
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
    pairs.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect()
}

/// A checkbox; `on_commit` gets the new state.
pub fn check_field(id: &str, label: &str, checked: bool, errors: Vec<String>, on_commit: Callback<bool>) -> Html {
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
pub fn button(class: &'static str, label: impl Into<AttrValue>, onclick: Callback<MouseEvent>) -> Html {
    button_(class, label.into(), onclick)
}

fn button_(class: &'static str, label: AttrValue, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class={(!class.is_empty()).then_some(class)} {onclick}>{ label }</button> }
}
