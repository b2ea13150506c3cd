//! Inspector sections for PrivateLink: an endpoint service with its network load balancer, and
//! the choice of service on an interface endpoint (an AWS service or an endpoint service of the
//! design). Each change replaces the node in one undoable edit; problems come from the model.

use super::dns_fields::Form;
use super::fields::{check_field, error_list, hint, int_field, select_field, text, text_field};
use crate::model::catalog;
use crate::model::design::{Node, NodeKind};
use crate::model::dns::names;
use yew::prelude::*;

/// What an endpoint service's value in the interface endpoint's service list starts with;
/// catalogue keys hold no `:`, so the two kinds of choice never collide.
const ENDPOINT_SERVICE: &str = "endpoint-service:";

pub fn endpoint_service(f: &Form, n: &Node) -> Html {
    let d = f.design;
    let NodeKind::EndpointService {
        vpc,
        subnets,
        port,
        targets,
        acceptance_required,
        private_dns_name,
    } = &n.kind
    else {
        return html! {};
    };
    fn lb_subnets(k: &mut NodeKind) -> Option<&mut Vec<String>> {
        match k {
            NodeKind::EndpointService { subnets, .. } => Some(subnets),
            _ => None,
        }
    }
    fn lb_targets(k: &mut NodeKind) -> Option<&mut Vec<String>> {
        match k {
            NodeKind::EndpointService { targets, .. } => Some(targets),
            _ => None,
        }
    }
    let subnet_boxes = d.subnets.iter().filter(|s| s.vpc == *vpc).map(|s| {
        let label = format!("{} ({})", s.name, s.availability_zone);
        check_field(
            &format!("eps-subnet-{}", s.id),
            &label,
            subnets.contains(&s.id),
            Vec::new(),
            f.toggle(n, &s.id, lb_subnets),
        )
    });
    let target_boxes = d
        .nodes
        .iter()
        .filter(|t| t.kind.is_workload() && d.node_vpc(t) == Some(vpc.as_str()))
        .map(|t| {
            let label = format!("{} {}", t.kind.label(), t.name);
            check_field(
                &format!("eps-target-{}", t.id),
                &label,
                targets.contains(&t.id),
                Vec::new(),
                f.toggle(n, &t.id, lb_targets),
            )
        });
    let on_port = f.node(n, |k, v: u32| {
        if let NodeKind::EndpointService { port, .. } = k {
            *port = u16::try_from(v).unwrap_or(*port);
        }
    });
    let on_acceptance = f.node(n, |k, want: bool| {
        if let NodeKind::EndpointService {
            acceptance_required,
            ..
        } = k
        {
            *acceptance_required = want;
        }
    });
    let on_dns_name = f.node(n, |k, v: String| {
        if let NodeKind::EndpointService {
            private_dns_name, ..
        } = k
        {
            let v = v.trim().to_string();
            *private_dns_name = (!v.is_empty()).then_some(v);
        }
    });
    let consumers: Vec<String> = d
        .nodes
        .iter()
        .filter(|e| matches!(&e.kind, NodeKind::InterfaceEndpoint { endpoint_service: Some(s), .. } if *s == n.id))
        .map(|e| format!("{} (VPC {})", e.name, d.node_vpc(e).and_then(|v| d.vpc(v)).map(|v| v.name.as_str()).unwrap_or("?")))
        .collect();
    html! {
        <>
            <fieldset>
                { text("legend", "", "Load balancer subnets (one per Availability Zone)") }
                { for subnet_boxes }
                { error_list(&f.errors(&n.id, "subnets", None)) }
            </fieldset>
            { int_field("eps-port".to_string(), "Listener port (TCP)", u32::from(*port), 1, 65535, "port number", f.errors(&n.id, "port", None), on_port) }
            <fieldset>
                { text("legend", "", "Targets") }
                { for target_boxes }
                { error_list(&f.errors(&n.id, "targets", None)) }
            </fieldset>
            { check_field("eps-acceptance", "Acceptance required", *acceptance_required, f.errors(&n.id, "acceptance_required", None), on_acceptance) }
            { text_field("eps-private-dns-name", "Private DNS name", private_dns_name.as_deref().unwrap_or_default(), "(none: consumers use the vpce- names)", f.errors(&n.id, "private_dns_name", None), on_dns_name) }
            <details class="dns-names">
                <summary>{ "Consumers" }</summary>
                if consumers.is_empty() {
                    <p class="hint">{ "No interface endpoint connects to this service yet: add one in a consumer VPC and pick this service as its service." }</p>
                } else {
                    <ul class="plain">{ for consumers.iter().map(|c| html! { <li>{ c.clone() }</li> }) }</ul>
                }
                <p class="hint mono">{ format!("Service id (a stand-in until AWS creates it): {}", names::planned_service_id(&n.id)) }</p>
            </details>
            { hint("An internal network load balancer forwards TCP to a target in the same Availability Zone; targets see its address, so their security groups must allow its subnets. The provider pays for the load balancer; consumers pay for their endpoints.") }
        </>
    }
}

/// The interface endpoint's "Service": the catalogue's services with an interface endpoint,
/// then the design's endpoint services.
pub fn interface_endpoint_service(f: &Form, n: &Node) -> Html {
    let d = f.design;
    let NodeKind::InterfaceEndpoint {
        service,
        endpoint_service,
        ..
    } = &n.kind
    else {
        return html! {};
    };
    let mut options: Vec<(String, String)> = catalog::SERVICES
        .iter()
        .filter(|s| s.interface_endpoint)
        .map(|s| (s.key.to_string(), s.name.to_string()))
        .collect();
    options.extend(
        d.nodes
            .iter()
            .filter(|s| matches!(s.kind, NodeKind::EndpointService { .. }))
            .map(|s| {
                let vpc = d
                    .node_vpc(s)
                    .and_then(|v| d.vpc(v))
                    .map(|v| v.name.as_str())
                    .unwrap_or("?");
                (
                    format!("{ENDPOINT_SERVICE}{}", s.id),
                    format!("Endpoint service {} (VPC {vpc})", s.name),
                )
            }),
    );
    let value = match endpoint_service {
        Some(id) => format!("{ENDPOINT_SERVICE}{id}"),
        None => service.clone(),
    };
    let on_service = f.node(n, |k, v: String| {
        if let NodeKind::InterfaceEndpoint {
            service,
            endpoint_service,
            ..
        } = k
        {
            match v.strip_prefix(ENDPOINT_SERVICE) {
                Some(id) => {
                    *endpoint_service = Some(id.to_string());
                    service.clear();
                }
                None => {
                    *endpoint_service = None;
                    *service = v;
                }
            }
        }
    });
    let mut errors = f.errors(&n.id, "service", None);
    errors.extend(f.errors(&n.id, "endpoint_service", None));
    select_field(
        "node-service",
        "Service",
        &options,
        &value,
        errors,
        on_service,
    )
}
