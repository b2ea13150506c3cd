//! The keyboard and mouse shortcut sheet (press ?). `SHEET` is what the user reads; the keys
//! themselves are handled in `app.rs` (keyboard) and `canvas.rs` (pointer): change them together.

use yew::prelude::*;

/// (keys, what they do), in groups.
pub const SHEET: &[(&str, &[(&str, &str)])] = &[
    (
        "Select",
        &[
            ("Click", "Select an item"),
            (
                "Shift + click",
                "Add the item to the selection, or take it out",
            ),
            (
                "Drag on empty canvas",
                "Select everything inside the band (Shift: add to the selection)",
            ),
            ("Ctrl + A", "Select everything"),
            ("Tab, Enter", "Move between items, select one"),
            ("Escape", "Clear the selection, cancel a drag, close a menu"),
        ],
    ),
    (
        "Edit",
        &[
            (
                "Drag",
                "Move the item and what it holds (a VPC its subnets, a subnet its icons), snapped to the grid of 20",
            ),
            ("Alt while dragging", "Move freely, off the grid"),
            ("Arrow keys", "Nudge by 1 (Shift: by a grid step of 20)"),
            (
                "Delete, Backspace",
                "Delete the selection and what depends on it",
            ),
            (
                "Ctrl + C / Ctrl + X",
                "Copy / cut the selection with what it holds (also to other tabs)",
            ),
            (
                "Ctrl + V",
                "Paste beside the originals, with fresh names and free CIDR blocks",
            ),
            ("Ctrl + D", "Duplicate the selection"),
            ("Ctrl + Z", "Undo"),
            ("Ctrl + Shift + Z, Ctrl + Y", "Redo"),
            ("Right-click", "The actions that fit the item"),
        ],
    ),
    (
        "View",
        &[
            ("Ctrl + wheel, pinch", "Zoom around the pointer"),
            ("+ / −", "Zoom in / out"),
            ("0", "Zoom to 100%"),
            ("Shift + 1", "Fit the whole drawing"),
            ("Wheel, Shift + wheel", "Scroll"),
            ("Space + drag, middle-drag", "Pan"),
            ("?", "This sheet"),
        ],
    ),
];

/// The sheet as a modal dialog; a click outside it, Escape or Close closes it.
pub fn sheet(on_close: Callback<()>) -> Html {
    let close = on_close.reform(|_: MouseEvent| ());
    let keep_open = Callback::from(|e: MouseEvent| e.stop_propagation());
    let groups = SHEET.iter().map(|(group, keys)| {
        html! {
            <section>
                <h3>{ *group }</h3>
                <dl>
                    { for keys.iter().map(|(k, what)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></> }) }
                </dl>
            </section>
        }
    });
    html! {
        <div class="modal-backdrop" onclick={close.clone()}>
            <div class="modal shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-heading" onclick={keep_open}>
                <h2 id="shortcuts-heading">{ "Keyboard and mouse shortcuts" }</h2>
                <div class="shortcut-groups">{ for groups }</div>
                <button type="button" class="primary" onclick={close} autofocus=true>{ "Close" }</button>
            </div>
        </div>
    }
}
