//! Small browser services: downloading a file, copying text, reading where the focus is.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_bytes(name, mime, text.as_bytes())
}

/// Offers `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("the browser refused to create a download link")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoke the object URL only after the browser has started the download.
    timer(10_000, Box::new(move || drop(url))).forget();
    Ok(())
}

/// Runs `work` once, `ms` milliseconds from now; dropping the returned timer cancels it. The
/// app's one timer: each closure type handed to gloo's `Timeout` is a copy of its glue in the
/// bundle.
pub fn timer(ms: u32, work: Box<dyn FnOnce()>) -> gloo::timers::callback::Timeout {
    gloo::timers::callback::Timeout::new(ms, work)
}

/// Copies text to the clipboard; the browser may refuse (no permission, not focused).
pub fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Is a text field focused (so Delete and Ctrl+Z belong to it, not to the canvas)?
pub fn typing_in_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    matches!(
        el.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select"
    ) || el
        .get_attribute("contenteditable")
        .is_some_and(|v| v != "false")
}

/// Moves keyboard focus to the first element matching a CSS selector, if there is one (a menu
/// or dialog that just opened).
pub fn focus_first(selector: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
