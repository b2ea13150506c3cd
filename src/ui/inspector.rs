//! The inspector: the selected item's properties as a form. Every change is one `Edit`
//! (usually a `Replace` of the item); problems appear under the field they concern.

use super::canvas::{format_gb, node_accessible_name};
use super::fields::{error_list, CheckField, NumberField, SelectField, TextField};
use super::store::{Action, EditorHandle};
use crate::model::catalog;
use crate::model::design::{Design, Flow, FlowTarget, Id, NatConnectivity, Node, NodeKind, Route, RouteTable, Subnet, Vpc};
use crate::model::edit::{self, Edit, Item};
use crate::model::routing;
use crate::model::validate::Diagnostic;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub editor: EditorHandle,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    pub traces: Rc<Vec<routing::Trace>>,
}

/// Context every section needs: the design, its problems, and a way to change it.
#[derive(Clone)]
struct Ctx {
    design: Rc<Design>,
    diagnostics: Rc<Vec<Diagnostic>>,
    dispatch: Callback<Action>,
}

impl Ctx {
    fn errors(&self, id: &str, field: &str) -> Vec<String> {
        self.diagnostics.iter().filter(|d| d.subject == id && d.field == field).map(|d| d.message.clone()).collect()
    }

    /// Problems on one element of a list field (`Some(i)`), or on the list as a whole (`None`).
    fn errors_at(&self, id: &str, field: &str, index: Option<usize>) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.subject == id && d.field == field && d.index == index)
            .map(|d| d.message.clone())
            .collect()
    }

    fn apply(&self, edit: Edit) {
        self.dispatch.emit(Action::Apply(edit));
    }

    fn select(&self, id: &str) -> Callback<MouseEvent> {
        let dispatch = self.dispatch.clone();
        let id = id.to_string();
        Callback::from(move |_| dispatch.emit(Action::Select(Some(id.clone()))))
    }

    /// A callback that replaces an item with `change(item, value)`.
    fn replace<T: Clone + 'static, V: 'static>(&self, item: &T, wrap: fn(T) -> Item, change: impl Fn(&mut T, V) + 'static) -> Callback<V> {
        let ctx = self.clone();
        let item = item.clone();
        Callback::from(move |value: V| {
            let mut changed = item.clone();
            change(&mut changed, value);
            ctx.apply(Edit::Replace { item: wrap(changed) });
        })
    }

    fn delete_button(&self, what: &str) -> Html {
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::DeleteSelection));
        html! { <button type="button" class="danger" {onclick}>{ format!("Delete {what}") }</button> }
    }
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let editor = &props.editor;
    let ctx = Ctx { design: editor.design.clone(), diagnostics: props.diagnostics.clone(), dispatch: editor.dispatcher().to_callback() };
    let d = &ctx.design;
    let selection = editor.selection.as_deref();
    let body = match selection {
        Some(id) => {
            if let Some(v) = d.vpc(id) {
                vpc_section(&ctx, v)
            } else if let Some(s) = d.subnet(id) {
                subnet_section(&ctx, s)
            } else if let Some(rt) = d.route_table(id) {
                route_table_section(&ctx, rt)
            } else if let Some(n) = d.node(id) {
                node_section(&ctx, n)
            } else if let Some(f) = d.flow(id) {
                flow_section(&ctx, f, props.traces.iter().find(|t| t.flow == f.id))
            } else {
                design_section(&ctx)
            }
        }
        None => design_section(&ctx),
    };
    html! {
        <aside class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading">{ "Inspector" }</h2>
            // Keyed by the selection so a field never shows the previous item's typing.
            <div key={selection.unwrap_or("design").to_string()} class="inspector-body">{ body }</div>
        </aside>
    }
}

fn design_section(ctx: &Ctx) -> Html {
    let d = &ctx.design;
    let dispatch = ctx.dispatch.clone();
    let on_name = Callback::from(move |name: String| dispatch.emit(Action::Apply(Edit::SetName { name })));
    let dispatch = ctx.dispatch.clone();
    let on_region = Callback::from(move |region: String| dispatch.emit(Action::Apply(Edit::SetRegion { region })));
    let regions: Vec<(String, String)> = catalog::REGIONS.iter().map(|r| (r.code.to_string(), format!("{} — {}", r.code, r.name))).collect();
    html! {
        <>
            <h3>{ "Design" }</h3>
            <TextField id="design-name" label="Design name" value={d.name.clone()} on_commit={on_name} />
            <SelectField id="design-region" label="Region" options={regions} value={d.region.clone()}
                errors={ctx.errors("design", "region")} on_commit={on_region} />
            <p class="summary">{ [
                count(d.vpcs.len(), "VPC"), count(d.subnets.len(), "subnet"), count(d.route_tables.len(), "route table"),
                count(d.nodes.len(), "icon"), count(d.flows.len(), "flow"),
            ].join(" · ") }</p>
            <p class="hint">{ "Select an item on the canvas to edit it. Drag items from the palette to add them." }</p>
        </>
    }
}

fn count(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn vpc_section(ctx: &Ctx, v: &Vpc) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(v, Item::Vpc, |v: &mut Vpc, name: String| v.name = name);
    let blocks = v.cidr_blocks.iter().enumerate().map(|(i, block)| {
        let ctx2 = ctx.clone();
        let vpc = v.clone();
        let on_commit = Callback::from(move |text: String| {
            let mut changed = vpc.clone();
            if let Some(slot) = changed.cidr_blocks.get_mut(i) {
                *slot = text;
            }
            ctx2.apply(Edit::Replace { item: Item::Vpc(changed) });
        });
        let label = if i == 0 { "CIDR block".to_string() } else { format!("Secondary CIDR block {i}") };
        // Problems about blocks name the block; show each under the block it names.
        let errors = ctx.errors_at(&v.id, "cidr_blocks", Some(i));
        let remove = (i > 0).then(|| {
            let ctx3 = ctx.clone();
            let vpc = v.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut changed = vpc.clone();
                if i < changed.cidr_blocks.len() {
                    changed.cidr_blocks.remove(i);
                }
                ctx3.apply(Edit::Replace { item: Item::Vpc(changed) });
            });
            html! { <button type="button" class="link" {onclick}>{ format!("Remove block {i}") }</button> }
        });
        html! {
            <>
                <TextField id={format!("vpc-cidr-{i}")} label={label} value={block.clone()} placeholder="10.0.0.0/16" errors={errors} {on_commit} />
                { for remove }
            </>
        }
    });
    let unplaced = ctx.errors_at(&v.id, "cidr_blocks", None);
    let add_block = {
        let ctx2 = ctx.clone();
        let vpc = v.clone();
        Callback::from(move |_: MouseEvent| {
            let mut changed = vpc.clone();
            changed.cidr_blocks.push(String::new());
            ctx2.apply(Edit::Replace { item: Item::Vpc(changed) });
        })
    };
    let on_support = ctx.replace(v, Item::Vpc, |v: &mut Vpc, on: bool| v.enable_dns_support = on);
    let on_hostnames = ctx.replace(v, Item::Vpc, |v: &mut Vpc, on: bool| v.enable_dns_hostnames = on);
    let tables: Vec<&RouteTable> = d.route_tables.iter().filter(|rt| rt.vpc == v.id).collect();
    let add_table = {
        let ctx2 = ctx.clone();
        let vpc = v.id.clone();
        let design = d.clone();
        Callback::from(move |_: MouseEvent| {
            let (edit, id) = edit::add_route_table(&design, &vpc);
            ctx2.apply(edit);
            ctx2.dispatch.emit(Action::Select(Some(id)));
        })
    };
    html! {
        <>
            <h3>{ format!("VPC {}", v.name) }</h3>
            <TextField id="vpc-name" label="Name" value={v.name.clone()} errors={ctx.errors(&v.id, "name")} on_commit={on_name} />
            { for blocks }
            { error_list(&unplaced) }
            <button type="button" class="link" onclick={add_block}>{ "Add a secondary CIDR block" }</button>
            <CheckField id="vpc-dns-support" label="DNS resolution (enableDnsSupport)" checked={v.enable_dns_support} on_commit={on_support} />
            <CheckField id="vpc-dns-hostnames" label="DNS hostnames (enableDnsHostnames)" checked={v.enable_dns_hostnames} on_commit={on_hostnames} />
            <h4>{ "Route tables" }</h4>
            <ul class="plain">
                { for tables.iter().map(|rt| html! {
                    <li><button type="button" class="link" onclick={ctx.select(&rt.id)}>
                        { format!("{}{}", rt.name, if rt.main { " (main)" } else { "" }) }
                    </button></li>
                }) }
            </ul>
            <button type="button" onclick={add_table}>{ "Add route table" }</button>
            <div class="actions">{ ctx.delete_button("VPC") }</div>
        </>
    }
}

fn subnet_section(ctx: &Ctx, s: &Subnet) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(s, Item::Subnet, |s: &mut Subnet, name: String| s.name = name);
    let on_cidr = ctx.replace(s, Item::Subnet, |s: &mut Subnet, cidr: String| s.cidr = cidr);
    let on_az = ctx.replace(s, Item::Subnet, |s: &mut Subnet, az: String| s.availability_zone = az);
    let letters = catalog::region(&d.region).map(|r| r.az_letters).unwrap_or(&[]);
    let zones: Vec<(String, String)> = letters.iter().map(|l| (format!("{}{l}", d.region), format!("{}{l}", d.region))).collect();
    let tables: Vec<&RouteTable> = d.route_tables.iter().filter(|rt| rt.vpc == s.vpc).collect();
    let current = d.route_table_of_subnet(s).map(|rt| rt.id.clone()).unwrap_or_default();
    let table_options: Vec<(String, String)> = tables
        .iter()
        .map(|rt| (rt.id.clone(), format!("{}{}", rt.name, if rt.main { " (main)" } else { "" })))
        .collect();
    let on_table = {
        let ctx2 = ctx.clone();
        let subnet = s.id.clone();
        let design = d.clone();
        Callback::from(move |table: String| ctx2.apply(edit::associate_subnet(&design, &subnet, &table)))
    };
    let public = routing::is_public(d, s);
    let usable = crate::model::cidr::parse_v4(&s.cidr).ok().map(|n| crate::model::cidr::usable_addresses(&n));
    html! {
        <>
            <h3>{ format!("Subnet {}", s.name) }</h3>
            <TextField id="subnet-name" label="Name" value={s.name.clone()} errors={ctx.errors(&s.id, "name")} on_commit={on_name} />
            <TextField id="subnet-cidr" label="CIDR block" value={s.cidr.clone()} placeholder="10.0.1.0/24" errors={ctx.errors(&s.id, "cidr")} on_commit={on_cidr} />
            if let Some(n) = usable {
                <p class="hint">{ format!("{n} usable addresses (AWS reserves 5)") }</p>
            }
            <SelectField id="subnet-az" label="Availability Zone" options={zones} value={s.availability_zone.clone()}
                errors={ctx.errors(&s.id, "availability_zone")} on_commit={on_az} />
            if !table_options.is_empty() {
                <SelectField id="subnet-route-table" label="Route table" options={table_options} value={current} on_commit={on_table} />
            }
            <p class="hint">{ if public { "Public: its route table sends traffic to an internet gateway." } else { "Private: no route to an internet gateway." } }</p>
            { effective_routes_view(ctx, s) }
            <div class="actions">{ ctx.delete_button("subnet") }</div>
        </>
    }
}

fn route_table_section(ctx: &Ctx, rt: &RouteTable) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(rt, Item::RouteTable, |rt: &mut RouteTable, name: String| rt.name = name);
    let automatic = routing::automatic_routes(d, rt);
    let targets: Vec<(String, String)> = routing::route_targets(d, rt).into_iter().map(|n| (n.id.clone(), node_accessible_name(n))).collect();
    let routes = rt.routes.iter().enumerate().map(|(i, route)| {
        let on_dest = ctx.replace(rt, Item::RouteTable, move |t: &mut RouteTable, dest: String| {
            if let Some(r) = t.routes.get_mut(i) {
                r.destination = dest;
            }
        });
        let on_target = ctx.replace(rt, Item::RouteTable, move |t: &mut RouteTable, target: String| {
            if let Some(r) = t.routes.get_mut(i) {
                r.target = target;
            }
        });
        let remove = ctx.replace(rt, Item::RouteTable, move |t: &mut RouteTable, _: MouseEvent| {
            if i < t.routes.len() {
                t.routes.remove(i);
            }
        });
        let errors = ctx.errors_at(&rt.id, "routes", Some(i));
        html! {
            <div class="route">
                <TextField id={format!("route-{i}-destination")} label={format!("Route {} destination", i + 1)} value={route.destination.clone()} errors={errors} on_commit={on_dest} />
                <SelectField id={format!("route-{i}-target")} label="Target" options={targets.clone()} value={route.target.clone()} on_commit={on_target} />
                <button type="button" class="link" onclick={remove}>{ format!("Remove route {}", i + 1) }</button>
            </div>
        }
    });
    let other_errors = ctx.errors_at(&rt.id, "routes", None);
    let add_route = {
        let table = rt.clone();
        let ctx2 = ctx.clone();
        let default_target = targets.first().map(|(id, _)| id.clone()).unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let mut changed = table.clone();
            let destination = if changed.routes.iter().any(|r| r.destination == "0.0.0.0/0") { String::new() } else { "0.0.0.0/0".to_string() };
            changed.routes.push(Route { destination, target: default_target.clone() });
            ctx2.apply(Edit::Replace { item: Item::RouteTable(changed) });
        })
    };
    let subnets = d.subnets.iter().filter(|s| s.vpc == rt.vpc).map(|s| {
        let explicit = rt.subnets.contains(&s.id);
        let ctx2 = ctx.clone();
        let design = d.clone();
        let subnet = s.id.clone();
        let table = rt.id.clone();
        let main_id = d.route_tables.iter().find(|t| t.vpc == rt.vpc && t.main).map(|t| t.id.clone()).unwrap_or_default();
        let on_commit = Callback::from(move |on: bool| {
            let target = if on { table.clone() } else { main_id.clone() };
            ctx2.apply(edit::associate_subnet(&design, &subnet, &target));
        });
        let via_main = rt.main && d.route_table_of_subnet(s).is_some_and(|t| t.id == rt.id);
        let label = if via_main && !explicit { format!("{} (uses the main table)", s.name) } else { s.name.clone() };
        html! { <CheckField id={format!("rt-subnet-{}", s.id)} {label} checked={explicit || via_main} {on_commit} /> }
    });
    html! {
        <>
            <h3>{ format!("Route table {}", rt.name) }</h3>
            <TextField id="rt-name" label="Name" value={rt.name.clone()} errors={ctx.errors(&rt.id, "name")} on_commit={on_name} />
            if rt.main {
                <p class="hint">{ "Main route table: subnets without an explicit association use it." }</p>
            }
            <h4>{ "Routes" }</h4>
            <table class="routes">
                <thead><tr><th scope="col">{ "Destination" }</th><th scope="col">{ "Target" }</th></tr></thead>
                <tbody>
                    { for automatic.iter().map(|r| html! {
                        <tr class="automatic"><td>{ r.destination.clone() }</td><td>{ r.target.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "AWS adds the routes above itself; they cannot be edited." }</p>
            { for routes }
            { error_list(&other_errors) }
            <button type="button" onclick={add_route}>{ "Add route" }</button>
            <h4>{ "Subnet associations" }</h4>
            { for subnets }
            <div class="actions">{ ctx.delete_button("route table") }</div>
        </>
    }
}

fn node_section(ctx: &Ctx, n: &Node) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(n, Item::Node, |n: &mut Node, name: String| n.name = name);
    let subnets_of = |vpc: Option<&str>| -> Vec<(String, String)> {
        d.subnets
            .iter()
            .filter(|s| vpc.is_none_or(|v| s.vpc == v))
            .map(|s| (s.id.clone(), format!("{} ({}, {})", s.name, s.cidr, s.availability_zone)))
            .collect()
    };
    let vpc = d.node_vpc(n).map(|v| v.to_string());
    let kind_fields = match &n.kind {
        NodeKind::Ec2 { subnet } | NodeKind::Lambda { subnet } | NodeKind::Eks { subnet } | NodeKind::Rds { subnet } => {
            let on_subnet = ctx.replace(n, Item::Node, |n: &mut Node, s: String| match &mut n.kind {
                NodeKind::Ec2 { subnet } | NodeKind::Lambda { subnet } | NodeKind::Eks { subnet } | NodeKind::Rds { subnet } => *subnet = s,
                _ => {}
            });
            html! {
                <>
                    <SelectField id="node-subnet" label="Subnet" options={subnets_of(None)} value={subnet.clone()} errors={ctx.errors(&n.id, "subnet")} on_commit={on_subnet} />
                    { flows_of(ctx, n) }
                </>
            }
        }
        NodeKind::AwsService { service, .. } => {
            let options = service_options(|_| true);
            let on_service = ctx.replace(n, Item::Node, |n: &mut Node, s: String| {
                if let NodeKind::AwsService { service, .. } = &mut n.kind {
                    *service = s;
                }
            });
            html! { <SelectField id="node-service" label="Service" {options} value={service.clone()} errors={ctx.errors(&n.id, "service")} on_commit={on_service} /> }
        }
        NodeKind::InternetGateway { .. } => html! {
            <p class="hint">{ "Gives the VPC a way to and from the internet. Route 0.0.0.0/0 to it from a route table to make that table's subnets public." }</p>
        },
        NodeKind::NatGateway { subnet, connectivity } => {
            let on_subnet = ctx.replace(n, Item::Node, |n: &mut Node, s: String| {
                if let NodeKind::NatGateway { subnet, .. } = &mut n.kind {
                    *subnet = s;
                }
            });
            let on_conn = ctx.replace(n, Item::Node, |n: &mut Node, c: String| {
                if let NodeKind::NatGateway { connectivity, .. } = &mut n.kind {
                    *connectivity = if c == "private" { NatConnectivity::Private } else { NatConnectivity::Public };
                }
            });
            let conn = if *connectivity == NatConnectivity::Private { "private" } else { "public" };
            let options = vec![("public".to_string(), "Public (with an Elastic IP)".to_string()), ("private".to_string(), "Private (no internet)".to_string())];
            html! {
                <>
                    <SelectField id="node-subnet" label="Subnet" options={subnets_of(vpc.as_deref())} value={subnet.clone()} errors={ctx.errors(&n.id, "subnet")} on_commit={on_subnet} />
                    <SelectField id="nat-connectivity" label="Connectivity" {options} value={conn} on_commit={on_conn} />
                </>
            }
        }
        NodeKind::GatewayEndpoint { service, route_tables, .. } => {
            let options = service_options(|s| s.gateway_endpoint);
            let on_service = ctx.replace(n, Item::Node, |n: &mut Node, s: String| {
                if let NodeKind::GatewayEndpoint { service, .. } = &mut n.kind {
                    *service = s;
                }
            });
            let tables = d.route_tables.iter().filter(|rt| vpc.as_deref() == Some(rt.vpc.as_str())).map(|rt| {
                let on_commit = toggle_member(ctx, n, &rt.id, |k| match k {
                    NodeKind::GatewayEndpoint { route_tables, .. } => Some(route_tables),
                    _ => None,
                });
                html! { <CheckField id={format!("gwe-rt-{}", rt.id)} label={rt.name.clone()} checked={route_tables.contains(&rt.id)} {on_commit} /> }
            });
            html! {
                <>
                    <SelectField id="node-service" label="Service" {options} value={service.clone()} errors={ctx.errors(&n.id, "service")} on_commit={on_service} />
                    <fieldset>
                        <legend>{ "Route tables" }</legend>
                        { for tables }
                        { error_list(&ctx.errors(&n.id, "route_tables")) }
                    </fieldset>
                    <p class="hint">{ "Free. AWS adds a route to the service's prefix list in each table; DNS names stay public." }</p>
                </>
            }
        }
        NodeKind::InterfaceEndpoint { service, subnets, private_dns, .. } => {
            let options = service_options(|s| s.interface_endpoint);
            let on_service = ctx.replace(n, Item::Node, |n: &mut Node, s: String| {
                if let NodeKind::InterfaceEndpoint { service, .. } = &mut n.kind {
                    *service = s;
                }
            });
            let on_dns = ctx.replace(n, Item::Node, |n: &mut Node, on: bool| {
                if let NodeKind::InterfaceEndpoint { private_dns, .. } = &mut n.kind {
                    *private_dns = on;
                }
            });
            let boxes = d.subnets.iter().filter(|s| vpc.as_deref() == Some(s.vpc.as_str())).map(|s| {
                let on_commit = toggle_member(ctx, n, &s.id, |k| match k {
                    NodeKind::InterfaceEndpoint { subnets, .. } => Some(subnets),
                    _ => None,
                });
                html! { <CheckField id={format!("ife-subnet-{}", s.id)} label={format!("{} ({})", s.name, s.availability_zone)} checked={subnets.contains(&s.id)} {on_commit} /> }
            });
            html! {
                <>
                    <SelectField id="node-service" label="Service" {options} value={service.clone()} errors={ctx.errors(&n.id, "service")} on_commit={on_service} />
                    <fieldset>
                        <legend>{ "Subnets (one per Availability Zone)" }</legend>
                        { for boxes }
                        { error_list(&ctx.errors(&n.id, "subnets")) }
                    </fieldset>
                    <CheckField id="ife-private-dns" label="Private DNS name" checked={*private_dns} errors={ctx.errors(&n.id, "private_dns")} on_commit={on_dns} />
                </>
            }
        }
        // Editors for these kinds come with the routing inspector; until then they are read-only.
        NodeKind::TransitGateway { .. } | NodeKind::VpnGateway { .. } | NodeKind::VpcPeering { .. } | NodeKind::OnPremises { .. } => html! {},
    };
    html! {
        <>
            <h3>{ node_accessible_name(n) }</h3>
            <TextField id="node-name" label="Name" value={n.name.clone()} errors={ctx.errors(&n.id, "name")} on_commit={on_name} />
            { kind_fields }
            { error_list(&ctx.errors(&n.id, "vpc")) }
            <div class="actions">{ ctx.delete_button(&n.kind.label().to_lowercase()) }</div>
        </>
    }
}

/// The catalogue's services that pass `keep`, as select options.
fn service_options(keep: fn(&catalog::Service) -> bool) -> Vec<(String, String)> {
    catalog::SERVICES.iter().filter(|s| keep(s)).map(|s| (s.key.to_string(), s.name.to_string())).collect()
}

/// A checkbox's callback that puts `id` into, or takes it out of, a list of the node's kind.
fn toggle_member(ctx: &Ctx, node: &Node, id: &str, list: fn(&mut NodeKind) -> Option<&mut Vec<Id>>) -> Callback<bool> {
    let ctx = ctx.clone();
    let node = node.clone();
    let id = id.to_string();
    Callback::from(move |want: bool| {
        let mut changed = node.clone();
        if let Some(members) = list(&mut changed.kind) {
            members.retain(|m| *m != id);
            if want {
                members.push(id.clone());
            }
        }
        ctx.apply(Edit::Replace { item: Item::Node(changed) });
    })
}

/// The flows a workload sends, and a control to add one.
fn flows_of(ctx: &Ctx, n: &Node) -> Html {
    let d = &ctx.design;
    let outgoing: Vec<&Flow> = d.flows.iter().filter(|f| f.from == n.id).collect();
    html! {
        <>
            <h4>{ "Flows from here" }</h4>
            <ul class="plain">
                { for outgoing.iter().map(|f| {
                    let to = match &f.to {
                        FlowTarget::Internet => "the internet".to_string(),
                        FlowTarget::Node(t) => d.node(t).map(|m| m.name.clone()).unwrap_or_else(|| t.clone()),
                    };
                    html! { <li><button type="button" class="link" onclick={ctx.select(&f.id)}>{ format!("to {to}, {} / month", format_gb(f.gb_per_month)) }</button></li> }
                }) }
            </ul>
            <NewFlow design={d.clone()} from={n.id.clone()} dispatch={ctx.dispatch.clone()} />
        </>
    }
}

/// Where a flow from `from` can go: AWS services first (the usual case), then other
/// workloads, then the internet.
fn flow_targets(design: &Design, from: &str) -> Vec<(String, String)> {
    let nodes = |services: bool| {
        design
            .nodes
            .iter()
            .filter(move |m| m.id != from && m.kind.is_flow_destination() && matches!(m.kind, NodeKind::AwsService { .. }) == services)
            .map(|m| (m.id.clone(), node_accessible_name(m)))
    };
    nodes(true).chain(nodes(false)).chain(std::iter::once(("internet".to_string(), "The internet".to_string()))).collect()
}

fn flow_target(value: &str) -> FlowTarget {
    if value == "internet" { FlowTarget::Internet } else { FlowTarget::Node(value.to_string()) }
}

#[derive(Properties, PartialEq)]
struct NewFlowProps {
    design: Rc<Design>,
    from: String,
    dispatch: Callback<Action>,
}

#[function_component(NewFlow)]
fn new_flow(props: &NewFlowProps) -> Html {
    let options = flow_targets(&props.design, &props.from);
    let default = options.first().map(|(v, _)| v.clone()).unwrap_or_default();
    let chosen = use_state(|| default.clone());
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |v: String| chosen.set(v))
    };
    let add = {
        let design = props.design.clone();
        let from = props.from.clone();
        let dispatch = props.dispatch.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            let (edit, id) = edit::add_flow(&design, &from, flow_target(&chosen), 10.0);
            dispatch.emit(Action::Apply(edit));
            dispatch.emit(Action::Select(Some(id)));
        })
    };
    html! {
        <div class="new-flow">
            <SelectField id="new-flow-target" label="New flow to" {options} value={(*chosen).clone()} on_commit={on_pick} />
            <button type="button" onclick={add}>{ "Add flow" }</button>
        </div>
    }
}

/// The routes in effect for a subnet: its table's local, static, prefix-list and propagated
/// routes, the way the console's "Routes" tab lists them.
fn effective_routes_view(ctx: &Ctx, s: &Subnet) -> Html {
    let d = &ctx.design;
    let (table, routes) = match d.route_table_of_subnet(s) {
        Some(t) => (t.name.clone(), routing::table::effective_routes(d, t)),
        None => ("no route table".to_string(), routing::table::local_routes(d, &s.vpc)),
    };
    let target = |t: &routing::table::Target| match t {
        routing::table::Target::Local => "local".to_string(),
        routing::table::Target::Blackhole => "blackhole".to_string(),
        routing::table::Target::Missing(id) => format!("{id} (blackhole: deleted)"),
        routing::table::Target::Node(id) => d.node(id).map(node_accessible_name).unwrap_or_else(|| id.clone()),
    };
    html! {
        <table class="routes" aria-label={format!("Effective routes of subnet {}", s.name)}>
            <caption>{ format!("Effective routes ({table})") }</caption>
            <thead><tr><th scope="col">{ "Destination" }</th><th scope="col">{ "Target" }</th><th scope="col">{ "Origin" }</th></tr></thead>
            <tbody>
                { for routes.iter().map(|r| html! {
                    <tr class={classes!(matches!(r.target, routing::table::Target::Missing(_)).then_some("blackhole"))}>
                        <td>{ r.destination_text(&d.region) }</td><td>{ target(&r.target) }</td><td>{ r.origin.label() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// A flow's path, hop by hop, with the route that decided each step and the verdict.
fn trace_view(design: &Design, t: &routing::Trace) -> Html {
    let class = match t.verdict {
        routing::Verdict::Private => "verdict private",
        routing::Verdict::Internet { .. } => "verdict internet",
        routing::Verdict::Dropped { .. } => "verdict dropped",
    };
    let crossings = t.zone_crossings();
    html! {
        <section class="trace" aria-label="Path">
            <h4>{ "Path" }</h4>
            <p class={class} role="status">{ capitalised(&t.summary(design)) }</p>
            <ol class="hops">
                { for t.hops.iter().map(|h| html! {
                    <li>
                        { h.text.clone() }
                        if let Some(r) = &h.route {
                            <div class="hop-route">{ format!("route {} → {} ({}; {})", r.destination, r.target, r.origin.label(), r.why) }</div>
                        }
                    </li>
                }) }
            </ol>
            if crossings > 0 {
                <p class="hint">{ format!("Crosses Availability Zones: {}", t.zones.join(" → ")) }</p>
            }
        </section>
    }
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn flow_section(ctx: &Ctx, f: &Flow, trace: Option<&routing::Trace>) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(f, Item::Flow, |f: &mut Flow, name: String| f.name = name);
    let on_volume = ctx.replace(f, Item::Flow, |f: &mut Flow, gb: f64| f.gb_per_month = gb);
    let on_to = ctx.replace(f, Item::Flow, |f: &mut Flow, to: String| f.to = flow_target(&to));
    let options = flow_targets(d, &f.from);
    let to_value = match &f.to {
        FlowTarget::Internet => "internet".to_string(),
        FlowTarget::Node(t) => t.clone(),
    };
    let from = d.node(&f.from).map(node_accessible_name).unwrap_or_else(|| f.from.clone());
    html! {
        <>
            <h3>{ "Flow" }</h3>
            <p>{ format!("From {from}") }</p>
            <TextField id="flow-name" label="Name" value={f.name.clone()} on_commit={on_name} />
            <SelectField id="flow-to" label="To" {options} value={to_value} errors={ctx.errors(&f.id, "to")} on_commit={on_to} />
            <NumberField id="flow-volume" label="GB per month" value={f.gb_per_month} errors={ctx.errors(&f.id, "gb_per_month")} on_commit={on_volume} />
            { error_list(&ctx.errors(&f.id, "from")) }
            { for trace.map(|t| trace_view(d, t)) }
            <div class="actions">{ ctx.delete_button("flow") }</div>
        </>
    }
}
