//! The editor's one store for Yew: the pure state machine of `crate::editor` behind
//! `use_reducer`. Every change goes through `Action`; the reducer asks the model what a change
//! means.

pub use crate::editor::{Action, Editor, Notice, NoticeKind, capitalise};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match Editor::reduce(&self, action) {
            Some(next) => Rc::new(next),
            // Unchanged: the same Rc, so nothing re-renders.
            None => self,
        }
    }
}

pub type EditorHandle = UseReducerHandle<Editor>;
