//! The template gallery: a dialog of cards, one per template of `crate::gallery::TEMPLATES`.
//! Picking one fetches its file (served beside the app) and opens it as one undoable step; a
//! failed fetch or an unreadable file is a notice, and the design stays as it was.

use super::store::{Action, Notice};
use crate::gallery::{TEMPLATES, Template};
use crate::model::document;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    pub dispatch: Callback<Action>,
    pub on_close: Callback<()>,
}

#[function_component(Gallery)]
pub fn gallery(props: &GalleryProps) -> Html {
    // The template being fetched, so its card says so and a second click does nothing.
    let loading = use_state(|| None::<&'static str>);
    let close = props.on_close.reform(|_: MouseEvent| ());
    let keep_open = Callback::from(|e: MouseEvent| e.stop_propagation());
    let cards = TEMPLATES.iter().map(|t: &'static Template| {
        let (dispatch, on_close, loading) = (props.dispatch.clone(), props.on_close.clone(), loading.clone());
        let busy = *loading == Some(t.file);
        let onclick = Callback::from(move |_: MouseEvent| {
            if loading.is_some() {
                return;
            }
            loading.set(Some(t.file));
            let (dispatch, on_close, loading) = (dispatch.clone(), on_close.clone(), loading.clone());
            fetch_text(&format!("examples/{}", t.file), move |result| {
                loading.set(None);
                match result.and_then(|text| document::from_json(&text).map_err(|e| e.to_string())) {
                    Ok(design) => {
                        on_close.emit(());
                        dispatch.emit(Action::Open {
                            design,
                            notice: Some(Notice::info(format!("Template “{}” opened. Undo (Ctrl+Z) brings your previous design back.", t.title))),
                        });
                    }
                    Err(why) => dispatch.emit(Action::Notify(Notice::error(format!("The template “{}” could not be opened: {why}. Your design is unchanged.", t.title)))),
                }
            });
        });
        html! {
            <li>
                <button type="button" class="template-card" {onclick} aria-busy={busy.to_string()}>
                    <span class="template-title">{ t.title }</span>
                    <span class="template-description">{ t.description }</span>
                    if busy { <span class="template-loading">{ "Opening…" }</span> }
                </button>
            </li>
        }
    });
    html! {
        <div class="modal-backdrop" onclick={close.clone()}>
            <div class="modal gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-heading" onclick={keep_open}>
                <h2 id="gallery-heading">{ "Templates" }</h2>
                <p class="hint">{ "Real designs the planner checks, traces and prices. Opening one replaces the canvas; Undo brings your design back." }</p>
                <ul class="template-grid">{ for cards }</ul>
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}

/// GETs a file of the site as text (no futures runtime in the bundle: the promise's callbacks).
fn fetch_text(url: &str, done: impl FnOnce(Result<String, String>) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = move |result: Result<String, String>| {
        if let Some(f) = done.borrow_mut().take() {
            f(result);
        }
    };
    let Some(window) = web_sys::window() else {
        return finish(Err("no browser window".into()));
    };
    let failed = {
        let finish = finish.clone();
        Closure::once(move |_: JsValue| {
            finish(Err("the file could not be fetched (offline?)".into()))
        })
    };
    let read = {
        let finish = finish.clone();
        Closure::once(move |response: JsValue| {
            let Ok(response) = response.dyn_into::<web_sys::Response>() else {
                return finish(Err("no response".into()));
            };
            if !response.ok() {
                return finish(Err(format!("the server answered {}", response.status())));
            }
            let Ok(text) = response.text() else {
                return finish(Err("the response could not be read".into()));
            };
            let (got, lost) = (finish.clone(), finish);
            let on_text = Closure::once(move |text: JsValue| {
                got(text
                    .as_string()
                    .ok_or_else(|| "the file is not text".to_string()))
            });
            let on_fail =
                Closure::once(move |_: JsValue| lost(Err("the response could not be read".into())));
            let _ = text.then2(&on_text, &on_fail);
            on_text.forget();
            on_fail.forget();
        })
    };
    let _ = window.fetch_with_str(url).then2(&read, &failed);
    read.forget();
    failed.forget();
}
