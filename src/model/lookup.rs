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

use crate::model::hash::HashMap;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The index a `Design` keeps next to its lists. Cloning gives an empty one (it fills again on
/// use) and it never makes two designs differ.
#[derive(Default)]
pub struct Lookup(RefCell<Positions>);

#[derive(Default)]
struct Positions {
    lists: [List; 6],
    groups: [Grouped; 6],
    /// Answers by question and item (its address in the design), then by key (a handful per
    /// item at most, so a list: looking one up allocates nothing), for the design with these
    /// list lengths.
    memo: HashMap<(u8, usize), Vec<(String, Kept)>>,
    memo_shape: Option<[usize; 5]>,
}

/// A kept answer. Answers are never changed once kept, so a panic can't leave one half-made:
/// the design stays unwind-safe, as it was before answers were kept.
#[derive(Clone)]
struct Kept(Rc<dyn Any>);

impl std::panic::UnwindSafe for Kept {}
impl std::panic::RefUnwindSafe for Kept {}

/// Answers the analyses work out from the whole design and need again at every hop.
#[derive(Clone, Copy)]
pub enum Memo {
    /// A VPC route table's routes in effect (`routing::table::effective_routes`).
    EffectiveRoutes = 0,
    /// A transit gateway's route table as an attachment sees it (`routing::table::tgw_table_for`).
    TgwTable = 1,
}

/// Items of one list grouped under a key, for a list of `len` items (`None`: not built yet).
#[derive(Default)]
struct Grouped {
    len: Option<usize>,
    by_key: Rc<HashMap<String, Vec<usize>>>,
}

/// Relations the analyses ask for per hop, which would otherwise scan a whole list each time.
#[derive(Clone, Copy)]
pub enum Group {
    /// Nodes by the subnets they have a network interface in (positions in `nodes`, in order).
    InterfacesBySubnet = 0,
    /// Route tables by the subnets associated with them explicitly.
    TablesBySubnet = 1,
    /// Main route tables by VPC.
    MainTablesByVpc = 2,
    /// Nodes that can answer a DNS query in a VPC, by that VPC: outbound Resolver endpoints
    /// with a rule for it, private hosted zones associated with it, its interface and gateway
    /// endpoints.
    DnsNodesByVpc = 3,
    /// Gateway endpoints by the route tables they add their prefix-list route to.
    GatewayEndpointsByTable = 4,
    /// Security groups by id, each as two numbers: its VPC's position in `vpcs` and its own in
    /// that VPC's list (for a design with this many groups in all).
    SecurityGroupsById = 5,
}

/// Positions of one list's items, for the list at `start` of `len` items (0: not indexed yet;
/// lists that short are scanned instead), by the hash of their id: building it copies no id,
/// and a lookup hashes the id once and compares it once, with the item's own. Two ids of one
/// hash (a 64-bit collision) keep the first; asking for the other finds a different id there,
/// so the list is indexed again (as for a moved item) and then scanned: slow, never wrong.
#[derive(Default)]
struct List {
    start: usize,
    len: usize,
    at: HashMap<u64, usize>,
}

fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(id)
}

/// Which list of the design.
#[derive(Clone, Copy)]
pub enum Kind {
    Vpc = 0,
    Subnet = 1,
    RouteTable = 2,
    Node = 3,
    Flow = 4,
    /// The attachments of a transit gateway, by VPC id. Each gateway has its own list, so a
    /// list is told apart by its address too: asking about another gateway indexes that one.
    TgwAttachment = 5,
}

impl Lookup {
    /// The first item of `items` whose `id` is `id`.
    pub fn find<'a, T>(
        &self,
        kind: Kind,
        items: &'a [T],
        id: &str,
        id_of: impl Fn(&T) -> &str,
    ) -> Option<&'a T> {
        // Small lists: a scan is as quick as hashing, and keeps no memory.
        if items.len() < 16 {
            return items.iter().find(|x| id_of(x) == id);
        }
        let position = {
            let Ok(mut positions) = self.0.try_borrow_mut() else {
                return items.iter().find(|x| id_of(x) == id);
            };
            let list = &mut positions.lists[kind as usize];
            if list.len != items.len() || list.start != items.as_ptr() as usize {
                list.index(items, &id_of);
            }
            let hash = id_hash(id);
            let mut position = list.at.get(&hash).copied();
            if position.is_some_and(|p| items.get(p).is_none_or(|x| id_of(x) != id)) {
                // Moved within the list since it was indexed.
                list.index(items, &id_of);
                position = list.at.get(&hash).copied();
            }
            position
        };
        match position {
            Some(p) => match items.get(p) {
                Some(x) if id_of(x) == id => Some(x),
                // Another id of the same hash holds the place.
                _ => items.iter().find(|x| id_of(x) == id),
            },
            None => {
                debug_assert!(
                    items.iter().all(|x| id_of(x) != id),
                    "the lookup index missed {id}: a list changed without Lookup::clear"
                );
                None
            }
        }
    }

    /// Positions of the items grouped under `key` (see `Group`), from `build` over the whole list
    /// of `len` items, built on the first question and again when the list's length changes.
    /// The same rule as for positions holds: a change that keeps the length must `clear()`.
    pub fn grouped(
        &self,
        group: Group,
        len: usize,
        key: &str,
        // One instance of this function for every group, not one per caller (bundle size).
        build: &dyn Fn() -> HashMap<String, Vec<usize>>,
    ) -> Vec<usize> {
        let cached = self.0.try_borrow().ok().and_then(|p| {
            let g = &p.groups[group as usize];
            (g.len == Some(len)).then(|| g.by_key.clone())
        });
        let by_key = match cached {
            Some(by_key) => by_key,
            None => {
                // Built outside the borrow: `build` may look items up itself.
                let built = Rc::new(build());
                if let Ok(mut p) = self.0.try_borrow_mut() {
                    p.groups[group as usize] = Grouped {
                        len: Some(len),
                        by_key: built.clone(),
                    };
                }
                built
            }
        };
        by_key.get(key).cloned().unwrap_or_default()
    }

    /// The answer to `question` about `item` (the address of the item it concerns) and `key`,
    /// worked out by `compute` once while the design's lists keep the lengths `shape` (and
    /// until `clear()`). Debug builds (the tests) work it out again every time and check that
    /// the kept answer is still right.
    pub fn memo<T: Any + PartialEq + std::fmt::Debug>(
        &self,
        question: Memo,
        item: usize,
        key: &str,
        shape: [usize; 5],
        compute: impl Fn() -> T,
    ) -> Rc<T> {
        let id = (question as u8, item);
        let kept = self.0.try_borrow().ok().and_then(|p| {
            if same_shape(p.memo_shape, shape) {
                let answers = p.memo.get(&id)?;
                answers
                    .iter()
                    .find(|(k, _)| same_key(k, key))
                    .map(|(_, a)| a.clone())
            } else {
                None
            }
        });
        if let Some(answer) = kept.and_then(|a| a.0.downcast::<T>().ok()) {
            debug_assert_eq!(
                *answer,
                compute(),
                "a kept answer went stale: the design changed without Lookup::clear"
            );
            return answer;
        }
        // Worked out outside the borrow: `compute` looks items up itself.
        let answer = Rc::new(compute());
        if let Ok(mut p) = self.0.try_borrow_mut() {
            if !same_shape(p.memo_shape, shape) {
                p.memo.clear();
                p.memo_shape = Some(shape);
            }
            let answers = p.memo.entry(id).or_default();
            answers.retain(|(k, _)| k != key);
            answers.push((key.to_string(), Kept(answer.clone() as Rc<dyn Any>)));
        }
        answer
    }

    /// Forgets every position: after changes that keep a list's length (an item replaced by
    /// one with another id, a removal and an insertion).
    pub fn clear(&self) {
        if let Ok(mut positions) = self.0.try_borrow_mut() {
            *positions = Positions::default();
        }
    }
}

/// `kept == key`, without a `memcmp` call for the empty key most questions use (one per hop:
/// 3% of an analysis at `opt-level = "z"`).
fn same_key(kept: &str, key: &str) -> bool {
    kept.len() == key.len() && (key.is_empty() || kept == key)
}

/// `kept == Some(shape)`, element by element: the derived comparison calls `memcmp` at
/// `opt-level = "z"`, which showed at 2% of an analysis (every hop asks for its table's routes).
fn same_shape(kept: Option<[usize; 5]>, shape: [usize; 5]) -> bool {
    kept.is_some_and(|k| k.iter().zip(shape).all(|(a, b)| *a == b))
}

impl List {
    fn index<T>(&mut self, items: &[T], id_of: &impl Fn(&T) -> &str) {
        self.at.clear();
        self.at.reserve(items.len());
        for (i, x) in items.iter().enumerate() {
            // The first of duplicate ids wins, as with `find`.
            self.at.entry(id_hash(id_of(x))).or_insert(i);
        }
        self.start = items.as_ptr() as usize;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("item-{i}")).collect()
    }

    #[test]
    fn finds_the_first_item_with_an_id_in_an_indexed_list() {
        let lookup = Lookup::default();
        let mut items = ids(40);
        items[30] = "item-7".into();
        let find = |items: &[String], id: &str| {
            lookup
                .find(Kind::Node, items, id, |s| s.as_str())
                .map(|x| x as *const String)
        };
        assert_eq!(find(&items, "item-7"), Some(&items[7] as *const String));
        assert_eq!(find(&items, "item-39"), Some(&items[39] as *const String));
        assert_eq!(find(&items, "item-40"), None);
        // Items moved within the list (same length, no clear): found where they are now.
        items.swap(3, 20);
        assert_eq!(find(&items, "item-3"), Some(&items[20] as *const String));
        assert_eq!(find(&items, "item-20"), Some(&items[3] as *const String));
        // A longer list is indexed again.
        items.push("item-new".into());
        assert_eq!(find(&items, "item-new"), Some(&items[40] as *const String));
    }

    #[test]
    fn tells_two_lists_of_one_kind_and_length_apart() {
        // Two transit gateways' attachments: same kind, same length, different items.
        let lookup = Lookup::default();
        let first = ids(20);
        let second: Vec<String> = (0..20).map(|i| format!("other-{i}")).collect();
        let find = |items: &[String], id: &str| {
            lookup
                .find(Kind::TgwAttachment, items, id, |s| s.as_str())
                .map(|x| x as *const String)
        };
        assert_eq!(find(&first, "item-5"), Some(&first[5] as *const String));
        assert_eq!(find(&second, "other-5"), Some(&second[5] as *const String));
        assert_eq!(find(&first, "item-19"), Some(&first[19] as *const String));
        assert_eq!(find(&second, "item-5"), None);
    }
}
