//! The DNS panel: ask what a name resolves to from a subnet, a VPC or an on-premises network,
//! and see the answer with the chain of resolvers and zones that produced it. The model
//! answers (`dns::resolve`); this only renders it.

use super::fields::{tag, text};
use super::store::Action;
use crate::model::design::{Design, NodeKind};
use crate::model::dns::{self, Outcome, Record};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DnsPanelProps {
    pub design: Rc<Design>,
    pub dispatch: Callback<Action>,
}

/// The places a question can be asked from: subnets, VPCs and on-premises networks.
fn places(d: &Design) -> Vec<(String, String)> {
    let vpc_name = |id: &str| d.vpc(id).map_or(id.to_string(), |v| v.name.clone());
    let subnets = d.subnets.iter().map(|s| {
        (
            s.id.clone(),
            format!(
                "subnet {} ({}, {})",
                s.name,
                vpc_name(&s.vpc),
                s.availability_zone
            ),
        )
    });
    let vpcs = d
        .vpcs
        .iter()
        .map(|v| (v.id.clone(), format!("VPC {}", v.name)));
    let onprem = d
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::OnPremises { .. }))
        .map(|n| (n.id.clone(), format!("on-premises {}", n.name)));
    subnets.chain(vpcs).chain(onprem).collect()
}

fn target_value(e: &Event) -> String {
    let input = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value());
    input
        .or_else(|| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
        })
        .unwrap_or_default()
}

#[function_component(DnsPanel)]
pub fn dns_panel(props: &DnsPanelProps) -> Html {
    let d = &props.design;
    let places = places(d);
    let suggestions = dns::suggestions(d);
    let from = use_state(String::new);
    let name = use_state(|| {
        // Start with a name the design makes interesting: its first interface endpoint's service.
        d.nodes
            .iter()
            .find_map(|n| match &n.kind {
                NodeKind::InterfaceEndpoint { service, .. } => {
                    crate::model::catalog::service(service)
                        .map(|s| dns::names::service_name(s, &d.region))
                }
                _ => None,
            })
            .or_else(|| suggestions.first().cloned())
            .unwrap_or_default()
    });
    // A place that was deleted falls back to the first one.
    let place = places
        .iter()
        .find(|(id, _)| *id == *from)
        .or(places.first())
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let on_from = {
        let from = from.clone();
        Callback::from(move |e: Event| from.set(target_value(&e)))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let e: Event = e.into();
            name.set(target_value(&e));
        })
    };
    let result = if place.is_empty() {
        Err("Add a subnet, a VPC or an on-premises network to ask from.".to_string())
    } else {
        dns::asker(d, &place)
            .and_then(|a| dns::resolve(d, a, &name))
            .map_err(|e| e.to_string())
    };
    let invalid = result.is_err() && !place.is_empty();
    let select = |id: Option<String>| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Select(id.clone())))
    };
    let answer = match &result {
        Err(message) => {
            html! { <p class="field-error" id="dns-name-errors">{ message.clone() }</p> }
        }
        Ok(a) => {
            let (class, word) = match a.outcome {
                Outcome::Private => ("private", "Private"),
                Outcome::Public => ("public", "Public"),
                Outcome::NxDomain => ("nxdomain", "NXDOMAIN"),
                Outcome::NoAnswer => ("noanswer", "No answer"),
            };
            let records = a.records.iter().map(|r| {
                let text = match r {
                    Record::Interface {
                        ip,
                        node,
                        subnet,
                        zone,
                    } => {
                        let what = d
                            .node(node)
                            .map(|n| format!("{} {}", n.kind.label().to_ascii_lowercase(), n.name))
                            .unwrap_or_else(|| node.clone());
                        let sub = d
                            .subnet(subnet)
                            .map_or(subnet.as_str(), |s| s.name.as_str());
                        format!("{ip} — {what}, subnet {sub} ({zone})")
                    }
                    Record::Address { ip } => format!("{ip} — address in a private hosted zone"),
                    Record::OnPremises { ip, node } => format!(
                        "{ip} — on-premises network {}",
                        d.name_of(node).unwrap_or(node)
                    ),
                    Record::Service {
                        service,
                        region,
                        zone_id,
                    } => {
                        let s = crate::model::catalog::service(service)
                            .map_or(service.as_str(), |s| s.name);
                        match zone_id {
                            Some(z) => format!("public addresses of {s} in {z} ({region})"),
                            None => format!("public addresses of {s} in {region}"),
                        }
                    }
                    Record::Internet => "an address on the internet".to_string(),
                };
                self::text("li", "", text)
            });
            let steps = a.steps.iter().map(|s| {
                let show = s.at.as_ref().filter(|id| d.name_of(id).is_some()).map(|id| {
                    let label = format!("Select {}", d.name_of(id).filter(|n| !n.is_empty()).unwrap_or(id));
                    html! { <button type="button" class="link" onclick={select(Some(id.clone()))} aria-label={label}>{ "show" }</button> }
                });
                tag("li", "", [Some(s.text.clone().into()), Some(" ".into()), show].into_iter().flatten().collect())
            });
            html! {
                <>
                    <p class={classes!("dns-outcome", class)} role="status" aria-live="polite">
                        { text("span", "badge", word) }
                        { text("span", "", a.name.clone()) }
                    </p>
                    if !a.records.is_empty() {
                        <ul class="dns-records" aria-label="Answer">{ for records }</ul>
                    }
                    <ol class="dns-steps" aria-label="How it was resolved">{ for steps }</ol>
                </>
            }
        }
    };
    html! {
        <section class="dns" aria-labelledby="dns-heading">
            <div class="panel-head">
                <h2 id="dns-heading">{ "DNS" }</h2>
                { text("span", "meta", "what a name resolves to, from where, and why") }
            </div>
            <div class="dns-ask">
                <div class="field">
                    <label for="dns-from">{ "Ask from" }</label>
                    <select id="dns-from" onchange={on_from}>
                        { for places.iter().map(|(id, label)| html! { <option value={id.clone()} selected={*id == place}>{ label.clone() }</option> }) }
                    </select>
                </div>
                <div class={classes!("field", "dns-name", invalid.then_some("invalid"))}>
                    <label for="dns-name">{ "Name" }</label>
                    <input id="dns-name" type="text" list="dns-suggestions" value={(*name).clone()} spellcheck="false" autocomplete="off"
                        aria-invalid={invalid.to_string()} aria-describedby={invalid.then_some("dns-name-errors")} oninput={on_name} />
                    <datalist id="dns-suggestions">
                        { for suggestions.iter().map(|s| html! { <option value={s.clone()} /> }) }
                    </datalist>
                </div>
            </div>
            <div class="dns-result">{ answer }</div>
        </section>
    }
}
