//! The header: undo and redo, new, templates, open and save, pictures, and the share link.

use super::dom;
use super::import;
use super::store::{Action, EditorHandle, Notice};
use crate::model::document;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub editor: EditorHandle,
    /// The canvas's SVG, for the picture downloads.
    pub svg_ref: NodeRef,
    /// Open the template gallery.
    pub on_templates: Callback<()>,
    /// Opens the autosaved versions.
    pub on_versions: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let editor = &props.editor;
    let dispatch = editor.dispatcher().to_callback();
    let link = use_state(|| None::<String>);

    let undo = dispatch.reform(|_: MouseEvent| Action::Undo);
    let redo = dispatch.reform(|_: MouseEvent| Action::Redo);
    let copy_link = {
        let design = editor.design.clone();
        let dispatch = dispatch.clone();
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            // The link is written by the background worker, which holds the compressor.
            let shown = {
                let dispatch = dispatch.clone();
                let link = link.clone();
                Callback::from(move |url: String| {
                    dom::copy_text(&url);
                    dispatch.emit(Action::Notify(Notice::info(format!("Link copied to the clipboard ({} characters). Anyone who opens it sees this design.", url.len()))));
                    link.set(Some(url));
                })
            };
            super::worker::copy_link(&design, &dispatch, shown);
        })
    };
    let close_link = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| link.set(None))
    };
    let new_design = {
        let dispatch = dispatch.clone();
        let region = editor.design.region.clone();
        Callback::from(move |_: MouseEvent| {
            let design = crate::model::design::Design::empty(&region);
            dispatch.emit(Action::Open {
                design,
                notice: Some(Notice::info(
                    "New design. Undo (Ctrl+Z) brings the previous one back.",
                )),
            });
        })
    };
    let save = {
        let design = editor.design.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = dom::download(
                "design.json",
                "application/json",
                &document::to_json_pretty(&design),
            ) {
                dispatch.emit(Action::Notify(Notice::error(format!(
                    "Download failed: {e}"
                ))));
            }
        })
    };
    // The whole diagram as a picture: SVG as drawn, PNG at twice the size.
    let picture = |png: bool| {
        let design = editor.design.clone();
        let dispatch = dispatch.clone();
        let svg_ref = props.svg_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let fail = |dispatch: &Callback<Action>, why: String| {
                dispatch.emit(Action::Notify(Notice::error(format!(
                    "The picture could not be made: {why}"
                ))))
            };
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let (text, w, h) = match super::picture::svg_document(&svg, &design) {
                Ok(made) => made,
                Err(why) => return fail(&dispatch, why),
            };
            if !png {
                if let Err(why) = dom::download(
                    &super::picture::file_name(&design, "svg"),
                    "image/svg+xml",
                    &text,
                ) {
                    fail(&dispatch, why);
                }
                return;
            }
            let (name, dispatch) = (super::picture::file_name(&design, "png"), dispatch.clone());
            super::picture::png(text, w, h, move |made| match made {
                Ok((bytes, reduced)) => {
                    if let Err(why) = dom::download_bytes(&name, "image/png", &bytes) {
                        fail(&dispatch, why);
                    } else if reduced {
                        dispatch.emit(Action::Notify(Notice::warning("The diagram is too large for a PNG at twice its size; it was drawn smaller. The SVG has it at full size.")));
                    }
                }
                Err(why) => fail(&dispatch, why),
            });
        })
    };
    let open_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            // The same path as a design JSON dropped on the canvas.
            import::open_file(file, false, dispatch.clone());
        })
    };

    html! {
        <header class="toolbar">
            <h1>{ "VPC Planner" }</h1>
            <span class="design-name" title={editor.design.name.clone()}>{ editor.design.name.chars().take(80).collect::<String>() }</span>
            <div class="tools" role="toolbar" aria-label="Design">
                <button type="button" onclick={undo} disabled={!editor.history.can_undo()} title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button type="button" onclick={redo} disabled={!editor.history.can_redo()} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <button type="button" onclick={new_design}>{ "New" }</button>
                <button type="button" onclick={props.on_templates.reform(|_: MouseEvent| ())} title="Open a template design">{ "Templates" }</button>
                <button type="button" onclick={props.on_versions.reform(|_: MouseEvent| ())} title="Autosaved versions of your work">{ "Versions" }</button>
                <label class="button">
                    { "Open…" }
                    <input type="file" accept=".json,application/json" class="visually-hidden" aria-label="Open a design file" onchange={open_file} />
                </label>
                <button type="button" onclick={save}>{ "Save design.json" }</button>
                <button type="button" onclick={picture(false)} aria-label="Download the diagram as SVG" title="The whole diagram as an SVG picture">{ "SVG" }</button>
                <button type="button" onclick={picture(true)} aria-label="Download the diagram as PNG" title="The whole diagram as a PNG picture, at twice its size">{ "PNG" }</button>
                <button type="button" class="primary" onclick={copy_link}>{ "Copy link" }</button>
            </div>
            if let Some(url) = (*link).clone() {
                <div class="link-popover" role="dialog" aria-label="Share link">
                    <label for="share-link">{ "Share link" }</label>
                    <input id="share-link" type="text" readonly=true value={url} />
                    <button type="button" onclick={close_link}>{ "Close" }</button>
                </div>
            }
        </header>
    }
}
