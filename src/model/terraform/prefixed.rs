//! Names behind the name prefix, as `import` reads them: `"${var.name_prefix}<name>"`.
//!
//! hcl-rs turns a string template back into text with its own escaping, which loses characters
//! after a `$`/`%` marker (`"$${a} %%{b}"` comes back as `$${a} %{b}`), so the literal part of
//! such a template can't be read from hcl-rs's tree. hcl-edit, the parser underneath hcl-rs,
//! keeps each literal part decoded; this module reads the prefixed names from it.

use crate::model::hash::{HashMap, HashMapExt};
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::Element;

/// Where a name sits: the resource's type and name, and `name` or `tags.Name`.
pub type Key = (String, String, &'static str);

/// Every `name` and `tags.Name` of a top-level resource that is the name prefix followed by
/// literal text only, with that text. Empty if the file doesn't parse (import reports that).
pub fn names(text: &str) -> HashMap<Key, String> {
    let mut out = HashMap::new();
    let Ok(body) = hcl_edit::parser::parse_body(text) else {
        return out;
    };
    for structure in body.iter() {
        let Structure::Block(block) = structure else {
            continue;
        };
        if block.ident.as_str() != "resource" || block.labels.len() != 2 {
            continue;
        }
        let (ty, name) = (
            block.labels[0].as_str().to_string(),
            block.labels[1].as_str().to_string(),
        );
        for (attribute, value) in attributes(&block.body) {
            match attribute {
                "name" => {
                    if let Some(text) = after_prefix(value) {
                        out.insert((ty.clone(), name.clone(), "name"), text);
                    }
                }
                "tags" => {
                    let Expression::Object(tags) = value else {
                        continue;
                    };
                    for (key, v) in tags.iter() {
                        let is_name = match key {
                            ObjectKey::Ident(i) => i.as_str() == "Name",
                            ObjectKey::Expression(Expression::String(s)) => s.as_str() == "Name",
                            _ => false,
                        };
                        if let (true, Some(text)) = (is_name, after_prefix(v.expr())) {
                            out.insert((ty.clone(), name.clone(), "tags.Name"), text);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn attributes(body: &Body) -> impl Iterator<Item = (&str, &Expression)> {
    body.iter().filter_map(|s| match s {
        Structure::Attribute(a) => Some((a.key.as_str(), &a.value)),
        Structure::Block(_) => None,
    })
}

/// The literal text after a leading `${var.name_prefix}`, if the rest is only literal text.
fn after_prefix(e: &Expression) -> Option<String> {
    let Expression::StringTemplate(t) = e else {
        return None;
    };
    let mut elements = t.iter();
    let Some(Element::Interpolation(first)) = elements.next() else {
        return None;
    };
    if !is_name_prefix(&first.expr) {
        return None;
    }
    let mut text = String::new();
    for element in elements {
        match element {
            Element::Literal(literal) => text.push_str(literal.as_str()),
            _ => return None,
        }
    }
    Some(text)
}

fn is_name_prefix(e: &Expression) -> bool {
    let Expression::Traversal(t) = e else {
        return false;
    };
    let Expression::Variable(root) = &t.expr else {
        return false;
    };
    matches!(t.operators.as_slice(), [op] if root.as_str() == "var" && matches!(op.value(), TraversalOperator::GetAttr(a) if a.as_str() == "name_prefix"))
}
