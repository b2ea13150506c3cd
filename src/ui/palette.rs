//! The palette: one button per thing a user can add. Drag a button onto the canvas to place
//! it there, or press it (mouse or keyboard) to add it where it fits.

use super::icons;
use crate::model::palette::{self, Entry};
use yew::prelude::*;

/// The palette. `on_drag_start`: a drag from a palette button started at these client
/// coordinates; `on_add`: a palette button was pressed without dragging. A plain function, not a
/// component: a component costs its own copy of Yew's lifecycle code in the bundle, and this one
/// keeps no state.
pub fn palette_panel(
    on_drag_start: &Callback<(Entry, i32, i32)>,
    on_add: &Callback<Entry>,
) -> Html {
    let sections = palette::sections();
    html! {
        <aside class="palette" aria-labelledby="palette-heading">
            <h2 id="palette-heading">{ "Palette" }</h2>
            <p class="hint">{ "Drag onto the canvas, or press to add" }</p>
            { for sections.into_iter().map(|(title, entries)| html! {
                <section class="palette-section" aria-label={title}>
                    <h3>{ title }</h3>
                    <ul>
                        { for entries.into_iter().map(|entry| {
                            let on_drag_start = on_drag_start.clone();
                            let down = Callback::from(move |e: PointerEvent| {
                                if e.button() == 0 {
                                    // Keep the browser from starting a text selection while dragging.
                                    e.prevent_default();
                                    on_drag_start.emit((entry, e.client_x(), e.client_y()));
                                }
                            });
                            let on_add = on_add.clone();
                            let click = Callback::from(move |_: MouseEvent| on_add.emit(entry));
                            html! {
                                <li>
                                    <button type="button" class="palette-item" aria-label={entry.label()} data-entry={entry.token()}
                                        onpointerdown={down} onclick={click}>
                                        { icons::small(icons::entry_glyph(entry)) }
                                        <span>{ entry.label() }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
        </aside>
    }
}
