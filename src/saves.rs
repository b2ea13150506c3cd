//! Autosave versions: the browser keeps the last several states of the design, so a bad edit
//! after a reload, a shared link opened over local work, or two tabs editing at once never
//! loses what was there. Pure: `ui/persist.rs` reads and writes localStorage; this decides
//! which version a save goes to, which versions to drop and which to open.
//!
//! Each tab writes only versions it started (its key names the tab), so two tabs never
//! overwrite each other; a tab starts a new version when it opens, when a design is opened
//! over the current one, and after `VERSION_SPAN_MS` of editing.

use crate::model::document;

/// What every version's storage key starts with.
pub const PREFIX: &str = "vpc-planner.save.";
/// How many versions are kept; older ones are dropped (and sooner if storage is full).
pub const KEEP: usize = 10;
/// A tab's version covers at most this long of editing: an hour leaves several to go back to.
pub const VERSION_SPAN_MS: u64 = 10 * 60 * 1000;

/// Where a version is stored: when it was started, and by which tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionKey {
    /// Milliseconds since the Unix epoch.
    pub started: u64,
    /// The tab that writes it: a random name chosen when the page opened.
    pub tab: String,
}

impl VersionKey {
    pub fn key(&self) -> String {
        format!("{PREFIX}{}.{}", self.started, self.tab)
    }

    /// The version a storage key names, if it names one.
    pub fn parse(key: &str) -> Option<VersionKey> {
        let (started, tab) = key.strip_prefix(PREFIX)?.split_once('.')?;
        let started = started.parse().ok()?;
        (!tab.is_empty() && tab.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| VersionKey {
            started,
            tab: tab.to_string(),
        })
    }
}

/// A version's stored text: when it was saved, a space, the design's compact JSON.
pub fn encode(saved: u64, design_json: &str) -> String {
    format!("{saved} {design_json}")
}

/// When a stored version was saved, and its design JSON (`None`: not a version's text).
pub fn decode(value: &str) -> Option<(u64, &str)> {
    let (saved, json) = value.split_once(' ')?;
    Some((saved.parse().ok()?, json))
}

/// What a listing of storage knows of one version.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub key: VersionKey,
    pub saved: u64,
    /// Can this build open it? A version written by a newer VPC Planner is left untouched:
    /// never opened, never dropped.
    pub readable: bool,
}

impl Stored {
    /// Reads a stored value; `None` when it is not a version's text at all.
    pub fn read(key: VersionKey, value: &str) -> Option<Stored> {
        let (saved, json) = decode(value)?;
        Some(Stored {
            key,
            saved,
            readable: readable(json),
        })
    }
}

/// Can this build open the design JSON? Only its version is looked at, which is what makes a
/// newer VPC Planner's work off limits; anything else wrong is reported when it is opened.
fn readable(json: &str) -> bool {
    // What this planner writes starts with its version: read there, nothing else is scanned.
    let written = json.strip_prefix("{\"version\":").and_then(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        matches!(rest.as_bytes().get(digits), Some(b',' | b'}'))
            .then(|| rest[..digits].parse::<u64>().ok())
            .flatten()
    });
    match written {
        Some(version) => version <= u64::from(crate::model::design::FORMAT_VERSION),
        None => !matches!(
            document::check_version(json),
            Err(document::LoadError::NewerVersion { .. })
        ),
    }
}

/// Where this tab's next save goes: its current version while it is younger than
/// `VERSION_SPAN_MS` and no other design was opened over it, else a new one started now.
pub fn slot(current: Option<&VersionKey>, tab: &str, now: u64, opened_another: bool) -> VersionKey {
    match current {
        Some(key)
            if !opened_another
                && key.tab == tab
                && now.saturating_sub(key.started) < VERSION_SPAN_MS =>
        {
            key.clone()
        }
        _ => VersionKey {
            started: now,
            tab: tab.to_string(),
        },
    }
}

/// The versions to drop, oldest saved first, so that at most `keep_at_most` remain besides
/// `writing` (the version being saved, which is never dropped). Versions this build cannot read
/// are neither counted nor dropped.
pub fn to_drop(stored: &[Stored], writing: &VersionKey, keep_at_most: usize) -> Vec<VersionKey> {
    let mut others: Vec<&Stored> = stored
        .iter()
        .filter(|s| s.readable && s.key != *writing)
        .collect();
    // Newest first; the key breaks ties so the order never depends on the listing's.
    crate::model::sort::sort_by(&mut others, |a, b| {
        b.saved
            .cmp(&a.saved)
            .then(b.key.started.cmp(&a.key.started))
            .then(b.key.tab.cmp(&a.key.tab))
    });
    let room = keep_at_most.saturating_sub(1);
    others
        .into_iter()
        .skip(room)
        .rev()
        .map(|s| s.key.clone())
        .collect()
}

/// The version a page opens with: the most recently saved one it can read.
pub fn latest(stored: &[Stored]) -> Option<&Stored> {
    stored.iter().filter(|s| s.readable).max_by(|a, b| {
        a.saved
            .cmp(&b.saved)
            .then(a.key.started.cmp(&b.key.started))
    })
}

/// Versions newest first, for the list the user picks from.
pub fn newest_first(mut stored: Vec<Stored>) -> Vec<Stored> {
    crate::model::sort::sort_by(&mut stored, |a, b| {
        b.saved
            .cmp(&a.saved)
            .then(b.key.started.cmp(&a.key.started))
    });
    stored
}
