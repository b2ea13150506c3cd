//! Files the user hands the app (the toolbar's Open…, the Terraform panel's Import .tf…, a drop
//! on the canvas): a design JSON opens here; Terraform goes to the import worker
//! (src/bin/import_worker.rs, a wasm of its own with the HCL parser), created on the first
//! import so that the app's start bundle never carries the parser. Either way the result is one
//! `Action::Open` (one undo step) or a notice, and the current design is kept on any failure.
//! The worker writes the notice texts; kept small here, since this side loads with the app.

use super::store::{Action, Notice};
use crate::model::document;
use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

thread_local! {
    /// The file being read; dropping a reader cancels it, so it is kept until the next one.
    static READING: RefCell<Option<FileReader>> = const { RefCell::new(None) };
    static IMPORTER: RefCell<Option<Importer>> = const { RefCell::new(None) };
}

/// Reads a file and opens it: as Terraform through the import worker, or as a design JSON.
pub fn open_file(file: web_sys::File, terraform: bool, dispatch: Callback<Action>) {
    let file = gloo::file::File::from(file);
    let name = file.name();
    let task = gloo::file::callbacks::read_as_text(&file, move |result| {
        let opened = match result {
            Ok(text) if terraform => return import(&name, &text, dispatch),
            Ok(text) => document::from_json(&text).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        dispatch.emit(match opened {
            Ok(design) => Action::Open { design, notice: Some(Notice::info(format!("Opened {name}. Undo (Ctrl+Z) brings your previous design back."))) },
            Err(e) => Action::Notify(Notice::error(format!("{name} could not be opened: {e}. Your design is unchanged."))),
        });
    });
    READING.with(|r| *r.borrow_mut() = Some(task));
}

/// The import worker. Answers go to `dispatch`, the store's (the same for every import).
struct Importer {
    worker: web_sys::Worker,
    dispatch: Callback<Action>,
    /// The worker failed to load or stopped; the next import starts a new one.
    broken: bool,
    _listeners: [EventListener; 2],
}

/// Why an import failed when the worker could not start or stopped (the console says more).
const STOPPED: &str = "The Terraform importer failed to load or stopped. Your design is unchanged.";

fn import(name: &str, text: &str, dispatch: Callback<Action>) {
    let posted = IMPORTER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_none_or(|i| i.broken) {
            *slot = Some(Importer::start(dispatch.clone())?);
        }
        let importer = slot.as_mut().ok_or(JsValue::NULL)?;
        importer.dispatch = dispatch.clone();
        let message: js_sys::Array = [name, text].into_iter().map(JsValue::from_str).collect();
        importer.worker.post_message(&message)
    });
    dispatch.emit(Action::Notify(match posted {
        Ok(()) => Notice::info(format!("Importing {name}…")),
        Err(_) => Notice::error(STOPPED),
    }));
}

impl Importer {
    fn start(dispatch: Callback<Action>) -> Result<Importer, JsValue> {
        // The worker's loader (static/import-worker.js), beside index.html.
        let worker = web_sys::Worker::new("import-worker.js")?;
        let on_message = EventListener::new(&worker, "message", |e| {
            let Some(data) = e.dyn_ref::<web_sys::MessageEvent>().map(|m| m.data()) else { return };
            let action = answer(&data);
            // Emitted outside the borrow: the reducer may run at once.
            if let Some(dispatch) = IMPORTER.with(|slot| slot.borrow().as_ref().map(|i| i.dispatch.clone())) {
                dispatch.emit(action);
            }
        });
        let on_error = EventListener::new(&worker, "error", |_| {
            // Marked broken rather than dropped here: this listener belongs to it.
            let dispatch = IMPORTER.with(|slot| {
                slot.borrow_mut().as_mut().map(|i| {
                    i.worker.terminate();
                    i.broken = true;
                    i.dispatch.clone()
                })
            });
            if let Some(dispatch) = dispatch {
                dispatch.emit(Action::Notify(Notice::error(STOPPED)));
            }
        });
        Ok(Importer { worker, dispatch, broken: false, _listeners: [on_message, on_error] })
    }
}

/// The worker's answer, `[kind, notice, design JSON]`, as the action that opens the design.
fn answer(data: &JsValue) -> Action {
    let parts = js_sys::Array::from(data);
    let part = |i| parts.get(i).as_string().unwrap_or_default();
    let text = part(1);
    let notice = match part(0).as_str() {
        "info" => Notice::info(text),
        "warning" => Notice::warning(text),
        _ => return Action::Notify(Notice::error(text)),
    };
    // The design comes in the app's own file format, read and version-checked like any file.
    match document::from_json(&part(2)) {
        Ok(design) => Action::Open { design, notice: Some(notice) },
        Err(e) => Action::Notify(Notice::error(format!("The imported design could not be opened: {e}. Your design is unchanged."))),
    }
}
