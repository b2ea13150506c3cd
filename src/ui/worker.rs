//! The app's side of the background worker (src/bin/worker.rs, a wasm of its own with
//! hcl-rs and the Terraform model): main.tf for the panel, terraform.zip for its download,
//! share links (the address bar's after each change, and Copy link's) and the editor's
//! requests (`editor::worked`: pastes and AZ lanes, answered as `Action::Answered`); and of the
//! importer (src/bin/importer.rs, the HCL parser), which reads Terraform files. The worker
//! is created on the first request, which the app makes after its first paint, the importer on
//! the first import, so the start bundle carries none of it (the HCL code, the link's packer
//! and compressor, paste, lanes); the work runs off the page's thread. If a worker fails to
//! load or stops, the requests it has not answered fail with `STOPPED` (a link is then written
//! here, uncompressed) and the next one starts a new worker. The workers write the notice
//! texts; kept small here, since this side loads with the app.

use super::store::{Action, Notice};
use super::{dom, persist};
use crate::editor::{Request as Asked, Work};
use crate::model::design::Design;
use crate::model::{document, share};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// Why a request failed when the worker could not start or stopped (the console says more).
pub const STOPPED: &str = "The background worker failed to load or stopped";

/// Why a request failed when the worker, though running, did not answer it in its
/// `allowance_ms`.
pub const HUNG: &str = "The background worker did not answer in time";

/// How long the worker may take over the request it is working on, before it is taken to be
/// stuck (a bug there, such as an endless loop), stopped, and its requests failed: 20 s, and 5 s
/// more for each MB the request carries. The slowest measured natively: importing a 7.8 MB
/// Terraform file (15,000 resources) 1.9 s, exporting them 0.3 s; wasm is a few times slower,
/// a slow device a few times more, and this allows 61 s for that file. A deadline counts only
/// once the worker has loaded (it says "ready"), so a slow network never fails a request that
/// was merely waiting.
fn allowance_ms(bytes: usize) -> u32 {
    20_000 + u32::try_from(bytes / 200).unwrap_or(u32::MAX / 2)
}

/// How long the worker may take to load: a download that stalls without failing would
/// otherwise leave every request waiting with no word.
const LOAD_MS: u32 = 120_000;

/// The worker's answer to an export: main.tf, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// Which request this answers; they count up from 1, and the worker answers in order.
    pub id: u32,
    pub hcl: Result<String, String>,
}

#[derive(Clone, Copy)]
enum Request {
    Export(u32),
    Zip,
    Import,
    Link,
    /// A link asked for by Copy link (see `COPY`).
    Copy,
    /// An editor's request, by its id, with what failing means in words.
    Work(u32, &'static str),
}

/// Where a worker's client lives: `WORKER` or `IMPORTER`.
type Slot = &'static std::thread::LocalKey<RefCell<Option<Client>>>;

thread_local! {
    static WORKER: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// The importer's, started by the first import.
    static IMPORTER: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// The newest link asked of the worker and not yet in the address bar: its id and the
    /// design's compact JSON (to write it here instead, should the page be left first).
    static LINK: RefCell<Option<(u32, String)>> = const { RefCell::new(None) };
    /// The link Copy link waits for: its id, the design's compact JSON (for a link written here
    /// should the worker fail) and who gets the link's address.
    static COPY: RefCell<Option<(u32, String, Callback<String>)>> = const { RefCell::new(None) };
}

struct Client {
    /// Where this client lives (its listeners and deadline find it there).
    at: Slot,
    worker: web_sys::Worker,
    /// Where answers go: the store's dispatch (imports and the zip's notices) and the panel's
    /// text (exports). The latest request's, since both are the same for the app's lifetime.
    dispatch: Callback<Action>,
    written: Callback<Written>,
    /// What was asked and not yet answered, oldest first (the worker answers in order), each
    /// with how long the worker may take over it (`allowance_ms`).
    waiting: VecDeque<(Request, u32)>,
    /// The worker failed to load or stopped; the next request starts a new one.
    broken: bool,
    /// The worker has loaded; until then, requests wait for it under `LOAD_MS`.
    ready: bool,
    /// Fails the waiting requests if the one at the head is not answered in time (`watch`).
    deadline: Option<gloo::timers::callback::Timeout>,
    _listeners: [EventListener; 2],
}

/// Asks for `design`'s main.tf; `written` gets the answer with the returned id. Requests made
/// in a burst are all answered, in order: the caller shows the newest it has. `errors`: how
/// many errors validation found in it, which main.tf's header warns of.
pub fn export(
    design: &Design,
    errors: usize,
    dispatch: &Callback<Action>,
    written: Callback<Written>,
) -> u32 {
    let id = next_id();
    let json = document::to_json_compact(design);
    let message = numbered("export", id, &json);
    message.push(&JsValue::from(errors as u32));
    if let Err(e) = send(
        &message,
        json.len(),
        Request::Export(id),
        dispatch,
        Some(&written),
    ) {
        written.emit(Written { id, hcl: Err(e) });
    }
    id
}

/// Asks for `design` as terraform.zip, downloaded when it comes (`errors` as for `export`).
pub fn download_zip(design: &Design, errors: usize, dispatch: &Callback<Action>) {
    let json = document::to_json_compact(design);
    let message: js_sys::Array = [
        JsValue::from_str("zip"),
        JsValue::from_str(&json),
        JsValue::from(errors as u32),
    ]
    .into_iter()
    .collect();
    if let Err(e) = send(&message, json.len(), Request::Zip, dispatch, None) {
        dispatch.emit(Action::Notify(Notice::error(format!(
            "Download failed: {e}."
        ))));
    }
}

/// Has the worker work an editor's request out: the answer is `Action::Answered` for it.
pub fn work(asked: &Asked, dispatch: &Callback<Action>) {
    let (kind, failed, first, second) = match &asked.work {
        Work::Paste { clip, at } => (
            "paste",
            "nothing was pasted",
            clip.to_text(),
            at.map(|p| format!("{},{}", p.x, p.y)).unwrap_or_default(),
        ),
        Work::AddAz { vpc } => ("add_az", "no AZ was added", vpc.clone(), String::new()),
        Work::Arrange { vpc } => (
            "arrange",
            "the subnets were not arranged",
            vpc.clone(),
            String::new(),
        ),
    };
    let json = document::to_json_compact(&asked.design);
    let bytes = json.len() + first.len();
    let message: js_sys::Array = [
        JsValue::from_str("work"),
        JsValue::from(asked.id),
        JsValue::from_str(&json),
        JsValue::from_str(kind),
        JsValue::from_str(&first),
        JsValue::from_str(&second),
    ]
    .into_iter()
    .collect();
    if let Err(e) = send(
        &message,
        bytes,
        Request::Work(asked.id, failed),
        dispatch,
        None,
    ) {
        dispatch.emit(not_worked(asked.id, failed, &e));
    }
}

fn not_worked(id: u32, failed: &str, why: &str) -> Action {
    Action::Answered {
        id,
        result: Err(format!("{failed}: {why}")),
    }
}

/// Imports a Terraform file: the answer is one `Action::Open`, or a notice.
pub fn import(name: &str, text: &str, dispatch: Callback<Action>) {
    let message: js_sys::Array = ["import", name, text]
        .into_iter()
        .map(JsValue::from_str)
        .collect();
    dispatch.emit(Action::Notify(
        match send(&message, text.len(), Request::Import, &dispatch, None) {
            Ok(()) => Notice::info(format!("Importing {name}…")),
            Err(e) => Notice::error(format!("{e}. Your design is unchanged.")),
        },
    ));
}

/// Puts the share link of a design (its compact JSON) in the address bar. The worker packs and
/// compresses it: at 2,000 resources that takes ~70 ms, a task the page would otherwise spend
/// after every change. A newer call supersedes one not yet answered; if the worker cannot
/// take it, the link is written here and now.
pub fn write_link(json: String, dispatch: &Callback<Action>) {
    let id = next_id();
    let message = numbered("link", id, &json);
    let bytes = json.len();
    LINK.with(|l| *l.borrow_mut() = Some((id, json)));
    if send(&message, bytes, Request::Link, dispatch, None).is_err() {
        flush_link();
    }
}

/// Writes the link still waiting for the worker, here and now (the page is being left, or the
/// worker failed). Uncompressed: the compressor is the worker's (`share::encode_stored`).
pub fn flush_link() {
    if let Some((_, json)) = LINK.with(|l| l.borrow_mut().take()) {
        persist::write_fragment(&share::encode_stored(&json));
    }
}

/// Asks for `design`'s share link for Copy link; `copied` gets its address. The worker writes
/// it, as it writes the address bar's; if the worker can't, the link is written here,
/// uncompressed and longer (`share::encode_stored`).
pub fn copy_link(design: &Design, dispatch: &Callback<Action>, copied: Callback<String>) {
    let id = next_id();
    let json = document::to_json_compact(design);
    let message = numbered("link", id, &json);
    let bytes = json.len();
    COPY.with(|c| *c.borrow_mut() = Some((id, json, copied)));
    if send(&message, bytes, Request::Copy, dispatch, None).is_err() {
        copy_here();
    }
}

/// The link Copy link waits for, written here (the worker failed).
fn copy_here() {
    if let Some((_, json, copied)) = COPY.with(|c| c.borrow_mut().take()) {
        copied.emit(persist::link_for(&share::encode_stored(&json)));
    }
}

/// The worker's link for request `id`: Copy link's, or the address bar's, written unless a
/// newer one was asked for since.
fn linked(id: u32, fragment: &str) {
    let copied = COPY.with(|c| {
        let mut c = c.borrow_mut();
        match c.take() {
            Some((waiting, _, copied)) if waiting == id => Some(copied),
            other => {
                *c = other;
                None
            }
        }
    });
    if let Some(copied) = copied {
        copied.emit(persist::link_for(fragment));
        return;
    }
    let newest = LINK.with(|l| {
        let mut l = l.borrow_mut();
        let newest = l.as_ref().is_some_and(|(waiting, _)| *waiting == id);
        if newest {
            *l = None;
        }
        newest
    });
    if newest {
        persist::write_fragment(fragment);
    }
}

/// A request whose answer names it by `id`: `[kind, id, design JSON]`.
fn numbered(kind: &str, id: u32, json: &str) -> js_sys::Array {
    [
        JsValue::from_str(kind),
        JsValue::from(id),
        JsValue::from_str(json),
    ]
    .into_iter()
    .collect()
}

fn next_id() -> u32 {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

/// Posts `message`, starting the worker if there is none (or it broke).
fn send(
    message: &js_sys::Array,
    bytes: usize,
    request: Request,
    dispatch: &Callback<Action>,
    written: Option<&Callback<Written>>,
) -> Result<(), String> {
    let at: Slot = match request {
        Request::Import => &IMPORTER,
        _ => &WORKER,
    };
    at.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_none_or(|c| c.broken) {
            let written = written.cloned().unwrap_or_else(|| Callback::from(|_| ()));
            *slot = Some(
                Client::start(at, dispatch.clone(), written).map_err(|_| STOPPED.to_string())?,
            );
        }
        let client = slot.as_mut().ok_or(STOPPED)?;
        client.dispatch = dispatch.clone();
        if let Some(written) = written {
            client.written = written.clone();
        }
        client
            .worker
            .post_message(message)
            .map_err(|_| STOPPED.to_string())?;
        client.waiting.push_back((request, allowance_ms(bytes)));
        if client.ready && client.waiting.len() == 1 {
            client.watch_head();
        }
        Ok(())
    })
}

impl Client {
    fn start(
        at: Slot,
        dispatch: Callback<Action>,
        written: Callback<Written>,
    ) -> Result<Client, JsValue> {
        // The workers' loader (static/worker.js), beside index.html.
        let importer = std::ptr::eq(at, &IMPORTER);
        let worker = web_sys::Worker::new(if importer {
            "worker.js?importer"
        } else {
            "worker.js"
        })?;
        let on_message = EventListener::new(&worker, "message", move |e| {
            let Some(data) = e.dyn_ref::<web_sys::MessageEvent>().map(|m| m.data()) else {
                return;
            };
            // The loader's word that the wasm is running: the deadlines count from here.
            if js_sys::Array::from(&data).get(0).as_string().as_deref() == Some("ready") {
                at.with(|slot| {
                    if let Some(c) = slot.borrow_mut().as_mut() {
                        c.ready = true;
                        c.deadline = None;
                        c.watch_head();
                    }
                });
                return;
            }
            let Some((dispatch, written)) = at.with(|slot| {
                slot.borrow_mut().as_mut().map(|c| {
                    c.waiting.pop_front();
                    c.deadline = None;
                    c.watch_head();
                    (c.dispatch.clone(), c.written.clone())
                })
            }) else {
                return;
            };
            // Emitted outside the borrow: the reducer may run at once.
            answer(&data, &dispatch, &written);
        });
        let on_error = EventListener::new(&worker, "error", move |_| fail_all(at, STOPPED));
        let mut client = Client {
            at,
            worker,
            dispatch,
            written,
            waiting: VecDeque::new(),
            broken: false,
            ready: false,
            deadline: None,
            _listeners: [on_message, on_error],
        };
        client.watch(LOAD_MS, STOPPED);
        Ok(client)
    }

    /// Fails every waiting request with `why` unless the worker answers (or says it is ready)
    /// within `ms`; replaces the deadline set before.
    fn watch(&mut self, ms: u32, why: &'static str) {
        let at = self.at;
        self.deadline = Some(gloo::timers::callback::Timeout::new(ms, move || {
            fail_all(at, why)
        }));
    }

    /// Gives the request the worker is on its deadline, if one waits.
    fn watch_head(&mut self) {
        if let Some(&(_, ms)) = self.waiting.front() {
            self.watch(ms, HUNG);
        }
    }
}

/// Stops the worker and fails what it has not answered, each as it fails when asked of no
/// worker at all; the next request starts a new worker.
fn fail_all(at: Slot, why: &str) {
    // Marked broken rather than dropped here: the listener or timer calling this belongs to it.
    let failed = at.with(|slot| {
        slot.borrow_mut().as_mut().map(|c| {
            c.worker.terminate();
            c.broken = true;
            (
                std::mem::take(&mut c.waiting),
                c.dispatch.clone(),
                c.written.clone(),
            )
        })
    });
    let Some((waiting, dispatch, written)) = failed else {
        return;
    };
    for (request, _) in waiting {
        match request {
            Request::Export(id) => written.emit(Written {
                id,
                hcl: Err(why.to_string()),
            }),
            Request::Zip => dispatch.emit(Action::Notify(Notice::error(format!(
                "Download failed: {why}."
            )))),
            Request::Import => dispatch.emit(Action::Notify(Notice::error(format!(
                "{why}. Your design is unchanged."
            )))),
            Request::Link => flush_link(),
            Request::Copy => copy_here(),
            Request::Work(id, failed) => dispatch.emit(not_worked(id, failed, why)),
        }
    }
}

/// Hands one answer of the worker to whoever waits for it.
fn answer(data: &JsValue, dispatch: &Callback<Action>, written: &Callback<Written>) {
    let parts = js_sys::Array::from(data);
    let part = |i| parts.get(i).as_string().unwrap_or_default();
    match part(0).as_str() {
        "export" => {
            let id = parts.get(1).as_f64().unwrap_or(0.0) as u32;
            let error = part(3);
            written.emit(Written {
                id,
                hcl: if error.is_empty() {
                    Ok(part(2))
                } else {
                    Err(error)
                },
            });
        }
        "link" => linked(parts.get(1).as_f64().unwrap_or(0.0) as u32, &part(2)),
        "work" => {
            let id = parts.get(1).as_f64().unwrap_or(0.0) as u32;
            let error = part(4);
            let result = if error.is_empty() {
                // The design comes in the app's own file format, read like any file.
                document::from_json(&part(2))
                    .map(|design| {
                        let ids = part(3);
                        (design, ids.lines().map(str::to_string).collect())
                    })
                    .map_err(|e| format!("the changed design could not be read: {e}"))
            } else {
                Err(error)
            };
            dispatch.emit(Action::Answered { id, result });
        }
        "zip" => {
            let saved = match parts.get(1).dyn_into::<js_sys::Uint8Array>() {
                Ok(bytes) => {
                    dom::download_bytes("terraform.zip", "application/zip", &bytes.to_vec())
                }
                Err(_) => Err(part(2)),
            };
            if let Err(e) = saved {
                dispatch.emit(Action::Notify(Notice::error(format!(
                    "Download failed: {e}."
                ))));
            }
        }
        _ => dispatch.emit(imported(&part(1), &part(2), &part(3))),
    }
}

/// An import's answer (kind, notice, design JSON) as the action that opens the design.
fn imported(kind: &str, text: &str, design: &str) -> Action {
    let notice = match kind {
        "info" => Notice::info(text),
        "warning" => Notice::warning(text),
        _ => return Action::Notify(Notice::error(text)),
    };
    // The design comes in the app's own file format, read and version-checked like any file.
    match document::from_json(design) {
        Ok(design) => Action::Open {
            design,
            notice: Some(notice),
        },
        Err(e) => Action::Notify(Notice::error(format!(
            "The imported design could not be opened: {e}. Your design is unchanged."
        ))),
    }
}
