//! Inspector sections for the DNS parts of a design: private hosted zones, Resolver endpoints
//! with their forwarding rules, on-premises DNS, an interface endpoint's DNS names and a flow's
//! DNS name. Each change replaces the item in one undoable edit; problems come from the model.

use super::fields::{check_field, error_list, select_field, text_field};
use super::store::Action;
use crate::model::catalog;
use crate::model::design::{
    Design, DnsForward, Flow, ForwardRule, Node, NodeKind, RecordValue, ResolverDirection,
    ZoneRecord,
};
use crate::model::dns::names;
use crate::model::edit::{Edit, Item};
use crate::model::routing::address;
use crate::model::validate::Diagnostic;
use yew::prelude::*;

/// What every section needs: the design, its problems, and the store.
pub struct Form<'a> {
    pub design: &'a Design,
    pub diagnostics: &'a [Diagnostic],
    pub dispatch: &'a Callback<Action>,
}

impl Form<'_> {
    pub(super) fn errors(&self, id: &str, field: &str, index: Option<usize>) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.subject == id && d.field == field && d.index == index)
            .map(|d| d.message.clone())
            .collect()
    }

    /// A callback that replaces node `n` with `change(node, value)`.
    pub(super) fn node<V: 'static>(
        &self,
        n: &Node,
        change: impl Fn(&mut NodeKind, V) + 'static,
    ) -> Callback<V> {
        let dispatch = self.dispatch.clone();
        let node = n.clone();
        Callback::from(move |value: V| {
            let mut changed = node.clone();
            change(&mut changed.kind, value);
            dispatch.emit(Action::Apply(Edit::Replace {
                item: Item::Node(changed),
            }));
        })
    }

    /// A checkbox's callback that puts `id` into, or takes it out of, a list of node `n`'s kind.
    pub(super) fn toggle(
        &self,
        n: &Node,
        id: &str,
        list: fn(&mut NodeKind) -> Option<&mut Vec<String>>,
    ) -> Callback<bool> {
        let id = id.to_string();
        self.node(n, move |k, want: bool| {
            if let Some(members) = list(k) {
                members.retain(|m| *m != id);
                if want {
                    members.push(id.clone());
                }
            }
        })
    }

    fn vpc_checks(
        &self,
        n: &Node,
        prefix: &str,
        chosen: &[String],
        list: fn(&mut NodeKind) -> Option<&mut Vec<String>>,
    ) -> Html {
        let boxes = self.design.vpcs.iter().map(|v| {
            let id = v.id.clone();
            let on_commit = self.node(n, move |k, want: bool| {
                if let Some(members) = list(k) {
                    members.retain(|m| *m != id);
                    if want {
                        members.push(id.clone());
                    }
                }
            });
            check_field(
                &format!("{prefix}-{}", v.id),
                &format!("VPC {}", v.name),
                chosen.contains(&v.id),
                Vec::new(),
                on_commit,
            )
        });
        html! { <>{ for boxes }</> }
    }
}

fn remove_button(label: String, onclick: Callback<MouseEvent>) -> Html {
    html! { <div><button type="button" class="link" {onclick}>{ label }</button></div> }
}

// ---- private hosted zone -------------------------------------------------------------------

pub fn hosted_zone(f: &Form, n: &Node) -> Html {
    let NodeKind::PrivateHostedZone {
        domain,
        vpcs,
        records,
    } = &n.kind
    else {
        return html! {};
    };
    let on_domain = f.node(n, |k, text: String| {
        if let NodeKind::PrivateHostedZone { domain, .. } = k {
            *domain = text;
        }
    });
    fn zone_vpcs(k: &mut NodeKind) -> Option<&mut Vec<String>> {
        match k {
            NodeKind::PrivateHostedZone { vpcs, .. } => Some(vpcs),
            _ => None,
        }
    }
    let endpoints: Vec<(String, String)> = f
        .design
        .nodes
        .iter()
        .filter(|e| matches!(e.kind, NodeKind::InterfaceEndpoint { .. }))
        .map(|e| (e.id.clone(), format!("interface endpoint {}", e.name)))
        .collect();
    let rows = records
        .iter()
        .enumerate()
        .map(|(i, r)| record_row(f, n, domain, i, r, &endpoints));
    let default_value = endpoints
        .first()
        .map(|(id, _)| RecordValue::Alias(id.clone()))
        .unwrap_or_else(|| RecordValue::A(vec!["10.0.0.10".into()]));
    let add = f.node(n, move |k, _: MouseEvent| {
        if let NodeKind::PrivateHostedZone { records, .. } = k {
            let name = if records.is_empty() {
                String::new()
            } else {
                format!("name{}", records.len() + 1)
            };
            records.push(ZoneRecord {
                name,
                value: default_value.clone(),
            });
        }
    });
    html! {
        <>
            { text_field("zone-domain", "Domain", domain, "corp.internal", f.errors(&n.id, "domain", None), on_domain) }
            <fieldset>
                <legend>{ "Associated VPCs (they see this zone)" }</legend>
                { f.vpc_checks(n, "zone-vpc", vpcs, zone_vpcs) }
                { for (0..vpcs.len()).map(|i| error_list(&f.errors(&n.id, "vpcs", Some(i)))) }
                { error_list(&f.errors(&n.id, "vpcs", None)) }
            </fieldset>
            <fieldset>
                <legend>{ "Records" }</legend>
                { for rows }
                <div><button type="button" class="link" onclick={add}>{ "Add a record" }</button></div>
            </fieldset>
        </>
    }
}

fn record_row(
    f: &Form,
    n: &Node,
    domain: &str,
    i: usize,
    r: &ZoneRecord,
    endpoints: &[(String, String)],
) -> Html {
    let edit_record = |change: fn(&mut ZoneRecord, String)| {
        f.node(n, move |k, v: String| {
            if let NodeKind::PrivateHostedZone { records, .. } = k {
                if let Some(r) = records.get_mut(i) {
                    change(r, v);
                }
            }
        })
    };
    let on_name = edit_record(|r, v| r.name = if v == "@" { String::new() } else { v });
    let first_endpoint = endpoints
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let on_type = f.node(n, move |k, v: String| {
        if let NodeKind::PrivateHostedZone { records, .. } = k {
            if let Some(r) = records.get_mut(i) {
                r.value = match v.as_str() {
                    "alias" => RecordValue::Alias(first_endpoint.clone()),
                    "cname" => RecordValue::Cname(String::new()),
                    _ => RecordValue::A(Vec::new()),
                };
            }
        }
    });
    let remove = f.node(n, move |k, _: MouseEvent| {
        if let NodeKind::PrivateHostedZone { records, .. } = k {
            if i < records.len() {
                records.remove(i);
            }
        }
    });
    let types = super::fields::options(&[
        ("alias", "Alias to an interface endpoint"),
        ("a", "A (IPv4 addresses)"),
        ("cname", "CNAME"),
    ]);
    let (kind, value) = match &r.value {
        RecordValue::Alias(t) => {
            let on_commit = edit_record(|r, v| r.value = RecordValue::Alias(v));
            (
                "alias",
                select_field(
                    &format!("zone-rec-{i}-alias"),
                    "Endpoint",
                    endpoints,
                    t,
                    Vec::new(),
                    on_commit,
                ),
            )
        }
        RecordValue::A(ips) => {
            let on_commit = edit_record(|r, v| {
                r.value = RecordValue::A(
                    v.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            });
            (
                "a",
                text_field(
                    &format!("zone-rec-{i}-a"),
                    "Addresses (comma-separated)",
                    &ips.join(", "),
                    "10.0.1.50",
                    Vec::new(),
                    on_commit,
                ),
            )
        }
        RecordValue::Cname(to) => {
            let on_commit = edit_record(|r, v| r.value = RecordValue::Cname(v));
            (
                "cname",
                text_field(
                    &format!("zone-rec-{i}-cname"),
                    "Points to",
                    to,
                    "other.example.com",
                    Vec::new(),
                    on_commit,
                ),
            )
        }
    };
    let full = if r.name.is_empty() {
        domain.to_string()
    } else {
        format!("{}.{domain}", r.name)
    };
    html! {
        <div class="rule-row">
            { text_field(&format!("zone-rec-{i}-name"), &format!("Record {} name ({full})", i + 1), &r.name, "@ (the zone's apex)", Vec::new(), on_name) }
            { select_field(&format!("zone-rec-{i}-type"), "Type", &types, kind, Vec::new(), on_type) }
            { value }
            { error_list(&f.errors(&n.id, "records", Some(i))) }
            { remove_button(format!("Remove record {}", i + 1), remove) }
        </div>
    }
}

// ---- Resolver endpoints --------------------------------------------------------------------

pub fn resolver_endpoint(f: &Form, n: &Node) -> Html {
    let d = f.design;
    let NodeKind::ResolverEndpoint {
        vpc,
        direction,
        subnets,
        rules,
    } = &n.kind
    else {
        return html! {};
    };
    let inbound = *direction == ResolverDirection::Inbound;
    let addresses: Vec<String> = subnets
        .iter()
        .filter_map(|s| d.subnet(s))
        .filter_map(|s| {
            address::interface_address(d, n, s).map(|ip| format!("{ip} ({})", s.availability_zone))
        })
        .collect();
    let explain = if inbound {
        "On-premises DNS servers forward queries to these addresses; the VPC's Amazon DNS server answers them (private hosted zones and private DNS included)."
    } else {
        "The VPCs of each rule send their queries for its domain through these interfaces to the on-premises network's DNS servers."
    };
    let boxes = d.subnets.iter().filter(|s| s.vpc == *vpc).map(|s| {
        let id = s.id.clone();
        let on_commit = f.node(n, move |k, want: bool| {
            if let NodeKind::ResolverEndpoint { subnets, .. } = k {
                subnets.retain(|m| *m != id);
                if want {
                    subnets.push(id.clone());
                }
            }
        });
        check_field(
            &format!("rslvr-subnet-{}", s.id),
            &format!("{} ({})", s.name, s.availability_zone),
            subnets.contains(&s.id),
            Vec::new(),
            on_commit,
        )
    });
    html! {
        <>
            <p class="hint">{ explain }</p>
            if !addresses.is_empty() {
                <p class="mono">{ format!("Addresses: {}", addresses.join(", ")) }</p>
            }
            <fieldset>
                <legend>{ "Subnets (two Availability Zones at least)" }</legend>
                { for boxes }
                { error_list(&f.errors(&n.id, "subnets", None)) }
                { for (0..subnets.len()).map(|i| error_list(&f.errors(&n.id, "subnets", Some(i)))) }
            </fieldset>
            if !inbound || !rules.is_empty() {
                { forwarding_rules(f, n, rules) }
            }
        </>
    }
}

fn forwarding_rules(f: &Form, n: &Node, rules: &[ForwardRule]) -> Html {
    let d = f.design;
    let targets: Vec<(String, String)> = d
        .nodes
        .iter()
        .filter(|o| matches!(o.kind, NodeKind::OnPremises { .. }))
        .map(|o| (o.id.clone(), format!("on-premises {}", o.name)))
        .collect();
    let rows = rules.iter().enumerate().map(|(i, r)| {
        let on_domain = f.node(n, move |k, v: String| {
            if let NodeKind::ResolverEndpoint { rules, .. } = k {
                if let Some(r) = rules.get_mut(i) {
                    r.domain = v;
                }
            }
        });
        let on_target = f.node(n, move |k, v: String| {
            if let NodeKind::ResolverEndpoint { rules, .. } = k {
                if let Some(r) = rules.get_mut(i) {
                    r.target = v;
                }
            }
        });
        let remove = f.node(n, move |k, _: MouseEvent| {
            if let NodeKind::ResolverEndpoint { rules, .. } = k {
                if i < rules.len() {
                    rules.remove(i);
                }
            }
        });
        let vpc_boxes = d.vpcs.iter().map(|v| {
            let id = v.id.clone();
            let on_commit = f.node(n, move |k, want: bool| {
                if let NodeKind::ResolverEndpoint { rules, .. } = k {
                    if let Some(r) = rules.get_mut(i) {
                        r.vpcs.retain(|m| *m != id);
                        if want {
                            r.vpcs.push(id.clone());
                        }
                    }
                }
            });
            check_field(&format!("rule-{i}-vpc-{}", v.id), &format!("VPC {}", v.name), r.vpcs.contains(&v.id), Vec::new(), on_commit)
        });
        html! {
            <div class="rule-row">
                { text_field(&format!("rule-{i}-domain"), &format!("Rule {}: domain", i + 1), &r.domain, "corp.example.com", Vec::new(), on_domain) }
                { select_field(&format!("rule-{i}-target"), "Forward to the DNS servers of", &targets, &r.target, Vec::new(), on_target) }
                <p class="hint">{ "Used by" }</p>
                { for vpc_boxes }
                { error_list(&f.errors(&n.id, "rules", Some(i))) }
                { remove_button(format!("Remove rule {}", i + 1), remove) }
            </div>
        }
    });
    let first_target = targets
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let own_vpc = d.node_vpc(n).map(str::to_string);
    let add = f.node(n, move |k, _: MouseEvent| {
        if let NodeKind::ResolverEndpoint { rules, .. } = k {
            rules.push(ForwardRule {
                domain: "corp.example.com".into(),
                target: first_target.clone(),
                vpcs: own_vpc.iter().cloned().collect(),
            });
        }
    });
    html! {
        <fieldset>
            <legend>{ "Forwarding rules" }</legend>
            { for rows }
            { error_list(&f.errors(&n.id, "rules", None)) }
            <div><button type="button" class="link" onclick={add}>{ "Add a forwarding rule" }</button></div>
        </fieldset>
    }
}

// ---- on-premises DNS -----------------------------------------------------------------------

pub fn on_premises(f: &Form, n: &Node) -> Html {
    let d = f.design;
    let NodeKind::OnPremises {
        dns_domains,
        dns_forwards,
        ..
    } = &n.kind
    else {
        return html! {};
    };
    let domains = dns_domains.iter().enumerate().map(|(i, dom)| {
        let on_commit = f.node(n, move |k, v: String| {
            if let NodeKind::OnPremises { dns_domains, .. } = k {
                if let Some(slot) = dns_domains.get_mut(i) {
                    *slot = v;
                }
            }
        });
        let remove = f.node(n, move |k, _: MouseEvent| {
            if let NodeKind::OnPremises { dns_domains, .. } = k {
                if i < dns_domains.len() {
                    dns_domains.remove(i);
                }
            }
        });
        html! {
            <>
                { text_field(&format!("onprem-domain-{i}"), &format!("Own domain {}", i + 1), dom, "corp.example.com", f.errors(&n.id, "dns_domains", Some(i)), on_commit) }
                { remove_button(format!("Remove domain {}", i + 1), remove) }
            </>
        }
    });
    let add_domain = f.node(n, |k, _: MouseEvent| {
        if let NodeKind::OnPremises { dns_domains, .. } = k {
            dns_domains.push("corp.example.com".into());
        }
    });
    let inbound: Vec<(String, String)> = d
        .nodes
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                NodeKind::ResolverEndpoint {
                    direction: ResolverDirection::Inbound,
                    ..
                }
            )
        })
        .map(|e| (e.id.clone(), format!("inbound endpoint {}", e.name)))
        .collect();
    let forwards = dns_forwards.iter().enumerate().map(|(i, fw)| {
        let on_domain = f.node(n, move |k, v: String| {
            if let NodeKind::OnPremises { dns_forwards, .. } = k {
                if let Some(slot) = dns_forwards.get_mut(i) {
                    slot.domain = v;
                }
            }
        });
        let on_endpoint = f.node(n, move |k, v: String| {
            if let NodeKind::OnPremises { dns_forwards, .. } = k {
                if let Some(slot) = dns_forwards.get_mut(i) {
                    slot.endpoint = v;
                }
            }
        });
        let remove = f.node(n, move |k, _: MouseEvent| {
            if let NodeKind::OnPremises { dns_forwards, .. } = k {
                if i < dns_forwards.len() {
                    dns_forwards.remove(i);
                }
            }
        });
        html! {
            <div class="rule-row">
                { text_field(&format!("onprem-fwd-{i}-domain"), &format!("Forward {}: domain", i + 1), &fw.domain, "amazonaws.com", Vec::new(), on_domain) }
                { select_field(&format!("onprem-fwd-{i}-endpoint"), "To", &inbound, &fw.endpoint, Vec::new(), on_endpoint) }
                { error_list(&f.errors(&n.id, "dns_forwards", Some(i))) }
                { remove_button(format!("Remove forward {}", i + 1), remove) }
            </div>
        }
    });
    let first_inbound = inbound.first().map(|(id, _)| id.clone());
    let add_forward = f.node(n, move |k, _: MouseEvent| {
        if let NodeKind::OnPremises { dns_forwards, .. } = k {
            dns_forwards.push(DnsForward {
                domain: "amazonaws.com".into(),
                endpoint: first_inbound.clone().unwrap_or_default(),
            });
        }
    });
    html! {
        <fieldset>
            <legend>{ "DNS servers" }</legend>
            <p class="hint">{ "They answer for their own domains, forward the listed domains to a Resolver inbound endpoint, and resolve everything else on the internet." }</p>
            { for domains }
            <div><button type="button" class="link" onclick={add_domain}>{ "Add an own domain" }</button></div>
            { for forwards }
            if inbound.is_empty() {
                <p class="hint">{ "Add a Resolver inbound endpoint (DNS section of the palette) to forward AWS names to a VPC." }</p>
            } else {
                <div><button type="button" class="link" onclick={add_forward}>{ "Add a conditional forwarder" }</button></div>
            }
        </fieldset>
    }
}

// ---- interface endpoint and flow -----------------------------------------------------------

/// The S3 inbound-only option and the endpoint's DNS names.
pub fn interface_endpoint(f: &Form, n: &Node) -> Html {
    let d = f.design;
    let NodeKind::InterfaceEndpoint {
        service,
        endpoint_service,
        private_dns,
        private_dns_only_for_inbound_resolver_endpoint: inbound_only,
        ..
    } = &n.kind
    else {
        return html! {};
    };
    let on_inbound = f.node(n, |k, want: bool| {
        if let NodeKind::InterfaceEndpoint {
            private_dns_only_for_inbound_resolver_endpoint,
            ..
        } = k
        {
            *private_dns_only_for_inbound_resolver_endpoint = want;
        }
    });
    let mut dns_names: Vec<String> = names::endpoint_names(d, n)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    if *private_dns {
        if let Some(s) = catalog::service(service) {
            dns_names.insert(
                0,
                format!("{} (private DNS)", names::service_name(s, &d.region)),
            );
        }
        if let Some(NodeKind::EndpointService {
            private_dns_name: Some(name),
            ..
        }) = endpoint_service
            .as_deref()
            .and_then(|s| d.node(s))
            .map(|s| &s.kind)
        {
            dns_names.insert(0, format!("{name} (private DNS)"));
        }
    }
    html! {
        <>
            if service == "s3" || *inbound_only {
                { check_field("ife-inbound-only", "Private DNS only for inbound Resolver endpoints", *inbound_only, f.errors(&n.id, "private_dns_only_for_inbound_resolver_endpoint", None), on_inbound) }
            }
            <details class="dns-names">
                <summary>{ "DNS names" }</summary>
                <ul class="plain mono">{ for dns_names.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
                <p class="hint">{ "The vpce- id is a stand-in; AWS assigns the real one when the endpoint is created." }</p>
            </details>
        </>
    }
}

/// The DNS name a flow looks up.
pub fn flow_host(f: &Form, flow: &Flow) -> Html {
    let d = f.design;
    let placeholder = match &flow.to {
        crate::model::design::FlowTarget::Node(t) => match d.node(t) {
            // The name comes from the endpoint the source's VPC has for the service.
            Some(Node {
                kind: NodeKind::EndpointService { .. },
                ..
            }) => Some("(the name of the endpoint in the source's VPC)".to_string()),
            Some(n) => names::default_host(d, n),
            None => None,
        },
        _ => None,
    };
    let dispatch = f.dispatch.clone();
    let item = flow.clone();
    let on_commit = Callback::from(move |v: String| {
        let mut changed = item.clone();
        changed.host = (!v.is_empty()).then_some(v);
        dispatch.emit(Action::Apply(Edit::Replace {
            item: Item::Flow(changed),
        }));
    });
    html! {
        { text_field("flow-host", "DNS name it looks up", flow.host.as_deref().unwrap_or_default(), &placeholder.unwrap_or_else(|| "(none: straight to the address)".to_string()), f.errors(&flow.id, "host", None), on_commit) }
    }
}
