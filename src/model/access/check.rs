//! The access validation rules: policies AWS would refuse, policies where none can go, and
//! requests that can't be judged.

use super::{ProblemKind, parse};
use crate::model::design::{Design, Node, NodeKind};
use crate::model::text::clip;
use crate::model::validate::{Diagnostic, Severity};

pub fn check(design: &Design, out: &mut Vec<Diagnostic>) {
    for node in &design.nodes {
        if let Some(text) = &node.policy {
            policy(node, text, out);
        }
    }
    for flow in &design.flows {
        for (i, r) in flow.requests.iter().enumerate() {
            let mut push = |code, message: String| {
                out.push(Diagnostic::new(
                    Severity::Error,
                    &flow.id,
                    "requests",
                    Some(i),
                    code,
                    message,
                ))
            };
            // `service:Action`, as IAM writes actions.
            if !r.action.split_once(':').is_some_and(|(s, a)| {
                !s.is_empty() && !a.is_empty() && !r.action.contains(char::is_whitespace)
            }) {
                push(
                    "request.action",
                    format!(
                        "request {}: the action {:?} is not service:Action, e.g. s3:GetObject",
                        i + 1,
                        clip(&r.action)
                    ),
                );
            }
            if !r.resource.starts_with("arn:") && r.resource != "*" {
                push(
                    "request.resource",
                    format!(
                        "request {}: the resource {:?} is not an ARN (arn:aws:s3:::bucket/key)",
                        i + 1,
                        clip(&r.resource)
                    ),
                );
            }
            if !r.principal.starts_with("arn:")
                || r.principal
                    .split(':')
                    .nth(4)
                    .is_none_or(|a| a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()))
            {
                push(
                    "request.principal",
                    format!(
                        "request {}: the caller {:?} is not a role or user ARN with a 12-digit account (arn:aws:iam::111122223333:role/app)",
                        i + 1,
                        clip(&r.principal)
                    ),
                );
            }
        }
    }
}

fn policy(node: &Node, text: &str, out: &mut Vec<Diagnostic>) {
    let mut push = |severity, code, message: String| {
        out.push(Diagnostic::new(
            severity, &node.id, "policy", None, code, message,
        ))
    };
    let endpoint = match &node.kind {
        NodeKind::GatewayEndpoint { .. } => true,
        NodeKind::InterfaceEndpoint {
            endpoint_service: None,
            ..
        } => true,
        NodeKind::AwsService { .. } => false,
        // Endpoints to endpoint services take no policy that AWS evaluates: full access [E12].
        NodeKind::InterfaceEndpoint { .. } => {
            push(Severity::Warning, "policy.not_evaluated", "an endpoint to an endpoint service is not an AWS service: AWS allows full access whatever its policy says (aws-networking.md §4, E12)".into());
            return;
        }
        other => {
            push(
                Severity::Error,
                "policy.not_here",
                format!(
                    "{} has no IAM policy: policies go on VPC endpoints (endpoint policy) and AWS services (resource policy)",
                    other.a_label()
                ),
            );
            return;
        }
    };
    match parse(text) {
        Err(problems) => {
            for p in problems {
                let code = match p.kind {
                    ProblemKind::Syntax { .. } => "policy.syntax",
                    _ => "policy.invalid",
                };
                push(Severity::Error, code, format!("policy: {p}"));
            }
        }
        Ok(policy) if endpoint => {
            for p in policy.endpoint_problems() {
                push(
                    Severity::Error,
                    "policy.invalid",
                    format!("endpoint policy: {p}"),
                );
            }
        }
        Ok(_) => {}
    }
}
