//! Finding a design's items by id without scanning every list: positions by id, built on the
//! first lookup. Analyses look items up thousands of times per edit (a trace asks for every
//! hop's subnet, table and target), and at 1,000 resources linear scans were more than half
//! of the analysis time (perf, `cargo bench --bench scale`).
//!
//! The design's lists are public and change in place, so a position is only trusted after
//! checking that the item there has the id asked for, and a list whose length changed is
//! indexed again. An id the index doesn't know is absent: analyses ask for ids that are not
//! there all the time (is this hop a subnet?), and scanning for those was the other half of
//! the cost. That holds while no item changes its id in place and no removal and insertion
//! happen between two lookups without a `clear()`; `Edit::apply`, the one way the editor
//! changes a design, clears it, and debug builds (the tests) check every miss with a scan.
//! Answers are those of `iter().find(..)`: the first item with the id.

use std::cell::RefCell;
use std::collections::HashMap;

/// The index a `Design` keeps next to its lists. Cloning gives an empty one (it fills again on
/// use) and it never makes two designs differ.
#[derive(Default)]
pub struct Lookup(RefCell<Positions>);

#[derive(Default)]
struct Positions {
    lists: [List; 5],
}

/// Positions of one list's items, for a list of `len` items (0: not indexed yet; lists that
/// short are scanned instead).
#[derive(Default)]
struct List {
    len: usize,
    at: HashMap<String, usize>,
}

/// Which list of the design.
#[derive(Clone, Copy)]
pub enum Kind {
    Vpc = 0,
    Subnet = 1,
    RouteTable = 2,
    Node = 3,
    Flow = 4,
}

impl Lookup {
    /// The first item of `items` whose `id` is `id`.
    pub fn find<'a, T>(&self, kind: Kind, items: &'a [T], id: &str, id_of: impl Fn(&T) -> &str) -> Option<&'a T> {
        // Small lists: a scan is as quick as hashing, and keeps no memory.
        if items.len() < 16 {
            return items.iter().find(|x| id_of(x) == id);
        }
        let position = {
            let Ok(mut positions) = self.0.try_borrow_mut() else {
                return items.iter().find(|x| id_of(x) == id);
            };
            let list = &mut positions.lists[kind as usize];
            if list.len != items.len() {
                list.index(items, &id_of);
            }
            let mut position = list.at.get(id).copied();
            if position.is_some_and(|p| items.get(p).is_none_or(|x| id_of(x) != id)) {
                // Moved within the list since it was indexed.
                list.index(items, &id_of);
                position = list.at.get(id).copied();
            }
            position
        };
        match position {
            Some(p) => items.get(p),
            None => {
                debug_assert!(items.iter().all(|x| id_of(x) != id), "the lookup index missed {id}: a list changed without Lookup::clear");
                None
            }
        }
    }

    /// Forgets every position: after changes that keep a list's length (an item replaced by
    /// one with another id, a removal and an insertion).
    pub fn clear(&self) {
        if let Ok(mut positions) = self.0.try_borrow_mut() {
            *positions = Positions::default();
        }
    }
}

impl List {
    fn index<T>(&mut self, items: &[T], id_of: &impl Fn(&T) -> &str) {
        self.at.clear();
        for (i, x) in items.iter().enumerate() {
            // The first of duplicate ids wins, as with `find`.
            self.at.entry(id_of(x).to_string()).or_insert(i);
        }
        self.len = items.len();
    }
}

impl Clone for Lookup {
    fn clone(&self) -> Lookup {
        Lookup::default()
    }
}

impl PartialEq for Lookup {
    fn eq(&self, _: &Lookup) -> bool {
        true
    }
}

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookup")
    }
}
