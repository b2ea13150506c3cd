//! Where the design lives outside memory: the URL fragment, the autosave versions in the
//! browser's localStorage (which versions: `crate::saves`), and the example a fresh browser
//! opens with. Called from effects, never from the reducer.

use super::store::{Action, Notice};
use crate::model::design::Design;
use crate::model::{document, share};
use crate::saves::{self, Stored, VersionKey};

/// Where autosave kept the design before versions: read once, then moved into a version.
const LEGACY_AUTOSAVE_KEY: &str = "vpc-planner.autosave";
/// Where that autosave kept the work a shared link replaced.
const LEGACY_BEFORE_LINK_KEY: &str = "vpc-planner.autosave.before-link";

/// The design a fresh browser opens with: the gallery's first template.
pub fn first_example() -> Option<Design> {
    document::from_json(crate::gallery::FIRST).ok()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value; the error says why the browser refused (storage full, disabled).
fn write(key: &str, value: &str) -> Result<(), String> {
    let storage = storage().ok_or("this browser does not allow storage for this page")?;
    storage
        .set_item(key, value)
        .map_err(|_| "the browser's storage for this page is full".to_string())
}

fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Milliseconds since the Unix epoch.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// A time as the user reads it, in the browser's locale and time zone.
pub fn local_time(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// Every autosave version in storage, in no order.
pub fn versions() -> Vec<Stored> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    keys.into_iter()
        .filter_map(|key| {
            let version = VersionKey::parse(&key)?;
            Stored::read(version, &storage.get_item(&key).ok().flatten()?)
        })
        .collect()
}

/// The design a version holds, or why it can't be opened.
pub fn open_version(key: &VersionKey) -> Result<Design, String> {
    let value = read(&key.key()).ok_or("this version is no longer in the browser's storage")?;
    let (_, json) = saves::decode(&value).ok_or("this version is damaged")?;
    document::from_json(json).map_err(|e| e.to_string())
}

/// Moves what an earlier build saved under one key into versions, so nothing it kept is lost.
fn migrate_legacy() {
    for (key, tab, saved) in [
        (LEGACY_BEFORE_LINK_KEY, "beforelink", 1),
        (LEGACY_AUTOSAVE_KEY, "earlier", 2),
    ] {
        if let Some(json) = read(key) {
            let version = VersionKey {
                started: saved,
                tab: tab.to_string(),
            };
            if write(&version.key(), &saves::encode(saved, &json)).is_ok() {
                remove(key);
            }
        }
    }
}

/// This tab's autosave: which version it writes, and what it last wrote there.
pub struct Saver {
    /// A random name for this tab, in the keys of the versions it writes.
    pub tab: String,
    current: Option<VersionKey>,
    /// The editor's `opened` count at the last save: a change means a new version.
    opened: u32,
    /// What the tab opened with: saving it unchanged would only add a copy.
    unchanged: Option<String>,
}

impl Saver {
    pub fn new() -> Saver {
        let tab: String = (0..10)
            .map(|_| {
                let n = (js_sys::Math::random() * 36.0) as u32;
                char::from_digit(n.min(35), 36).unwrap_or('0')
            })
            .collect();
        Saver {
            tab,
            current: None,
            opened: 0,
            unchanged: None,
        }
    }

    /// Saves the design, given as its compact JSON (`document::to_json_compact`), into this
    /// tab's version; when storage is full, drops the oldest versions to make room. The error
    /// is a message for the user.
    pub fn save(&mut self, json: &str, opened: u32) -> Result<(), String> {
        let opened_another = opened != self.opened;
        self.opened = opened;
        if !opened_another && self.unchanged.as_deref() == Some(json) {
            return Ok(());
        }
        self.unchanged = None;
        let slot = saves::slot(self.current.as_ref(), &self.tab, now(), opened_another);
        let value = saves::encode(now(), json);
        loop {
            match write(&slot.key(), &value) {
                Ok(()) => break,
                Err(why) => {
                    // Full: the oldest other version makes room, until none is left.
                    let droppable = saves::to_drop(&versions(), &slot, 1);
                    match droppable.first() {
                        Some(oldest) => remove(&oldest.key()),
                        None => {
                            return Err(format!(
                                "Autosave failed: {why}. Download design.json or copy the link to keep your work."
                            ));
                        }
                    }
                }
            }
        }
        // Only a new version can take the count past the limit; saving into the current one
        // (every edit) reads no other version.
        if self.current.as_ref() != Some(&slot) {
            for old in saves::to_drop(&versions(), &slot, saves::KEEP) {
                remove(&old.key());
            }
        }
        self.current = Some(slot);
        Ok(())
    }
}

/// The fragment of the page's URL, without `#`.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Puts the design's link into the address bar without adding a history entry.
pub fn write_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if current_fragment() == fragment {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// The page URL with `fragment`, for sharing.
pub fn link_for(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

/// The design to start with, and a notice about how it was chosen: the link in the URL if it
/// opens (the newest autosave one click away), else the newest autosave this build can read,
/// else the first example.
pub fn initial(saver: &mut Saver) -> (Design, Option<Notice>) {
    migrate_legacy();
    let stored = versions();
    // The newest version that opens; one that does not (damaged) is kept and reported.
    let mut newest: Option<(Stored, Design)> = None;
    let mut damaged = None;
    for version in saves::newest_first(stored.clone())
        .into_iter()
        .filter(|s| s.readable)
    {
        match open_version(&version.key) {
            Ok(design) => {
                newest = Some((version, design));
                break;
            }
            Err(e) => damaged = damaged.or(Some(e)),
        }
    }
    // A newer VPC Planner's autosave (in another tab, or before a downgrade) is left as it is.
    let newer_unread = stored
        .iter()
        .any(|s| !s.readable && newest.as_ref().is_none_or(|(n, _)| s.saved > n.saved));
    let newer_note = if newer_unread {
        " A newer autosave was made by a newer VPC Planner: it is kept untouched; reload the page to get the latest version."
    } else {
        ""
    };

    let fragment = current_fragment();
    let mut link_error = None;
    if !fragment.is_empty() {
        match share::decode(&fragment) {
            Ok(design) => {
                let notice = match &newest {
                    Some((version, previous)) if *previous != design => Some(
                        Notice::info(format!(
                            "Opened the design in the link. Your previous work, \"{}\" (saved {}), is kept.{newer_note}",
                            crate::model::text::clip(&previous.name),
                            local_time(version.saved)
                        ))
                        .with_offer("Restore it", Action::Open { design: previous.clone(), notice: Some(Notice::info("Your previous work is back. Undo (Ctrl+Z) returns to the design in the link.")) }),
                    ),
                    _ => (!newer_note.is_empty()).then(|| Notice::warning(newer_note.trim_start())),
                };
                saver.unchanged = newest
                    .as_ref()
                    .map(|(_, d)| d)
                    .filter(|d| **d == design)
                    .map(document::to_json_compact);
                return (design, notice);
            }
            Err(e) => link_error = Some(format!("This link could not be opened: {e}.")),
        }
    }
    let autosave_error = damaged.map(|e| {
        format!("Your newest autosave could not be read ({e}); it is kept in this browser.")
    });
    if let Some((_, design)) = newest {
        let notice = match (link_error, autosave_error) {
            (Some(l), _) => Some(Notice::error(format!(
                "{l} Your autosaved design is shown instead.{newer_note}"
            ))),
            (None, Some(a)) => Some(Notice::warning(format!(
                "{a} An older version is shown.{newer_note}"
            ))),
            (None, None) => {
                (!newer_note.is_empty()).then(|| Notice::warning(newer_note.trim_start()))
            }
        };
        saver.unchanged = Some(document::to_json_compact(&design));
        return (design, notice);
    }
    let parts: Vec<String> = link_error.into_iter().chain(autosave_error).collect();
    let notice = if parts.is_empty() {
        (!newer_note.is_empty()).then(|| Notice::warning(newer_note.trim_start()))
    } else {
        Some(Notice::error(format!(
            "{} An example design is shown instead.{newer_note}",
            parts.join(" ")
        )))
    };
    let design = first_example().unwrap_or_else(|| Design::empty("us-east-1"));
    (design, notice)
}
