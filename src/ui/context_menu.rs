//! The right-click menu: the actions that fit what was clicked, at the pointer. Which actions
//! those are is decided by the app (it knows the store and the view); this draws them.

use super::floating::Floating;
use yew::prelude::*;

pub struct Entry {
    pub label: String,
    /// The shortcut that does the same, shown beside the label.
    pub keys: &'static str,
    pub run: Callback<()>,
}

/// The menu at client pixels `at`; choosing an entry runs it and closes the menu.
pub fn menu(at: (i32, i32), title: &str, entries: Vec<Entry>, on_close: Callback<()>) -> Html {
    let rows = entries.into_iter().map(|entry| {
        let (run, on_close) = (entry.run, on_close.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            on_close.emit(());
            run.emit(());
        });
        html! {
            <button type="button" role="menuitem" {onclick}>
                <span>{ entry.label }</span>
                if !entry.keys.is_empty() { <kbd>{ entry.keys }</kbd> }
            </button>
        }
    });
    // Kept inside the window: a menu opened near the right or bottom edge opens leftwards/upwards.
    let left = format!("min({}px, calc(100vw - 16rem))", at.0);
    let top = format!("min({}px, calc(100vh - 20rem))", at.1);
    html! {
        <div class="menu-backdrop" onpointerdown={on_close.reform(|_: PointerEvent| ())}
            oncontextmenu={Callback::from(|e: MouseEvent| e.prevent_default())}>
            <Floating class="context-menu" role="menu" aria_label={title.to_string()} {left} {top}
                onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>
                <div class="menu-title">{ title.to_string() }</div>
                { for rows }
            </Floating>
        </div>
    }
}
