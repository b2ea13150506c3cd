//! The panels under the canvas: the problems list and the Terraform export (and import).

use super::dom;
use super::import;
use super::store::{Action, Notice};
use super::worker;
use crate::model::design::Design;
use crate::model::validate::{DESIGN_SUBJECT, Diagnostic, Severity};
use std::rc::Rc;
use yew::prelude::*;

/// The problems list. A plain function, not a component: a component costs its own copy of
/// Yew's lifecycle code in the bundle, and this one keeps no state.
pub fn problems(design: &Design, diagnostics: &[Diagnostic], dispatch: &Callback<Action>) -> Html {
    let errors = crate::model::validate::errors(diagnostics);
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let heading = format!(
        "Problems ({}, {})",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    html! {
        <section class="problems" aria-labelledby="problems-heading">
            <h2 id="problems-heading">{ heading }</h2>
            if diagnostics.is_empty() {
                <p class="all-good">{ "No problems: AWS would accept this design." }</p>
            } else {
                <ul>
                    { for diagnostics.iter().map(|d| {
                        let who = if d.subject == DESIGN_SUBJECT {
                            "Design".to_string()
                        } else {
                            design.name_of(&d.subject).filter(|n| !n.is_empty()).unwrap_or(&d.subject).chars().take(40).collect()
                        };
                        let dispatch = dispatch.clone();
                        let subject = d.subject.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            let target = if subject == DESIGN_SUBJECT { None } else { Some(subject.clone()) };
                            dispatch.emit(Action::Select(target));
                        });
                        let (class, word) = match d.severity {
                            Severity::Error => ("error", "Error"),
                            Severity::Warning => ("warning", "Warning"),
                        };
                        html! {
                            <li class={class}>
                                <button type="button" class="problem" {onclick} title={d.code}>
                                    <span class="severity">{ word }</span>
                                    <span class="who">{ who }</span>
                                    <span class="message">{ d.message.clone() }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// main.tf as the background worker last wrote it, and why the latest request failed, if it did.
#[derive(Default, PartialEq)]
struct TerraformText {
    /// The answer shown; answers older than it (of a burst of requests) are dropped.
    id: u32,
    hcl: Rc<String>,
    error: Option<String>,
}

impl Reducible for TerraformText {
    type Action = worker::Written;
    fn reduce(self: Rc<Self>, w: worker::Written) -> Rc<Self> {
        if w.id < self.id {
            return self;
        }
        super::app::measured("terraform");
        Rc::new(match w.hcl {
            Ok(hcl) => TerraformText {
                id: w.id,
                hcl: Rc::new(hcl),
                error: None,
            },
            // The last text stays up, under the message.
            Err(e) => TerraformText {
                id: w.id,
                hcl: self.hcl.clone(),
                error: Some(e),
            },
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct TerraformProps {
    pub design: Rc<Design>,
    /// How many errors validation found: main.tf's header warns of them.
    pub errors: usize,
    pub dispatch: Callback<Action>,
}

#[function_component(TerraformPanel)]
pub fn terraform_panel(props: &TerraformProps) -> Html {
    // Terraform carries the layout (in its metadata line), so it follows every change; the
    // background worker (ui/worker.rs) writes it while this tab is open, asked after the frame
    // that shows the change: the canvas does not wait for it (at 1,000 resources the export
    // takes ~70 ms), and a burst of changes (typing) asks once. Its answer redraws this panel
    // only, not the app around it.
    let text = use_reducer(TerraformText::default);
    // Asks the worker for `design`'s main.tf; its answer goes into `text`.
    let request = {
        let (text, dispatch) = (text.clone(), props.dispatch.clone());
        Rc::new(move |design: &Design, errors: usize| {
            let text = text.clone();
            worker::export(
                design,
                errors,
                &dispatch,
                Callback::from(move |w| text.dispatch(w)),
            );
        })
    };
    {
        let request = request.clone();
        use_effect_with(
            (super::canvas::Shared(props.design.clone()), props.errors),
            move |(d, errors)| {
                let (design, errors) = (d.0.clone(), *errors);
                let timer = super::app::after_paint(move || {
                    super::app::mark("terraform");
                    request(&design, errors);
                });
                move || drop(timer)
            },
        );
    }
    let hcl = &text.hcl;
    let download = {
        let hcl = hcl.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = dom::download("main.tf", "text/plain", &hcl) {
                dispatch.emit(Action::Notify(Notice::error(format!(
                    "Download failed: {e}"
                ))));
            }
        })
    };
    let download_zip = {
        let design = props.design.clone();
        let dispatch = props.dispatch.clone();
        let errors = props.errors;
        Callback::from(move |_: MouseEvent| worker::download_zip(&design, errors, &dispatch))
    };
    let copy = {
        let hcl = hcl.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dom::copy_text(&hcl);
            dispatch.emit(Action::Notify(Notice::info(
                "Terraform copied to the clipboard",
            )));
        })
    };
    let import_tf = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Cleared so that choosing the same file again imports it again.
            input.set_value("");
            import::open_file(file, true, dispatch.clone());
        })
    };
    let lines = hcl.lines().count();
    let failed = text.error.as_ref();
    let retry = {
        let (design, errors) = (props.design.clone(), props.errors);
        Callback::from(move |_: MouseEvent| request(&design, errors))
    };
    let nothing = hcl.is_empty();
    // A long file is coloured a batch of chunks per frame, each chunk plain text until then, so
    // the first paint of a large design does not wait for 60,000 coloured spans, and no frame
    // colours more than a batch. (The text left plain was one node, built again from the whole
    // rest of the file for every batch: at 2,000 resources that was ~0.4 s a batch.)
    let highlighted = use_state(|| CHUNKS_PER_BATCH);
    let chunks: Vec<&str> = hcl.split_inclusive("\n\n").collect();
    {
        let highlighted = highlighted.clone();
        use_effect_with((*highlighted, chunks.len()), move |(done, total)| {
            let next = *done + CHUNKS_PER_BATCH;
            let timer = (*done < *total)
                .then(|| super::dom::timer(16, Box::new(move || highlighted.set(next))));
            move || drop(timer)
        });
    }
    let shown = (*highlighted).min(chunks.len());
    html! {
        <section class="terraform" aria-labelledby="terraform-heading">
            <div class="panel-head">
                <h2 id="terraform-heading">{ "Terraform" }</h2>
                <span class="meta">{
                    if !hcl.is_empty() { format!("main.tf · {lines} lines · hashicorp/aws v6") }
                    else if failed.is_some() { "main.tf · not written".to_string() }
                    else { "main.tf · writing…".to_string() }
                }</span>
                <label class="button" title="Replace the design with one read from a Terraform file (undoable)">
                    { "Import .tf…" }
                    <input type="file" accept=".tf,text/plain" class="visually-hidden" aria-label="Import a Terraform file" onchange={import_tf} />
                </label>
                <button type="button" onclick={copy} disabled={nothing}>{ "Copy" }</button>
                <button type="button" onclick={download_zip} title="main.tf, variables.tf and outputs.tf">{ "Download .zip" }</button>
                <button type="button" class="primary" onclick={download} disabled={nothing}>{ "Download main.tf" }</button>
            </div>
            if let Some(error) = failed {
                <p class="terraform-error" role="alert">
                    { format!("Terraform could not be written: {error}.{}", if hcl.is_empty() { "" } else { " The text below is the last one written." }) }
                    <button type="button" onclick={retry}>{ "Try again" }</button>
                </p>
            }
            <pre class="hcl" tabindex="0" aria-label="main.tf"><code>
                // Chunks in groups, each laid out only when on screen: a group, not every chunk,
                // is what the browser watches for that, so a frame that lays anything out no
                // longer checks 2,000 chunks (3.8 ms of the frames of a drag at 2,000 resources).
                { for chunks.chunks(CHUNKS_PER_GROUP).enumerate().map(|(g, group)| html! {
                    <span key={g} class="hcl-group">
                        { for group.iter().enumerate().map(|(j, chunk)| {
                            let i = g * CHUNKS_PER_GROUP + j;
                            html! { <HclChunk key={i} text={AttrValue::from(chunk.to_string())} coloured={i < shown} /> }
                        }) }
                    </span>
                }) }
            </code></pre>
        </section>
    }
}

/// Chunks coloured at once (about 500 lines); the rest follow a batch per frame.
const CHUNKS_PER_BATCH: usize = 40;

/// Chunks laid out (or skipped while off screen) together: about 250 lines.
const CHUNKS_PER_GROUP: usize = 20;

#[derive(Properties, PartialEq)]
struct ChunkProps {
    text: AttrValue,
    /// Plain text until its batch comes.
    coloured: bool,
}

/// A run of HCL lines up to a blank line (mostly one block), redrawn only when its text changed,
/// and laid out only when its group is on screen (`.hcl-group` in the style sheet). A move changes only the
/// metadata line at the end; laying out all 12,000 highlighted lines of a 1,000-resource design
/// again each time took half a second.
#[function_component(HclChunk)]
fn hcl_chunk(props: &ChunkProps) -> Html {
    if !props.coloured {
        return html! { <span class="hcl-chunk">{ props.text.clone() }</span> };
    }
    html! { <span class="hcl-chunk">{ for props.text.lines().map(highlight) }</span> }
}

/// One line of HCL with its parts marked for colour: comments, block keywords, argument names,
/// strings and literals. Display only: the text is unchanged (copy and download use it as is).
fn highlight(line: &str) -> Html {
    let span =
        |class: &'static str, text: &str| html! { <span class={class}>{ text.to_string() }</span> };
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    if trimmed.starts_with('#') {
        return html! { <>{ indent.to_string() }{ span("c", trimmed) }{ "\n" }</> };
    }
    let mut parts: Vec<Html> = vec![html! { { indent.to_string() } }];
    let mut rest = trimmed;
    // The first word: a block keyword at the left margin, an argument name before " = ".
    let word_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if word_end > 0 {
        let (word, after) = rest.split_at(word_end);
        let class = if indent.is_empty() && (after.starts_with(" \"") || after.starts_with(" {")) {
            "k"
        } else if after.trim_start().starts_with('=') {
            "a"
        } else {
            ""
        };
        parts.push(if class.is_empty() {
            html! { { word.to_string() } }
        } else {
            span(class, word)
        });
        rest = after;
    }
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix('"') {
            // A string up to its unescaped closing quote.
            let mut end = body.len();
            let mut escaped = false;
            for (i, c) in body.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = i;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let close = (end + 2).min(rest.len());
            parts.push(span("s", &rest[..close]));
            rest = &rest[close..];
        } else {
            let next = rest.find('"').unwrap_or(rest.len());
            let (plain, after) = rest.split_at(next);
            for (i, token) in plain.split(' ').enumerate() {
                if i > 0 {
                    parts.push(html! { { " " } });
                }
                let literal = token == "true"
                    || token == "false"
                    || (!token.is_empty() && token.chars().all(|c| c.is_ascii_digit() || c == '-'));
                parts.push(if literal {
                    span("l", token)
                } else {
                    html! { { token.to_string() } }
                });
            }
            rest = after;
        }
    }
    parts.push(html! { { "\n" } });
    html! { <>{ for parts }</> }
}
