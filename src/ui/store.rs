//! The editor's one store: the design, its undo history, the selection and the current notice.
//! Every change goes through `Action`; the reducer asks the model what a change means.

use crate::model::design::{Design, FlowTarget, Id, Point};
use crate::model::edit::{self, Edit, History};
use crate::model::{layout, palette};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    /// Done, but not all of it (an import that left blocks out).
    Warning,
    Error,
}

/// A message for the user that stays until dismissed or replaced. Its text may hold several
/// lines (what an import left out, one a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Info, text: text.into() }
    }

    pub fn warning(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Warning, text: text.into() }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Error, text: text.into() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pub design: Rc<Design>,
    pub history: History,
    pub selection: Option<Id>,
    pub notice: Option<Notice>,
}

pub enum Action {
    /// One undoable step.
    Apply(Edit),
    Undo,
    Redo,
    Select(Option<Id>),
    /// Create a palette entry at a canvas point, or somewhere sensible when there is none.
    Create { entry: palette::Entry, at: Option<Point> },
    /// Draw a flow from a node to another node or the internet.
    Connect { from: Id, to: FlowTarget },
    /// Finish dragging items by (dx, dy) canvas units.
    Move { ids: Vec<Id>, dx: i32, dy: i32 },
    DeleteSelection,
    /// Replace the whole design (an example, a link), undoably.
    Open { design: Design, notice: Option<Notice> },
    Notify(Notice),
    DismissNotice,
}

impl Editor {
    pub fn new(design: Design, notice: Option<Notice>) -> Editor {
        Editor { design: Rc::new(design), history: History::default(), selection: None, notice }
    }

    /// The state after applying `edit`, or with an error notice if it could not apply.
    fn with_edit(&self, edit: Edit, select: Option<Option<Id>>) -> Editor {
        let mut next = self.clone();
        let mut design = (*self.design).clone();
        match next.history.apply(&mut design, edit) {
            Ok(()) => {
                next.design = Rc::new(design);
                if let Some(selection) = select {
                    next.selection = selection;
                }
                next.drop_stale_selection();
                // A successful action clears an earlier complaint about placement.
                if matches!(next.notice, Some(Notice { kind: NoticeKind::Error, .. })) {
                    next.notice = None;
                }
            }
            Err(e) => next.notice = Some(Notice::error(e.to_string())),
        }
        next
    }

    fn drop_stale_selection(&mut self) {
        let gone = self.selection.as_deref().is_some_and(|id| !self.design.ids().any(|x| x == id));
        if gone {
            self.selection = None;
        }
    }
}

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Apply(edit) => Rc::new(self.with_edit(edit, None)),
            Action::Undo | Action::Redo => {
                let mut next = (*self).clone();
                let mut design = (*self.design).clone();
                let done = match action {
                    Action::Undo => next.history.undo(&mut design),
                    _ => next.history.redo(&mut design),
                };
                if !done {
                    return self;
                }
                next.design = Rc::new(design);
                next.drop_stale_selection();
                Rc::new(next)
            }
            Action::Select(id) => {
                if self.selection == id {
                    return self;
                }
                let mut next = (*self).clone();
                next.selection = id;
                Rc::new(next)
            }
            Action::Create { entry, at } => {
                let made = match at {
                    Some(p) => palette::create(&self.design, entry, p),
                    None => palette::create_somewhere(&self.design, entry, self.selection.as_deref()),
                };
                match made {
                    Ok((edit, id)) => Rc::new(self.with_edit(edit, Some(Some(id)))),
                    Err(e) => Rc::new(Editor { notice: Some(Notice::error(capitalise(&e.to_string()))), ..(*self).clone() }),
                }
            }
            Action::Connect { from, to } => match edit::connect(&self.design, &from, &to) {
                Ok((edit, id)) => Rc::new(self.with_edit(edit, Some(Some(id)))),
                Err(message) => Rc::new(Editor { notice: Some(Notice::error(capitalise(&message))), ..(*self).clone() }),
            },
            Action::Move { ids, dx, dy } => {
                if dx == 0 && dy == 0 {
                    return self;
                }
                match layout::drag(&self.design, &ids, dx, dy) {
                    Ok(edit) => Rc::new(self.with_edit(edit, None)),
                    Err(e) => Rc::new(Editor { notice: Some(Notice::error(capitalise(&e.to_string()))), ..(*self).clone() }),
                }
            }
            Action::DeleteSelection => match &self.selection {
                Some(id) => {
                    let edit = edit::delete(&self.design, std::slice::from_ref(id));
                    Rc::new(self.with_edit(edit, Some(None)))
                }
                None => self,
            },
            Action::Open { design, notice } => {
                let mut next = self.with_edit(Edit::ReplaceDesign(Box::new(design)), Some(None));
                next.notice = notice;
                Rc::new(next)
            }
            Action::Notify(notice) => Rc::new(Editor { notice: Some(notice), ..(*self).clone() }),
            Action::DismissNotice => {
                if self.notice.is_none() {
                    return self;
                }
                Rc::new(Editor { notice: None, ..(*self).clone() })
            }
        }
    }
}

pub type EditorHandle = UseReducerHandle<Editor>;

/// The model's messages and verdicts start with an English word; an ASCII upper case keeps
/// core's Unicode case tables out of the bundle (anything else is left as it is).
pub fn capitalise(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}
