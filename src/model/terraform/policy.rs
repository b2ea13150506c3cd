//! Endpoint policies in Terraform: `policy = jsonencode({ … })`, the policy's canonical JSON
//! (access::Policy::to_json) as an HCL object, and read back from one. Strings go through
//! `literal`, so IAM policy variables such as `${aws:username}` stay literal (`$${…}`).

use super::literal;
use crate::model::access::parse;
use crate::model::document::Json;
use crate::model::json_tree::{J, read_tree};
use hcl::expr::{Expression, FuncCall, ObjectKey};

/// `jsonencode(<the policy>)`, or `None` when the text is not a policy AWS would accept (the
/// design then has a `policy.*` error and the header warns).
pub(super) fn expression(text: &str) -> Option<Expression> {
    let canonical = parse(text).ok()?.to_json();
    let tree = read_tree(&canonical).ok()?;
    Some(Expression::from(
        FuncCall::builder("jsonencode").arg(value(&tree)).build(),
    ))
}

fn value(j: &J) -> Expression {
    match j {
        J::Null => Expression::Null,
        J::Bool(b) => Expression::Bool(*b),
        // Whole numbers stay numbers; any other is written as its text (IAM compares condition
        // values as strings, and parsing floats would put float tables in the browser bundle).
        J::Num(n) => n
            .parse::<i64>()
            .map(Expression::from)
            .unwrap_or_else(|_| literal(n)),
        J::Str(s) => literal(s),
        J::List(items) => Expression::Array(items.iter().map(value).collect()),
        J::Obj(fields) => {
            let mut object = hcl::Object::new();
            for (k, v) in fields {
                let key = if hcl::Identifier::new(k.as_str()).is_ok() && !k.contains('-') {
                    ObjectKey::Identifier(hcl::Identifier::unchecked(k))
                } else {
                    ObjectKey::Expression(literal(k))
                };
                object.insert(key, value(v));
            }
            Expression::Object(object)
        }
    }
}

/// The policy text of `jsonencode({ … })` (or a literal JSON string), in canonical form.
pub(super) fn text(e: &Expression) -> Result<String, String> {
    let json = match e {
        Expression::FuncCall(f) if f.name.name.as_str() == "jsonencode" && f.args.len() == 1 => {
            let mut w = Json(String::new());
            to_json(&f.args[0], &mut w)?;
            w.0
        }
        Expression::String(s) => s.clone(),
        _ => return Err("is neither jsonencode({…}) nor a JSON string".into()),
    };
    match parse(&json) {
        Ok(policy) => Ok(policy.to_json()),
        Err(problems) => Err(format!(
            "is not a policy the planner reads: {}",
            problems.first().map(|p| p.to_string()).unwrap_or_default()
        )),
    }
}

fn to_json(e: &Expression, w: &mut Json) -> Result<(), String> {
    match e {
        Expression::Null => w.0.push_str("null"),
        Expression::Bool(b) => w.0.push_str(if *b { "true" } else { "false" }),
        Expression::Number(n) => w.0.push_str(&n.to_string()),
        Expression::String(s) => w.str(s),
        Expression::Array(items) => {
            w.0.push('[');
            for item in items {
                w.sep();
                to_json(item, w)?;
            }
            w.0.push(']');
        }
        Expression::Object(object) => {
            w.open();
            for (k, v) in object {
                let key = match k {
                    ObjectKey::Identifier(i) => i.as_str().to_string(),
                    ObjectKey::Expression(Expression::String(s)) => s.clone(),
                    _ => return Err("has an object key that is not a literal".into()),
                };
                w.key(&key);
                to_json(v, w)?;
            }
            w.close();
        }
        _ => {
            return Err(
                "holds an expression that is not a literal value (only literal policies are read)"
                    .into(),
            );
        }
    }
    Ok(())
}
