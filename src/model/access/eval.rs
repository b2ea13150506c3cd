//! One request against one policy: which statement, if any, decides.
//!
//! A statement applies when its principal, action, resource and every condition match
//! (IAM JSON policy element reference). Within one policy an applying `Deny` beats any `Allow`
//! ("an explicit deny in any policy overrides any allows", IAM policy evaluation logic [I1]);
//! no applying statement is an implicit deny, which the caller combines (see `super::access`).
//!
//! Matching, each rule with its source:
//! - Actions: case-insensitive, `*` any run of characters, `?` one character ("Action
//!   element … is case insensitive"; IAM JSON policy elements: Action).
//! - Resources: ARNs with `*` and `?` within each colon-separated segment; a `*` that ends a
//!   segment may also run across colons ("If the * wildcard is the last character of a
//!   resource ARN segment, it can expand to match beyond the colon boundaries", IAM JSON policy
//!   elements: Resource). Case-sensitive.
//! - Principals: `"*"` and `{"AWS": "*"}` match every caller; an account id or
//!   `arn:aws:iam::ACCOUNT:root` names the account, which in a resource policy covers the
//!   account's roles (their identity policies, assumed to allow, do the rest; IAM JSON policy
//!   elements: Principal), except in a gateway endpoint policy, where it grants the root user
//!   only [E13]; a role ARN matches that role. Service, federated and canonical-user
//!   principals never match a role.
//! - Conditions: values of one key are OR'ed, keys and operators AND'ed; a key absent from the
//!   request makes a condition false, except that negated tests (`StringNotEquals`,
//!   `NotIpAddress`, …) are then true, `…IfExists` is then true, and `Null` tests presence
//!   (IAM JSON policy elements: Condition operators, "Important" note and the `…IfExists` and
//!   `Null` sections). `ForAllValues` is true for an absent key, `ForAnyValue` false
//!   (same page, "Multivalued context keys"). Condition key names are not case-sensitive
//!   (IAM JSON policy elements: Condition).

use super::policy::{
    Effect, Operator, Patterns, Policy, Principal, PrincipalType, SetQualifier, Statement, Test,
    Who,
};
use ipnet::IpNet;
use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr};

/// Who makes the request: an IAM role (or a user) in an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The role's ARN, `arn:aws:iam::111122223333:role/app` (also `aws:PrincipalArn`).
    pub arn: String,
    /// The 12-digit account id (also `aws:PrincipalAccount`).
    pub account: String,
    /// The AWS Organizations id, when the account is in one (`aws:PrincipalOrgID`).
    pub org_id: Option<String>,
}

impl Caller {
    /// A caller from its ARN; the account is the ARN's fifth field (empty if there is none).
    pub fn new(arn: &str) -> Caller {
        let account = arn.split(':').nth(4).unwrap_or("").to_string();
        Caller {
            arn: arn.to_string(),
            account,
            org_id: None,
        }
    }
    pub fn in_org(mut self, org_id: &str) -> Caller {
        self.org_id = Some(org_id.to_string());
        self
    }
}

/// The network facts of a request, as the flow's path gives them. A key left `None` is absent
/// from the request context, as AWS leaves it: through NAT or an internet gateway there is no
/// `aws:SourceVpce` or `aws:SourceVpc` (they are "only included if the requester uses a VPC
/// endpoint"), and through a VPC endpoint there is no `aws:SourceIp` ("always included in the
/// request, except for requests that use an Amazon VPC endpoint"); AWS re:Post, "Restrict
/// access … based on the AWS Region, source IP address, or Amazon VPC".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// `aws:SourceVpce`: the endpoint id, `vpce-…` (not an ARN) [S1].
    pub source_vpce: Option<String>,
    /// `aws:SourceVpc`: the VPC id of the endpoint's VPC.
    pub source_vpc: Option<String>,
    /// `aws:SourceIp`: the public address the service sees. Designs hold IPv4 only (so the
    /// browser bundle carries no IPv6 formatting); a policy's IPv6 ranges still parse, and
    /// match none of these.
    pub source_ip: Option<Ipv4Addr>,
    /// `aws:VpcSourceIp`: the private address, through an endpoint.
    pub vpc_source_ip: Option<Ipv4Addr>,
    /// `aws:SecureTransport`: whether the request used TLS.
    pub secure_transport: Option<bool>,
    /// Any other key with its values, e.g. `("aws:RequestedRegion", ["us-east-1"])`.
    pub other: Vec<(String, Vec<String>)>,
}

impl Context {
    /// Through a VPC endpoint: `aws:SourceVpce`, `aws:SourceVpc`, `aws:VpcSourceIp`; no
    /// `aws:SourceIp`. TLS is assumed, as AWS SDKs and the CLI use HTTPS by default.
    pub fn via_endpoint(endpoint_id: &str, vpc_id: &str, private_ip: Option<Ipv4Addr>) -> Context {
        Context {
            source_vpce: Some(endpoint_id.into()),
            source_vpc: Some(vpc_id.into()),
            vpc_source_ip: private_ip,
            secure_transport: Some(true),
            ..Context::default()
        }
    }
    /// Over the internet (NAT, internet gateway): `aws:SourceIp` only (the NAT gateway's public
    /// address, when known). TLS assumed, as above.
    pub fn via_internet(public_ip: Option<Ipv4Addr>) -> Context {
        Context {
            source_ip: public_ip,
            secure_transport: Some(true),
            ..Context::default()
        }
    }
}

/// One request: a caller doing an action on a resource, over some path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub caller: Caller,
    /// `service:Action`, e.g. `s3:GetObject`.
    pub action: String,
    /// The resource's ARN, e.g. `arn:aws:s3:::bucket/key`.
    pub resource: String,
    pub context: Context,
}

impl Request {
    pub fn new(caller: Caller, action: &str, resource: &str, context: Context) -> Request {
        Request {
            caller,
            action: action.to_string(),
            resource: resource.to_string(),
            context,
        }
    }

    /// The values of a context key (names compared without regard to case); `None`: absent.
    fn values(&self, key: &str) -> Option<Values<'_>> {
        let is = |name: &str| key.eq_ignore_ascii_case(name);
        let ctx = &self.context;
        fn one(s: &str) -> Option<Values<'_>> {
            Some(Values::One(Cow::Borrowed(s)))
        }
        let ip = |a: Option<Ipv4Addr>| {
            a.map(|a| Values::One(Cow::Owned(crate::model::cidr::address_text(a))))
        };
        if is("aws:PrincipalArn") {
            one(&self.caller.arn)
        } else if is("aws:PrincipalAccount") {
            one(&self.caller.account)
        } else if is("aws:PrincipalOrgID") {
            self.caller.org_id.as_deref().and_then(one)
        } else if is("aws:SourceVpce") {
            ctx.source_vpce.as_deref().and_then(one)
        } else if is("aws:SourceVpc") {
            ctx.source_vpc.as_deref().and_then(one)
        } else if is("aws:SourceIp") {
            ip(ctx.source_ip)
        } else if is("aws:VpcSourceIp") {
            ip(ctx.vpc_source_ip)
        } else if is("aws:SecureTransport") {
            ctx.secure_transport
                .map(|b| Values::One(Cow::Borrowed(if b { "true" } else { "false" })))
        } else {
            ctx.other
                .iter()
                .find(|(k, _)| is(k))
                .map(|(_, v)| Values::Many(v))
        }
    }
}

/// A key's values in the request, without copying them.
enum Values<'a> {
    One(Cow<'a, str>),
    Many(&'a [String]),
}

impl Values<'_> {
    fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            Values::One(v) => (Some(v.as_ref()), &[][..]),
            Values::Many(v) => (None, *v),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }
}

/// What kind of policy is evaluated: it changes what an account principal means [E13].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum PolicyKind {
    GatewayEndpoint,
    InterfaceEndpoint,
    /// A resource policy: an S3 bucket policy, a secret's or queue's policy.
    Resource,
}

/// What one policy says about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// A `Deny` statement applies.
    Deny,
    /// An `Allow` statement applies and no `Deny` does.
    Allow,
    /// No statement applies.
    NoMatch,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    /// The deciding statement (0-based position in `Statement`): the first applying `Deny`,
    /// else the first applying `Allow`; `None` for `NoMatch`.
    pub statement: Option<usize>,
    pub sid: Option<String>,
}

/// Evaluates a request against one policy.
pub fn evaluate(policy: &Policy, kind: PolicyKind, request: &Request) -> Decision {
    let mut allow = None;
    for (i, s) in policy.statements.iter().enumerate() {
        if !applies(s, kind, request) {
            continue;
        }
        match s.effect {
            Effect::Deny => {
                return Decision {
                    outcome: Outcome::Deny,
                    statement: Some(i),
                    sid: s.sid.clone(),
                };
            }
            Effect::Allow if allow.is_none() => allow = Some(i),
            Effect::Allow => {}
        }
    }
    match allow {
        Some(i) => Decision {
            outcome: Outcome::Allow,
            statement: Some(i),
            sid: policy.statements.get(i).and_then(|s| s.sid.clone()),
        },
        None => Decision {
            outcome: Outcome::NoMatch,
            statement: None,
            sid: None,
        },
    }
}

/// Whether a statement applies to a request: principal, action, resource and conditions.
pub fn applies(s: &Statement, kind: PolicyKind, request: &Request) -> bool {
    who_matches(&s.principal, kind, &request.caller)
        && patterns_match(&s.action, &request.action, action_matches)
        && patterns_match(&s.resource, &request.resource, resource_matches)
        && s.conditions.iter().all(|c| {
            c.keys
                .iter()
                .all(|(key, values)| condition_holds(c.operator, key, values, request))
        })
}

fn patterns_match(p: &Patterns, value: &str, one: fn(&str, &str) -> bool) -> bool {
    // `NotAction` / `NotResource` match everything except what they list.
    p.values.iter().any(|pattern| one(pattern, value)) != p.negated
}

fn who_matches(who: &Who, kind: PolicyKind, caller: &Caller) -> bool {
    // `NotPrincipal` applies to every principal except those listed.
    principal_matches(&who.principal, kind, caller) != who.negated
}

fn principal_matches(p: &Principal, kind: PolicyKind, caller: &Caller) -> bool {
    let Principal::Of(of) = p else { return true };
    let root = |account: &str| caller.arn == format!("arn:aws:iam::{account}:root");
    of.iter()
        .filter(|(ty, _)| *ty == PrincipalType::Aws)
        .flat_map(|(_, v)| v)
        .any(|v| {
            let account = if v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
                Some(v.as_str())
            } else {
                v.strip_prefix("arn:aws:iam::")
                    .and_then(|r| r.strip_suffix(":root"))
            };
            match account {
                Some(a) if kind == PolicyKind::GatewayEndpoint => root(a),
                Some(a) => a == caller.account || root(a),
                None => v == "*" || *v == caller.arn,
            }
        })
}

/// `*` and `?` wildcards over the whole text, case-insensitive (action names).
pub fn action_matches(pattern: &str, action: &str) -> bool {
    glob(pattern.as_bytes(), action.as_bytes(), true)
}

/// A `Resource` pattern against an ARN (see the module docs).
pub fn resource_matches(pattern: &str, arn: &str) -> bool {
    pattern == "*" || arn_segments_match(pattern, arn, true)
}

/// `ArnLike` / `ArnEquals`: "Each of the six colon-delimited components of the ARN is checked
/// separately and each can include multi-character match wildcards (*) or single-character
/// match wildcards (?)" (IAM JSON policy elements: Condition operators, ARN). The sixth
/// component, the resource, may itself hold colons and is compared whole.
pub fn arn_like(pattern: &str, arn: &str) -> bool {
    let mut p = pattern.splitn(6, ':');
    let mut v = arn.splitn(6, ':');
    for _ in 0..6 {
        match (p.next(), v.next()) {
            (Some(a), Some(b)) if glob(a.as_bytes(), b.as_bytes(), false) => {}
            _ => return false,
        }
    }
    true
}

/// Segment-wise ARN matching where a pattern segment ending in `*` may absorb whole segments
/// after it (when `stretch`). A small table over segment boundaries: polynomial, so a hostile
/// pattern cannot make matching explode.
fn arn_segments_match(pattern: &str, arn: &str, stretch: bool) -> bool {
    // starts[j]: the byte offset where value segment j starts; one past the end closes it.
    let mut starts: Vec<usize> = std::iter::once(0)
        .chain(arn.match_indices(':').map(|(i, _)| i + 1))
        .collect();
    let segments = starts.len();
    starts.push(arn.len() + 1);
    let seg =
        |from: usize, to: usize| -> &str { arn.get(starts[from]..starts[to] - 1).unwrap_or("") };
    // reach[j]: the pattern segments so far match value segments 0..j exactly.
    let mut reach = vec![false; segments + 1];
    reach[0] = true;
    for p in pattern.split(':') {
        let mut next = vec![false; segments + 1];
        let absorbs = stretch && p.ends_with('*');
        for j in 0..segments {
            if !reach[j] {
                continue;
            }
            if absorbs {
                // The matches of `…*` from segment j are upward closed: once some end fits,
                // every later end does (the star takes the rest).
                if let Some(end) = (j + 1..=segments)
                    .find(|&end| glob(p.as_bytes(), seg(j, end).as_bytes(), false))
                {
                    next[end..].iter_mut().for_each(|r| *r = true);
                }
            } else if glob(p.as_bytes(), seg(j, j + 1).as_bytes(), false) {
                next[j + 1] = true;
            }
        }
        reach = next;
        if !reach.contains(&true) {
            return false;
        }
    }
    reach[segments]
}

/// Wildcard match: `*` any run of characters, `?` one character. Greedy with one backtrack
/// point: linear in practice, at worst the product of the lengths; no regex, no allocation.
pub fn glob(p: &[u8], s: &[u8], fold: bool) -> bool {
    let eq = |a: u8, b: u8| {
        if fold {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    // The width of the UTF-8 character starting at byte `b`, so `?` takes one character.
    let width = |b: u8| match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    };
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(b'?') => {
                pi += 1;
                si += width(s[si]);
            }
            Some(&c) if eq(c, s[si]) => {
                pi += 1;
                si += 1;
            }
            _ => match star {
                Some((sp, ss)) => {
                    let ss = ss + width(s[ss]);
                    star = Some((sp, ss));
                    pi = sp + 1;
                    si = ss;
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or_default().iter().all(|&b| b == b'*')
}

/// One key of one condition operator.
fn condition_holds(op: Operator, key: &str, policy_values: &[String], request: &Request) -> bool {
    let present = request.values(key);
    if op.test == Test::Null {
        // "true": the key must be absent; "false": present. Values are OR'ed.
        return policy_values
            .iter()
            .any(|v| v.eq_ignore_ascii_case("true") == present.is_none());
    }
    let Some(values) = present else {
        return match op.set {
            Some(SetQualifier::ForAllValues) => true,
            Some(SetQualifier::ForAnyValue) => op.if_exists,
            None => op.if_exists || op.test.negated(),
        };
    };
    // One request value against the policy's values: a positive test needs one policy value
    // to match; a negated test needs none of them to match.
    let holds =
        |v: &str| policy_values.iter().any(|p| positive(op.test, p, v)) != op.test.negated();
    match op.set {
        Some(SetQualifier::ForAllValues) => values.iter().all(holds),
        // Single-valued keys read as a one-value set; a plain operator on a multivalued key
        // behaves as ForAnyValue, the lenient reading.
        Some(SetQualifier::ForAnyValue) | None => {
            if op.test.negated() && op.set.is_none() {
                values.iter().all(holds)
            } else {
                values.iter().any(holds)
            }
        }
    }
}

/// The positive form of a test: does request value `v` match policy value `p`?
fn positive(test: Test, p: &str, v: &str) -> bool {
    use Test::*;
    match test {
        StringEquals | StringNotEquals => p == v,
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => p
            .chars()
            .flat_map(char::to_lowercase)
            .eq(v.chars().flat_map(char::to_lowercase)),
        StringLike | StringNotLike => glob(p.as_bytes(), v.as_bytes(), false),
        NumericEquals | NumericNotEquals => number(p, v, |o| o.is_eq()),
        NumericLessThan => number(v, p, |o| o.is_lt()),
        NumericLessThanEquals => number(v, p, |o| o.is_le()),
        NumericGreaterThan => number(v, p, |o| o.is_gt()),
        NumericGreaterThanEquals => number(v, p, |o| o.is_ge()),
        DateEquals | DateNotEquals => date(v, p, |a, b| a == b),
        DateLessThan => date(v, p, |a, b| a < b),
        DateLessThanEquals => date(v, p, |a, b| a <= b),
        DateGreaterThan => date(v, p, |a, b| a > b),
        DateGreaterThanEquals => date(v, p, |a, b| a >= b),
        Bool => p.eq_ignore_ascii_case(v),
        BinaryEquals => p == v,
        IpAddress | NotIpAddress => match (parse_net(p), v.trim().parse::<IpAddr>()) {
            (Some(net), Ok(ip)) => net.contains(&ip),
            _ => false,
        },
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => arn_like(p, v),
        // Handled before any value is read.
        Null => false,
    }
}

fn number(a: &str, b: &str, cmp: fn(std::cmp::Ordering) -> bool) -> bool {
    match (Decimal::read(a), Decimal::read(b)) {
        (Some(a), Some(b)) => cmp(a.compare(&b)),
        _ => false,
    }
}

/// A decimal number as text (`-12.50`, `3e2` is not one IAM documents), compared exactly
/// digit by digit: parsing into floats would carry float tables into the browser bundle.
struct Decimal<'a> {
    negative: bool,
    /// Without leading zeros.
    whole: &'a str,
    /// Without trailing zeros.
    fraction: &'a str,
}

impl<'a> Decimal<'a> {
    fn read(text: &'a str) -> Option<Decimal<'a>> {
        let t = text.trim();
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return None;
        }
        let (whole, fraction) = (
            whole.trim_start_matches('0'),
            fraction.trim_end_matches('0'),
        );
        // -0 is 0.
        let negative = negative && !(whole.is_empty() && fraction.is_empty());
        Some(Decimal {
            negative,
            whole,
            fraction,
        })
    }

    fn compare(&self, other: &Decimal<'_>) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let magnitude = self
            .whole
            .len()
            .cmp(&other.whole.len())
            .then_with(|| self.whole.cmp(other.whole))
            .then_with(|| self.fraction.cmp(other.fraction));
        match (self.negative, other.negative) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

fn date(a: &str, b: &str, cmp: fn(i64, i64) -> bool) -> bool {
    match (epoch_seconds(a), epoch_seconds(b)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => false,
    }
}

/// An IP address or CIDR block as IAM's `IpAddress` reads it ("specified in standard CIDR
/// format"; a bare address is that one address).
pub fn parse_net(text: &str) -> Option<IpNet> {
    let t = text.trim();
    t.parse::<IpNet>()
        .ok()
        .or_else(|| t.parse::<IpAddr>().ok().map(IpNet::from))
}

/// A date as the `Date…` operators take it: epoch seconds, or ISO 8601
/// (`2026-11-22`, `2026-11-22T09:30:00Z`, with fractions or a `±hh:mm` offset).
fn epoch_seconds(text: &str) -> Option<i64> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let num = |s: Option<&str>| {
        s.filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<i64>().ok())
    };
    let (y, m, d) = (num(t.get(0..4))?, num(t.get(5..7))?, num(t.get(8..10))?);
    if t.get(4..5) != Some("-")
        || t.get(7..8) != Some("-")
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    let rest = t.get(10..)?;
    if rest.is_empty() {
        return Some(secs);
    }
    let time = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t'))?;
    let (h, mi, s) = (
        num(time.get(0..2))?,
        num(time.get(3..5))?,
        num(time.get(6..8))?,
    );
    if time.get(2..3) != Some(":") || time.get(5..6) != Some(":") || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    secs += h * 3600 + mi * 60 + s;
    let mut zone = time.get(8..)?;
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        zone = frac.get(digits..)?;
    }
    match zone.as_bytes().first() {
        None | Some(b'Z' | b'z') if zone.len() <= 1 => Some(secs),
        Some(&sign @ (b'+' | b'-')) => {
            let (oh, om) = (num(zone.get(1..3))?, num(zone.get(4..6))?);
            if zone.len() != 6 || zone.get(3..4) != Some(":") {
                return None;
            }
            let offset = oh * 3600 + om * 60;
            Some(if sign == b'+' {
                secs - offset
            } else {
                secs + offset
            })
        }
        _ => None,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil-date formula).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
