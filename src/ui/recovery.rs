//! What the user sees if the app panics: instead of a page that stops answering, a screen
//! that offers the design as it was (a download) and a reload with the newest autosave. It is
//! drawn with plain DOM calls and links, because after a panic the wasm can no longer run
//! event handlers: both offers work without it.

use crate::model::design::Design;
use crate::model::document;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

thread_local! {
    /// The design as last rendered, for the download.
    static LATEST: RefCell<Option<Rc<Design>>> = const { RefCell::new(None) };
    static SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Keeps the design the app is showing, for the recovery screen (a pointer copy, no work).
pub fn remember(design: Rc<Design>) {
    LATEST.with(|latest| {
        if let Ok(mut latest) = latest.try_borrow_mut() {
            *latest = Some(design);
        }
    });
}

/// The name of the window event that makes the app panic, so the end-to-end tests can see the
/// recovery screen. Only script already running in the page can send it: a link cannot.
pub const CRASH_TEST_EVENT: &str = "vpc-planner:crash-test";

/// Installs the panic hook (the panic still goes to the console as before) and the crash test.
pub fn install() {
    // Through Yew: its renderer installs its own hook unless one is given this way.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    gloo::events::EventListener::new(&gloo::utils::window(), CRASH_TEST_EVENT, |_| {
        panic!("crash test: the page sent {CRASH_TEST_EVENT}");
    })
    .forget();
}

fn show(message: &str) {
    if SHOWN.with(|shown| shown.replace(true)) {
        return;
    }
    let _ = draw(message);
}

fn draw(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    // Text goes in as text: a hostile design name in the message stays inert.
    let element = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        if !text.is_empty() {
            el.set_text_content(Some(text));
        }
        Some(el)
    };
    let overlay = element("div", "recovery", "")?;
    overlay.set_attribute("role", "alertdialog").ok()?;
    overlay
        .set_attribute("aria-labelledby", "recovery-heading")
        .ok()?;
    let panel = element("div", "recovery-box", "")?;
    let heading = element("h1", "", "VPC Planner stopped working")?;
    heading.set_id("recovery-heading");
    panel.append_child(&heading).ok()?;
    let intro = element(
        "p",
        "",
        "Something went wrong inside the app, and it cannot go on in this page. Your work is not lost:",
    )?;
    panel.append_child(&intro).ok()?;

    let actions = element("div", "recovery-actions", "")?;
    let json = LATEST.with(|latest| {
        latest
            .try_borrow()
            .ok()
            .and_then(|d| d.as_ref().map(|d| document::to_json_pretty(d)))
    });
    if let Some(json) = json {
        let url = gloo::file::ObjectUrl::from(gloo::file::Blob::new_with_options(
            json.as_str(),
            Some("application/json"),
        ));
        let download = element("a", "primary", "Download the current design")?;
        download.set_attribute("href", &url).ok()?;
        download.set_attribute("download", "design.json").ok()?;
        actions.append_child(&download).ok()?;
        // The page is done for: the URL lives as long as it does.
        std::mem::forget(url);
    }
    // The page without its fragment opens the newest autosaved version (a link in the fragment
    // may be what broke it).
    let location = web_sys::window()?.location();
    let page = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let reload = element("a", "", "Reload the last autosave")?;
    reload.set_attribute("href", &page).ok()?;
    actions.append_child(&reload).ok()?;
    panel.append_child(&actions).ok()?;
    let explain = element(
        "p",
        "",
        "The download is the design as it was when the app stopped. Reloading opens the newest autosaved version; older ones are under Versions.",
    )?;
    panel.append_child(&explain).ok()?;
    let details = element("details", "", "")?;
    let summary = element("summary", "", "Technical details")?;
    details.append_child(&summary).ok()?;
    let pre = element("pre", "", message)?;
    details.append_child(&pre).ok()?;
    panel.append_child(&details).ok()?;
    overlay.append_child(&panel).ok()?;
    document.body()?.append_child(&overlay).ok()?;
    Some(())
}
