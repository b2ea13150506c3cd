//! The autosave versions dialog: what this browser kept, newest first, each openable in one
//! click (undoably). Which versions exist is `crate::saves`; reading them is `persist`.

use super::persist;
use super::store::{Action, Notice};
use crate::saves;
use std::rc::Rc;
use yew::prelude::*;

/// The dialog; a click outside it, Escape or Close closes it, and opening a version does too.
pub fn dialog(this_tab: &str, dispatch: &Callback<Action>, on_close: Callback<()>) -> Html {
    let close = on_close.reform(|_: MouseEvent| ());
    let keep_open = Callback::from(|e: MouseEvent| e.stop_propagation());
    let rows: Vec<Html> = saves::newest_first(persist::versions())
        .into_iter()
        .map(|version| {
            let when = persist::local_time(version.saved);
            let whose = if version.key.tab == this_tab { "this tab" } else { "another tab or an earlier visit" };
            if !version.readable {
                return html! {
                    <li class="version unreadable">
                        <span class="version-name">{ "Made by a newer VPC Planner" }</span>
                        <span class="version-meta">{ format!("saved {when} · kept untouched: reload the page to get the latest version") }</span>
                    </li>
                };
            }
            match persist::open_version(&version.key) {
                Ok(design) => {
                    let items = design.vpcs.len() + design.subnets.len() + design.nodes.len() + design.flows.len();
                    let name = if design.name.trim().is_empty() { "Untitled design".to_string() } else { design.name.clone() };
                    let onclick = {
                        let (dispatch, on_close, design) = (dispatch.clone(), on_close.clone(), Rc::new(design));
                        let when = when.clone();
                        Callback::from(move |_: MouseEvent| {
                            on_close.emit(());
                            dispatch.emit(Action::Open {
                                design: (*design).clone(),
                                notice: Some(Notice::info(format!("Opened the version saved {when}. Undo (Ctrl+Z) brings back the design you had."))),
                            });
                        })
                    };
                    html! {
                        <li class="version">
                            <span class="version-name">{ name }</span>
                            <span class="version-meta">{ format!("saved {when} · {items} items · {whose}") }</span>
                            <button type="button" {onclick}>{ "Open" }</button>
                        </li>
                    }
                }
                Err(e) => html! {
                    <li class="version unreadable">
                        <span class="version-name">{ "Could not be read" }</span>
                        <span class="version-meta">{ format!("saved {when} · {e}") }</span>
                    </li>
                },
            }
        })
        .collect();
    html! {
        <div class="modal-backdrop" onclick={close.clone()}>
            <div class="modal versions" role="dialog" aria-modal="true" aria-labelledby="versions-heading" onclick={keep_open}>
                <h2 id="versions-heading">{ "Autosaved versions" }</h2>
                <p class="hint">{ format!(
                    "This browser keeps the last {} versions of your work: a new one every {} minutes of editing, whenever another design is opened, and one for each tab. Opening one replaces the canvas; Undo brings your design back.",
                    saves::KEEP, saves::VERSION_SPAN_MS / 60_000
                ) }</p>
                if rows.is_empty() {
                    <p>{ "Nothing is saved yet: versions appear once you change the design." }</p>
                } else {
                    <ul class="version-list">{ for rows }</ul>
                }
                <button type="button" class="primary" onclick={close} autofocus=true>{ "Close" }</button>
            </div>
        </div>
    }
}
