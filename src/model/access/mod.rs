//! Access: whether a request a flow makes is allowed once it arrives, and which policy
//! statement decides. A path that routes privately can still be denied.
//!
//! - `policy`: IAM policy JSON read with a list of problems, and written back canonically.
//! - `eval`: one request against one policy (statement matching, conditions).
//! - here: the policies of one request combined, as AWS documents it for this setting.
//!
//! ```
//! use vpc_planner::model::access::{access, parse, Attached, Caller, Context, PolicyKind, Request};
//! let endpoint = parse(r#"{"Statement": [
//!     {"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
//!     {"Sid": "NoPut", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}"#).unwrap();
//! let caller = Caller::new("arn:aws:iam::111122223333:role/app");
//! let via = Context::via_endpoint("vpce-1a2b3c4d", "vpc-1", None);
//! let put = Request::new(caller, "s3:PutObject", "arn:aws:s3:::logs/a.txt", via);
//! let verdict = access(&put, Some(Attached { kind: PolicyKind::GatewayEndpoint, id: "s3-gw", policy: &endpoint }), None);
//! assert!(!verdict.allowed);
//! assert_eq!(verdict.reason, "denied by endpoint policy s3-gw, statement 2 (NoPut)");
//! ```

pub mod check;
pub mod eval;
pub mod flows;
pub mod policy;
pub mod templates;

pub use eval::{Caller, Context, Decision, Outcome, PolicyKind, Request, evaluate};
pub use policy::{DEFAULT_ENDPOINT_POLICY, MAX_CHARS, Policy, Problem, ProblemKind, parse};

use crate::model::text::clip;
use policy::clip_long;

/// A policy attached to something on the request's way: `id` is the caller's name for it (the
/// endpoint's or bucket's id), used in reasons.
#[derive(Debug, Clone, Copy)]
pub struct Attached<'a> {
    pub kind: PolicyKind,
    pub id: &'a str,
    pub policy: &'a Policy,
}

/// The verdict on one request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Access {
    pub allowed: bool,
    /// The policies and statements that decided: every applying `Deny` when denied; the
    /// endpoint policy with no statement (`statement: None`) on an implicit deny; the
    /// applying `Allow` statements when allowed (none when no policy was given).
    pub deciding: Vec<Decider>,
    /// One sentence for people, e.g. "denied by endpoint policy s3-gw, statement 2 (NoPut)".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decider {
    pub kind: PolicyKind,
    /// The `id` the caller attached the policy with.
    pub id: String,
    pub outcome: Outcome,
    /// 0-based position in the policy's `Statement`; reasons count from 1.
    pub statement: Option<usize>,
    pub sid: Option<String>,
}

/// Combines the policies a request meets, as AWS documents it for a request inside one account:
///
/// 1. An explicit `Deny` in any policy wins ("An explicit deny in any of these policies
///    overrides the allow", IAM policy evaluation logic [I1]).
/// 2. Through a VPC endpoint, the endpoint policy must allow the request: it "controls which
///    AWS principals can use the VPC endpoint to access the endpoint service" and "does not
///    override or replace identity-based policies or resource-based policies" [E12]. Pass
///    `endpoint: None` when the request does not go through an endpoint (NAT, internet
///    gateway), and also when its service does not support endpoint policies or is not an AWS
///    service: those endpoints allow full access [E12]. An endpoint without a policy of its
///    own has the default one, `Policy::default_endpoint()`.
/// 3. The resource policy (an S3 bucket policy, say) may allow or deny; with no applying
///    statement it neither grants nor blocks.
///
/// Assumption: the caller's identity policy allows the request and the caller is in the
/// resource's account. Within one account "an allow in either the identity-based policy or the
/// resource-based policy" is enough [I1], so only a deny can stop it there. Cross-account
/// requests, which need the resource policy to allow, SCPs, permission boundaries and session
/// policies are not modelled.
pub fn access(
    request: &Request,
    endpoint: Option<Attached<'_>>,
    resource: Option<Attached<'_>>,
) -> Access {
    let decide = |a: Attached<'_>| {
        let d = evaluate(a.policy, a.kind, request);
        Decider {
            kind: a.kind,
            id: a.id.to_string(),
            outcome: d.outcome,
            statement: d.statement,
            sid: d.sid,
        }
    };
    let e = endpoint.map(decide);
    let r = resource.map(decide);
    let label = |d: &Decider| label(d.kind, &request.action);
    let named = |d: &Decider| {
        let mut s = format!("{} {}", label(d), clip(&d.id));
        if let Some(i) = d.statement {
            s.push_str(&format!(", statement {}", i + 1));
            if let Some(sid) = &d.sid {
                s.push_str(&format!(" ({})", clip(sid)));
            }
        }
        s
    };

    let denies: Vec<Decider> = e
        .iter()
        .chain(r.iter())
        .filter(|d| d.outcome == Outcome::Deny)
        .cloned()
        .collect();
    if !denies.is_empty() {
        let reason = format!(
            "denied by {}",
            denies
                .iter()
                .map(named)
                .collect::<Vec<_>>()
                .join(" and by ")
        );
        return Access {
            allowed: false,
            deciding: denies,
            reason,
        };
    }
    if let Some(e) = e.as_ref().filter(|e| e.outcome == Outcome::NoMatch) {
        let reason = format!(
            "denied: {} has no statement that allows {} on {}",
            named(e),
            clip_long(&request.action),
            clip_long(&request.resource)
        );
        return Access {
            allowed: false,
            deciding: vec![e.clone()],
            reason,
        };
    }

    let mut parts = Vec::new();
    let mut deciding = Vec::new();
    for d in e.iter().chain(r.iter()) {
        match d.outcome {
            Outcome::Allow => {
                parts.push(format!(
                    "{} {}",
                    if deciding.is_empty() {
                        "allowed by"
                    } else {
                        "and by"
                    },
                    named(d)
                ));
                deciding.push(d.clone());
            }
            Outcome::NoMatch => parts.push(format!("{} has no statement that applies", named(d))),
            Outcome::Deny => {}
        }
    }
    if parts.is_empty() {
        parts.push("allowed: no endpoint or resource policy applies".to_string());
    } else if deciding.is_empty() {
        parts.insert(0, "allowed".to_string());
    }
    parts.push("the caller's identity policy is assumed to allow it".to_string());
    Access {
        allowed: true,
        deciding,
        reason: parts.join("; "),
    }
}

/// What people call a policy of this kind: S3's resource policies are bucket policies.
fn label(kind: PolicyKind, action: &str) -> &'static str {
    match kind {
        PolicyKind::GatewayEndpoint | PolicyKind::InterfaceEndpoint => "endpoint policy",
        PolicyKind::Resource
            if action
                .split(':')
                .next()
                .is_some_and(|s| s.eq_ignore_ascii_case("s3")) =>
        {
            "bucket policy"
        }
        PolicyKind::Resource => "resource policy",
    }
}
