//! Where the design lives outside memory: the URL fragment, the browser's localStorage, and
//! the example a fresh browser opens with. Called from effects, never from the reducer.

use super::store::Notice;
use crate::model::design::Design;
use crate::model::{document, share};

pub const AUTOSAVE_KEY: &str = "vpc-planner.autosave";
/// The autosave as it was before a shared link replaced it, so opening a link loses nothing.
pub const BEFORE_LINK_KEY: &str = "vpc-planner.autosave.before-link";
/// An autosave this version could not read, kept untouched for a newer version or for support.
pub const UNREADABLE_KEY: &str = "vpc-planner.autosave.unreadable";

/// The design a fresh browser opens with: the gallery's first template.
pub fn first_example() -> Option<Design> {
    document::from_json(crate::gallery::FIRST).ok()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value; the error says why the browser refused (storage full, disabled).
fn write(key: &str, value: &str) -> Result<(), String> {
    let storage = storage().ok_or("this browser does not allow storage for this page")?;
    storage.set_item(key, value).map_err(|_| "the browser's storage for this page is full".to_string())
}

/// The fragment of the page's URL, without `#`.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Puts the design's link into the address bar without adding a history entry.
pub fn write_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if current_fragment() == fragment {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// The page URL with `fragment`, for sharing.
pub fn link_for(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Saves the design; the error is a message for the user.
pub fn autosave(design: &Design) -> Result<(), String> {
    write(AUTOSAVE_KEY, &document::to_json_compact(design)).map_err(|why| format!("Autosave failed: {why}. Copy the link or download main.tf to keep your work."))
}

/// The design to start with, and a notice about how it was chosen: the link in the URL if it
/// opens, else the autosave, else the first example.
pub fn initial() -> (Design, Option<Notice>) {
    let fragment = current_fragment();
    let mut link_error = None;
    if !fragment.is_empty() {
        match share::decode(&fragment) {
            Ok(design) => {
                // Keep the local work the link replaces.
                if let Some(saved) = read(AUTOSAVE_KEY) {
                    if saved != document::to_json_compact(&design) {
                        let _ = write(BEFORE_LINK_KEY, &saved);
                    }
                }
                return (design, None);
            }
            Err(e) => link_error = Some(format!("This link could not be opened: {e}.")),
        }
    }
    let mut autosave_error = None;
    if let Some(saved) = read(AUTOSAVE_KEY) {
        match document::from_json(&saved) {
            Ok(design) => {
                let notice = link_error.map(|l| Notice::error(format!("{l} Your autosaved design is shown instead.")));
                return (design, notice);
            }
            Err(e) => {
                let _ = write(UNREADABLE_KEY, &saved);
                autosave_error = Some(format!("Your autosaved design could not be read ({e}); it is kept aside in this browser."));
            }
        }
    }
    let parts: Vec<String> = link_error.into_iter().chain(autosave_error).collect();
    let notice = (!parts.is_empty()).then(|| Notice::error(format!("{} An example design is shown instead.", parts.join(" "))));
    let design = first_example().unwrap_or_else(|| Design::empty("us-east-1"));
    (design, notice)
}
