//! The inspector: the selected item's properties as a form. Every change is one `Edit`
//! (usually a `Replace` of the item); problems appear under the field they concern.

use super::canvas::{format_gb, node_accessible_name, node_accessible_name_in};
use super::dns_fields;
use super::fields::{
    button, check_field, error_list, hint, int_field, options, select_field, tag, text, text_field,
    volume_field,
};
use super::policy_fields;
use super::privatelink_fields;
use super::store::{Action, capitalise};
use crate::model::catalog;
use crate::model::design::{
    AclRule, Design, Flow, FlowTarget, Id, NatConnectivity, NetworkAcl, Node, NodeKind, Protocol,
    Route, RouteTable, SecurityGroup, SgPeer, SgRule, Subnet, TgwAttachment, TgwRoute,
    TgwRouteTable, Vpc,
};
use crate::model::edit::{self, Edit, Item};
use crate::model::validate::Diagnostic;
use crate::model::{palette, routing};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The design and the selection, not the whole editor: a message, the clipboard or the
    /// history changing must not redraw the inspector, which would put back the committed
    /// value of a field being typed in (Yew writes an input's `value` on every redraw).
    pub design: Rc<Design>,
    pub selection: Vec<Id>,
    pub dispatch: Callback<Action>,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    pub traces: Rc<Vec<routing::Trace>>,
}

/// Context every section needs: the design, its problems, and a way to change it.
#[derive(Clone)]
struct Ctx {
    design: Rc<Design>,
    diagnostics: Rc<Vec<Diagnostic>>,
    dispatch: Callback<Action>,
    traces: Rc<Vec<routing::Trace>>,
}

impl Ctx {
    fn errors(&self, id: &str, field: &str) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.subject == id && d.field == field)
            .map(|d| d.message.clone())
            .collect()
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
    /// `change` goes behind a `dyn` pointer so that the clone-change-apply code exists once per
    /// item and value type instead of once per closure (dozens of them): a large share of the
    /// bundle otherwise.
    fn replace<T: Clone + 'static, V: 'static>(
        &self,
        item: &T,
        wrap: fn(T) -> Item,
        change: impl Fn(&mut T, V) + 'static,
    ) -> Callback<V> {
        self.replace_dyn(item, wrap, Rc::new(change))
    }

    fn replace_dyn<T: Clone + 'static, V: 'static>(
        &self,
        item: &T,
        wrap: fn(T) -> Item,
        change: Rc<dyn Fn(&mut T, V)>,
    ) -> Callback<V> {
        let ctx = self.clone();
        let item = item.clone();
        Callback::from(move |value: V| {
            let mut changed = item.clone();
            change(&mut changed, value);
            ctx.apply(Edit::Replace {
                item: wrap(changed),
            });
        })
    }

    fn form(&self) -> dns_fields::Form<'_> {
        dns_fields::Form {
            design: &self.design,
            diagnostics: &self.diagnostics,
            dispatch: &self.dispatch,
        }
    }

    fn delete_button(&self, what: &str) -> Html {
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::DeleteSelection));
        tag(
            "div",
            "actions",
            vec![button("danger", format!("Delete {what}"), onclick)],
        )
    }
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let ctx = Ctx {
        design: props.design.clone(),
        diagnostics: props.diagnostics.clone(),
        dispatch: props.dispatch.clone(),
        traces: props.traces.clone(),
    };
    let d = &ctx.design;
    let selection = match props.selection.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    let several = props.selection.len() > 1;
    let body = match selection {
        None if several => several_section(&ctx, &props.selection),
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
            <div key={selection.unwrap_or(if several { "several" } else { "design" }).to_string()} class="inspector-body">{ body }</div>
        </aside>
    }
}

/// Several items selected: what they are, and what can be done to all of them at once.
fn several_section(ctx: &Ctx, ids: &[Id]) -> Html {
    let d = &ctx.design;
    let name = |id: &Id| -> String {
        if let Some(v) = d.vpc(id) {
            format!("VPC {}", v.name)
        } else if let Some(s) = d.subnet(id) {
            format!("Subnet {}", s.name)
        } else if let Some(n) = d.node(id) {
            format!("{} {}", n.kind.label(), n.name)
        } else if d.flow(id).is_some() {
            "Flow".to_string()
        } else {
            id.clone()
        }
    };
    let items = ids.iter().map(|id| {
        let dispatch = ctx.dispatch.clone();
        let pick = id.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| dispatch.emit(Action::Select(Some(pick.clone()))));
        html! { <li><button type="button" class="link" {onclick}>{ name(id) }</button></li> }
    });
    let dispatch = ctx.dispatch.clone();
    let delete = Callback::from(move |_: MouseEvent| dispatch.emit(Action::DeleteSelection));
    html! {
        <section aria-label="Selection">
            <h3>{ format!("{} items selected", ids.len()) }</h3>
            <p class="hint">{ "Drag any of them to move them together; arrow keys nudge them by 1 (Shift: by 20). Shift-click adds or removes an item." }</p>
            <ul class="several">{ for items }</ul>
            { tag("div", "actions", vec![button("danger", format!("Delete {} items", ids.len()), delete)]) }
        </section>
    }
}

fn design_section(ctx: &Ctx) -> Html {
    let d = &ctx.design;
    let dispatch = ctx.dispatch.clone();
    let on_name =
        Callback::from(move |name: String| dispatch.emit(Action::Apply(Edit::SetName { name })));
    let dispatch = ctx.dispatch.clone();
    let on_region = Callback::from(move |region: String| {
        dispatch.emit(Action::Apply(Edit::SetRegion { region }))
    });
    let regions: Vec<(String, String)> = catalog::REGIONS
        .iter()
        .map(|r| (r.code.to_string(), format!("{} — {}", r.code, r.name)))
        .collect();
    html! {
        <>
            { text("h3", "", "Design") }
            { text_field("design-name", "Design name", &d.name, "", Vec::new(), on_name) }
            { select_field("design-region", "Region", &regions, &d.region, ctx.errors("design", "region"), on_region) }
            <p class="summary">{ [
                count(d.vpcs.len(), "VPC"), count(d.subnets.len(), "subnet"), count(d.route_tables.len(), "route table"),
                count(d.nodes.len(), "icon"), count(d.flows.len(), "flow"),
            ].join(" · ") }</p>
            { hint("Select an item on the canvas to edit it. Drag items from the palette to add them.") }
        </>
    }
}

/// A link-styled button in a `<ul class="plain">`.
fn link_item(label: String, onclick: Callback<MouseEvent>) -> Html {
    tag("li", "", vec![button("link", label, onclick)])
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
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
            html! { { button("link", format!("Remove block {i}"), onclick) } }
        });
        html! {
            <>
                { text_field(&(format!("vpc-cidr-{i}")), &label, &block, "10.0.0.0/16", errors, on_commit) }
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
            ctx2.apply(Edit::Replace {
                item: Item::Vpc(changed),
            });
        })
    };
    let on_support = ctx.replace(v, Item::Vpc, |v: &mut Vpc, on: bool| {
        v.enable_dns_support = on
    });
    let on_hostnames = ctx.replace(v, Item::Vpc, |v: &mut Vpc, on: bool| {
        v.enable_dns_hostnames = on
    });
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
            { text("h3", "", format!("VPC {}", v.name)) }
            { text_field("vpc-name", "Name", &v.name, "", ctx.errors(&v.id, "name"), on_name) }
            { for blocks }
            { error_list(&unplaced) }
            { button("link", "Add a secondary CIDR block", add_block) }
            { zones_section(ctx, v) }
            { check_field("vpc-dns-support", "DNS resolution (enableDnsSupport)", v.enable_dns_support, Vec::new(), on_support) }
            { check_field("vpc-dns-hostnames", "DNS hostnames (enableDnsHostnames)", v.enable_dns_hostnames, Vec::new(), on_hostnames) }
            { text("h4", "", "Route tables") }
            <ul class="plain">
                { for tables.iter().map(|rt| html! {
                    { link_item(format!("{}{}", rt.name, if rt.main { " (main)" } else { "" }), ctx.select(&rt.id)) }
                }) }
            </ul>
            { button("", "Add route table", add_table) }
            { security_groups_section(ctx, v) }
            { network_acls_section(ctx, v) }
            { ctx.delete_button("VPC") }
        </>
    }
}

/// The VPC's availability-zone lanes: one more AZ (each tier of subnets mirrored into it), an
/// AZ taken out with its subnets, and the subnets laid out in lanes. What each means is the
/// model's (`model::lanes`); a refusal becomes the notice.
fn zones_section(ctx: &Ctx, v: &Vpc) -> Html {
    let d = &ctx.design;
    let lanes = crate::model::lanes::lanes(d, &v.id);
    let run = |make: Box<dyn Fn(&crate::model::design::Design) -> Result<Edit, String>>| {
        let (dispatch, design) = (ctx.dispatch.clone(), d.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::edit_or_refusal(make(&design))))
    };
    let rows = lanes.iter().map(|lane| {
        let (vpc, az) = (v.id.clone(), lane.az.clone());
        let count = lane.subnets.len();
        let remove = run(Box::new(move |d| {
            Ok(crate::model::lanes::remove_az(d, &vpc, &az))
        }));
        let what = if count == 1 {
            "1 subnet".to_string()
        } else {
            format!("{count} subnets")
        };
        html! {
            <li>
                <span>{ format!("{} · {what}", lane.az) }</span>
                { button("link danger", format!("Remove {} and its {what}", lane.az), remove) }
            </li>
        }
    });
    // Worked out in the worker (`editor::worked`).
    let vpc = v.id.clone();
    let add = ctx
        .dispatch
        .reform(move |_: MouseEvent| Action::AddAz(vpc.clone()));
    let vpc = v.id.clone();
    let arrange = ctx
        .dispatch
        .reform(move |_: MouseEvent| Action::Arrange(vpc.clone()));
    html! {
        <section aria-label="Availability zones">
            { text("h4", "", "Availability zones") }
            <ul class="plain zones">{ for rows }</ul>
            <div class="actions">
                { button("", "Add an AZ", add) }
                if !lanes.is_empty() { { button("", "Arrange in AZ lanes", arrange) } }
            </div>
        </section>
    }
}

fn subnet_section(ctx: &Ctx, s: &Subnet) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(s, Item::Subnet, |s: &mut Subnet, name: String| {
        s.name = name
    });
    let on_cidr = ctx.replace(s, Item::Subnet, |s: &mut Subnet, cidr: String| {
        s.cidr = cidr
    });
    let on_az = ctx.replace(s, Item::Subnet, |s: &mut Subnet, az: String| {
        s.availability_zone = az
    });
    let letters = catalog::region(&d.region)
        .map(|r| r.az_letters)
        .unwrap_or(&[]);
    let zones: Vec<(String, String)> = letters
        .iter()
        .map(|l| (format!("{}{l}", d.region), format!("{}{l}", d.region)))
        .collect();
    let tables: Vec<&RouteTable> = d.route_tables.iter().filter(|rt| rt.vpc == s.vpc).collect();
    let current = d
        .route_table_of_subnet(s)
        .map(|rt| rt.id.clone())
        .unwrap_or_default();
    let table_options: Vec<(String, String)> = tables
        .iter()
        .map(|rt| {
            (
                rt.id.clone(),
                format!("{}{}", rt.name, if rt.main { " (main)" } else { "" }),
            )
        })
        .collect();
    let on_table = {
        let ctx2 = ctx.clone();
        let subnet = s.id.clone();
        let design = d.clone();
        Callback::from(move |table: String| {
            ctx2.apply(edit::associate_subnet(&design, &subnet, &table))
        })
    };
    let public = routing::is_public(d, s);
    let usable = crate::model::cidr::parse_v4(&s.cidr)
        .ok()
        .map(|n| crate::model::cidr::usable_addresses(&n));
    html! {
        <>
            { text("h3", "", format!("Subnet {}", s.name)) }
            { text_field("subnet-name", "Name", &s.name, "", ctx.errors(&s.id, "name"), on_name) }
            { text_field("subnet-cidr", "CIDR block", &s.cidr, "10.0.1.0/24", ctx.errors(&s.id, "cidr"), on_cidr) }
            if let Some(n) = usable {
                { text("p", "hint", format!("{n} usable addresses (AWS reserves 5)")) }
            }
            { select_field("subnet-az", "Availability Zone", &zones, &s.availability_zone, ctx.errors(&s.id, "availability_zone"), on_az) }
            if !table_options.is_empty() {
                { select_field("subnet-route-table", "Route table", &table_options, &current, Vec::new(), on_table) }
            }
            <p class="hint">{ if public { "Public: its route table sends traffic to an internet gateway." } else { "Private: no route to an internet gateway." } }</p>
            { effective_routes_view(ctx, s) }
            { ctx.delete_button("subnet") }
        </>
    }
}

fn route_table_section(ctx: &Ctx, rt: &RouteTable) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(rt, Item::RouteTable, |rt: &mut RouteTable, name: String| {
        rt.name = name
    });
    let automatic = routing::automatic_routes(d, rt);
    // Labelled with their kind; a workload as a target means its network interface.
    let targets: Vec<(String, String)> = routing::route_targets(d, rt)
        .into_iter()
        .map(|n| {
            let label = if n.kind.is_workload() {
                format!("Network interface of {}", node_accessible_name(n))
            } else {
                node_accessible_name_in(d, n)
            };
            (n.id.clone(), label)
        })
        .collect();
    let gateways: Vec<&Node> = d
        .nodes
        .iter()
        .filter(|n| matches!(&n.kind, NodeKind::VpnGateway { vpc } if *vpc == rt.vpc))
        .collect();
    let propagation = gateways.iter().map(|g| {
        let gid = g.id.clone();
        let on_commit = ctx.replace(rt, Item::RouteTable, move |t: &mut RouteTable, on: bool| {
            t.propagations.retain(|x| *x != gid);
            if on {
                t.propagations.push(gid.clone());
            }
        });
        check_field(
            &(format!("rt-propagate-{}", g.id)),
            &(format!("From {}", node_accessible_name(g))),
            rt.propagations.contains(&g.id),
            Vec::new(),
            on_commit,
        )
    });
    // Propagations of gateways that are gone or elsewhere stay listed until unticked.
    let stray = rt
        .propagations
        .iter()
        .filter(|p| !gateways.iter().any(|g| g.id == **p))
        .map(|p| {
            let gid = p.clone();
            let on_commit =
                ctx.replace(rt, Item::RouteTable, move |t: &mut RouteTable, _: bool| {
                    t.propagations.retain(|x| *x != gid)
                });
            check_field(
                &(format!("rt-propagate-{p}")),
                &(format!("From {}", d.name_of(p).unwrap_or(p))),
                true,
                Vec::new(),
                on_commit,
            )
        });
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
                { text_field(&(format!("route-{i}-destination")), &(format!("Route {} destination", i + 1)), &route.destination, "", errors, on_dest) }
                { select_field(&(format!("route-{i}-target")), "Target", &targets, &route.target, Vec::new(), on_target) }
                { button("link", format!("Remove route {}", i + 1), remove) }
            </div>
        }
    });
    let other_errors = ctx.errors_at(&rt.id, "routes", None);
    let add_route = {
        let table = rt.clone();
        let ctx2 = ctx.clone();
        let default_target = targets
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let mut changed = table.clone();
            let destination = if changed.routes.iter().any(|r| r.destination == "0.0.0.0/0") {
                String::new()
            } else {
                "0.0.0.0/0".to_string()
            };
            changed.routes.push(Route {
                destination,
                target: default_target.clone(),
            });
            ctx2.apply(Edit::Replace {
                item: Item::RouteTable(changed),
            });
        })
    };
    let subnets = d.subnets.iter().filter(|s| s.vpc == rt.vpc).map(|s| {
        let explicit = rt.subnets.contains(&s.id);
        let ctx2 = ctx.clone();
        let design = d.clone();
        let subnet = s.id.clone();
        let table = rt.id.clone();
        let main_id = d
            .route_tables
            .iter()
            .find(|t| t.vpc == rt.vpc && t.main)
            .map(|t| t.id.clone())
            .unwrap_or_default();
        let on_commit = Callback::from(move |on: bool| {
            let target = if on { table.clone() } else { main_id.clone() };
            ctx2.apply(edit::associate_subnet(&design, &subnet, &target));
        });
        let via_main = rt.main && d.route_table_of_subnet(s).is_some_and(|t| t.id == rt.id);
        let label = if via_main && !explicit {
            format!("{} (uses the main table)", s.name)
        } else {
            s.name.clone()
        };
        check_field(
            &(format!("rt-subnet-{}", s.id)),
            &label,
            explicit || via_main,
            Vec::new(),
            on_commit,
        )
    });
    html! {
        <>
            { text("h3", "", format!("Route table {}", rt.name)) }
            { text_field("rt-name", "Name", &rt.name, "", ctx.errors(&rt.id, "name"), on_name) }
            if rt.main {
                { hint("Main route table: subnets without an explicit association use it.") }
            }
            { text("h4", "", "Routes") }
            <table class="routes">
                <thead><tr><th scope="col">{ "Destination" }</th><th scope="col">{ "Target" }</th></tr></thead>
                <tbody>
                    { for automatic.iter().map(|r| html! {
                        <tr class="automatic"><td>{ r.destination.clone() }</td><td>{ r.target.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
            { hint("AWS adds the routes above itself; they cannot be edited.") }
            { for routes }
            { error_list(&other_errors) }
            { button("", "Add route", add_route) }
            <fieldset>
                { text("legend", "", "Route propagation") }
                { for propagation }
                { for stray }
                if gateways.is_empty() {
                    { hint("Add a virtual private gateway to this VPC to propagate the routes its VPN learns.") }
                }
                { error_list(&ctx.errors(&rt.id, "propagations")) }
            </fieldset>
            { text("h4", "", "Subnet associations") }
            { for subnets }
            { ctx.delete_button("route table") }
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
            .map(|s| {
                (
                    s.id.clone(),
                    format!("{} ({}, {})", s.name, s.cidr, s.availability_zone),
                )
            })
            .collect()
    };
    let vpc = d.node_vpc(n).map(|v| v.to_string());
    let kind_fields = match &n.kind {
        NodeKind::Ec2 { subnet }
        | NodeKind::Lambda { subnet }
        | NodeKind::Eks { subnet }
        | NodeKind::Rds { subnet } => {
            let on_subnet =
                ctx.replace(n, Item::Node, |n: &mut Node, s: String| match &mut n.kind {
                    NodeKind::Ec2 { subnet }
                    | NodeKind::Lambda { subnet }
                    | NodeKind::Eks { subnet }
                    | NodeKind::Rds { subnet } => *subnet = s,
                    _ => {}
                });
            html! {
                <>
                    { select_field("node-subnet", "Subnet", &subnets_of(None), &subnet, ctx.errors(&n.id, "subnet"), on_subnet) }
                    { node_security_groups(ctx, n) }
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
            html! {
                <>
                    { select_field("node-service", "Service", &options, &service, ctx.errors(&n.id, "service"), on_service) }
                    { policy_fields::policy_editor(&ctx.form(), n, &ctx.traces) }
                </>
            }
        }
        NodeKind::InternetGateway { .. } => html! {
            { hint("Gives the VPC a way to and from the internet. Route 0.0.0.0/0 to it from a route table to make that table's subnets public.") }
        },
        NodeKind::NatGateway {
            subnet,
            connectivity,
        } => {
            let on_subnet = ctx.replace(n, Item::Node, |n: &mut Node, s: String| {
                if let NodeKind::NatGateway { subnet, .. } = &mut n.kind {
                    *subnet = s;
                }
            });
            let on_conn = ctx.replace(n, Item::Node, |n: &mut Node, c: String| {
                if let NodeKind::NatGateway { connectivity, .. } = &mut n.kind {
                    *connectivity = if c == "private" {
                        NatConnectivity::Private
                    } else {
                        NatConnectivity::Public
                    };
                }
            });
            let conn = if *connectivity == NatConnectivity::Private {
                "private"
            } else {
                "public"
            };
            let options = options(&[
                ("public", "Public (with an Elastic IP)"),
                ("private", "Private (no internet)"),
            ]);
            html! {
                <>
                    { select_field("node-subnet", "Subnet", &subnets_of(vpc.as_deref()), &subnet, ctx.errors(&n.id, "subnet"), on_subnet) }
                    { select_field("nat-connectivity", "Connectivity", &options, &conn, Vec::new(), on_conn) }
                </>
            }
        }
        NodeKind::GatewayEndpoint {
            service,
            route_tables,
            ..
        } => {
            let options = service_options(|s| s.gateway_endpoint);
            let on_service = ctx.replace(n, Item::Node, |n: &mut Node, s: String| {
                if let NodeKind::GatewayEndpoint { service, .. } = &mut n.kind {
                    *service = s;
                }
            });
            let tables = d
                .route_tables
                .iter()
                .filter(|rt| vpc.as_deref() == Some(rt.vpc.as_str()))
                .map(|rt| {
                    let on_commit = toggle_member(ctx, n, &rt.id, |k| match k {
                        NodeKind::GatewayEndpoint { route_tables, .. } => Some(route_tables),
                        _ => None,
                    });
                    check_field(
                        &(format!("gwe-rt-{}", rt.id)),
                        &rt.name,
                        route_tables.contains(&rt.id),
                        Vec::new(),
                        on_commit,
                    )
                });
            html! {
                <>
                    { select_field("node-service", "Service", &options, &service, ctx.errors(&n.id, "service"), on_service) }
                    <fieldset>
                        { text("legend", "", "Route tables") }
                        { for tables }
                        { error_list(&ctx.errors(&n.id, "route_tables")) }
                    </fieldset>
                    { hint("Free. AWS adds a route to the service's prefix list in each table; DNS names stay public.") }
                    { policy_fields::policy_editor(&ctx.form(), n, &ctx.traces) }
                </>
            }
        }
        NodeKind::InterfaceEndpoint {
            subnets,
            private_dns,
            ..
        } => {
            let on_dns = ctx.replace(n, Item::Node, |n: &mut Node, on: bool| {
                if let NodeKind::InterfaceEndpoint { private_dns, .. } = &mut n.kind {
                    *private_dns = on;
                }
            });
            let boxes = d
                .subnets
                .iter()
                .filter(|s| vpc.as_deref() == Some(s.vpc.as_str()))
                .map(|s| {
                    let on_commit = toggle_member(ctx, n, &s.id, |k| match k {
                        NodeKind::InterfaceEndpoint { subnets, .. } => Some(subnets),
                        _ => None,
                    });
                    check_field(
                        &(format!("ife-subnet-{}", s.id)),
                        &(format!("{} ({})", s.name, s.availability_zone)),
                        subnets.contains(&s.id),
                        Vec::new(),
                        on_commit,
                    )
                });
            html! {
                <>
                    { privatelink_fields::interface_endpoint_service(&ctx.form(), n) }
                    <fieldset>
                        { text("legend", "", "Subnets (one per Availability Zone)") }
                        { for boxes }
                        { error_list(&ctx.errors(&n.id, "subnets")) }
                    </fieldset>
                    { check_field("ife-private-dns", "Private DNS name", *private_dns, ctx.errors(&n.id, "private_dns"), on_dns) }
                    { dns_fields::interface_endpoint(&ctx.form(), n) }
                    if matches!(n.kind, NodeKind::InterfaceEndpoint { endpoint_service: None, .. }) {
                        { policy_fields::policy_editor(&ctx.form(), n, &ctx.traces) }
                    }
                    { node_security_groups(ctx, n) }
                </>
            }
        }
        NodeKind::EndpointService { .. } => privatelink_fields::endpoint_service(&ctx.form(), n),
        NodeKind::TransitGateway {
            attachments,
            route_tables,
        } => transit_gateway_fields(ctx, n, attachments, route_tables),
        NodeKind::VpnGateway { vpc } => vpn_gateway_fields(ctx, n, vpc),
        NodeKind::VpcPeering {
            requester,
            accepter,
        } => peering_fields(ctx, n, requester, accepter),
        NodeKind::OnPremises { cidrs, vpn, .. } => {
            html! { <>{ on_premises_fields(ctx, n, cidrs, vpn.as_deref()) }{ dns_fields::on_premises(&ctx.form(), n) }</> }
        }
        NodeKind::PrivateHostedZone { .. } => dns_fields::hosted_zone(&ctx.form(), n),
        NodeKind::ResolverEndpoint { .. } => {
            html! { <>{ dns_fields::resolver_endpoint(&ctx.form(), n) }{ node_security_groups(ctx, n) }</> }
        }
    };
    html! {
        <>
            { text("h3", "", node_accessible_name_in(d, n)) }
            { text_field("node-name", "Name", &n.name, "", ctx.errors(&n.id, "name"), on_name) }
            { kind_fields }
            { error_list(&ctx.errors(&n.id, "vpc")) }
            { ctx.delete_button(&n.kind.label().to_ascii_lowercase()) }
        </>
    }
}

/// The catalogue's services that pass `keep`, as select options.
fn service_options(keep: fn(&catalog::Service) -> bool) -> Vec<(String, String)> {
    catalog::SERVICES
        .iter()
        .filter(|s| keep(s))
        .map(|s| (s.key.to_string(), s.name.to_string()))
        .collect()
}

/// A checkbox's callback that puts `id` into, or takes it out of, a list of the node's kind.
fn toggle_member(
    ctx: &Ctx,
    node: &Node,
    id: &str,
    list: fn(&mut NodeKind) -> Option<&mut Vec<Id>>,
) -> Callback<bool> {
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
        ctx.apply(Edit::Replace {
            item: Item::Node(changed),
        });
    })
}

/// The flows a workload sends, and a control to add one.
fn flows_of(ctx: &Ctx, n: &Node) -> Html {
    let d = &ctx.design;
    let outgoing: Vec<&Flow> = d.flows.iter().filter(|f| f.from == n.id).collect();
    html! {
        <>
            { text("h4", "", "Flows from here") }
            <ul class="plain">
                { for outgoing.iter().map(|f| {
                    let to = match &f.to {
                        FlowTarget::Internet => "the internet".to_string(),
                        FlowTarget::Node(t) => d.node(t).map(|m| m.name.clone()).unwrap_or_else(|| t.clone()),
                    };
                    html! { <li>{ button("link", format!("to {to}, {} / month", format_gb(f.gb_per_month)), ctx.select(&f.id)) }</li> }
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
            .filter(move |m| {
                m.id != from
                    && m.kind.is_flow_destination()
                    && matches!(m.kind, NodeKind::AwsService { .. }) == services
            })
            .map(|m| (m.id.clone(), node_accessible_name(m)))
    };
    nodes(true)
        .chain(nodes(false))
        .chain(std::iter::once((
            "internet".to_string(),
            "The internet".to_string(),
        )))
        .collect()
}

fn flow_target(value: &str) -> FlowTarget {
    if value == "internet" {
        FlowTarget::Internet
    } else {
        FlowTarget::Node(value.to_string())
    }
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
            { select_field("new-flow-target", "New flow to", &options, &chosen, Vec::new(), on_pick) }
            { button("", "Add flow", add) }
        </div>
    }
}

/// The routes in effect for a subnet: its table's local, static, prefix-list and propagated
/// routes, the way the console's "Routes" tab lists them.
fn effective_routes_view(ctx: &Ctx, s: &Subnet) -> Html {
    let d = &ctx.design;
    let (table, routes) = match d.route_table_of_subnet(s) {
        Some(t) => (
            t.name.clone(),
            routing::table::effective_routes(d, t).to_vec(),
        ),
        None => (
            "no route table".to_string(),
            routing::table::local_routes(d, &s.vpc),
        ),
    };
    let target = |t: &routing::table::Target| match t {
        routing::table::Target::Local => "local".to_string(),
        routing::table::Target::Blackhole => "blackhole".to_string(),
        routing::table::Target::Missing(id) => format!("{id} (blackhole: deleted)"),
        routing::table::Target::Node(id) => d
            .node(id)
            .map(node_accessible_name)
            .unwrap_or_else(|| id.clone()),
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
            { text("h4", "", "Path") }
            <p class={class} role="status">{ capitalise(&t.summary(design)) }</p>
            { policy_fields::access_line(t) }
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
                { text("p", "hint", format!("Crosses Availability Zones: {}", t.zones.join(" → "))) }
            }
        </section>
    }
}

fn flow_section(ctx: &Ctx, f: &Flow, trace: Option<&routing::Trace>) -> Html {
    let d = &ctx.design;
    let on_name = ctx.replace(f, Item::Flow, |f: &mut Flow, name: String| f.name = name);
    let on_volume = ctx.replace(f, Item::Flow, |f: &mut Flow, gb: f64| f.gb_per_month = gb);
    let on_to = ctx.replace(f, Item::Flow, |f: &mut Flow, to: String| {
        f.to = flow_target(&to)
    });
    let on_protocol = ctx.replace(f, Item::Flow, |f: &mut Flow, p: String| {
        f.protocol = protocol_of(&p)
    });
    let on_port = ctx.replace(f, Item::Flow, |f: &mut Flow, port: u32| {
        f.port = u16::try_from(port).unwrap_or(u16::MAX)
    });
    let options = flow_targets(d, &f.from);
    let to_value = match &f.to {
        FlowTarget::Internet => "internet".to_string(),
        FlowTarget::Node(t) => t.clone(),
    };
    let from = d
        .node(&f.from)
        .map(node_accessible_name)
        .unwrap_or_else(|| f.from.clone());
    html! {
        <>
            { text("h3", "", "Flow") }
            <p>{ format!("From {from}") }</p>
            { text_field("flow-name", "Name", &f.name, "", Vec::new(), on_name) }
            { select_field("flow-to", "To", &options, &to_value, ctx.errors(&f.id, "to"), on_to) }
            { volume_field("flow-volume", "GB per month", f.gb_per_month, ctx.errors(&f.id, "gb_per_month"), on_volume) }
            { select_field("flow-protocol", "Protocol", &protocol_options(), &(protocol_value(f.protocol)), ctx.errors(&f.id, "protocol"), on_protocol) }
            if has_ports(f.protocol) {
                { int_field("flow-port".to_string(), "Destination port", u32::from(f.port), 0, 65535, "port number", ctx.errors(&f.id, "port"), on_port) }
            }
            { dns_fields::flow_host(&ctx.form(), f) }
            { error_list(&ctx.errors(&f.id, "from")) }
            { policy_fields::requests_editor(&ctx.form(), f, trace) }
            // The analysis follows paths without words (`trace_all`); the selected flow's steps
            // are written here.
            { for trace.map(|_| trace_view(d, &routing::trace(d, f))) }
            { ctx.delete_button("flow") }
        </>
    }
}

// ---- security groups, network ACLs, protocols ---------------------------------------------

fn protocol_options() -> Vec<(String, String)> {
    options(&[
        ("tcp", "TCP"),
        ("udp", "UDP"),
        ("icmp", "ICMP"),
        ("all", "All traffic"),
    ])
}

fn protocol_value(p: Protocol) -> &'static str {
    match p {
        Protocol::Tcp => "tcp",
        Protocol::Udp => "udp",
        Protocol::Icmp => "icmp",
        Protocol::All => "all",
    }
}

fn protocol_of(value: &str) -> Protocol {
    match value {
        "udp" => Protocol::Udp,
        "icmp" => Protocol::Icmp,
        "all" => Protocol::All,
        _ => Protocol::Tcp,
    }
}

/// Whether a protocol has ports (the others ignore them, so no port fields are shown).
fn has_ports(p: Protocol) -> bool {
    matches!(p, Protocol::Tcp | Protocol::Udp)
}

/// From/to port fields of a rule, committing through `set(from_or_to, port)`.
fn port_fields(
    id: &str,
    protocol: Protocol,
    from: u16,
    to: u16,
    set: impl Fn(bool, u16) + Clone + 'static,
) -> Html {
    if !has_ports(protocol) {
        return html! {};
    }
    let set_from = set.clone();
    let on_from =
        Callback::from(move |v: u32| set_from(true, u16::try_from(v).unwrap_or(u16::MAX)));
    let on_to = Callback::from(move |v: u32| set(false, u16::try_from(v).unwrap_or(u16::MAX)));
    html! {
        <>
            { int_field(format!("{id}-from"), "From port", u32::from(from), 0, 65535, "port number", Vec::new(), on_from) }
            { int_field(format!("{id}-to"), "To port", u32::from(to), 0, 65535, "port number", Vec::new(), on_to) }
        </>
    }
}

/// Changes one rule of one group of the VPC (ingress or egress), as one replace of the VPC.
fn sg_rule_edit<V: 'static>(
    ctx: &Ctx,
    v: &Vpc,
    g: usize,
    ingress: bool,
    i: usize,
    change: impl Fn(&mut SgRule, V) + 'static,
) -> Callback<V> {
    ctx.replace(v, Item::Vpc, move |v: &mut Vpc, value: V| {
        let rules = v.security_groups.get_mut(g).map(|grp| {
            if ingress {
                &mut grp.ingress
            } else {
                &mut grp.egress
            }
        });
        if let Some(rule) = rules.and_then(|r| r.get_mut(i)) {
            change(rule, value);
        }
    })
}

fn sg_rule_row(ctx: &Ctx, v: &Vpc, g: usize, ingress: bool, i: usize, rule: &SgRule) -> Html {
    let d = &ctx.design;
    let id = format!("sg-{g}-{}-{i}", if ingress { "in" } else { "out" });
    let on_protocol = sg_rule_edit(ctx, v, g, ingress, i, |r: &mut SgRule, p: String| {
        r.protocol = protocol_of(&p)
    });
    let on_port = {
        let cb = sg_rule_edit(
            ctx,
            v,
            g,
            ingress,
            i,
            |r: &mut SgRule, (from, port): (bool, u16)| {
                if from {
                    r.from_port = port
                } else {
                    r.to_port = port
                }
            },
        );
        move |from: bool, port: u16| cb.emit((from, port))
    };
    let (kind, value) = match &rule.peer {
        SgPeer::Cidr(c) => ("cidr", c.clone()),
        SgPeer::SecurityGroup(s) => ("security_group", s.clone()),
        SgPeer::PrefixList(p) => ("prefix_list", p.clone()),
    };
    let own_group = v
        .security_groups
        .get(g)
        .map(|x| x.id.clone())
        .unwrap_or_default();
    let on_kind = sg_rule_edit(ctx, v, g, ingress, i, move |r: &mut SgRule, k: String| {
        r.peer = match k.as_str() {
            "security_group" => SgPeer::SecurityGroup(own_group.clone()),
            "prefix_list" => SgPeer::PrefixList("s3".to_string()),
            _ => SgPeer::Cidr("0.0.0.0/0".to_string()),
        }
    });
    let kinds = options(&[
        ("cidr", "CIDR"),
        ("security_group", "Group"),
        ("prefix_list", "Prefix list"),
    ]);
    let on_value = sg_rule_edit(ctx, v, g, ingress, i, |r: &mut SgRule, text: String| {
        r.peer = match &r.peer {
            SgPeer::Cidr(_) => SgPeer::Cidr(text),
            SgPeer::SecurityGroup(_) => SgPeer::SecurityGroup(text),
            SgPeer::PrefixList(_) => SgPeer::PrefixList(text),
        }
    });
    let value_field = match &rule.peer {
        SgPeer::Cidr(_) => text_field(
            &(format!("{id}-cidr")),
            "CIDR block",
            &value,
            "10.0.0.0/16",
            Vec::new(),
            on_value,
        ),
        SgPeer::SecurityGroup(_) => {
            // Groups of any VPC: validation says when one is not in this VPC or a peered one.
            let options: Vec<(String, String)> = d
                .vpcs
                .iter()
                .flat_map(|o| {
                    o.security_groups.iter().map(move |x| {
                        (
                            x.id.clone(),
                            if o.id == v.id {
                                x.name.clone()
                            } else {
                                format!("{} (VPC {})", x.name, o.name)
                            },
                        )
                    })
                })
                .collect();
            select_field(
                &(format!("{id}-group")),
                "Group",
                &options,
                &value,
                Vec::new(),
                on_value,
            )
        }
        SgPeer::PrefixList(_) => select_field(
            &(format!("{id}-prefix-list")),
            "Prefix list of",
            &service_options(|s| s.gateway_endpoint),
            &value,
            Vec::new(),
            on_value,
        ),
    };
    let remove = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, _: MouseEvent| {
        if let Some(grp) = v.security_groups.get_mut(g) {
            let rules = if ingress {
                &mut grp.ingress
            } else {
                &mut grp.egress
            };
            if i < rules.len() {
                rules.remove(i);
            }
        }
    });
    html! {
        <div class="rule">
            { select_field(&(format!("{id}-protocol")), "Protocol", &protocol_options(), &(protocol_value(rule.protocol)), Vec::new(), on_protocol) }
            { port_fields(&id, rule.protocol, rule.from_port, rule.to_port, on_port) }
            { select_field(&(format!("{id}-peer")), &(if ingress { "Source" } else { "Destination" }), &kinds, &kind, Vec::new(), on_kind) }
            { value_field }
            { button("link", format!("Remove {} rule {}", if ingress { "inbound" } else { "outbound" }, i + 1), remove) }
        </div>
    }
}

fn security_groups_section(ctx: &Ctx, v: &Vpc) -> Html {
    let d = &ctx.design;
    let groups = v.security_groups.iter().enumerate().map(|(g, group)| {
        let on_name = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, name: String| {
            if let Some(x) = v.security_groups.get_mut(g) {
                x.name = name;
            }
        });
        let inbound = group.ingress.iter().enumerate().map(|(i, r)| sg_rule_row(ctx, v, g, true, i, r));
        let outbound = group.egress.iter().enumerate().map(|(i, r)| sg_rule_row(ctx, v, g, false, i, r));
        let first_block = v.cidr_blocks.first().cloned().unwrap_or_else(|| "0.0.0.0/0".to_string());
        // A typical inbound rule: HTTPS from inside the VPC.
        let add_in = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, _: MouseEvent| {
            if let Some(x) = v.security_groups.get_mut(g) {
                x.ingress.push(SgRule { protocol: Protocol::Tcp, from_port: 443, to_port: 443, peer: SgPeer::Cidr(first_block.clone()) });
            }
        });
        let add_out = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, _: MouseEvent| {
            if let Some(x) = v.security_groups.get_mut(g) {
                x.egress.push(SgRule { protocol: Protocol::All, from_port: 0, to_port: u16::MAX, peer: SgPeer::Cidr("0.0.0.0/0".to_string()) });
            }
        });
        let remove = {
            let ctx2 = ctx.clone();
            let design = d.clone();
            let gid = group.id.clone();
            Callback::from(move |_: MouseEvent| ctx2.apply(edit::remove_security_group(&design, &gid)))
        };
        let users = d.nodes.iter().filter(|n| n.security_groups.contains(&group.id)).count();
        html! {
            <fieldset class="group">
                { text("legend", "", format!("Security group {}", group.name)) }
                { text_field(&(format!("sg-{g}-name")), "Name", &group.name, "", Vec::new(), on_name) }
                { text("p", "hint", format!("Used by {}.", count(users, "icon"))) }
                { text("h5", "", "Inbound rules") }
                { for inbound }
                { button("link", "Add inbound rule", add_in) }
                { text("h5", "", "Outbound rules") }
                { for outbound }
                { button("link", "Add outbound rule", add_out) }
                { error_list(&ctx.errors_at(&v.id, "security_groups", Some(g))) }
                { button("danger small", format!("Delete security group {}", group.name), remove) }
            </fieldset>
        }
    });
    let add = {
        let ctx2 = ctx.clone();
        let vpc = v.clone();
        let design = d.clone();
        Callback::from(move |_: MouseEvent| {
            let id = design.fresh_id("sg");
            let mut changed = vpc.clone();
            // As AWS creates a group: no inbound rules, all traffic out.
            let egress = vec![SgRule {
                protocol: Protocol::All,
                from_port: 0,
                to_port: u16::MAX,
                peer: SgPeer::Cidr("0.0.0.0/0".to_string()),
            }];
            changed.security_groups.push(SecurityGroup {
                id: id.clone(),
                name: id,
                ingress: Vec::new(),
                egress,
            });
            ctx2.apply(Edit::Replace {
                item: Item::Vpc(changed),
            });
        })
    };
    html! {
        <section class="sub-section" aria-label="Security groups">
            { text("h4", "", "Security groups") }
            { hint("Stateful, allow-only rules on network interfaces. Icons with no group use the VPC's default group.") }
            { for groups }
            { error_list(&ctx.errors_at(&v.id, "security_groups", None)) }
            { button("", "Add security group", add) }
        </section>
    }
}

/// Changes one rule of one network ACL of the VPC, as one replace of the VPC.
fn acl_rule_edit<V: 'static>(
    ctx: &Ctx,
    v: &Vpc,
    a: usize,
    ingress: bool,
    i: usize,
    change: impl Fn(&mut AclRule, V) + 'static,
) -> Callback<V> {
    ctx.replace(v, Item::Vpc, move |v: &mut Vpc, value: V| {
        let rules = v.network_acls.get_mut(a).map(|acl| {
            if ingress {
                &mut acl.ingress
            } else {
                &mut acl.egress
            }
        });
        if let Some(rule) = rules.and_then(|r| r.get_mut(i)) {
            change(rule, value);
        }
    })
}

fn acl_rule_row(ctx: &Ctx, v: &Vpc, a: usize, ingress: bool, i: usize, rule: &AclRule) -> Html {
    let id = format!("acl-{a}-{}-{i}", if ingress { "in" } else { "out" });
    let on_number = acl_rule_edit(ctx, v, a, ingress, i, |r: &mut AclRule, n: u32| {
        r.number = u16::try_from(n).unwrap_or(u16::MAX)
    });
    let on_protocol = acl_rule_edit(ctx, v, a, ingress, i, |r: &mut AclRule, p: String| {
        r.protocol = protocol_of(&p)
    });
    let on_port = {
        let cb = acl_rule_edit(
            ctx,
            v,
            a,
            ingress,
            i,
            |r: &mut AclRule, (from, port): (bool, u16)| {
                if from {
                    r.from_port = port
                } else {
                    r.to_port = port
                }
            },
        );
        move |from: bool, port: u16| cb.emit((from, port))
    };
    let on_cidr = acl_rule_edit(ctx, v, a, ingress, i, |r: &mut AclRule, c: String| {
        r.cidr = c
    });
    let on_allow = acl_rule_edit(ctx, v, a, ingress, i, |r: &mut AclRule, x: String| {
        r.allow = x == "allow"
    });
    let actions = options(&[("allow", "Allow"), ("deny", "Deny")]);
    let remove = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, _: MouseEvent| {
        if let Some(acl) = v.network_acls.get_mut(a) {
            let rules = if ingress {
                &mut acl.ingress
            } else {
                &mut acl.egress
            };
            if i < rules.len() {
                rules.remove(i);
            }
        }
    });
    html! {
        <div class="rule">
            { int_field(format!("{id}-number"), "Rule number", u32::from(rule.number), 1, 32766, "rule number", Vec::new(), on_number) }
            { select_field(&(format!("{id}-protocol")), "Protocol", &protocol_options(), &(protocol_value(rule.protocol)), Vec::new(), on_protocol) }
            { port_fields(&id, rule.protocol, rule.from_port, rule.to_port, on_port) }
            { text_field(&(format!("{id}-cidr")), &(if ingress { "Source CIDR" } else { "Destination CIDR" }), &rule.cidr, "0.0.0.0/0", Vec::new(), on_cidr) }
            { select_field(&(format!("{id}-action")), "Action", &actions, &(if rule.allow { "allow" } else { "deny" }), Vec::new(), on_allow) }
            { button("link", format!("Remove {} rule {}", if ingress { "inbound" } else { "outbound" }, rule.number), remove) }
        </div>
    }
}

fn network_acls_section(ctx: &Ctx, v: &Vpc) -> Html {
    let d = &ctx.design;
    let acls = v.network_acls.iter().enumerate().map(|(a, acl)| {
        let on_name = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, name: String| {
            if let Some(x) = v.network_acls.get_mut(a) {
                x.name = name;
            }
        });
        let subnets = d.subnets.iter().filter(|s| s.vpc == v.id).map(|s| {
            let sid = s.id.clone();
            // A subnet has exactly one network ACL: associating it here takes it from the others.
            let on_commit = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, on: bool| {
                for (k, x) in v.network_acls.iter_mut().enumerate() {
                    if k == a || on {
                        x.subnets.retain(|m| *m != sid);
                    }
                }
                if on {
                    if let Some(x) = v.network_acls.get_mut(a) {
                        x.subnets.push(sid.clone());
                    }
                }
            });
            check_field(&(format!("acl-{a}-subnet-{}", s.id)), &(format!("{} ({})", s.name, s.availability_zone)), acl.subnets.contains(&s.id), Vec::new(), on_commit)
        });
        let add_rule = |ingress: bool| {
            ctx.replace(v, Item::Vpc, move |v: &mut Vpc, _: MouseEvent| {
                if let Some(x) = v.network_acls.get_mut(a) {
                    let rules = if ingress { &mut x.ingress } else { &mut x.egress };
                    // The usual numbering: steps of 100, leaving room in between.
                    let next = rules.iter().map(|r| r.number).max().map_or(100, |m| (m / 100 + 1).saturating_mul(100)).min(32766);
                    rules.push(AclRule { number: next, protocol: Protocol::All, from_port: 0, to_port: u16::MAX, cidr: "0.0.0.0/0".to_string(), allow: true });
                }
            })
        };
        let remove = ctx.replace(v, Item::Vpc, move |v: &mut Vpc, _: MouseEvent| {
            if a < v.network_acls.len() {
                v.network_acls.remove(a);
            }
        });
        html! {
            <fieldset class="group">
                { text("legend", "", format!("Network ACL {}", acl.name)) }
                { text_field(&(format!("acl-{a}-name")), "Name", &acl.name, "", Vec::new(), on_name) }
                { text("h5", "", "Subnets") }
                { for subnets }
                { text("h5", "", "Inbound rules") }
                { for acl.ingress.iter().enumerate().map(|(i, r)| acl_rule_row(ctx, v, a, true, i, r)) }
                { button("link", "Add inbound rule", add_rule(true)) }
                { text("h5", "", "Outbound rules") }
                { for acl.egress.iter().enumerate().map(|(i, r)| acl_rule_row(ctx, v, a, false, i, r)) }
                { button("link", "Add outbound rule", add_rule(false)) }
                { hint("Rules apply lowest number first; traffic no rule matches is denied. Stateless: allow the replies too.") }
                { error_list(&ctx.errors_at(&v.id, "network_acls", Some(a))) }
                { button("danger small", format!("Delete network ACL {}", acl.name), remove) }
            </fieldset>
        }
    });
    let add = {
        let ctx2 = ctx.clone();
        let vpc = v.clone();
        let design = d.clone();
        Callback::from(move |_: MouseEvent| {
            let id = design.fresh_id("acl");
            let mut changed = vpc.clone();
            changed.network_acls.push(NetworkAcl {
                id: id.clone(),
                name: id,
                subnets: Vec::new(),
                ingress: Vec::new(),
                egress: Vec::new(),
            });
            ctx2.apply(Edit::Replace {
                item: Item::Vpc(changed),
            });
        })
    };
    html! {
        <section class="sub-section" aria-label="Network ACLs">
            { text("h4", "", "Network ACLs") }
            { hint("Subnets not associated with one use the VPC's default network ACL, which allows all traffic.") }
            { for acls }
            { error_list(&ctx.errors_at(&v.id, "network_acls", None)) }
            { button("", "Add network ACL", add) }
        </section>
    }
}

/// Security group checkboxes of a workload or interface endpoint: its VPC's groups.
fn node_security_groups(ctx: &Ctx, n: &Node) -> Html {
    let d = &ctx.design;
    let Some(vpc) = d.node_vpc(n).and_then(|v| d.vpc(v)) else {
        return html! {};
    };
    let boxes = vpc.security_groups.iter().map(|g| {
        let gid = g.id.clone();
        let on_commit = ctx.replace(n, Item::Node, move |n: &mut Node, on: bool| {
            n.security_groups.retain(|x| *x != gid);
            if on {
                n.security_groups.push(gid.clone());
            }
        });
        check_field(
            &(format!("node-sg-{}", g.id)),
            &g.name,
            n.security_groups.contains(&g.id),
            Vec::new(),
            on_commit,
        )
    });
    html! {
        <fieldset>
            { text("legend", "", "Security groups") }
            { for boxes }
            if vpc.security_groups.is_empty() {
                <p class="hint">{ "This VPC has no security groups yet; add them in " }
                    { button("link", format!("VPC {}", vpc.name), ctx.select(&vpc.id)) }</p>
            }
            { hint("None checked: the VPC's default security group applies.") }
            { error_list(&ctx.errors(&n.id, "security_groups")) }
        </fieldset>
    }
}

// ---- transit gateways, VPN gateways, peering, on-premises networks -----------------------

/// A change to a transit gateway's attachments and route tables, as one replace of the node.
fn tgw_edit<V: 'static>(
    ctx: &Ctx,
    n: &Node,
    change: impl Fn(&mut Vec<TgwAttachment>, &mut Vec<TgwRouteTable>, V) + 'static,
) -> Callback<V> {
    ctx.replace(n, Item::Node, move |n: &mut Node, value: V| {
        if let NodeKind::TransitGateway {
            attachments,
            route_tables,
        } = &mut n.kind
        {
            change(attachments, route_tables, value);
        }
    })
}

fn transit_gateway_fields(
    ctx: &Ctx,
    n: &Node,
    attachments: &[TgwAttachment],
    tables: &[TgwRouteTable],
) -> Html {
    let d = &ctx.design;
    let vpcs = d.vpcs.iter().map(|v| {
        let index = attachments.iter().position(|a| a.vpc == v.id);
        let default = palette::default_attachment(d, &v.id).unwrap_or(TgwAttachment { vpc: v.id.clone(), subnets: Vec::new() });
        let vid = v.id.clone();
        let on_attach = tgw_edit(ctx, n, move |atts: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, on: bool| {
            atts.retain(|a| a.vpc != vid);
            for t in tables.iter_mut() {
                t.associations.retain(|a| *a != vid);
                t.propagations.retain(|a| *a != vid);
            }
            if on {
                atts.push(default.clone());
            }
        });
        let subnets = index.and_then(|i| attachments.get(i).map(|a| (i, a))).map(|(i, a)| {
            let boxes = d.subnets.iter().filter(|s| s.vpc == v.id).map(|s| {
                let sid = s.id.clone();
                let on_commit = tgw_edit(ctx, n, move |atts: &mut Vec<TgwAttachment>, _: &mut Vec<TgwRouteTable>, on: bool| {
                    if let Some(a) = atts.get_mut(i) {
                        a.subnets.retain(|x| *x != sid);
                        if on {
                            a.subnets.push(sid.clone());
                        }
                    }
                });
                check_field(&(format!("tgw-{}-subnet-{}", v.id, s.id)), &(format!("{} ({})", s.name, s.availability_zone)), a.subnets.contains(&s.id), Vec::new(), on_commit)
            });
            html! {
                <div class="nested">
                    { for boxes }
                    { error_list(&ctx.errors_at(&n.id, "attachments", Some(i))) }
                </div>
            }
        });
        html! {
            <>
                { check_field(&(format!("tgw-attach-{}", v.id)), &(format!("VPC {} attached", v.name)), index.is_some(), Vec::new(), on_attach) }
                { for subnets }
            </>
        }
    });
    // What route tables can name: attached VPCs and on-premises networks whose VPN ends here.
    let ends: Vec<(String, String)> = routing::table::tgw_attachments(d, &n.id)
        .into_iter()
        .map(|id| {
            let label = match (d.vpc(&id), d.node(&id)) {
                (Some(v), _) => format!("VPC {}", v.name),
                (None, Some(o)) => format!("VPN to {}", o.name),
                _ => id.clone(),
            };
            (id, label)
        })
        .collect();
    let route_tables = tables
        .iter()
        .enumerate()
        .map(|(t, table)| tgw_route_table(ctx, n, t, table, &ends));
    let add_table = {
        let all: Vec<String> = ends.iter().map(|(id, _)| id.clone()).collect();
        let name = format!("{}-rt-{}", n.name, tables.len() + 1);
        tgw_edit(
            ctx,
            n,
            move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, _: MouseEvent| {
                // The first table replaces the default one: it takes over its associations and
                // propagations, so adding it changes no routing by itself.
                let (associations, propagations) = if tables.is_empty() {
                    (all.clone(), all.clone())
                } else {
                    (Vec::new(), Vec::new())
                };
                tables.push(TgwRouteTable {
                    name: name.clone(),
                    associations,
                    propagations,
                    routes: Vec::new(),
                });
            },
        )
    };
    html! {
        <>
            <fieldset>
                { text("legend", "", "Attachments (one subnet per Availability Zone)") }
                { for vpcs }
                { error_list(&ctx.errors_at(&n.id, "attachments", None)) }
            </fieldset>
            { text("h4", "", "Route tables") }
            if tables.is_empty() {
                { hint("The default route table: every attachment is associated with it and propagates its routes to it.") }
            }
            { for route_tables }
            { error_list(&ctx.errors_at(&n.id, "route_tables", None)) }
            { button("", "Add route table", add_table) }
        </>
    }
}

fn tgw_route_table(
    ctx: &Ctx,
    n: &Node,
    t: usize,
    table: &TgwRouteTable,
    ends: &[(String, String)],
) -> Html {
    let on_name = tgw_edit(
        ctx,
        n,
        move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, name: String| {
            if let Some(x) = tables.get_mut(t) {
                x.name = name;
            }
        },
    );
    let associations = ends.iter().map(|(id, label)| {
        let aid = id.clone();
        // An attachment is associated with exactly one table: ticking it here moves it here.
        let on_commit = tgw_edit(
            ctx,
            n,
            move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, on: bool| {
                for (k, x) in tables.iter_mut().enumerate() {
                    if k == t || on {
                        x.associations.retain(|a| *a != aid);
                    }
                }
                if on {
                    if let Some(x) = tables.get_mut(t) {
                        x.associations.push(aid.clone());
                    }
                }
            },
        );
        check_field(
            &(format!("tgw-rt-{t}-assoc-{id}")),
            &label,
            table.associations.contains(id),
            Vec::new(),
            on_commit,
        )
    });
    let propagations = ends.iter().map(|(id, label)| {
        let aid = id.clone();
        let on_commit = tgw_edit(
            ctx,
            n,
            move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, on: bool| {
                if let Some(x) = tables.get_mut(t) {
                    x.propagations.retain(|a| *a != aid);
                    if on {
                        x.propagations.push(aid.clone());
                    }
                }
            },
        );
        check_field(
            &(format!("tgw-rt-{t}-prop-{id}")),
            &label,
            table.propagations.contains(id),
            Vec::new(),
            on_commit,
        )
    });
    let targets: Vec<(String, String)> = ends
        .iter()
        .cloned()
        .chain(std::iter::once((
            String::new(),
            "Blackhole (drop)".to_string(),
        )))
        .collect();
    let routes = table.routes.iter().enumerate().map(|(r, route)| {
        let on_dest = tgw_edit(ctx, n, move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, dest: String| {
            if let Some(x) = tables.get_mut(t).and_then(|x| x.routes.get_mut(r)) {
                x.destination = dest;
            }
        });
        let on_target = tgw_edit(ctx, n, move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, to: String| {
            if let Some(x) = tables.get_mut(t).and_then(|x| x.routes.get_mut(r)) {
                x.attachment = (!to.is_empty()).then_some(to);
            }
        });
        let remove = tgw_edit(ctx, n, move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, _: MouseEvent| {
            if let Some(x) = tables.get_mut(t) {
                if r < x.routes.len() {
                    x.routes.remove(r);
                }
            }
        });
        html! {
            <div class="route">
                { text_field(&(format!("tgw-rt-{t}-route-{r}-destination")), &(format!("Route {} destination", r + 1)), &route.destination, "10.0.0.0/8", Vec::new(), on_dest) }
                { select_field(&(format!("tgw-rt-{t}-route-{r}-target")), "Target", &targets, &(route.attachment.clone().unwrap_or_default()), Vec::new(), on_target) }
                { button("link", format!("Remove route {}", r + 1), remove) }
            </div>
        }
    });
    let first_end = ends.first().map(|(id, _)| id.clone());
    let add_route = tgw_edit(
        ctx,
        n,
        move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, _: MouseEvent| {
            if let Some(x) = tables.get_mut(t) {
                x.routes.push(TgwRoute {
                    destination: String::new(),
                    attachment: first_end.clone(),
                });
            }
        },
    );
    let remove = tgw_edit(
        ctx,
        n,
        move |_: &mut Vec<TgwAttachment>, tables: &mut Vec<TgwRouteTable>, _: MouseEvent| {
            if t < tables.len() {
                tables.remove(t);
            }
        },
    );
    html! {
        <fieldset class="group">
            { text("legend", "", format!("Route table {}", table.name)) }
            { text_field(&(format!("tgw-rt-{t}-name")), "Name", &table.name, "", Vec::new(), on_name) }
            { text("h5", "", "Associations (each attachment in one table)") }
            { for associations }
            { text("h5", "", "Propagations") }
            { for propagations }
            { text("h5", "", "Static routes") }
            { for routes }
            { button("link", "Add static route", add_route) }
            { error_list(&ctx.errors_at(&n.id, "route_tables", Some(t))) }
            { button("danger small", format!("Delete route table {}", table.name), remove) }
        </fieldset>
    }
}

fn vpc_options(d: &Design) -> Vec<(String, String)> {
    d.vpcs
        .iter()
        .map(|v| {
            (
                v.id.clone(),
                format!("{} ({})", v.name, v.cidr_blocks.join(", ")),
            )
        })
        .collect()
}

fn peering_fields(ctx: &Ctx, n: &Node, requester: &str, accepter: &str) -> Html {
    let on_requester = ctx.replace(n, Item::Node, |n: &mut Node, id: String| {
        if let NodeKind::VpcPeering { requester, .. } = &mut n.kind {
            *requester = id;
        }
    });
    let on_accepter = ctx.replace(n, Item::Node, |n: &mut Node, id: String| {
        if let NodeKind::VpcPeering { accepter, .. } = &mut n.kind {
            *accepter = id;
        }
    });
    let options = vpc_options(&ctx.design);
    html! {
        <>
            { select_field("pcx-requester", "Requester VPC", &options, &requester.to_string(), ctx.errors(&n.id, "requester"), on_requester) }
            { select_field("pcx-accepter", "Accepter VPC", &options, &accepter.to_string(), ctx.errors(&n.id, "accepter"), on_accepter) }
            { hint("Not transitive. Add a route to it in each VPC's route tables for the other VPC's CIDR blocks.") }
        </>
    }
}

fn vpn_gateway_fields(ctx: &Ctx, n: &Node, vpc: &str) -> Html {
    let d = &ctx.design;
    let vpc_name = d
        .vpc(vpc)
        .map_or_else(|| vpc.to_string(), |v| v.name.clone());
    let networks: Vec<&Node> = d
        .nodes
        .iter()
        .filter(|o| matches!(&o.kind, NodeKind::OnPremises { vpn: Some(e), .. } if *e == n.id))
        .collect();
    html! {
        <>
            <p>{ format!("Attached to VPC {vpc_name}") }</p>
            { hint("The AWS end of a Site-to-Site VPN. Turn on route propagation in the VPC's route tables, or add routes to it, so subnets reach the on-premises network.") }
            if !networks.is_empty() {
                <ul class="plain">
                    { for networks.iter().map(|o| html! {
                        <li>{ button("link", format!("VPN from {}", node_accessible_name(o)), ctx.select(&o.id)) }</li>
                    }) }
                </ul>
            }
        </>
    }
}

fn on_premises_fields(ctx: &Ctx, n: &Node, cidrs: &[String], vpn: Option<&str>) -> Html {
    let d = &ctx.design;
    let blocks = cidrs.iter().enumerate().map(|(i, c)| {
        let on_commit = ctx.replace(n, Item::Node, move |n: &mut Node, text: String| {
            if let NodeKind::OnPremises { cidrs, .. } = &mut n.kind {
                if let Some(slot) = cidrs.get_mut(i) {
                    *slot = text;
                }
            }
        });
        let remove = ctx.replace(n, Item::Node, move |n: &mut Node, _: MouseEvent| {
            if let NodeKind::OnPremises { cidrs, .. } = &mut n.kind {
                if i < cidrs.len() {
                    cidrs.remove(i);
                }
            }
        });
        html! {
            <>
                { text_field(&(format!("onprem-cidr-{i}")), &(format!("CIDR block {}", i + 1)), &c, "192.168.0.0/16", ctx.errors_at(&n.id, "cidrs", Some(i)), on_commit) }
                <div>{ button("link", format!("Remove block {}", i + 1), remove) }</div>
            </>
        }
    });
    let add = ctx.replace(n, Item::Node, |n: &mut Node, _: MouseEvent| {
        if let NodeKind::OnPremises { cidrs, .. } = &mut n.kind {
            cidrs.push(String::new());
        }
    });
    let on_vpn = ctx.replace(n, Item::Node, |n: &mut Node, to: String| {
        if let NodeKind::OnPremises { vpn, .. } = &mut n.kind {
            *vpn = (!to.is_empty()).then_some(to);
        }
    });
    let ends = d
        .nodes
        .iter()
        .filter(|o| matches!(o.kind, NodeKind::VpnGateway { .. }))
        .chain(
            d.nodes
                .iter()
                .filter(|o| matches!(o.kind, NodeKind::TransitGateway { .. })),
        );
    let options: Vec<(String, String)> = std::iter::once((String::new(), "None".to_string()))
        .chain(ends.map(|o| {
            let label = match &o.kind {
                NodeKind::VpnGateway { vpc } => format!(
                    "{} (VPC {})",
                    node_accessible_name(o),
                    d.vpc(vpc).map_or(vpc.as_str(), |v| v.name.as_str())
                ),
                _ => node_accessible_name(o),
            };
            (o.id.clone(), label)
        }))
        .collect();
    html! {
        <>
            <fieldset>
                { text("legend", "", "CIDR blocks") }
                { for blocks }
                { error_list(&ctx.errors_at(&n.id, "cidrs", None)) }
                <div>{ button("link", "Add a CIDR block", add) }</div>
            </fieldset>
            { select_field("onprem-vpn", "Site-to-Site VPN to", &options, &(vpn.unwrap_or_default().to_string()), ctx.errors(&n.id, "vpn"), on_vpn) }
            { flows_of(ctx, n) }
        </>
    }
}
