//! Any JSON text as a loose tree: keys in order and duplicates kept (which `serde_json::Value`
//! merges), numbers as their text. Read through serde_json with one small visitor, so the
//! browser bundle carries no `Value` parser. Policies (access/policy.rs) and share links
//! (share.rs) read JSON this way.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The loose tree JSON is read into: keys in order, duplicates kept.
pub(crate) enum J {
    Null,
    Bool(bool),
    /// A number as text: condition values are compared as text or parsed by their operator.
    Num(String),
    Str(String),
    List(Vec<J>),
    Obj(Vec<(String, J)>),
}

pub(crate) fn read_tree(text: &str) -> Result<J, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let tree = Tree.deserialize(&mut de)?;
    de.end()?;
    Ok(tree)
}

/// The one visitor: any JSON value into `J`. serde_json limits nesting to 128 levels, so
/// hostile input ends in an error, not a stack overflow.
#[derive(Clone, Copy)]
struct Tree;

impl<'de> DeserializeSeed<'de> for Tree {
    type Value = J;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<J, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tree {
    type Value = J;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<J, E> {
        Ok(J::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<J, E> {
        Ok(J::Num(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<J, E> {
        Ok(J::Num(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<J, E> {
        // ryu, which the design writer uses already: `f64`'s Display would add ~11 KB of
        // float formatting to the browser bundle.
        Ok(J::Num(if v.is_finite() {
            ryu::Buffer::new().format_finite(v).to_string()
        } else {
            "null".into()
        }))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<J, E> {
        Ok(J::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<J, E> {
        Ok(J::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<J, E> {
        Ok(J::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<J, E> {
        Ok(J::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Tree)? {
            out.push(v);
        }
        Ok(J::List(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(Tree)?;
            out.push((k, v));
        }
        Ok(J::Obj(out))
    }
}
