//! IAM policy documents as endpoint and bucket policies use them: reading with a list of
//! problems, and writing canonical JSON.
//!
//! Reading goes through serde_json, as design documents do, but into a loose tree of our own
//! (`J`, one small visitor) rather than `serde_json::Value`: the browser bundle carries no
//! `Value` parser, and the tree keeps keys in order and sees duplicate keys, which `Value`
//! silently merges. The tree is then checked field by field, so one read reports every problem
//! (unknown fields, missing elements, bad values) rather than the first.
//!
//! What AWS requires of these policies (aws-networking.md §4):
//! - an endpoint policy "must contain a Principal element" and "cannot exceed 20,480
//!   characters, including white space" [E12]; bucket policies need a Principal too [S1];
//! - a statement has `Action` or `NotAction`, `Resource` or `NotResource`, `Principal` or
//!   `NotPrincipal`, never both of a pair (IAM policy element reference, "Some JSON policy
//!   elements are mutually exclusive");
//! - `NotPrincipal` only with `"Effect": "Deny"` ("Using it with "Effect":"Allow" is not
//!   supported", IAM JSON policy elements: NotPrincipal). It is modelled, not refused: it is
//!   supported in VPC endpoint policies (same page).

use crate::model::document::Json;
use crate::model::json_tree::{J, read_tree};
use crate::model::text::clip;
use std::fmt;

/// The longest policy AWS accepts, in characters, white space included [E12].
pub const MAX_CHARS: usize = 20_480;

/// The policy AWS attaches to an endpoint when none is given: full access [E12].
pub const DEFAULT_ENDPOINT_POLICY: &str =
    r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

/// The policy language versions IAM knows; the older one lacks policy variables.
const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];

/// A policy that passed every check of `parse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub version: Option<String>,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    /// `Principal`, or `NotPrincipal` when `negated`.
    pub principal: Who,
    /// `Action`, or `NotAction` when `negated`.
    pub action: Patterns,
    /// `Resource`, or `NotResource` when `negated`.
    pub resource: Patterns,
    /// The `Condition` block, operators in the order written.
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// A list of action or resource patterns, or its `Not…` form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patterns {
    pub negated: bool,
    pub values: Vec<String>,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub negated: bool,
    pub principal: Principal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"*"`: everyone, anonymous callers included.
    Any,
    /// `{"AWS": …, "Service": …}`, in the order written.
    Of(Vec<(PrincipalType, Vec<String>)>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalType {
    pub const ALL: [PrincipalType; 4] = [
        PrincipalType::Aws,
        PrincipalType::Service,
        PrincipalType::Federated,
        PrincipalType::CanonicalUser,
    ];
    pub fn name(self) -> &'static str {
        match self {
            PrincipalType::Aws => "AWS",
            PrincipalType::Service => "Service",
            PrincipalType::Federated => "Federated",
            PrincipalType::CanonicalUser => "CanonicalUser",
        }
    }
}

/// One operator of a `Condition` block with its keys: `"StringEquals": {"aws:SourceVpce": …}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub operator: Operator,
    /// Each key with its values, in the order written; values are OR'ed, keys AND'ed.
    pub keys: Vec<(String, Vec<String>)>,
}

/// A condition operator: an optional set qualifier, a test, and the `IfExists` suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operator {
    pub set: Option<SetQualifier>,
    pub test: Test,
    pub if_exists: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// The condition tests of the IAM condition operator reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

/// Every test with its name, for reading and writing.
pub const TESTS: [(Test, &str); 27] = [
    (Test::StringEquals, "StringEquals"),
    (Test::StringNotEquals, "StringNotEquals"),
    (Test::StringEqualsIgnoreCase, "StringEqualsIgnoreCase"),
    (Test::StringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase"),
    (Test::StringLike, "StringLike"),
    (Test::StringNotLike, "StringNotLike"),
    (Test::NumericEquals, "NumericEquals"),
    (Test::NumericNotEquals, "NumericNotEquals"),
    (Test::NumericLessThan, "NumericLessThan"),
    (Test::NumericLessThanEquals, "NumericLessThanEquals"),
    (Test::NumericGreaterThan, "NumericGreaterThan"),
    (Test::NumericGreaterThanEquals, "NumericGreaterThanEquals"),
    (Test::DateEquals, "DateEquals"),
    (Test::DateNotEquals, "DateNotEquals"),
    (Test::DateLessThan, "DateLessThan"),
    (Test::DateLessThanEquals, "DateLessThanEquals"),
    (Test::DateGreaterThan, "DateGreaterThan"),
    (Test::DateGreaterThanEquals, "DateGreaterThanEquals"),
    (Test::Bool, "Bool"),
    (Test::BinaryEquals, "BinaryEquals"),
    (Test::IpAddress, "IpAddress"),
    (Test::NotIpAddress, "NotIpAddress"),
    (Test::ArnEquals, "ArnEquals"),
    (Test::ArnLike, "ArnLike"),
    (Test::ArnNotEquals, "ArnNotEquals"),
    (Test::ArnNotLike, "ArnNotLike"),
    (Test::Null, "Null"),
];

impl Test {
    pub fn name(self) -> &'static str {
        TESTS
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("", |(_, n)| n)
    }
    /// The tests that are true when the value matches none of the policy's values; they are
    /// also true when the key is absent ("If the policy condition requires that the key is not
    /// matched, such as StringNotLike or ArnNotLike, and the right key is not present, the
    /// condition is true", IAM JSON policy elements: Condition operators).
    pub fn negated(self) -> bool {
        matches!(
            self,
            Test::StringNotEquals
                | Test::StringNotEqualsIgnoreCase
                | Test::StringNotLike
                | Test::NumericNotEquals
                | Test::DateNotEquals
                | Test::NotIpAddress
                | Test::ArnNotEquals
                | Test::ArnNotLike
        )
    }
}

impl Operator {
    /// Reads an operator name such as `ForAnyValue:StringLikeIfExists`. Names are matched
    /// without regard to case; `Null` takes neither a qualifier nor `IfExists`.
    pub fn parse(text: &str) -> Option<Operator> {
        let (set, rest) = match text.split_once(':') {
            Some((q, rest)) if q.eq_ignore_ascii_case("ForAnyValue") => {
                (Some(SetQualifier::ForAnyValue), rest)
            }
            Some((q, rest)) if q.eq_ignore_ascii_case("ForAllValues") => {
                (Some(SetQualifier::ForAllValues), rest)
            }
            Some(_) => return None,
            None => (None, text),
        };
        let suffix = "IfExists";
        let (base, if_exists) = match rest
            .len()
            .checked_sub(suffix.len())
            .and_then(|i| rest.get(i..).map(|s| (i, s)))
        {
            Some((i, s)) if s.eq_ignore_ascii_case(suffix) => (&rest[..i], true),
            _ => (rest, false),
        };
        let test = TESTS.iter().find(|(_, n)| n.eq_ignore_ascii_case(base))?.0;
        if test == Test::Null && (if_exists || set.is_some()) {
            return None;
        }
        Some(Operator {
            set,
            test,
            if_exists,
        })
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.set {
            Some(SetQualifier::ForAnyValue) => f.write_str("ForAnyValue:")?,
            Some(SetQualifier::ForAllValues) => f.write_str("ForAllValues:")?,
            None => {}
        }
        f.write_str(self.test.name())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

// ---- problems -------------------------------------------------------------------------------

/// Something AWS would refuse (or that this model cannot read) in a policy, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The statement, by position in `Statement` (0-based; messages count from 1).
    pub statement: Option<usize>,
    /// That statement's `Sid`, for messages.
    pub sid: Option<String>,
    /// The element inside the statement (or the document), e.g. `Condition.StringEquals`;
    /// empty for the document as a whole.
    pub element: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Nothing at all, or only white space.
    Empty,
    /// Not JSON; line and column are 1-based.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Longer than `MAX_CHARS` characters [E12].
    TooLong { chars: usize },
    /// Valid JSON, but not an object.
    NotAnObject,
    /// A field the policy grammar does not have; `suggestion` is the known one it resembles.
    UnknownField {
        field: String,
        suggestion: Option<&'static str>,
    },
    /// The same key twice in one object: which one AWS would read is not documented.
    DuplicateField { field: String },
    /// A value of the wrong JSON type; `expected` says what fits.
    WrongType { expected: &'static str },
    /// A required element left out.
    Missing { field: &'static str },
    /// An element and its `Not…` form in one statement.
    Both {
        field: &'static str,
        not_field: &'static str,
    },
    /// `Effect` other than `Allow` or `Deny`.
    BadEffect { found: String },
    /// `NotPrincipal` with `Allow`.
    NotPrincipalWithAllow,
    /// `Version` other than the two IAM knows.
    BadVersion { found: String },
    /// No statements at all.
    NoStatements,
    /// An empty list where at least one value is needed.
    EmptyList,
    /// A condition operator IAM does not have.
    UnknownOperator { operator: String },
    /// A value that cannot mean what its element needs; `why` says what it should be.
    BadValue { value: String, why: &'static str },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.statement {
            write!(f, "statement {}", i + 1)?;
            if let Some(sid) = &self.sid {
                write!(f, " ({})", clip(sid))?;
            }
            if !self.element.is_empty() {
                write!(f, ", {}", clip_long(&self.element))?;
            }
            f.write_str(": ")?;
        } else if !self.element.is_empty() {
            write!(f, "{}: ", clip_long(&self.element))?;
        }
        write!(f, "{}", self.kind)
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Empty => f.write_str("the policy is empty"),
            ProblemKind::Syntax { line, column, message } => write!(f, "not valid JSON: {message} (line {line}, column {column})"),
            ProblemKind::TooLong { chars } => {
                write!(f, "the policy has {chars} characters; AWS accepts at most 20,480, white space included")
            }
            ProblemKind::NotAnObject => f.write_str("a policy is a JSON object, { … }, with a \"Statement\""),
            ProblemKind::UnknownField { field, suggestion: Some(s) } => write!(f, "unknown field \"{}\" (did you mean \"{s}\"?)", clip(field)),
            ProblemKind::UnknownField { field, suggestion: None } => write!(f, "unknown field \"{}\"", clip(field)),
            ProblemKind::DuplicateField { field } => write!(f, "\"{}\" appears twice; give it once", clip(field)),
            ProblemKind::WrongType { expected } => write!(f, "must be {expected}"),
            ProblemKind::Missing { field: "Principal" } => {
                f.write_str("no \"Principal\": endpoint and bucket policies must say whom a statement applies to (\"*\" for everyone)")
            }
            ProblemKind::Missing { field } => write!(f, "no \"{field}\""),
            ProblemKind::Both { field, not_field } => write!(f, "both \"{field}\" and \"{not_field}\"; a statement has one or the other"),
            ProblemKind::BadEffect { found } => write!(f, "\"Effect\" must be \"Allow\" or \"Deny\", not \"{}\"", clip(found)),
            ProblemKind::NotPrincipalWithAllow => f.write_str("\"NotPrincipal\" works only with \"Effect\": \"Deny\""),
            ProblemKind::BadVersion { found } => write!(f, "\"Version\" must be \"2012-10-17\" (or the older \"2008-10-17\"), not \"{}\"", clip(found)),
            ProblemKind::NoStatements => f.write_str("\"Statement\" is empty: a policy needs at least one statement"),
            ProblemKind::EmptyList => f.write_str("an empty list; give at least one value"),
            ProblemKind::UnknownOperator { operator } => write!(f, "unknown condition operator \"{}\"", clip(operator)),
            ProblemKind::BadValue { value, why } => write!(f, "\"{}\" {why}", clip(value)),
        }
    }
}

/// Element paths, actions and ARNs in messages: whole unless hostile (they are often longer
/// than the 40 characters `text::clip` keeps for names).
pub(crate) fn clip_long(text: &str) -> String {
    const MAX: usize = 200;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        text.chars().take(MAX).chain("…".chars()).collect()
    }
}

// ---- reading --------------------------------------------------------------------------------

/// Reads and checks a policy. `Err` holds every problem found, in document order; a policy
/// with any problem is one AWS would refuse, so it is not returned. Never panics.
pub fn parse(text: &str) -> Result<Policy, Vec<Problem>> {
    let mut r = Reader {
        problems: Vec::new(),
        statement: None,
        sid: None,
    };
    if text.trim().is_empty() {
        r.doc("", ProblemKind::Empty);
        return Err(r.problems);
    }
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        // Reported, and the rest checked too: the user may have more to fix than the length.
        r.doc("", ProblemKind::TooLong { chars });
    }
    let tree = match read_tree(text) {
        Ok(t) => t,
        Err(e) => {
            r.doc("", syntax(&e));
            return Err(r.problems);
        }
    };
    let policy = r.policy(tree);
    match policy {
        Some(p) if r.problems.is_empty() => Ok(p),
        _ => Err(r.problems),
    }
}

fn syntax(e: &serde_json::Error) -> ProblemKind {
    // As document.rs: serde_json's message ends with " at line L column C"; the numbers are kept
    // apart, and column 0 (the very end of the input) becomes 1.
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    ProblemKind::Syntax {
        line: e.line().max(1),
        column: e.column().max(1),
        message,
    }
}

const DOCUMENT_FIELDS: [&str; 3] = ["Version", "Id", "Statement"];
const STATEMENT_FIELDS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// Checks the tree and builds the policy, collecting problems.
struct Reader {
    problems: Vec<Problem>,
    statement: Option<usize>,
    sid: Option<String>,
}

impl Reader {
    fn doc(&mut self, element: &str, kind: ProblemKind) {
        self.problems.push(Problem {
            statement: self.statement,
            sid: self.sid.clone(),
            element: element.to_string(),
            kind,
        });
    }

    /// An object's fields by name, reporting unknown and repeated keys; `None` for each field
    /// left out.
    fn fields<const N: usize>(
        &mut self,
        element: &str,
        entries: Vec<(String, J)>,
        names: &[&'static str; N],
    ) -> [Option<J>; N] {
        let mut out: [Option<J>; N] = std::array::from_fn(|_| None);
        for (key, value) in entries {
            match names.iter().position(|n| *n == key) {
                Some(i) if out[i].is_some() => {
                    self.doc(element, ProblemKind::DuplicateField { field: key })
                }
                Some(i) => out[i] = Some(value),
                None => {
                    let suggestion = names.iter().copied().find(|n| n.eq_ignore_ascii_case(&key));
                    self.doc(
                        element,
                        ProblemKind::UnknownField {
                            field: key,
                            suggestion,
                        },
                    );
                }
            }
        }
        out
    }

    fn policy(&mut self, tree: J) -> Option<Policy> {
        let J::Obj(entries) = tree else {
            self.doc("", ProblemKind::NotAnObject);
            return None;
        };
        let [version, id, statement] = self.fields("", entries, &DOCUMENT_FIELDS);
        let version = version.and_then(|v| self.string("Version", v));
        if let Some(v) = &version
            && !VERSIONS.contains(&v.as_str())
        {
            self.doc("Version", ProblemKind::BadVersion { found: v.clone() });
        }
        let id = id.and_then(|v| self.string("Id", v));
        // `Statement` is one statement or a list of them.
        let items = match statement {
            None => {
                self.doc("", ProblemKind::Missing { field: "Statement" });
                return None;
            }
            Some(J::List(items)) => items,
            Some(one @ J::Obj(_)) => vec![one],
            Some(_) => {
                self.doc(
                    "Statement",
                    ProblemKind::WrongType {
                        expected: "a statement object or a list of them",
                    },
                );
                return None;
            }
        };
        if items.is_empty() {
            self.doc("Statement", ProblemKind::NoStatements);
        }
        let mut statements = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            self.statement = Some(i);
            self.sid = None;
            if let Some(s) = self.statement_of(item) {
                statements.push(s);
            }
        }
        self.statement = None;
        self.sid = None;
        Some(Policy {
            version,
            id,
            statements,
        })
    }

    fn statement_of(&mut self, item: J) -> Option<Statement> {
        let J::Obj(entries) = item else {
            let expected = "an object with \"Effect\", \"Principal\", \"Action\" and \"Resource\"";
            self.doc("", ProblemKind::WrongType { expected });
            return None;
        };
        // The Sid first, so every later problem of this statement can name it.
        let sid = entries
            .iter()
            .find(|(k, _)| k == "Sid")
            .and_then(|(_, v)| match v {
                J::Str(s) => Some(s.clone()),
                _ => None,
            });
        self.sid = sid;
        let [
            sid,
            effect,
            principal,
            not_principal,
            action,
            not_action,
            resource,
            not_resource,
            condition,
        ] = self.fields("", entries, &STATEMENT_FIELDS);
        let sid = sid.and_then(|v| self.string("Sid", v));
        let effect = match effect.and_then(|v| self.string("Effect", v)) {
            Some(e) if e == "Allow" => Some(Effect::Allow),
            Some(e) if e == "Deny" => Some(Effect::Deny),
            Some(found) => {
                self.doc("Effect", ProblemKind::BadEffect { found });
                None
            }
            None => {
                self.doc("", ProblemKind::Missing { field: "Effect" });
                None
            }
        };
        let who = self.pair(
            principal,
            not_principal,
            "Principal",
            "NotPrincipal",
            Self::principal,
        );
        if let (Some(Effect::Allow), Some(Who { negated: true, .. })) = (effect, &who) {
            self.doc("NotPrincipal", ProblemKind::NotPrincipalWithAllow);
        }
        let action = self.pair(action, not_action, "Action", "NotAction", Self::actions);
        let resource = self.pair(
            resource,
            not_resource,
            "Resource",
            "NotResource",
            Self::resources,
        );
        let conditions = match condition {
            None => Some(Vec::new()),
            Some(c) => self.conditions(c),
        };
        Some(Statement {
            sid,
            effect: effect?,
            principal: who?,
            action: action?,
            resource: resource?,
            conditions: conditions?,
        })
    }

    /// An element and its `Not…` form: exactly one of them.
    fn pair<T>(
        &mut self,
        plain: Option<J>,
        not: Option<J>,
        field: &'static str,
        not_field: &'static str,
        read: fn(&mut Self, &'static str, J, bool) -> Option<T>,
    ) -> Option<T> {
        match (plain, not) {
            (Some(_), Some(_)) => {
                self.doc("", ProblemKind::Both { field, not_field });
                None
            }
            (Some(v), None) => read(self, field, v, false),
            (None, Some(v)) => read(self, not_field, v, true),
            (None, None) => {
                self.doc("", ProblemKind::Missing { field });
                None
            }
        }
    }

    fn string(&mut self, element: &str, v: J) -> Option<String> {
        match v {
            J::Str(s) => Some(s),
            _ => {
                self.doc(
                    element,
                    ProblemKind::WrongType {
                        expected: "a string",
                    },
                );
                None
            }
        }
    }

    /// A string or a non-empty list of strings.
    fn strings(&mut self, element: &str, v: J) -> Option<Vec<String>> {
        let expected = "a string or a list of strings";
        match v {
            J::Str(s) => Some(vec![s]),
            J::List(items) if items.is_empty() => {
                self.doc(element, ProblemKind::EmptyList);
                None
            }
            J::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        J::Str(s) => out.push(s),
                        _ => {
                            self.doc(element, ProblemKind::WrongType { expected });
                            return None;
                        }
                    }
                }
                Some(out)
            }
            _ => {
                self.doc(element, ProblemKind::WrongType { expected });
                None
            }
        }
    }

    fn actions(&mut self, element: &'static str, v: J, negated: bool) -> Option<Patterns> {
        let values = self.strings(element, v)?;
        let before = self.problems.len();
        for a in &values {
            // IAM names actions service:action ("s3:GetObject"); "*" is every action.
            let ok = a == "*"
                || a.split_once(':')
                    .is_some_and(|(svc, name)| !svc.is_empty() && !name.is_empty());
            if !ok {
                self.doc(element, ProblemKind::BadValue { value: a.clone(), why: "is not an action: write service:action, such as s3:GetObject, or \"*\"" });
            }
        }
        (self.problems.len() == before).then_some(Patterns { negated, values })
    }

    fn resources(&mut self, element: &'static str, v: J, negated: bool) -> Option<Patterns> {
        let values = self.strings(element, v)?;
        let before = self.problems.len();
        for r in &values {
            if r != "*" && !r.starts_with("arn:") {
                self.doc(
                    element,
                    ProblemKind::BadValue {
                        value: r.clone(),
                        why: "is not a resource: write an ARN (arn:aws:s3:::bucket/*) or \"*\"",
                    },
                );
            }
        }
        (self.problems.len() == before).then_some(Patterns { negated, values })
    }

    fn principal(&mut self, element: &'static str, v: J, negated: bool) -> Option<Who> {
        let expected = "\"*\" or an object such as {\"AWS\": \"123456789012\"}";
        let principal = match v {
            J::Str(s) if s == "*" => Principal::Any,
            J::Obj(entries) => {
                let before = self.problems.len();
                let fields = self.fields(
                    element,
                    entries,
                    &["AWS", "Service", "Federated", "CanonicalUser"],
                );
                let mut of = Vec::new();
                let mut ok = self.problems.len() == before;
                for (ty, value) in PrincipalType::ALL.into_iter().zip(fields) {
                    let Some(value) = value else { continue };
                    let at = format!("{element}.{}", ty.name());
                    match self.strings(&at, value) {
                        Some(values) => {
                            for p in &values {
                                // "You cannot use a wildcard to match part of a principal name or
                                // ARN" (IAM JSON policy elements: Principal).
                                if p != "*" && (p.contains('*') || p.contains('?')) {
                                    self.doc(&at, ProblemKind::BadValue { value: p.clone(), why: "uses a wildcard inside a principal; only \"*\" alone is allowed" });
                                    ok = false;
                                }
                            }
                            of.push((ty, values));
                        }
                        None => ok = false,
                    }
                }
                if of.is_empty() && ok {
                    self.doc(element, ProblemKind::WrongType { expected });
                    return None;
                }
                if !ok {
                    return None;
                }
                Principal::Of(of)
            }
            _ => {
                self.doc(element, ProblemKind::WrongType { expected });
                return None;
            }
        };
        Some(Who { negated, principal })
    }

    fn conditions(&mut self, v: J) -> Option<Vec<Condition>> {
        let expected = "an object of operators, such as {\"StringEquals\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}}";
        let J::Obj(entries) = v else {
            self.doc("Condition", ProblemKind::WrongType { expected });
            return None;
        };
        let before = self.problems.len();
        let mut out: Vec<Condition> = Vec::with_capacity(entries.len());
        let mut seen: Vec<Operator> = Vec::new();
        for (name, block) in entries {
            let at = format!("Condition.{name}");
            let Some(operator) = Operator::parse(&name) else {
                self.doc("Condition", ProblemKind::UnknownOperator { operator: name });
                continue;
            };
            // Operator names are read without regard to case, so "Bool" and "bool" are one.
            if seen.contains(&operator) {
                self.doc("Condition", ProblemKind::DuplicateField { field: name });
                continue;
            }
            seen.push(operator);
            let J::Obj(keys) = block else {
                self.doc(
                    &at,
                    ProblemKind::WrongType {
                        expected: "an object of condition keys and their values",
                    },
                );
                continue;
            };
            let mut read: Vec<(String, Vec<String>)> = Vec::with_capacity(keys.len());
            for (key, values) in keys {
                // Key names are not case-sensitive (IAM JSON policy elements: Condition).
                if read.iter().any(|(k, _)| k.eq_ignore_ascii_case(&key)) {
                    self.doc(&at, ProblemKind::DuplicateField { field: key });
                    continue;
                }
                let key_at = format!("{at}.{key}");
                if let Some(values) = self.condition_values(&key_at, operator.test, values) {
                    read.push((key, values));
                }
            }
            if read.is_empty() && self.problems.len() == before {
                self.doc(&at, ProblemKind::EmptyList);
            }
            out.push(Condition {
                operator,
                keys: read,
            });
        }
        (self.problems.len() == before).then_some(out)
    }

    /// A condition key's values: strings, or booleans and numbers, kept as their text.
    fn condition_values(&mut self, at: &str, test: Test, v: J) -> Option<Vec<String>> {
        let expected = "a string, a boolean, a number, or a list of them";
        let one = |j: J| match j {
            J::Str(s) | J::Num(s) => Some(s),
            J::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let values: Vec<String> = match v {
            J::List(items) if items.is_empty() => {
                self.doc(at, ProblemKind::EmptyList);
                return None;
            }
            J::List(items) => match items.into_iter().map(one).collect::<Option<Vec<_>>>() {
                Some(v) => v,
                None => {
                    self.doc(at, ProblemKind::WrongType { expected });
                    return None;
                }
            },
            other => match one(other) {
                Some(s) => vec![s],
                None => {
                    self.doc(at, ProblemKind::WrongType { expected });
                    return None;
                }
            },
        };
        let before = self.problems.len();
        for value in &values {
            let why = match test {
                Test::Bool | Test::Null
                    if !(value.eq_ignore_ascii_case("true")
                        || value.eq_ignore_ascii_case("false")) =>
                {
                    Some("is not true or false")
                }
                Test::IpAddress | Test::NotIpAddress if super::eval::parse_net(value).is_none() => {
                    Some("is not an IP address or CIDR block, such as 203.0.113.0/24")
                }
                _ => None,
            };
            if let Some(why) = why {
                self.doc(
                    at,
                    ProblemKind::BadValue {
                        value: value.clone(),
                        why,
                    },
                );
            }
        }
        (self.problems.len() == before).then_some(values)
    }
}

// ---- rules of endpoint policies -------------------------------------------------------------

/// Keys that hold identifiers AWS generates; E12 names these two ("such as").
const SYSTEM_ID_KEYS: [&str; 2] = ["aws:PrincipalAccount", "aws:SourceVpc"];

impl Policy {
    /// What AWS refuses in an endpoint policy beyond the IAM grammar `parse` checks [E12]:
    /// - "You can't use wildcard characters (* or ?) or numeric condition operators with global
    ///   context keys that reference system-generated identifiers (for example,
    ///   aws:PrincipalAccount or aws:SourceVpc)";
    /// - "When you use string condition operators, you must use at least six consecutive
    ///   characters before or after each wildcard character";
    /// - "When you specify an ARN in a resource or condition element, the account portion of
    ///   the ARN can include an account ID or a wildcard character, but not both".
    pub fn endpoint_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (i, s) in self.statements.iter().enumerate() {
            let mut report = |element: String, value: &str, why: &'static str| {
                out.push(Problem {
                    statement: Some(i),
                    sid: s.sid.clone(),
                    element,
                    kind: ProblemKind::BadValue {
                        value: value.to_string(),
                        why,
                    },
                });
            };
            let element = if s.resource.negated {
                "NotResource"
            } else {
                "Resource"
            };
            for r in &s.resource.values {
                if mixed_account(r) {
                    report(
                        element.to_string(),
                        r,
                        "mixes an account id and a wildcard in its account part; endpoint policies take one or the other",
                    );
                }
            }
            for c in &s.conditions {
                let test = c.operator.test;
                let numeric = matches!(
                    test,
                    Test::NumericEquals
                        | Test::NumericNotEquals
                        | Test::NumericLessThan
                        | Test::NumericLessThanEquals
                        | Test::NumericGreaterThan
                        | Test::NumericGreaterThanEquals
                );
                let arn = matches!(
                    test,
                    Test::ArnEquals | Test::ArnLike | Test::ArnNotEquals | Test::ArnNotLike
                );
                let string = test.name().starts_with("String");
                for (key, values) in &c.keys {
                    let at = format!("Condition.{}.{key}", c.operator);
                    let system = SYSTEM_ID_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
                    if system && numeric {
                        report(
                            at.clone(),
                            key,
                            "holds an identifier AWS generates; endpoint policies refuse numeric operators on it",
                        );
                    }
                    for v in values {
                        let wild = v.contains(['*', '?']);
                        if system && wild && (string || arn) {
                            report(
                                at.clone(),
                                v,
                                "uses a wildcard on an identifier AWS generates; endpoint policies refuse that",
                            );
                        } else if string && wild && !six_around_wildcards(v) {
                            report(
                                at.clone(),
                                v,
                                "needs at least six characters before or after each wildcard in an endpoint policy",
                            );
                        }
                        if (arn || v.starts_with("arn:")) && mixed_account(v) {
                            report(
                                at.clone(),
                                v,
                                "mixes an account id and a wildcard in its account part; endpoint policies take one or the other",
                            );
                        }
                    }
                }
            }
        }
        out
    }
}

/// Whether an ARN's account part (the fifth field) holds both a wildcard and other characters.
fn mixed_account(arn: &str) -> bool {
    let Some(account) = arn.split(':').nth(4) else {
        return false;
    };
    account.contains(['*', '?']) && account.chars().any(|c| c != '*' && c != '?')
}

/// Every wildcard has at least six non-wildcard characters right before or right after it.
fn six_around_wildcards(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    let literal_run = |range: &mut dyn Iterator<Item = usize>| {
        range
            .take_while(|&j| !matches!(chars[j], '*' | '?'))
            .count()
    };
    chars
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, '*' | '?'))
        .all(|(i, _)| {
            literal_run(&mut (0..i).rev()) >= 6 || literal_run(&mut (i + 1..chars.len())) >= 6
        })
}

// ---- writing --------------------------------------------------------------------------------

impl Policy {
    /// The default endpoint policy (full access) [E12].
    pub fn default_endpoint() -> Policy {
        Policy {
            version: None,
            id: None,
            statements: vec![Statement {
                sid: None,
                effect: Effect::Allow,
                principal: Who {
                    negated: false,
                    principal: Principal::Any,
                },
                action: Patterns {
                    negated: false,
                    values: vec!["*".into()],
                },
                resource: Patterns {
                    negated: false,
                    values: vec!["*".into()],
                },
                conditions: Vec::new(),
            }],
        }
    }

    /// Canonical pretty JSON: two-space indent, the fields in the order of the IAM reference
    /// (Version, Id, Statement; Sid, Effect, Principal, Action, Resource, Condition),
    /// `Statement` always a list, a one-value list written as its value, operators in their
    /// documented spelling, condition values as strings. `parse` reads it back to the same
    /// policy (tested).
    pub fn to_json(&self) -> String {
        let mut w = Writer {
            j: Json(String::with_capacity(256)),
            depth: 0,
        };
        w.open('{');
        if let Some(v) = &self.version {
            w.key("Version");
            w.j.str(v);
        }
        if let Some(id) = &self.id {
            w.key("Id");
            w.j.str(id);
        }
        w.key("Statement");
        w.open('[');
        for s in &self.statements {
            w.item();
            w.statement(s);
        }
        w.close(']');
        w.close('}');
        w.j.0
    }
}

/// Pretty JSON with the design writer's string escaping (`document::Json::str`).
struct Writer {
    j: Json,
    depth: usize,
}

impl Writer {
    fn newline(&mut self) {
        self.j.0.push('\n');
        for _ in 0..self.depth {
            self.j.0.push_str("  ");
        }
    }
    fn open(&mut self, c: char) {
        self.j.0.push(c);
        self.depth += 1;
    }
    fn close(&mut self, c: char) {
        self.depth = self.depth.saturating_sub(1);
        // An empty object or list stays on one line.
        if !self.j.0.ends_with(['{', '[']) {
            self.newline();
        }
        self.j.0.push(c);
    }
    /// Before a list item: a comma unless first, then a new line.
    fn item(&mut self) {
        if !self.j.0.ends_with(['{', '[']) {
            self.j.0.push(',');
        }
        self.newline();
    }
    fn key(&mut self, k: &str) {
        self.item();
        self.j.str(k);
        self.j.0.push_str(": ");
    }
    fn strings(&mut self, values: &[String]) {
        if let [one] = values {
            self.j.str(one);
            return;
        }
        self.open('[');
        for v in values {
            self.item();
            self.j.str(v);
        }
        self.close(']');
    }
    fn statement(&mut self, s: &Statement) {
        self.open('{');
        if let Some(sid) = &s.sid {
            self.key("Sid");
            self.j.str(sid);
        }
        self.key("Effect");
        self.j.str(match s.effect {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        });
        self.key(if s.principal.negated {
            "NotPrincipal"
        } else {
            "Principal"
        });
        match &s.principal.principal {
            Principal::Any => self.j.str("*"),
            Principal::Of(of) => {
                self.open('{');
                for (ty, values) in of {
                    self.key(ty.name());
                    self.strings(values);
                }
                self.close('}');
            }
        }
        self.key(if s.action.negated {
            "NotAction"
        } else {
            "Action"
        });
        self.strings(&s.action.values);
        self.key(if s.resource.negated {
            "NotResource"
        } else {
            "Resource"
        });
        self.strings(&s.resource.values);
        if !s.conditions.is_empty() {
            self.key("Condition");
            self.open('{');
            for c in &s.conditions {
                self.key(&c.operator.to_string());
                self.open('{');
                for (k, values) in &c.keys {
                    self.key(k);
                    self.strings(values);
                }
                self.close('}');
            }
            self.close('}');
        }
        self.close('}');
    }
}
