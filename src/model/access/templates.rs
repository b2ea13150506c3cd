//! One-click policy templates for the browser's policy editor: data, and what fills their
//! placeholders from the design (a bucket name, an account id, an endpoint id); with the
//! placeholder's default every template parses without problems (tests/it/templates.rs).

use crate::model::design::{Design, Flow, FlowTarget, Node, NodeKind};
use crate::model::dns::names::planned_vpce_id;
use crate::model::routing::Trace;

/// Replaced by a bucket name (`*` when the design names none).
pub const BUCKET: &str = "BUCKET";
/// Replaced by a 12-digit account id.
pub const ACCOUNT: &str = "ACCOUNT";
/// Replaced by a `vpce-` id.
pub const VPCE: &str = "VPCE";

/// The account used when no request names one (the documentation's example account).
pub const DEFAULT_ACCOUNT: &str = "111122223333";
/// The endpoint id used when the design has no endpoint of the service.
pub const DEFAULT_VPCE: &str = "vpce-1a2b3c4d";

pub struct Template {
    pub label: &'static str,
    /// For AWS service nodes only (a resource policy).
    pub resource_only: bool,
    pub json: &'static str,
}

pub const TEMPLATES: [Template; 3] = [
    Template {
        label: "Read-only bucket",
        resource_only: false,
        json: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadOnly",
      "Effect": "Allow",
      "Principal": "*",
      "Action": [
        "s3:GetObject",
        "s3:ListBucket"
      ],
      "Resource": [
        "arn:aws:s3:::BUCKET",
        "arn:aws:s3:::BUCKET/*"
      ]
    },
    {
      "Sid": "NoWrites",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:PutObject",
        "s3:DeleteObject"
      ],
      "Resource": "*"
    }
  ]
}"#,
    },
    Template {
        label: "Restrict to my account",
        resource_only: false,
        json: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "MyAccountOnly",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:PrincipalAccount": "ACCOUNT"
        }
      }
    }
  ]
}"#,
    },
    Template {
        label: "Restrict to this endpoint",
        resource_only: true,
        json: r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OnlyThroughEndpoint",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {
          "aws:SourceVpce": "VPCE"
        }
      }
    }
  ]
}"#,
    },
];

/// The templates that fit `node` (a resource policy takes every one, an endpoint policy those
/// not `resource_only`), each as (label, filled JSON). The bucket comes from the requests of
/// flows that reach the node, the account from any request's principal (those reaching it
/// first), the endpoint id from an endpoint of the node's service.
pub fn for_node(design: &Design, traces: &[Trace], node: &Node) -> Vec<(&'static str, String)> {
    let resource = matches!(node.kind, NodeKind::AwsService { .. });
    let reaching: Vec<&Flow> = traces
        .iter()
        .filter(|t| t.path().contains(&node.id.as_str()))
        .filter_map(|t| design.flow(&t.flow))
        .chain(
            design
                .flows
                .iter()
                .filter(|fl| fl.to == FlowTarget::Node(node.id.clone())),
        )
        .collect();
    let bucket = reaching
        .iter()
        .flat_map(|fl| fl.requests.iter())
        .find_map(|r| bucket_of(&r.resource))
        .unwrap_or("*");
    let account = reaching
        .iter()
        .flat_map(|fl| fl.requests.iter())
        .chain(design.flows.iter().flat_map(|fl| fl.requests.iter()))
        .find_map(|r| account_of(&r.principal))
        .unwrap_or(DEFAULT_ACCOUNT);
    let vpce = match &node.kind {
        NodeKind::AwsService { service, .. } => design
            .nodes
            .iter()
            .find(|e| match &e.kind {
                NodeKind::GatewayEndpoint { service: s, .. } => s == service,
                NodeKind::InterfaceEndpoint {
                    service: s,
                    endpoint_service: None,
                    ..
                } => s == service,
                _ => false,
            })
            .map(|e| planned_vpce_id(&e.id).0),
        _ => None,
    }
    .unwrap_or_else(|| DEFAULT_VPCE.to_string());
    TEMPLATES
        .iter()
        .filter(|t| resource || !t.resource_only)
        .map(|t| (t.label, fill(t, bucket, account, &vpce)))
        .collect()
}

/// A template with its placeholders filled.
pub fn fill(t: &Template, bucket: &str, account: &str, vpce: &str) -> String {
    t.json
        .replace(BUCKET, bucket)
        .replace(ACCOUNT, account)
        .replace(VPCE, vpce)
}

/// The bucket of an S3 ARN (`arn:aws:s3:::bucket/key` → `bucket`).
pub fn bucket_of(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:aws:s3:::")?;
    let bucket = rest.split('/').next().unwrap_or_default();
    (!bucket.is_empty() && !bucket.contains(['*', '?'])).then_some(bucket)
}

/// The 12-digit account of an IAM ARN (`arn:aws:iam::111122223333:role/app`).
pub fn account_of(arn: &str) -> Option<&str> {
    let account = arn.strip_prefix("arn:")?.split(':').nth(3)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}
