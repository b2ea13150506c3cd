//! The editor's state machine: the design, its undo history, the selection and the current
//! notice, changed only by `Action`s. Pure Rust with no browser types, so the reducer is tested
//! natively (`tests/it/editor.rs`); the browser's store (`ui::store`) only wraps it for Yew.
//! Every change to the design asks the model what it means (an `Edit`, or a refusal that
//! becomes an error notice) and is one undo step.

use crate::model::clipboard::{self, Clip};
use crate::model::design::{Design, FlowTarget, Id, Point, Rect};
use crate::model::edit::{self, Edit, History};
use crate::model::lanes;
use crate::model::layout::{self, NODE_SIZE};
use crate::model::palette;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    /// Done, but not all of it (an import that left blocks out).
    Warning,
    Error,
}

/// A message for the user that stays until dismissed or replaced. Its text may hold several
/// lines (what an import left out, one a line).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// A button beside the text that does one thing (bring back the work a link replaced).
    pub offer: Option<Offer>,
}

/// What a notice's button says and does.
#[derive(Debug, Clone)]
pub struct Offer {
    pub label: String,
    pub action: Rc<Action>,
}

impl PartialEq for Offer {
    // Actions are not comparable (they hold designs); an offer is the same offer only if it is
    // the very same action.
    fn eq(&self, other: &Offer) -> bool {
        self.label == other.label && Rc::ptr_eq(&self.action, &other.action)
    }
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Info,
            text: text.into(),
            offer: None,
        }
    }

    pub fn warning(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Warning,
            text: text.into(),
            offer: None,
        }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Error,
            text: text.into(),
            offer: None,
        }
    }

    pub fn with_offer(self, label: impl Into<String>, action: Action) -> Notice {
        Notice {
            offer: Some(Offer {
                label: label.into(),
                action: Rc::new(action),
            }),
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pub design: Rc<Design>,
    pub history: History,
    /// The selected items in the order they were picked; the last is the one the inspector
    /// and the flow handle follow when several are selected.
    pub selection: Vec<Id>,
    pub notice: Option<Notice>,
    /// What Copy or Cut took last (the system clipboard gets the same as text).
    pub clipboard: Option<Rc<Clip>>,
    /// How many times a whole design was opened over the one before (a template, a file, a
    /// link, New): autosave starts a new version each time, so the replaced one is kept.
    pub opened: u32,
    /// The change being worked out in the worker, if any: the app sends it (`worked` runs
    /// there) and dispatches `Action::Answered` with the answer.
    pub asked: Option<Request>,
    /// How many such changes were asked for: each request's number.
    pub requests: u32,
    /// Changes asked for while another was being worked out (two pastes in a row): each is
    /// asked in turn, of the design the one before left.
    pub waiting: Vec<Work>,
}

/// A change asked of the worker and not yet answered. These are the editing commands whose
/// code the browser's start bundle leaves out (paste and AZ lanes: 21 KB gzip); each answer
/// is one undo step.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Which request (`Editor::requests` when it was made); the answer names it.
    pub id: u32,
    /// The design it changes. An answer that comes after another change to the design is not
    /// applied: it would undo that change.
    pub design: Rc<Design>,
    pub work: Work,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Work {
    /// Paste a clip centred on a canvas point, or beside its originals (`clipboard::paste`).
    Paste { clip: Rc<Clip>, at: Option<Point> },
    /// Mirror a VPC's rows of subnets into one more AZ (`lanes::add_az`).
    AddAz { vpc: Id },
    /// Lay a VPC's subnets out in AZ lanes (`lanes::arrange`).
    Arrange { vpc: Id },
}

/// The design after `work`, and the items to select (the pasted ones; none: keep the
/// selection), or why nothing changed: what the worker answers a `Request` with.
pub fn worked(design: &Design, work: &Work) -> Result<(Design, Vec<Id>), String> {
    let (edit, ids) = match work {
        Work::Paste { clip, at } => {
            clipboard::paste(design, clip, *at).map_err(|e| e.to_string())?
        }
        Work::AddAz { vpc } => {
            let (edit, _) = lanes::add_az(design, vpc).map_err(|e| e.to_string())?;
            (edit, Vec::new())
        }
        Work::Arrange { vpc } => (
            lanes::arrange(design, vpc).map_err(|e| e.to_string())?,
            Vec::new(),
        ),
    };
    let mut after = design.clone();
    edit.apply(&mut after).map_err(|e| e.to_string())?;
    Ok((after, ids))
}

#[derive(Debug, Clone)]
pub enum Action {
    /// One undoable step.
    Apply(Edit),
    /// One undoable step whose new items become the selection (a paste, a duplicate).
    ApplyAndSelect(Edit, Vec<Id>),
    Undo,
    Redo,
    /// Select this one item only, or nothing.
    Select(Option<Id>),
    /// Shift-click: add the item to the selection, or take it out.
    Toggle(Id),
    /// Replace the selection (Ctrl+A, a rubber band).
    SetSelection(Vec<Id>),
    /// Create a palette entry at a canvas point, or somewhere sensible when there is none.
    Create {
        entry: palette::Entry,
        at: Option<Point>,
    },
    /// Draw a flow from a node to another node or the internet.
    Connect {
        from: Id,
        to: FlowTarget,
    },
    /// Finish dragging items by (dx, dy) canvas units.
    Move {
        ids: Vec<Id>,
        dx: i32,
        dy: i32,
    },
    /// Finish dragging a VPC's or subnet's resize handle: its new box.
    Resize {
        id: Id,
        rect: Rect,
    },
    /// Arrow keys: move the selection by (dx, dy).
    Nudge {
        dx: i32,
        dy: i32,
    },
    DeleteSelection,
    /// Copy the selection (and what it carries) to the editor's clipboard.
    Copy,
    /// Copy, then delete, as one undo step for the deletion.
    Cut,
    /// Paste the editor's clipboard, centred on a canvas point or beside the originals.
    Paste {
        at: Option<Point>,
    },
    /// Paste a clip read from the system clipboard (another tab, another design).
    PasteClip {
        clip: Rc<Clip>,
        at: Option<Point>,
    },
    /// Copy and paste beside the originals in one step.
    Duplicate,
    /// Mirror a VPC's rows of subnets into one more AZ.
    AddAz(Id),
    /// Lay a VPC's subnets out in AZ lanes.
    Arrange(Id),
    /// The answer to request `id` (see `Request`): the changed design and the items to select,
    /// or why nothing changed.
    Answered {
        id: u32,
        result: Result<(Design, Vec<Id>), String>,
    },
    /// Replace the whole design (a template, a link, a file), undoably.
    Open {
        design: Design,
        notice: Option<Notice>,
    },
    Notify(Notice),
    DismissNotice,
}

impl Action {
    /// What the model answered as an action: its edit as one step, or its refusal as the notice.
    pub fn edit_or_refusal(answer: Result<Edit, String>) -> Action {
        match answer {
            Ok(edit) => Action::Apply(edit),
            Err(message) => Action::Notify(Notice::error(capitalise(&message))),
        }
    }
}

/// Everything selectable on the canvas whose drawn box lies wholly inside `band`: VPCs,
/// subnets and icons (flows follow their ends and are not picked by area).
pub fn items_in(design: &Design, band: Rect) -> Vec<Id> {
    let icon = |at: Point| Rect::centred(at, NODE_SIZE, NODE_SIZE);
    design
        .vpcs
        .iter()
        .filter(|v| band.contains_rect(&v.layout))
        .map(|v| v.id.clone())
        .chain(
            design
                .subnets
                .iter()
                .filter(|s| band.contains_rect(&s.layout))
                .map(|s| s.id.clone()),
        )
        .chain(
            design
                .nodes
                .iter()
                .filter(|n| band.contains_rect(&icon(n.at)))
                .map(|n| n.id.clone()),
        )
        .collect()
}

/// Every item a user can select: VPCs, subnets, icons and flows (route tables live in the
/// inspector, not on the canvas).
pub fn all_items(design: &Design) -> Vec<Id> {
    design
        .vpcs
        .iter()
        .map(|v| v.id.clone())
        .chain(design.subnets.iter().map(|s| s.id.clone()))
        .chain(design.nodes.iter().map(|n| n.id.clone()))
        .chain(design.flows.iter().map(|f| f.id.clone()))
        .collect()
}

impl Editor {
    pub fn new(design: Design, notice: Option<Notice>) -> Editor {
        Editor {
            design: Rc::new(design),
            history: History::default(),
            selection: Vec::new(),
            notice,
            clipboard: None,
            opened: 0,
            asked: None,
            requests: 0,
            waiting: Vec::new(),
        }
    }

    /// The item the inspector shows: the only one selected, else none.
    pub fn single(&self) -> Option<&str> {
        match self.selection.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    pub fn is_selected(&self, id: &str) -> bool {
        self.selection.iter().any(|s| s == id)
    }

    /// The state after `action`, or None when nothing changes (so the UI need not re-render).
    pub fn reduce(&self, action: Action) -> Option<Editor> {
        match action {
            Action::Apply(edit) => Some(self.with_edit(edit, None)),
            Action::ApplyAndSelect(edit, ids) => Some(self.with_edit(edit, Some(ids))),
            Action::Undo | Action::Redo => {
                let mut next = self.clone();
                let mut design = (*self.design).clone();
                let done = match action {
                    Action::Undo => next.history.undo(&mut design),
                    _ => next.history.redo(&mut design),
                };
                if !done {
                    return None;
                }
                next.design = Rc::new(design);
                next.drop_stale_selection();
                Some(next)
            }
            Action::Select(id) => self.selected(id.into_iter().collect()),
            Action::Toggle(id) => {
                let mut ids = self.selection.clone();
                match ids.iter().position(|s| *s == id) {
                    Some(at) => {
                        ids.remove(at);
                    }
                    None => ids.push(id),
                }
                self.selected(ids)
            }
            Action::SetSelection(ids) => self.selected(ids),
            Action::Create { entry, at } => {
                let made = match at {
                    Some(p) => palette::create(&self.design, entry, p),
                    None => palette::create_somewhere(&self.design, entry, self.single()),
                };
                Some(match made {
                    Ok((edit, id)) => self.with_edit(edit, Some(vec![id])),
                    Err(e) => self.refused(e.to_string()),
                })
            }
            Action::Connect { from, to } => Some(match edit::connect(&self.design, &from, &to) {
                Ok((edit, id)) => self.with_edit(edit, Some(vec![id])),
                Err(message) => self.refused(message),
            }),
            Action::Move { ids, dx, dy } => self.moved(&ids, dx, dy),
            Action::Resize { id, rect } => {
                let current = self
                    .design
                    .vpc(&id)
                    .map(|v| v.layout)
                    .or_else(|| self.design.subnet(&id).map(|s| s.layout));
                if current == Some(rect) {
                    return None;
                }
                Some(match layout::resize(&self.design, &id, rect) {
                    Ok(edit) => self.with_edit(edit, None),
                    Err(e) => self.refused(e.to_string()),
                })
            }
            Action::Nudge { dx, dy } => {
                // Flows move with their ends; only boxes and icons are nudged.
                let ids: Vec<Id> = self
                    .selection
                    .iter()
                    .filter(|id| self.design.flow(id).is_none())
                    .cloned()
                    .collect();
                self.moved(&ids, dx, dy)
            }
            Action::DeleteSelection => {
                if self.selection.is_empty() {
                    return None;
                }
                let edit = edit::delete(&self.design, &self.selection);
                Some(self.with_edit(edit, Some(Vec::new())))
            }
            Action::Copy | Action::Cut => {
                let clip = clipboard::copy(&self.design, &self.selection);
                if clip.is_empty() {
                    return None;
                }
                let mut next = Editor {
                    clipboard: Some(Rc::new(clip)),
                    ..self.clone()
                };
                if matches!(action, Action::Cut) {
                    next = next.with_edit(
                        edit::delete(&self.design, &self.selection),
                        Some(Vec::new()),
                    );
                }
                Some(next)
            }
            Action::Paste { at } => {
                let clip = self.clipboard.clone()?;
                Some(self.paste(clip, at))
            }
            Action::PasteClip { clip, at } => Some(self.paste(clip, at)),
            Action::Duplicate => {
                if self.selection.is_empty() {
                    return None;
                }
                let clip = clipboard::copy(&self.design, &self.selection);
                Some(self.paste(Rc::new(clip), None))
            }
            Action::AddAz(vpc) => Some(self.ask(Work::AddAz { vpc })),
            Action::Arrange(vpc) => Some(self.ask(Work::Arrange { vpc })),
            Action::Answered { id, result } => {
                let asked = self.asked.as_ref().filter(|r| r.id == id)?;
                let unchanged = Rc::ptr_eq(&asked.design, &self.design);
                let paste = matches!(asked.work, Work::Paste { .. });
                let next = Editor {
                    asked: None,
                    ..self.clone()
                };
                let mut done = match result {
                    Ok(_) if !unchanged => next
                        .refused("the design changed while this was worked out; try again".into()),
                    // As the items it adds and changes: undo keeps no whole design per paste.
                    Ok((design, ids)) => {
                        next.with_edit(edit::between(&self.design, design), paste.then_some(ids))
                    }
                    Err(e) => next.refused(e),
                };
                if !done.waiting.is_empty() {
                    let work = done.waiting.remove(0);
                    done = done.ask(work);
                }
                Some(done)
            }
            Action::Open { design, notice } => {
                let mut next =
                    self.with_edit(Edit::ReplaceDesign(Box::new(design)), Some(Vec::new()));
                next.notice = notice;
                next.opened = self.opened.wrapping_add(1);
                Some(next)
            }
            Action::Notify(notice) => Some(Editor {
                notice: Some(notice),
                ..self.clone()
            }),
            Action::DismissNotice => self.notice.as_ref().map(|_| Editor {
                notice: None,
                ..self.clone()
            }),
        }
    }

    fn selected(&self, ids: Vec<Id>) -> Option<Editor> {
        let existing = sorted_ids(&self.design);
        let mut seen: Vec<Id> = Vec::with_capacity(ids.len());
        let mut unique: Vec<Id> = Vec::with_capacity(ids.len());
        for id in ids {
            if existing.binary_search(&id.as_str()).is_ok() {
                if let Err(at) = seen.binary_search(&id) {
                    seen.insert(at, id.clone());
                    unique.push(id);
                }
            }
        }
        let ids = unique;
        (ids != self.selection).then(|| Editor {
            selection: ids,
            ..self.clone()
        })
    }

    fn moved(&self, ids: &[Id], dx: i32, dy: i32) -> Option<Editor> {
        if (dx == 0 && dy == 0) || ids.is_empty() {
            return None;
        }
        Some(match layout::drag(&self.design, ids, dx, dy) {
            Ok(edit) => self.with_edit(edit, None),
            Err(e) => self.refused(e.to_string()),
        })
    }

    fn paste(&self, clip: Rc<Clip>, at: Option<Point>) -> Editor {
        if clip.is_empty() {
            return self.refused(clipboard::PasteError::Empty.to_string());
        }
        self.ask(Work::Paste { clip, at })
    }

    /// Asks the worker for `work`: `Action::Answered` applies the answer. While another is
    /// being worked out, it waits its turn.
    fn ask(&self, work: Work) -> Editor {
        if self.asked.is_some() {
            let mut next = self.clone();
            next.waiting.push(work);
            return next;
        }
        let id = self.requests.wrapping_add(1);
        Editor {
            asked: Some(Request {
                id,
                design: self.design.clone(),
                work,
            }),
            requests: id,
            ..self.clone()
        }
    }

    fn refused(&self, message: String) -> Editor {
        Editor {
            notice: Some(Notice::error(capitalise(&message))),
            ..self.clone()
        }
    }

    /// The state after applying `edit`, or with an error notice if it could not apply.
    fn with_edit(&self, edit: Edit, select: Option<Vec<Id>>) -> Editor {
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
                if matches!(
                    next.notice,
                    Some(Notice {
                        kind: NoticeKind::Error,
                        ..
                    })
                ) {
                    next.notice = None;
                }
            }
            Err(e) => next.notice = Some(Notice::error(e.to_string())),
        }
        next
    }

    fn drop_stale_selection(&mut self) {
        let existing = sorted_ids(&self.design);
        self.selection
            .retain(|id| existing.binary_search(&id.as_str()).is_ok());
    }
}

/// Every id of the design, sorted for lookups: a selection can hold every item (Ctrl+A).
fn sorted_ids(design: &Design) -> Vec<&str> {
    let mut ids: Vec<&str> = design.ids().collect();
    crate::model::sort::sort(&mut ids);
    ids
}

/// The model's messages and verdicts start with an English word; an ASCII upper case keeps
/// core's Unicode case tables out of the bundle (anything else is left as it is).
pub fn capitalise(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}
