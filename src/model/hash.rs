//! The model's hash maps and sets: foldhash (ids are hashed on every lookup, and std's SipHash
//! was 16% of the analysis) with a fixed seed, so that iteration order is the same on every run,
//! as std's was in the browser (it seeds SipHash with fixed keys on wasm32). Input is bounded
//! (document.rs's limits), which is what keeps colliding ids from hurting.

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
pub use foldhash::{HashMapExt, HashSetExt};
