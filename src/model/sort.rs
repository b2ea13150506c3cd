//! Stable sorting through one instance of the standard library's sort. `slice::sort_by` is
//! compiled anew for every element type and comparison (2–4 KB of wasm each: ~25 call sites
//! cost ~74 KB of the app's code before compression), so these sort the items' positions with
//! a single instance and then move the items into that order. Same results as `sort_by`: stable,
//! O(n log n) comparisons, plus O(n) swaps.

use std::cmp::Ordering;

/// `items.sort_by(compare)`, stable.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// `items.sort_by_key(key)`, stable.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort()`, stable.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..n` in sorted order: the one instance of the standard sort.
#[inline(never)]
fn order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that `items[i]` is the item that was at `order[i]`.
fn permute<T>(items: &mut [T], order: &[usize]) {
    // Where each original item is now, and which original item each place holds.
    let mut place_of: Vec<usize> = (0..items.len()).collect();
    let mut held: Vec<usize> = place_of.clone();
    for (i, &wanted) in order.iter().enumerate() {
        let from = place_of[wanted];
        if from != i {
            items.swap(i, from);
            let displaced = held[i];
            place_of[displaced] = from;
            held[from] = displaced;
            place_of[wanted] = i;
            held[i] = wanted;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included.
        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sorts_owned_items_by_a_comparison() {
        let mut names = vec!["web".to_string(), "app".into(), "db".into(), "app".into()];
        sort(&mut names);
        assert_eq!(names, ["app", "app", "db", "web"]);
        sort_by(&mut names, |a, b| b.cmp(a));
        assert_eq!(names, ["web", "db", "app", "app"]);
    }
}
