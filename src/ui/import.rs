//! Files the user hands the app (the toolbar's Open…, the Terraform panel's Import .tf…, a drop
//! on the canvas): a design JSON opens here; Terraform goes to the importer worker
//! (`worker::import`), so that the app's start bundle never carries the HCL parser. Either way
//! the result is one `Action::Open` (one undo step) or a notice, and the current design is kept
//! on any failure.

use super::store::{Action, Notice};
use super::worker;
use crate::model::document;
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use yew::Callback;

thread_local! {
    /// The file being read; dropping a reader cancels it, so it is kept until the next one.
    static READING: RefCell<Option<FileReader>> = const { RefCell::new(None) };
}

/// Reads a file and opens it: as Terraform through the importer worker, or as a design JSON.
pub fn open_file(file: web_sys::File, terraform: bool, dispatch: Callback<Action>) {
    let file = gloo::file::File::from(file);
    let name = file.name();
    let task = gloo::file::callbacks::read_as_text(&file, move |result| {
        let opened = match result {
            Ok(text) if terraform => return worker::import(&name, &text, dispatch),
            Ok(text) => document::from_json(&text).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        dispatch.emit(match opened {
            Ok(design) => Action::Open {
                design,
                notice: Some(Notice::info(format!(
                    "Opened {name}. Undo (Ctrl+Z) brings your previous design back."
                ))),
            },
            Err(e) => Action::Notify(Notice::error(format!(
                "{name} could not be opened: {e}. Your design is unchanged."
            ))),
        });
    });
    READING.with(|r| *r.borrow_mut() = Some(task));
}
