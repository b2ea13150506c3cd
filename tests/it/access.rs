//! Access: endpoint and bucket policies.
//!
//! - Scenarios: `tests/scenarios/access/*.json`, each an endpoint and/or a resource policy, the
//!   AWS rule it pins (with its source), and requests with the verdict each must get (the
//!   full reason, which names the deciding policy and statement). Adding a scenario is adding
//!   a file.
//! - Conditions: every operator true and false against three request contexts (through an
//!   endpoint, over the internet with TLS, over the internet without).
//! - Problems: malformed policies and the messages they give.
//! - Properties: no input makes `parse` panic; generated policies survive writing and reading.

use proptest::prelude::*;
use serde::Deserialize;
use std::net::Ipv4Addr;
use vpc_planner::model::access::eval::{self, glob};
use vpc_planner::model::access::policy::{
    Condition, Effect, Operator, Patterns, Principal, PrincipalType, Statement, TESTS, Who,
};
use vpc_planner::model::access::{
    Attached, Caller, Context, DEFAULT_ENDPOINT_POLICY, MAX_CHARS, Outcome, Policy, PolicyKind,
    Request, access, parse,
};

// ---- scenarios ------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    rule: String,
    source: String,
    endpoint: Option<Endpoint>,
    resource: Option<Resource>,
    requests: Vec<Req>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Endpoint {
    /// "gateway" or "interface".
    kind: String,
    id: String,
    vpce: String,
    vpc: String,
    /// Left out: the default endpoint policy.
    policy: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Resource {
    id: String,
    policy: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Req {
    caller: String,
    org: Option<String>,
    action: String,
    resource: String,
    /// "endpoint" (through the scenario's endpoint) or "internet" (NAT, internet gateway).
    via: String,
    /// Overrides of the endpoint's ids, as if another endpoint or VPC made the request.
    vpce: Option<String>,
    vpc: Option<String>,
    source_ip: Option<Ipv4Addr>,
    /// The verdict's reason; "allowed…" or "denied…".
    expect: String,
}

fn policy_of(value: &serde_json::Value, file: &str) -> Policy {
    parse(&value.to_string()).unwrap_or_else(|p| {
        panic!(
            "{file}: policy does not parse: {}",
            p.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

/// Runs every request of one scenario file; returns the mismatches as text.
fn check_scenario(file: &str, s: &Scenario) -> Vec<String> {
    assert!(
        !s.rule.is_empty() && !s.source.is_empty(),
        "{file}: rule and source"
    );
    let endpoint = s.endpoint.as_ref().map(|e| {
        let kind = match e.kind.as_str() {
            "gateway" => PolicyKind::GatewayEndpoint,
            "interface" => PolicyKind::InterfaceEndpoint,
            other => panic!("{file}: endpoint kind {other}"),
        };
        let policy = e
            .policy
            .as_ref()
            .map_or_else(Policy::default_endpoint, |p| policy_of(p, file));
        (e, kind, policy)
    });
    let resource = s.resource.as_ref().map(|r| (r, policy_of(&r.policy, file)));
    let mut failures = Vec::new();
    for (i, r) in s.requests.iter().enumerate() {
        let mut caller = Caller::new(&r.caller);
        if let Some(org) = &r.org {
            caller = caller.in_org(org);
        }
        let (context, through) = match (r.via.as_str(), &endpoint) {
            ("endpoint", Some((e, kind, policy))) => {
                let vpce = r.vpce.as_deref().unwrap_or(&e.vpce);
                let vpc = r.vpc.as_deref().unwrap_or(&e.vpc);
                (
                    Context::via_endpoint(vpce, vpc, None),
                    Some(Attached {
                        kind: *kind,
                        id: &e.id,
                        policy,
                    }),
                )
            }
            ("internet", _) => (Context::via_internet(r.source_ip), None),
            (via, _) => panic!("{file}: request {} via {via}", i + 1),
        };
        let request = Request::new(caller, &r.action, &r.resource, context);
        let got = access(
            &request,
            through,
            resource.as_ref().map(|(res, p)| Attached {
                kind: PolicyKind::Resource,
                id: &res.id,
                policy: p,
            }),
        );
        // The flag and the reason must agree, and the reason must be the one expected.
        if got.allowed != got.reason.starts_with("allowed") || got.reason != r.expect {
            failures.push(format!(
                "{file} request {} ({} {} via {}):\n  expected: {}\n  got:      {}",
                i + 1,
                r.action,
                r.resource,
                r.via,
                r.expect,
                got.reason
            ));
        }
        // The deciders name statements that exist, with their Sids.
        for d in &got.deciding {
            let policy = if d.kind == PolicyKind::Resource {
                &resource.as_ref().expect("resource").1
            } else {
                &endpoint.as_ref().expect("endpoint").2
            };
            if let Some(n) = d.statement {
                assert_eq!(
                    policy.statements.get(n).map(|s| &s.sid),
                    Some(&d.sid),
                    "{file}: decider statement {n}"
                );
            }
        }
    }
    failures
}

#[test]
fn scenarios() {
    let files = crate::fixture::files_in("tests/scenarios/access", "json");
    assert!(files.len() >= 7, "the access scenarios are there");
    let mut failures = Vec::new();
    let mut requests = 0;
    for path in files {
        let name = crate::fixture::stem(&path);
        let text = std::fs::read_to_string(&path).expect("read");
        let s: Scenario = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        requests += s.requests.len();
        failures.extend(check_scenario(&name, &s));
    }
    assert!(requests >= 30, "{requests} requests");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- conditions -----------------------------------------------------------------------------

const ROLE: &str = "arn:aws:iam::111122223333:role/app";

/// The three contexts every condition is tried in: through endpoint vpce-1a2b3c4d of
/// vpc-0a1b2c3d from 10.0.1.25; over the internet from 198.51.100.7 with TLS; the same
/// without TLS. All carry a few keys of other kinds (a list, a date, a number).
fn contexts() -> [Context; 3] {
    let other = vec![
        (
            "aws:TagKeys".to_string(),
            vec!["env".to_string(), "team".to_string()],
        ),
        (
            "aws:CurrentTime".to_string(),
            vec!["2026-11-22T09:30:00Z".to_string()],
        ),
        ("s3:max-keys".to_string(), vec!["50".to_string()]),
        ("custom:blob".to_string(), vec!["QmluYXJ5".to_string()]),
    ];
    let endpoint = Context {
        other: other.clone(),
        ..Context::via_endpoint(
            "vpce-1a2b3c4d",
            "vpc-0a1b2c3d",
            Some("10.0.1.25".parse().expect("ip")),
        )
    };
    let internet = Context {
        other,
        ..Context::via_internet(Some("198.51.100.7".parse().expect("ip")))
    };
    let http = Context {
        secure_transport: Some(false),
        ..internet.clone()
    };
    [endpoint, internet, http]
}

/// Whether a condition block holds in each context: an Allow-all statement carrying it either
/// applies (Allow) or not (no match).
fn holds(condition: &str) -> [bool; 3] {
    let text = format!(
        r#"{{"Statement": {{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {condition}}}}}"#
    );
    let policy = parse(&text).unwrap_or_else(|p| panic!("{condition}: {}", p[0]));
    contexts().map(|c| {
        let request = Request::new(
            Caller::new(ROLE).in_org("o-a1b2c3d4e5"),
            "s3:GetObject",
            "arn:aws:s3:::reports/a.csv",
            c,
        );
        let d = eval::evaluate(&policy, PolicyKind::InterfaceEndpoint, &request);
        assert_ne!(d.outcome, Outcome::Deny);
        d.outcome == Outcome::Allow
    })
}

#[test]
fn each_condition_operator_true_and_false() {
    // (condition block, holds [through the endpoint, internet with TLS, internet without TLS])
    let table: &[(&str, [bool; 3])] = &[
        // Strings: exact and case-sensitive; several values OR'ed; an absent key is false.
        (
            r#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [true, false, false],
        ),
        (
            r#"{"StringEquals": {"aws:SourceVpce": ["vpce-99998888", "vpce-1a2b3c4d"]}}"#,
            [true, false, false],
        ),
        (
            r#"{"StringEquals": {"aws:SourceVpce": "VPCE-1A2B3C4D"}}"#,
            [false, false, false],
        ),
        // Negated: true when no value matches, and when the key is absent (so a NAT path).
        (
            r#"{"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [false, true, true],
        ),
        (
            r#"{"StringNotEquals": {"aws:SourceVpce": ["vpce-99998888", "vpce-1a2b3c4d"]}}"#,
            [false, true, true],
        ),
        (
            r#"{"StringNotEquals": {"aws:SourceVpce": "vpce-99998888"}}"#,
            [true, true, true],
        ),
        (
            r#"{"StringEqualsIgnoreCase": {"aws:SourceVpce": "VPCE-1A2B3C4D"}}"#,
            [true, false, false],
        ),
        (
            r#"{"StringNotEqualsIgnoreCase": {"aws:SourceVpce": "VPCE-1A2B3C4D"}}"#,
            [false, true, true],
        ),
        (
            r#"{"StringLike": {"aws:SourceVpc": "vpc-0a1b*"}}"#,
            [true, false, false],
        ),
        (
            r#"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/a?p"}}"#,
            [true, true, true],
        ),
        (
            r#"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin*"}}"#,
            [false, false, false],
        ),
        (
            r#"{"StringNotLike": {"aws:PrincipalArn": "*:role/admin*"}}"#,
            [true, true, true],
        ),
        (
            r#"{"StringNotLike": {"aws:PrincipalArn": "*:role/app"}}"#,
            [false, false, false],
        ),
        // Principal keys come from the caller.
        (
            r#"{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#,
            [true, true, true],
        ),
        (
            r#"{"StringEquals": {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}}"#,
            [false, false, false],
        ),
        // ARNs: six segments, each with its own wildcards.
        (
            r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}}"#,
            [true, true, true],
        ),
        (
            r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/other"}}"#,
            [false, false, false],
        ),
        (
            r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}}"#,
            [true, true, true],
        ),
        (
            r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}}"#,
            [false, false, false],
        ),
        (
            r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*"}}"#,
            [false, false, false],
        ),
        (
            r#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"}}"#,
            [true, true, true],
        ),
        (
            r#"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}}"#,
            [false, false, false],
        ),
        (
            r#"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/other"}}"#,
            [true, true, true],
        ),
        (
            r#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:*"}}"#,
            [false, false, false],
        ),
        // Addresses: CIDR blocks or single addresses; through an endpoint aws:SourceIp is
        // absent and aws:VpcSourceIp present.
        (
            r#"{"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}"#,
            [false, true, true],
        ),
        (
            r#"{"IpAddress": {"aws:SourceIp": "198.51.100.7"}}"#,
            [false, true, true],
        ),
        (
            r#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}"#,
            [false, false, false],
        ),
        (
            r#"{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}"#,
            [true, false, false],
        ),
        (
            r#"{"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}"#,
            [true, false, false],
        ),
        (
            r#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
            [true, true, true],
        ),
        // Bool, written as a string or a JSON boolean.
        (
            r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
            [true, true, false],
        ),
        (
            r#"{"Bool": {"aws:SecureTransport": false}}"#,
            [false, false, true],
        ),
        // Null: "true" means absent.
        (
            r#"{"Null": {"aws:SourceVpce": "true"}}"#,
            [false, true, true],
        ),
        (
            r#"{"Null": {"aws:SourceVpce": "false"}}"#,
            [true, false, false],
        ),
        // Numbers and dates (offsets honoured: 10:30+01:00 is 09:30Z).
        (
            r#"{"NumericLessThan": {"s3:max-keys": "100"}}"#,
            [true, true, true],
        ),
        (
            r#"{"NumericGreaterThan": {"s3:max-keys": 100}}"#,
            [false, false, false],
        ),
        (
            r#"{"NumericEquals": {"s3:max-keys": "50"}}"#,
            [true, true, true],
        ),
        (
            r#"{"NumericEquals": {"s3:max-keys": "51"}}"#,
            [false, false, false],
        ),
        (
            r#"{"NumericNotEquals": {"s3:max-keys": "50"}}"#,
            [false, false, false],
        ),
        (
            r#"{"NumericNotEquals": {"s3:max-keys": "51"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateLessThan": {"aws:CurrentTime": "2026-11-22T10:30:00+01:00"}}"#,
            [false, false, false],
        ),
        (
            r#"{"DateLessThanEquals": {"aws:CurrentTime": "2026-11-22T10:30:00+01:00"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateEquals": {"aws:CurrentTime": "2026-11-22"}}"#,
            [false, false, false],
        ),
        (
            r#"{"DateEquals": {"aws:CurrentTime": "2026-11-22T09:30:00.000Z"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateNotEquals": {"aws:CurrentTime": "1795339800"}}"#,
            [false, false, false],
        ),
        (
            r#"{"DateNotEquals": {"aws:CurrentTime": "2026-11-22"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateGreaterThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}"#,
            [false, false, false],
        ),
        (
            r#"{"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateLessThanEquals": {"aws:CurrentTime": "2026-11-22T09:29:59Z"}}"#,
            [false, false, false],
        ),
        (
            r#"{"DateGreaterThanEquals": {"aws:CurrentTime": "2026-11-22T09:30:00Z"}}"#,
            [true, true, true],
        ),
        (
            r#"{"DateGreaterThanEquals": {"aws:CurrentTime": "2026-11-22T09:30:01Z"}}"#,
            [false, false, false],
        ),
        (
            r#"{"NumericLessThan": {"s3:max-keys": "10"}}"#,
            [false, false, false],
        ),
        (
            r#"{"NumericGreaterThan": {"s3:max-keys": "10.5"}}"#,
            [true, true, true],
        ),
        (
            r#"{"NumericLessThanEquals": {"s3:max-keys": "50"}}"#,
            [true, true, true],
        ),
        (
            r#"{"NumericLessThanEquals": {"s3:max-keys": "49"}}"#,
            [false, false, false],
        ),
        (
            r#"{"NumericGreaterThanEquals": {"s3:max-keys": "50"}}"#,
            [true, true, true],
        ),
        (
            r#"{"NumericGreaterThanEquals": {"s3:max-keys": "not a number"}}"#,
            [false, false, false],
        ),
        (
            r#"{"BinaryEquals": {"custom:blob": "QmluYXJ5"}}"#,
            [true, true, true],
        ),
        (
            r#"{"BinaryEquals": {"custom:blob": "QmluYXJ6"}}"#,
            [false, false, false],
        ),
        // IfExists: true when the key is absent, the plain test when present.
        (
            r#"{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [true, true, true],
        ),
        (
            r#"{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-99998888"}}"#,
            [false, true, true],
        ),
        (
            r#"{"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}"#,
            [true, false, false],
        ),
        (
            r#"{"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [false, true, true],
        ),
        // Set qualifiers over a list key and a single one.
        (
            r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}}"#,
            [true, true, true],
        ),
        (
            r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "owner"}}"#,
            [false, false, false],
        ),
        (
            r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team", "owner"]}}"#,
            [true, true, true],
        ),
        (
            r#"{"ForAllValues:StringEquals": {"aws:TagKeys": "env"}}"#,
            [false, false, false],
        ),
        (
            r#"{"ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [true, true, true],
        ),
        (
            r#"{"ForAnyValue:StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [true, false, false],
        ),
        (
            r#"{"ForAnyValue:StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [true, true, true],
        ),
        // Keys AND'ed, operators AND'ed.
        (
            r#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d", "aws:SourceVpc": "vpc-77776666"}}"#,
            [false, false, false],
        ),
        (
            r#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d", "aws:SourceVpc": "vpc-0a1b2c3d"}}"#,
            [true, false, false],
        ),
        (
            r#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}, "Bool": {"aws:SecureTransport": "false"}}"#,
            [false, false, false],
        ),
        (
            r#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}, "Bool": {"aws:SecureTransport": "true"}}"#,
            [true, false, false],
        ),
        // Key names ignore case; operator names too.
        (
            r#"{"StringEquals": {"AWS:sourcevpce": "vpce-1a2b3c4d"}}"#,
            [true, false, false],
        ),
        (
            r#"{"stringequals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
            [true, false, false],
        ),
        // A key no request carries.
        (
            r#"{"StringEquals": {"aws:RequestTag/env": "prod"}}"#,
            [false, false, false],
        ),
        (
            r#"{"StringNotEquals": {"aws:RequestTag/env": "prod"}}"#,
            [true, true, true],
        ),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter_map(|(c, want)| {
            let got = holds(c);
            (got != *want).then(|| format!("{c}: expected {want:?}, got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every operator is covered both ways somewhere in the table.
    for (_, name) in TESTS {
        let rows: Vec<_> = table
            .iter()
            .filter(|(c, _)| c.contains(&format!("\"{name}\"")))
            .collect();
        assert!(
            rows.iter().any(|(_, w)| w.contains(&true))
                && rows.iter().any(|(_, w)| w.contains(&false)),
            "{name} is tested true and false"
        );
    }
}

#[test]
fn bucket_policy_deny_unless_endpoint_through_nat_and_endpoint() {
    // The classic pattern [S1], evaluated directly: the Deny applies exactly when the request
    // did not come through vpce-1a2b3c4d.
    let bucket = parse(
        r#"{"Statement": [{"Sid": "DenyOutside", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#,
    )
    .expect("parses");
    let [endpoint, internet, _] = contexts();
    let get = |c: Context| {
        Request::new(
            Caller::new(ROLE),
            "s3:GetObject",
            "arn:aws:s3:::reports/a.csv",
            c,
        )
    };
    let d = eval::evaluate(&bucket, PolicyKind::Resource, &get(endpoint));
    assert_eq!((d.outcome, d.statement), (Outcome::NoMatch, None));
    let d = eval::evaluate(&bucket, PolicyKind::Resource, &get(internet));
    assert_eq!(
        (d.outcome, d.statement, d.sid.as_deref()),
        (Outcome::Deny, Some(0), Some("DenyOutside"))
    );
}

#[test]
fn deny_wins_over_an_earlier_allow_in_the_same_policy() {
    let p = parse(
        r#"{"Statement": [
            {"Sid": "All", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
            {"Sid": "NoDelete", "Effect": "Deny", "Principal": "*", "Action": "s3:Delete*", "Resource": "*"}]}"#,
    )
    .expect("parses");
    let r = |action: &str| {
        Request::new(
            Caller::new(ROLE),
            action,
            "arn:aws:s3:::b/k",
            Context::default(),
        )
    };
    let d = eval::evaluate(&p, PolicyKind::InterfaceEndpoint, &r("s3:DeleteObject"));
    assert_eq!((d.outcome, d.statement), (Outcome::Deny, Some(1)));
    let d = eval::evaluate(&p, PolicyKind::InterfaceEndpoint, &r("s3:GetObject"));
    assert_eq!((d.outcome, d.statement), (Outcome::Allow, Some(0)));
}

#[test]
fn resource_wildcards_stay_within_segments_unless_trailing() {
    let m = eval::resource_matches;
    // A trailing * covers the rest, colons and slashes included.
    assert!(m("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c"));
    assert!(m("arn:aws:s3:*", "arn:aws:s3:::bucket/a"));
    assert!(m(
        "arn:aws:secretsmanager:*:*:secret:*",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf"
    ));
    // A * inside a segment does not cross a colon.
    assert!(!m("arn:aws:s3:::b*t", "arn:aws:s3:::b:t"));
    assert!(m("arn:aws:s3:::b*t", "arn:aws:s3:::bucket"));
    // ? is exactly one character.
    assert!(m("arn:aws:s3:::b?", "arn:aws:s3:::bé"));
    assert!(!m("arn:aws:s3:::b?", "arn:aws:s3:::b"));
    // Case matters in resources, not in actions.
    assert!(!m("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a"));
    assert!(eval::action_matches("S3:get*", "s3:GetObject"));
    assert!(!eval::action_matches("s3:Get*", "s3:PutObject"));
    // A different account does not match; a missing segment does not either.
    assert!(!m(
        "arn:aws:sqs:us-east-1:111122223333:q",
        "arn:aws:sqs:us-east-1:444455556666:q"
    ));
    assert!(!m(
        "arn:aws:sqs:us-east-1:111122223333:q",
        "arn:aws:sqs:us-east-1:111122223333"
    ));
    assert!(m("*", "anything at all"));
}

// ---- problems -------------------------------------------------------------------------------

/// The messages of a policy's problems, one per line.
fn problems(text: &str) -> String {
    match parse(text) {
        Ok(_) => "ok".to_string(),
        Err(p) => p
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

const GOOD: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#;

#[test]
fn malformed_policies_say_what_and_where() {
    let cases: &[(&str, &str)] = &[
        (GOOD, "ok"),
        ("", "the policy is empty"),
        ("  \n ", "the policy is empty"),
        (
            r#"{"Statement": ["#,
            "not valid JSON: EOF while parsing a list (line 1, column 15)",
        ),
        (
            "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}",
            "not valid JSON: trailing comma (line 3, column 24)",
        ),
        (
            r#"{"Statement": []} x"#,
            "not valid JSON: trailing characters (line 1, column 19)",
        ),
        (
            "[]",
            "a policy is a JSON object, { … }, with a \"Statement\"",
        ),
        (r#"{"Version": "2012-10-17"}"#, "no \"Statement\""),
        (
            r#"{"Statement": []}"#,
            "Statement: \"Statement\" is empty: a policy needs at least one statement",
        ),
        (
            r#"{"Statement": "x"}"#,
            "Statement: must be a statement object or a list of them",
        ),
        (
            r#"{"Version": "2012-10-17", "Statements": []}"#,
            "unknown field \"Statements\"\nno \"Statement\"",
        ),
        (
            r#"{"Version": "2021-01-01", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}"#,
            "Version: \"Version\" must be \"2012-10-17\" (or the older \"2008-10-17\"), not \"2021-01-01\"",
        ),
        (
            r#"{"Statement": [{"Sid": "ReadOnly", "Efect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            "statement 1 (ReadOnly): unknown field \"Efect\"\nstatement 1 (ReadOnly): no \"Effect\"",
        ),
        (
            r#"{"Statement": [{"Sid": "ReadOnly", "effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            "statement 1 (ReadOnly): unknown field \"effect\" (did you mean \"Effect\"?)\nstatement 1 (ReadOnly): no \"Effect\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            "statement 1: no \"Principal\": endpoint and bucket policies must say whom a statement applies to (\"*\" for everyone)",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Resource": "*"}]}"#,
            "statement 1: no \"Action\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]}"#,
            "statement 1: no \"Resource\"",
        ),
        (
            r#"{"Statement": [{"Effect": "allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
            "statement 1, Effect: \"Effect\" must be \"Allow\" or \"Deny\", not \"allow\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "NotAction": "s3:*", "Resource": "*"}]}"#,
            "statement 1: both \"Action\" and \"NotAction\"; a statement has one or the other",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "*", "Resource": "*"}]}"#,
            "statement 1, NotPrincipal: \"NotPrincipal\" works only with \"Effect\": \"Deny\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEqual": {"aws:SourceVpce": "vpce-1"}}}]}"#,
            "statement 1, Condition: unknown condition operator \"StringEqual\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"NullIfExists": {"aws:SourceVpce": "true"}}}]}"#,
            "statement 1, Condition: unknown condition operator \"NullIfExists\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}, "Bool": {"aws:SecureTransport": "yes"}}}]}"#,
            "statement 1, Condition.IpAddress.aws:SourceIp: \"10.0.0.0/33\" is not an IP address or CIDR block, such as 203.0.113.0/24\nstatement 1, Condition.Bool.aws:SecureTransport: \"yes\" is not true or false",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": null}}}]}"#,
            "statement 1, Condition.StringEquals.aws:SourceVpce: must be a string, a boolean, a number, or a list of them",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["GetObject", "s3:PutObject"], "Resource": "reports/*"}]}"#,
            "statement 1, Action: \"GetObject\" is not an action: write service:action, such as s3:GetObject, or \"*\"\nstatement 1, Resource: \"reports/*\" is not a resource: write an ARN (arn:aws:s3:::bucket/*) or \"*\"",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:role/app"}, "Action": "*", "Resource": "*"}]}"#,
            "statement 1, Principal.AWS: \"arn:aws:iam::*:role/app\" uses a wildcard inside a principal; only \"*\" alone is allowed",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": {"aws": "*"}, "Action": "*", "Resource": "*"}]}"#,
            "statement 1, Principal: unknown field \"aws\" (did you mean \"AWS\"?)",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "me", "Action": "*", "Resource": "*"}]}"#,
            "statement 1, Principal: must be \"*\" or an object such as {\"AWS\": \"123456789012\"}",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Effect": "Deny", "Principal": "*", "Action": [], "Resource": "*"}]}"#,
            "statement 1: \"Effect\" appears twice; give it once\nstatement 1, Action: an empty list; give at least one value",
        ),
        (
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}, 3, {"Sid": "Two", "Effect": "Deny", "Principal": "*", "Action": "*"}]}"#,
            "statement 2: must be an object with \"Effect\", \"Principal\", \"Action\" and \"Resource\"\nstatement 3 (Two): no \"Resource\"",
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = problems(text);
            (got != *want).then(|| format!("{text}\n  expected: {want}\n  got:      {got}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn endpoint_policies_have_rules_of_their_own() {
    let endpoint = |condition: &str, resource: &str| {
        let text = format!(
            r#"{{"Statement": {{"Sid": "S", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "{resource}", "Condition": {condition}}}}}"#
        );
        let p = parse(&text).unwrap_or_else(|e| panic!("{text}: {}", e[0]));
        p.endpoint_problems()
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The classic ones pass.
    assert_eq!(
        endpoint(
            r#"{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#,
            "*"
        ),
        ""
    );
    assert_eq!(
        endpoint(
            r#"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app-*"}}"#,
            "arn:aws:s3:::reports/*"
        ),
        ""
    );
    assert_eq!(
        endpoint(
            r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/loader"}}"#,
            "*"
        ),
        ""
    );
    // Wildcards and numbers on system-generated ids; short runs around a wildcard; an account
    // part that mixes digits and a wildcard.
    assert_eq!(
        endpoint(r#"{"StringLike": {"aws:SourceVpc": "vpc-0a1b2c3d*"}}"#, "*"),
        "statement 1 (S), Condition.StringLike.aws:SourceVpc: \"vpc-0a1b2c3d*\" uses a wildcard on an identifier AWS generates; endpoint policies refuse that"
    );
    assert_eq!(
        endpoint(
            r#"{"NumericEquals": {"aws:PrincipalAccount": "111122223333"}}"#,
            "*"
        ),
        "statement 1 (S), Condition.NumericEquals.aws:PrincipalAccount: \"aws:PrincipalAccount\" holds an identifier AWS generates; endpoint policies refuse numeric operators on it"
    );
    assert_eq!(
        endpoint(r#"{"StringLike": {"aws:PrincipalArn": "arn:*:app"}}"#, "*"),
        "statement 1 (S), Condition.StringLike.aws:PrincipalArn: \"arn:*:app\" needs at least six characters before or after each wildcard in an endpoint policy"
    );
    assert_eq!(
        endpoint(
            r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
            "arn:aws:sqs:us-east-1:1111*:queue"
        ),
        "statement 1 (S), Resource: \"arn:aws:sqs:us-east-1:1111*:queue\" mixes an account id and a wildcard in its account part; endpoint policies take one or the other"
    );
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let text = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\" \"Principal\": \"*\"}\n  ]\n}";
    let p = parse(text).expect_err("broken");
    assert_eq!(p.len(), 1);
    match &p[0].kind {
        vpc_planner::model::access::ProblemKind::Syntax { line, column, .. } => {
            assert_eq!(*line, 3);
            // The column points into line 3, at or after the missing comma.
            let line3 = text.lines().nth(2).expect("line 3");
            assert!(
                (line3.find("\"Principal\"").expect("there") + 1..=line3.len()).contains(column),
                "column {column}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_size_limit_is_20480_characters_white_space_included() {
    // Padding with spaces inside the object keeps the JSON valid.
    let pad = |chars: usize| {
        let body = &GOOD[1..];
        let fill = chars - GOOD.chars().count();
        format!("{{{}{body}", " ".repeat(fill))
    };
    assert_eq!(pad(MAX_CHARS).chars().count(), MAX_CHARS);
    assert!(parse(&pad(MAX_CHARS)).is_ok());
    assert_eq!(
        problems(&pad(MAX_CHARS + 1)),
        "the policy has 20481 characters; AWS accepts at most 20,480, white space included"
    );
    // Characters, not bytes: 20,480 two-byte characters in a Sid are over the byte count but
    // within the limit only if the whole text is.
    let sid = "é".repeat(MAX_CHARS - GOOD.chars().count() + 4);
    let text = GOOD.replace("\"Read\"", &format!("\"{sid}\""));
    assert_eq!(text.chars().count(), MAX_CHARS);
    assert!(text.len() > MAX_CHARS);
    assert!(parse(&text).is_ok());
}

// ---- writing --------------------------------------------------------------------------------

#[test]
fn canonical_json() {
    let text = r#"{"Statement": [{"Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"], "Action": ["s3:GetObject"],
        "Condition": {"stringnotequalsifexists": {"aws:SourceVpce": ["vpce-1a2b3c4d"], "aws:SourceVpc": "vpc-0a1b2c3d"}, "Bool": {"aws:SecureTransport": true}},
        "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/x"]}, "Effect": "Deny", "Sid": "Tab\there \"quoted\""}],
        "Id": "p1", "Version": "2012-10-17"}"#;
    let policy = parse(text).expect("parses");
    let json = policy.to_json();
    assert_eq!(
        json,
        r#"{
  "Version": "2012-10-17",
  "Id": "p1",
  "Statement": [
    {
      "Sid": "Tab\there \"quoted\"",
      "Effect": "Deny",
      "Principal": {
        "AWS": [
          "111122223333",
          "arn:aws:iam::444455556666:role/x"
        ]
      },
      "Action": "s3:GetObject",
      "Resource": [
        "arn:aws:s3:::reports",
        "arn:aws:s3:::reports/*"
      ],
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:SourceVpce": "vpce-1a2b3c4d",
          "aws:SourceVpc": "vpc-0a1b2c3d"
        },
        "Bool": {
          "aws:SecureTransport": "true"
        }
      }
    }
  ]
}"#
    );
    assert_eq!(parse(&json), Ok(policy));
}

#[test]
fn the_default_endpoint_policy_is_full_access() {
    let p = parse(DEFAULT_ENDPOINT_POLICY).expect("parses");
    assert_eq!(p, Policy::default_endpoint());
    // Anything, by anyone, through any endpoint.
    for (action, resource) in [
        ("s3:PutObject", "arn:aws:s3:::b/k"),
        ("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1"),
    ] {
        let r = Request::new(
            Caller::new("arn:aws:iam::999999999999:role/x"),
            action,
            resource,
            Context::default(),
        );
        let a = access(
            &r,
            Some(Attached {
                kind: PolicyKind::GatewayEndpoint,
                id: "ep",
                policy: &p,
            }),
            None,
        );
        assert!(a.allowed, "{}", a.reason);
    }
}

// ---- properties -----------------------------------------------------------------------------

/// A reference wildcard matcher, written the slow obvious way over characters.
fn naive_glob(p: &[char], s: &[char], fold: bool) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some(('*', rest)) => (0..=s.len()).any(|i| naive_glob(rest, &s[i..], fold)),
        Some(('?', rest)) => !s.is_empty() && naive_glob(rest, &s[1..], fold),
        Some((c, rest)) => {
            s.first().is_some_and(|d| {
                if fold {
                    c.eq_ignore_ascii_case(d)
                } else {
                    c == d
                }
            }) && naive_glob(rest, &s[1..], fold)
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-zA-Z0-9/_.-]{1,10}", 1 => any::<String>().prop_filter("non-empty", |s| !s.is_empty())]
}

fn strings(n: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(word(), 1..n)
}

fn patterns(item: impl Strategy<Value = String>) -> impl Strategy<Value = Patterns> {
    (any::<bool>(), proptest::collection::vec(item, 1..4))
        .prop_map(|(negated, values)| Patterns { negated, values })
}

fn action() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*".to_string()),
        ("[a-z0-9]{1,8}", "[A-Za-z*?]{1,12}").prop_map(|(s, a)| format!("{s}:{a}"))
    ]
}

fn resource() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*".to_string()),
        word().prop_map(|w| format!("arn:aws:s3:::{w}"))
    ]
}

fn principal() -> impl Strategy<Value = Principal> {
    let value = prop_oneof![
        Just("*".to_string()),
        "[0-9]{12}",
        "[a-z]{1,8}".prop_map(|r| format!("arn:aws:iam::111122223333:role/{r}"))
    ];
    prop_oneof![
        Just(Principal::Any),
        proptest::sample::subsequence(PrincipalType::ALL.to_vec(), 1..=4)
            .prop_flat_map(move |types| {
                let n = types.len();
                (
                    Just(types),
                    proptest::collection::vec(proptest::collection::vec(value.clone(), 1..3), n),
                )
            })
            .prop_map(|(types, values)| Principal::Of(types.into_iter().zip(values).collect())),
    ]
}

fn condition() -> impl Strategy<Value = Condition> {
    (
        proptest::sample::select(TESTS.to_vec()),
        proptest::option::of(prop_oneof![Just("ForAnyValue"), Just("ForAllValues")]),
        any::<bool>(),
        proptest::collection::btree_map("[a-z]{1,6}:[A-Za-z]{1,8}", strings(3), 1..3),
    )
        .prop_map(|((test, name), set, if_exists, keys)| {
            let op_name = format!(
                "{}{name}{}",
                set.map(|s| format!("{s}:")).unwrap_or_default(),
                if if_exists { "IfExists" } else { "" }
            );
            // Null takes no qualifier; values of Bool, Null and IP tests must be readable.
            let operator = Operator::parse(&op_name)
                .or_else(|| Operator::parse(name))
                .expect("operator");
            let fix = |v: String| match test.name() {
                "Bool" | "Null" => v.len().is_multiple_of(2).to_string(),
                "IpAddress" | "NotIpAddress" => format!("10.{}.0.0/16", v.len()),
                _ => v,
            };
            // Keys differ without regard to case (a btree of lower-case keys).
            let keys = keys
                .into_iter()
                .map(|(k, vs)| (k, vs.into_iter().map(fix).collect()))
                .collect();
            Condition { operator, keys }
        })
}

fn statement() -> impl Strategy<Value = Statement> {
    (
        proptest::option::of(word()),
        any::<bool>(),
        any::<bool>(),
        principal(),
        patterns(action()),
        patterns(resource()),
        proptest::collection::vec(condition(), 0..3),
    )
        .prop_map(
            |(sid, deny, not_principal, principal, action, resource, mut conditions)| {
                // One block per operator, as JSON object keys must be distinct.
                let mut seen = Vec::new();
                conditions.retain(|c| {
                    let fresh = !seen.contains(&c.operator);
                    seen.push(c.operator);
                    fresh
                });
                Statement {
                    sid,
                    effect: if deny { Effect::Deny } else { Effect::Allow },
                    // NotPrincipal only with Deny.
                    principal: Who {
                        negated: deny && not_principal,
                        principal,
                    },
                    action,
                    resource,
                    conditions,
                }
            },
        )
}

fn policy() -> impl Strategy<Value = Policy> {
    (
        proptest::option::of(prop_oneof![
            Just("2012-10-17".to_string()),
            Just("2008-10-17".to_string())
        ]),
        proptest::option::of(word()),
        proptest::collection::vec(statement(), 1..4),
    )
        .prop_map(|(version, id, statements)| Policy {
            version,
            id,
            statements,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_parses_without_panicking(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn json_shaped_text_parses_without_panicking(text in r#"[{}\[\]",: a-zA-Z0-9*?\\]{0,80}"#) {
        let _ = parse(&text);
    }

    #[test]
    fn generated_policies_survive_writing_and_reading(p in policy()) {
        let json = p.to_json();
        prop_assert_eq!(parse(&json), Ok(p.clone()), "{}", json);
        // Writing is deterministic: the read-back policy writes the same bytes.
        prop_assert_eq!(parse(&json).map(|q| q.to_json()), Ok(json));
    }

    #[test]
    fn edited_policies_never_panic(p in policy(), at in any::<usize>(), insert in any::<char>(), delete in any::<bool>()) {
        // One keystroke anywhere in a valid policy: parse still answers, and when it accepts
        // the text, evaluation runs on it.
        let mut text = p.to_json();
        let at = text.char_indices().map(|(i, _)| i).nth(at % text.chars().count().max(1)).unwrap_or(0);
        if delete { text.remove(at); } else { text.insert(at, insert); }
        if let Ok(q) = parse(&text) {
            let r = Request::new(Caller::new(ROLE), "s3:GetObject", "arn:aws:s3:::a/b", contexts()[0].clone());
            let _ = access(&r, Some(Attached { kind: PolicyKind::GatewayEndpoint, id: "e", policy: &q }), Some(Attached { kind: PolicyKind::Resource, id: "b", policy: &q }));
        }
    }

    #[test]
    fn glob_agrees_with_the_obvious_matcher(p in "[ab*?é]{0,8}", s in "[abé:]{0,10}", fold in any::<bool>()) {
        let pc: Vec<char> = p.chars().collect();
        let sc: Vec<char> = s.chars().collect();
        prop_assert_eq!(glob(p.as_bytes(), s.as_bytes(), fold), naive_glob(&pc, &sc, fold));
    }

    #[test]
    fn generated_policies_evaluate_without_panicking(p in policy(), action in any::<String>(), resource in any::<String>()) {
        for c in contexts() {
            let r = Request::new(Caller::new(ROLE), &action, &resource, c);
            let d = eval::evaluate(&p, PolicyKind::InterfaceEndpoint, &r);
            // The deciding statement exists and has the effect of the outcome.
            match (d.outcome, d.statement.and_then(|i| p.statements.get(i))) {
                (Outcome::NoMatch, None) => {}
                (Outcome::Allow, Some(s)) => prop_assert_eq!(s.effect, Effect::Allow),
                (Outcome::Deny, Some(s)) => prop_assert_eq!(s.effect, Effect::Deny),
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }
}

/// Flows of whole designs (`tests/scenarios/access-flows/*.json`): each request judged with the
/// policies on the traced path; `deciding` lists (policy holder's name, statement index or
/// null for an implicit deny).
#[test]
fn requests_on_traced_flows() {
    let files = crate::fixture::files_in("tests/scenarios/access-flows", "json");
    assert!(!files.is_empty());
    for path in files {
        let file = path.display().to_string();
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let design =
            vpc_planner::model::document::from_json(&value["design"].to_string()).expect("design");
        let errors: Vec<_> = vpc_planner::model::validate::validate(&design)
            .into_iter()
            .filter(|d| d.severity == vpc_planner::model::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        for e in value["expect"].as_array().expect("expect") {
            let flow = design
                .flow(e["flow"].as_str().expect("flow"))
                .expect("the flow exists");
            let trace = vpc_planner::model::routing::trace(&design, flow);
            let i = e["request"].as_u64().expect("request") as usize;
            let got = trace
                .access
                .iter()
                .find(|c| c.request == i)
                .unwrap_or_else(|| panic!("{file}: no verdict for {} request {i}", flow.id));
            assert_eq!(
                got.access.allowed,
                e["allowed"].as_bool().expect("allowed"),
                "{file}: {} request {i}: {}",
                flow.id,
                got.access.reason
            );
            let deciding: Vec<(String, Option<usize>)> = got
                .access
                .deciding
                .iter()
                .map(|d| (d.id.clone(), d.statement))
                .collect();
            let wanted: Vec<(String, Option<usize>)> = e["deciding"]
                .as_array()
                .expect("deciding")
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().expect("name").to_string(),
                        p[1].as_u64().map(|n| n as usize),
                    )
                })
                .collect();
            assert_eq!(
                deciding, wanted,
                "{file}: {} request {i}: {}",
                flow.id, got.access.reason
            );
            if !got.access.allowed {
                assert!(
                    trace.summary(&design).contains(&got.access.reason)
                        || trace
                            .access
                            .iter()
                            .any(|c| !c.access.allowed && c.request < i),
                    "{}",
                    trace.summary(&design)
                );
            }
        }
    }
}

/// Policies AWS would refuse are problems on the `policy` field, where they were typed; the
/// text itself is kept as it is.
#[test]
fn policy_problems_are_diagnostics_on_the_node() {
    use vpc_planner::model::design::NodeKind;
    let file = "tests/scenarios/access-flows/s3-policies-on-the-path.json";
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("json");
    let mut design =
        vpc_planner::model::document::from_json(&value["design"].to_string()).expect("design");
    let broken = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\" \"Action\": \"*\"}\n  ]\n}";
    design
        .nodes
        .iter_mut()
        .find(|n| n.id == "s3-gw")
        .expect("endpoint")
        .policy = Some(broken.to_string());
    let nat = design
        .nodes
        .iter_mut()
        .find(|n| matches!(n.kind, NodeKind::NatGateway { .. }))
        .expect("nat");
    nat.policy = Some("{}".into());
    let diagnostics = vpc_planner::model::validate::validate(&design);
    let on = |code: &str| {
        diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.subject.clone(), d.field, d.message.clone()))
            .collect::<Vec<_>>()
    };
    let syntax = on("policy.syntax");
    assert_eq!(syntax.len(), 1, "{diagnostics:?}");
    assert_eq!((syntax[0].0.as_str(), syntax[0].1), ("s3-gw", "policy"));
    assert!(syntax[0].2.contains("line 3"), "{}", syntax[0].2);
    assert_eq!(on("policy.not_here").len(), 1);
    // The flow through the broken endpoint is not decided, and says why.
    let flow = design.flow("app-s3").expect("flow");
    let trace = vpc_planner::model::routing::trace(&design, flow);
    assert!(
        trace
            .access
            .iter()
            .all(|c| !c.access.allowed && c.access.reason.contains("fix them first")),
        "{:?}",
        trace.access
    );
    assert_eq!(
        design.node("s3-gw").and_then(|n| n.policy.as_deref()),
        Some(broken)
    );
}
