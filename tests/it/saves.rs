//! Autosave versions (`vpc_planner::saves`): which version a save goes to, which are dropped,
//! which one a page opens. The browser side (localStorage) is covered end to end in
//! e2e/hardening.spec.ts.

use vpc_planner::saves::{self, KEEP, Stored, VERSION_SPAN_MS, VersionKey};

fn key(started: u64, tab: &str) -> VersionKey {
    VersionKey {
        started,
        tab: tab.to_string(),
    }
}

fn stored(started: u64, tab: &str, saved: u64) -> Stored {
    Stored {
        key: key(started, tab),
        saved,
        readable: true,
    }
}

#[test]
fn keys_round_trip_and_other_keys_are_not_versions() {
    let k = key(1_700_000_000_000, "abc123");
    assert_eq!(k.key(), "vpc-planner.save.1700000000000.abc123");
    assert_eq!(VersionKey::parse(&k.key()), Some(k));
    for other in [
        "vpc-planner.autosave",
        "vpc-planner.save.",
        "vpc-planner.save.12",
        "vpc-planner.save.x.tab",
        "vpc-planner.save.12.",
        "vpc-planner.save.12.a.b",
        "other.save.1.a",
    ] {
        assert_eq!(VersionKey::parse(other), None, "{other}");
    }
}

#[test]
fn stored_text_carries_the_save_time() {
    let text = saves::encode(42, r#"{"version":4,"region":"us-east-1"}"#);
    assert_eq!(
        saves::decode(&text),
        Some((42, r#"{"version":4,"region":"us-east-1"}"#))
    );
    assert_eq!(saves::decode(r#"{"version":4}"#), None);
    assert_eq!(saves::decode("soon {}"), None);
}

#[test]
fn a_newer_format_is_not_readable_and_anything_else_is_reported_when_opened() {
    let read = |json: &str| Stored::read(key(1, "t"), &saves::encode(5, json)).map(|s| s.readable);
    assert_eq!(read(r#"{"version":4,"region":"us-east-1"}"#), Some(true));
    assert_eq!(read(r#"{"version":1,"region":"us-east-1"}"#), Some(true));
    assert_eq!(
        read(r#"{"version":99,"region":"us-east-1","new":"thing"}"#),
        Some(false)
    );
    // Damaged, but not a newer version's: it is listed (and its error shown) rather than hidden.
    assert_eq!(read(r#"{"version":4,"vpcs":"#), Some(true));
    assert_eq!(Stored::read(key(1, "t"), "not a version"), None);
}

#[test]
fn a_tab_keeps_its_version_for_a_while_then_starts_another() {
    let first = saves::slot(None, "tab1", 1_000, false);
    assert_eq!(first, key(1_000, "tab1"));
    assert_eq!(
        saves::slot(Some(&first), "tab1", 1_000 + VERSION_SPAN_MS - 1, false),
        first
    );
    assert_eq!(
        saves::slot(Some(&first), "tab1", 1_000 + VERSION_SPAN_MS, false),
        key(1_000 + VERSION_SPAN_MS, "tab1")
    );
    // Opening another design keeps the one it replaced.
    assert_eq!(
        saves::slot(Some(&first), "tab1", 2_000, true),
        key(2_000, "tab1")
    );
    // A tab never writes into another tab's version.
    assert_eq!(
        saves::slot(Some(&first), "tab2", 2_000, false),
        key(2_000, "tab2")
    );
}

#[test]
fn the_oldest_are_dropped_beyond_the_limit_never_the_one_being_written() {
    let all: Vec<Stored> = (0..12)
        .map(|i| stored(i, if i % 2 == 0 { "a" } else { "b" }, 100 + i))
        .collect();
    // Writing version 0 (the oldest): it stays; of the other 11, the oldest two go.
    let writing = key(0, "a");
    let dropped = saves::to_drop(&all, &writing, KEEP);
    assert_eq!(dropped, vec![key(1, "b"), key(2, "a")]);
    // Writing a new one: the three oldest go, oldest first.
    let dropped = saves::to_drop(&all, &key(99, "c"), KEEP);
    assert_eq!(dropped, vec![key(0, "a"), key(1, "b"), key(2, "a")]);
    // Under the limit nothing goes.
    assert!(saves::to_drop(&all[..5], &key(99, "c"), KEEP).is_empty());
    // Making room in full storage: everything but the one written, oldest first.
    assert_eq!(
        saves::to_drop(&all[..3], &key(99, "c"), 1),
        vec![key(0, "a"), key(1, "b"), key(2, "a")]
    );
}

#[test]
fn versions_a_newer_planner_wrote_are_never_dropped_or_opened() {
    let mut all: Vec<Stored> = (0..KEEP as u64 + 3)
        .map(|i| stored(i, "a", 100 + i))
        .collect();
    all.push(Stored {
        key: key(1, "newer"),
        saved: 1,
        readable: false,
    });
    all.push(Stored {
        key: key(500, "newer"),
        saved: 10_000,
        readable: false,
    });
    let dropped = saves::to_drop(&all, &key(999, "b"), KEEP);
    assert!(dropped.iter().all(|k| k.tab != "newer"), "{dropped:?}");
    assert_eq!(dropped.len(), 4);
    assert_eq!(
        saves::latest(&all).map(|s| s.key.clone()),
        Some(key(KEEP as u64 + 2, "a"))
    );
}

#[test]
fn the_page_opens_the_most_recently_saved_whichever_tab_saved_it() {
    let all = vec![
        stored(10, "a", 500),
        stored(20, "b", 400),
        stored(5, "c", 450),
    ];
    assert_eq!(
        saves::latest(&all).map(|s| s.key.clone()),
        Some(key(10, "a"))
    );
    assert_eq!(saves::latest(&[]), None);
    let order: Vec<u64> = saves::newest_first(all).iter().map(|s| s.saved).collect();
    assert_eq!(order, vec![500, 450, 400]);
}

#[test]
fn the_version_is_read_from_the_front_of_what_the_planner_wrote_or_else_from_the_whole() {
    let read = |json: &str| Stored::read(key(1, "t"), &saves::encode(5, json)).map(|s| s.readable);
    // Written by the planner (version first, compact): not scanned further, so a long design
    // lists fast.
    assert_eq!(
        read(r#"{"version":4,"region":"us-east-1","name":"x"}"#),
        Some(true)
    );
    assert_eq!(read(r#"{"version":5,"region":"us-east-1"}"#), Some(false));
    assert_eq!(read(r#"{"version":12}"#), Some(false));
    // Any other layout is read whole.
    assert_eq!(
        read(r#"{ "region": "us-east-1", "version": 7 }"#),
        Some(false)
    );
    assert_eq!(
        read(r#"{ "region": "us-east-1", "version": 3 }"#),
        Some(true)
    );
    assert_eq!(read(r#"{"version":4x}"#), Some(true));
}
