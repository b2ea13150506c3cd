//! Terraform for PrivateLink endpoint services (aws-networking.md §6, T6 and T16): the
//! provider's internal network load balancer (`aws_lb`), its TCP target group and listener,
//! and the `aws_vpc_endpoint_service` in front of it. All four share the endpoint service's
//! resource name; consumers' interface endpoints name the service through
//! `aws_vpc_endpoint_service.X.service_name`.
//!
//! Workloads are traffic ends the planner doesn't create, so the target group is written
//! without `aws_lb_target_group_attachment`s; the file's header says which to register.

use super::{Resources, literal, reference, resource, tags};
use crate::model::design::{Design, Node, NodeKind};
use crate::model::text::clip;
use hcl::Block;
use hcl::expr::Expression;

const SERVICE: &str = "aws_vpc_endpoint_service";

impl Resources<'_> {
    /// Every endpoint service of the design, in document order.
    pub(super) fn endpoint_services(&mut self) {
        let d = self.design;
        for n in d
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::EndpointService { .. }))
        {
            self.endpoint_service(n);
        }
    }

    fn endpoint_service(&mut self, n: &Node) {
        let d = self.design;
        let NodeKind::EndpointService {
            vpc,
            subnets,
            port,
            acceptance_required,
            private_dns_name,
            ..
        } = &n.kind
        else {
            return;
        };
        if !self.first(SERVICE, &n.id) {
            return;
        }
        let (Some(name), Some(v)) = (
            self.names.of(SERVICE, &n.id).map(str::to_string),
            self.names.of("aws_vpc", vpc).map(str::to_string),
        ) else {
            return;
        };
        // Only endpoint services write these types, under their own (unique) names; claiming
        // keeps the rule that no two resources of a type share a name.
        let lb = self.names.claim("aws_lb", &name);
        let group = self.names.claim("aws_lb_target_group", &name);
        let listener = self.names.claim("aws_lb_listener", &name);
        let subnet_ids: Vec<Expression> = subnets
            .iter()
            .filter(|s| d.subnet(s).is_some())
            .filter_map(|s| self.names.of("aws_subnet", s))
            .map(|s| reference("aws_subnet", &[s, "id"]))
            .collect();
        self.blocks.push(
            resource("aws_lb", &lb)
                .add_attribute(("load_balancer_type", "network"))
                .add_attribute(("internal", true))
                // Changing an NLB's subnets replaces it (T16); cross-zone load balancing stays
                // at its default, off, which validation and routing assume.
                .add_attribute(("subnets", Expression::Array(subnet_ids)))
                .add_attribute(tags(&n.name))
                .build(),
        );
        let port = i64::from(*port);
        self.blocks.push(
            resource("aws_lb_target_group", &group)
                .add_attribute(("port", port))
                .add_attribute(("protocol", "TCP"))
                .add_attribute(("vpc_id", reference("aws_vpc", &[&v, "id"])))
                .add_attribute(tags(&n.name))
                .build(),
        );
        self.blocks.push(
            resource("aws_lb_listener", &listener)
                .add_attribute(("load_balancer_arn", reference("aws_lb", &[&lb, "arn"])))
                .add_attribute(("port", port))
                .add_attribute(("protocol", "TCP"))
                .add_block(
                    Block::builder("default_action")
                        .add_attribute(("type", "forward"))
                        .add_attribute((
                            "target_group_arn",
                            reference("aws_lb_target_group", &[&group, "arn"]),
                        ))
                        .build(),
                )
                .build(),
        );
        let mut b = resource(SERVICE, &name)
            .add_attribute(("acceptance_required", *acceptance_required))
            .add_attribute((
                "network_load_balancer_arns",
                Expression::Array(vec![reference("aws_lb", &[&lb, "arn"])]),
            ));
        if let Some(dns) = private_dns_name {
            b = b.add_attribute(("private_dns_name", literal(dns)));
        }
        self.blocks.push(b.add_attribute(tags(&n.name)).build());
    }

    /// The `service_name` of an interface endpoint: its endpoint service's, when it names one
    /// the export writes; else the AWS service's.
    pub(super) fn interface_service_name(&self, endpoint_id: &str, service: &str) -> Expression {
        let svc = match self.design.node(endpoint_id).map(|n| &n.kind) {
            Some(NodeKind::InterfaceEndpoint {
                endpoint_service: Some(svc),
                ..
            }) => Some(svc),
            _ => None,
        };
        match svc
            .filter(|s| {
                matches!(
                    self.design.node(s).map(|n| &n.kind),
                    Some(NodeKind::EndpointService { .. })
                )
            })
            .and_then(|s| self.names.of(SERVICE, s))
        {
            Some(name) => reference(SERVICE, &[name, "service_name"]),
            None => super::service_name(service),
        }
    }

    /// Whether an interface endpoint connects to an endpoint service with acceptance required:
    /// in one account the consumer can accept its own connection (`auto_accept`, T5).
    pub(super) fn accepts_itself(&self, endpoint_id: &str) -> bool {
        let d = self.design;
        match d.node(endpoint_id).map(|n| &n.kind) {
            Some(NodeKind::InterfaceEndpoint {
                endpoint_service: Some(svc),
                ..
            }) => {
                matches!(
                    d.node(svc).map(|n| &n.kind),
                    Some(NodeKind::EndpointService {
                        acceptance_required: true,
                        ..
                    })
                )
            }
            _ => false,
        }
    }
}

/// The service name of each endpoint service written: what a consumer in another account or
/// Terraform configuration puts in its `aws_vpc_endpoint`'s `service_name`.
pub(super) fn output(design: &Design, names: &super::Names) -> Option<Block> {
    let mut seen = Vec::new();
    let services: Vec<(String, Expression)> = design
        .nodes
        .iter()
        .filter(|n| matches!(&n.kind, NodeKind::EndpointService { vpc, .. } if design.vpc(vpc).is_some()))
        .filter_map(|n| names.of(SERVICE, &n.id))
        .filter(|name| !seen.contains(name) && { seen.push(*name); true })
        .map(|name| (name.to_string(), reference(SERVICE, &[name, "service_name"])))
        .collect();
    (!services.is_empty()).then(|| {
        Block::builder("output")
            .add_label("endpoint_service_names")
            .add_attribute(("value", Expression::from_iter(services)))
            .build()
    })
}

/// A header line per endpoint service saying its targets are to be registered. It names no
/// targets: they travel in the metadata line only, and a file read without it must export the
/// same.
pub(super) fn header_notes(design: &Design) -> String {
    let mut out = String::new();
    // Only services the export writes: their VPC is in the design.
    for n in design.nodes.iter().filter(
        |n| matches!(&n.kind, NodeKind::EndpointService { vpc, .. } if design.vpc(vpc).is_some()),
    ) {
        let line = format!(
            "# Endpoint service {}: register its targets with its aws_lb_target_group (aws_lb_target_group_attachment); the planner draws workloads but doesn't create them.",
            clip(&n.name)
        );
        out.push_str(&line.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    out
}
