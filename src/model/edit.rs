//! Edits: every change to a design as a value. Applying an edit returns its inverse, so the
//! undo history is a list of inverses and redo a list of their inverses.

use super::design::{Design, Flow, FlowTarget, Id, Node, NodeKind, RouteTable, Subnet, Vpc};
use std::fmt;

/// Any item of a design, whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Vpc(Vpc),
    Subnet(Subnet),
    RouteTable(RouteTable),
    Node(Node),
    Flow(Flow),
}

/// Which list of the design an item lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Vpc,
    Subnet,
    RouteTable,
    Node,
    Flow,
}

impl Item {
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Vpc(_) => ItemKind::Vpc,
            Item::Subnet(_) => ItemKind::Subnet,
            Item::RouteTable(_) => ItemKind::RouteTable,
            Item::Node(_) => ItemKind::Node,
            Item::Flow(_) => ItemKind::Flow,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Item::Vpc(x) => &x.id,
            Item::Subnet(x) => &x.id,
            Item::RouteTable(x) => &x.id,
            Item::Node(x) => &x.id,
            Item::Flow(x) => &x.id,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Puts an item at a position of its list (clamped to the list's length).
    Insert {
        index: usize,
        item: Item,
    },
    /// Takes the item with this id out of the design, and nothing else.
    Remove {
        id: Id,
    },
    /// Takes the item at a position of a list out (the exact undo of an `Insert`, even when
    /// a loaded design has two items with one id).
    RemoveAt {
        kind: ItemKind,
        index: usize,
    },
    /// Replaces the item with the same id.
    Replace {
        item: Item,
    },
    /// Moves items on the canvas.
    Translate {
        ids: Vec<Id>,
        dx: i32,
        dy: i32,
    },
    SetRegion {
        region: String,
    },
    SetName {
        name: String,
    },
    /// Replaces the whole design (opening an example, a file or a link), so even that is undoable.
    ReplaceDesign(Box<Design>),
    /// Several edits as one step.
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NoSuchItem(Id),
    /// A move that would leave the canvas's coordinate range.
    OffCanvas,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchItem(id) => {
                write!(f, "{} is no longer in the design", super::text::clip(id))
            }
            EditError::OffCanvas => write!(f, "that would move it off the canvas"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the design is unchanged.
    pub fn apply(self, design: &mut Design) -> Result<Edit, EditError> {
        // Items come and go: positions by id are found again after (model/lookup.rs).
        design.lookup.clear();
        let inverse = self.apply_here(design);
        design.lookup.clear();
        inverse
    }

    fn apply_here(self, design: &mut Design) -> Result<Edit, EditError> {
        match self {
            // No uniqueness check: ids are fresh when the editor makes them, and a loaded design
            // with duplicate ids (a validation error) must still undo every step.
            Edit::Insert { index, item } => {
                let kind = item.kind();
                let index = match item {
                    Item::Vpc(x) => insert_at(&mut design.vpcs, index, x),
                    Item::Subnet(x) => insert_at(&mut design.subnets, index, x),
                    Item::RouteTable(x) => insert_at(&mut design.route_tables, index, x),
                    Item::Node(x) => insert_at(&mut design.nodes, index, x),
                    Item::Flow(x) => insert_at(&mut design.flows, index, x),
                };
                Ok(Edit::RemoveAt { kind, index })
            }
            Edit::RemoveAt { kind, index } => {
                let item = match kind {
                    ItemKind::Vpc => remove_at(&mut design.vpcs, index).map(Item::Vpc),
                    ItemKind::Subnet => remove_at(&mut design.subnets, index).map(Item::Subnet),
                    ItemKind::RouteTable => {
                        remove_at(&mut design.route_tables, index).map(Item::RouteTable)
                    }
                    ItemKind::Node => remove_at(&mut design.nodes, index).map(Item::Node),
                    ItemKind::Flow => remove_at(&mut design.flows, index).map(Item::Flow),
                };
                let item = item.ok_or_else(|| EditError::NoSuchItem(format!("item {index}")))?;
                Ok(Edit::Insert { index, item })
            }
            Edit::Remove { id } => {
                let (index, item) = take(design, &id).ok_or(EditError::NoSuchItem(id))?;
                Ok(Edit::Insert { index, item })
            }
            Edit::Replace { item } => {
                let old = replace(design, item)?;
                Ok(Edit::Replace { item: old })
            }
            Edit::Translate { ids, dx, dy } => {
                let (Some(back_x), Some(back_y)) = (dx.checked_neg(), dy.checked_neg()) else {
                    return Err(EditError::OffCanvas);
                };
                // Check every item first, so a refused move changes nothing.
                for id in &ids {
                    translated(design, id, dx, dy)?;
                }
                for id in &ids {
                    translate(design, id, dx, dy);
                }
                Ok(Edit::Translate {
                    ids,
                    dx: back_x,
                    dy: back_y,
                })
            }
            Edit::SetRegion { region } => {
                let old = std::mem::replace(&mut design.region, region);
                Ok(Edit::SetRegion { region: old })
            }
            Edit::SetName { name } => {
                let old = std::mem::replace(&mut design.name, name);
                Ok(Edit::SetName { name: old })
            }
            Edit::ReplaceDesign(new) => {
                let old = std::mem::replace(design, *new);
                Ok(Edit::ReplaceDesign(Box::new(old)))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(design) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was applied, newest first, so the batch is atomic.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(design);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

/// Inserts at `index` (or at the end if the list is shorter) and returns where it went.
fn insert_at<T>(list: &mut Vec<T>, index: usize, value: T) -> usize {
    let index = index.min(list.len());
    list.insert(index, value);
    index
}

fn remove_at<T>(list: &mut Vec<T>, index: usize) -> Option<T> {
    (index < list.len()).then(|| list.remove(index))
}

fn take(design: &mut Design, id: &str) -> Option<(usize, Item)> {
    if let Some(i) = design.vpcs.iter().position(|x| x.id == id) {
        return Some((i, Item::Vpc(design.vpcs.remove(i))));
    }
    if let Some(i) = design.subnets.iter().position(|x| x.id == id) {
        return Some((i, Item::Subnet(design.subnets.remove(i))));
    }
    if let Some(i) = design.route_tables.iter().position(|x| x.id == id) {
        return Some((i, Item::RouteTable(design.route_tables.remove(i))));
    }
    if let Some(i) = design.nodes.iter().position(|x| x.id == id) {
        return Some((i, Item::Node(design.nodes.remove(i))));
    }
    if let Some(i) = design.flows.iter().position(|x| x.id == id) {
        return Some((i, Item::Flow(design.flows.remove(i))));
    }
    None
}

fn replace(design: &mut Design, item: Item) -> Result<Item, EditError> {
    fn swap<T>(slot: Option<&mut T>, new: T, id: &str) -> Result<T, EditError> {
        slot.map(|s| std::mem::replace(s, new))
            .ok_or_else(|| EditError::NoSuchItem(id.to_string()))
    }
    let id = item.id().to_string();
    Ok(match item {
        Item::Vpc(x) => Item::Vpc(swap(design.vpcs.iter_mut().find(|v| v.id == id), x, &id)?),
        Item::Subnet(x) => Item::Subnet(swap(
            design.subnets.iter_mut().find(|v| v.id == id),
            x,
            &id,
        )?),
        Item::RouteTable(x) => Item::RouteTable(swap(
            design.route_tables.iter_mut().find(|v| v.id == id),
            x,
            &id,
        )?),
        Item::Node(x) => Item::Node(swap(design.nodes.iter_mut().find(|v| v.id == id), x, &id)?),
        Item::Flow(x) => Item::Flow(swap(design.flows.iter_mut().find(|v| v.id == id), x, &id)?),
    })
}

/// The new position of an item moved by (dx, dy), if it exists and stays in range.
fn translated(design: &Design, id: &str, dx: i32, dy: i32) -> Result<(i32, i32), EditError> {
    let (x, y) = if let Some(v) = design.vpc(id) {
        (v.layout.x, v.layout.y)
    } else if let Some(s) = design.subnet(id) {
        (s.layout.x, s.layout.y)
    } else if let Some(n) = design.node(id) {
        (n.at.x, n.at.y)
    } else {
        return Err(EditError::NoSuchItem(id.to_string()));
    };
    match (x.checked_add(dx), y.checked_add(dy)) {
        (Some(x), Some(y)) => Ok((x, y)),
        _ => Err(EditError::OffCanvas),
    }
}

/// Moves an item already checked by `translated`.
fn translate(design: &mut Design, id: &str, dx: i32, dy: i32) {
    let Ok((x, y)) = translated(design, id, dx, dy) else {
        return;
    };
    if let Some(v) = design.vpcs.iter_mut().find(|v| v.id == id) {
        (v.layout.x, v.layout.y) = (x, y);
    } else if let Some(s) = design.subnets.iter_mut().find(|s| s.id == id) {
        (s.layout.x, s.layout.y) = (x, y);
    } else if let Some(n) = design.nodes.iter_mut().find(|n| n.id == id) {
        (n.at.x, n.at.y) = (x, y);
    }
}

/// The edit that turns `before` into `after` when `after` only adds items and changes some in
/// place, each list keeping its items in order: what a paste or an AZ lane worked out in the
/// worker answers, as a whole design. Its undo keeps only what changed; a whole design kept for
/// every paste would be megabytes of history on a large design. Anything else (an item taken
/// out, items reordered, the name or the Region changed) is the whole design replaced. Checked
/// by applying it: the answer always turns `before` into `after`.
pub fn between(before: &Design, after: Design) -> Edit {
    let mut inserts = Vec::new();
    let mut changes = Vec::new();
    let same = before.name == after.name
        && before.region == after.region
        && before.version == after.version
        && added_or_changed(
            &before.vpcs,
            &after.vpcs,
            |x| &x.id,
            Item::Vpc,
            &mut inserts,
            &mut changes,
        )
        && added_or_changed(
            &before.subnets,
            &after.subnets,
            |x| &x.id,
            Item::Subnet,
            &mut inserts,
            &mut changes,
        )
        && added_or_changed(
            &before.route_tables,
            &after.route_tables,
            |x| &x.id,
            Item::RouteTable,
            &mut inserts,
            &mut changes,
        )
        && added_or_changed(
            &before.nodes,
            &after.nodes,
            |x| &x.id,
            Item::Node,
            &mut inserts,
            &mut changes,
        )
        && added_or_changed(
            &before.flows,
            &after.flows,
            |x| &x.id,
            Item::Flow,
            &mut inserts,
            &mut changes,
        );
    if same {
        inserts.append(&mut changes);
        let edit = Edit::Batch(inserts);
        let mut check = before.clone();
        if edit.clone().apply(&mut check).is_ok() && check == after {
            return edit;
        }
    }
    Edit::ReplaceDesign(Box::new(after))
}

/// Inserts for the items of `new` that `old` lacks, at their places, and replacements for those
/// that differ; false when `old`'s items are not all in `new`, in the same order.
fn added_or_changed<T: Clone + PartialEq>(
    old: &[T],
    new: &[T],
    id: fn(&T) -> &str,
    wrap: fn(T) -> Item,
    inserts: &mut Vec<Edit>,
    changes: &mut Vec<Edit>,
) -> bool {
    let mut kept = 0;
    for (index, x) in new.iter().enumerate() {
        match old.get(kept) {
            Some(o) if id(o) == id(x) => {
                if o != x {
                    changes.push(Edit::Replace {
                        item: wrap(x.clone()),
                    });
                }
                kept += 1;
            }
            _ => inserts.push(Edit::Insert {
                index,
                item: wrap(x.clone()),
            }),
        }
    }
    kept == old.len()
}

/// One step that deletes the given items and everything that cannot exist without them:
/// a VPC takes its subnets, route tables, gateways and endpoints; a subnet takes what sits in
/// it; a node takes its flows and the routes that point at it. References from items that stay
/// (a route table's association, an endpoint's subnet list) are removed from those items.
pub fn delete(design: &Design, ids: &[Id]) -> Edit {
    let mut doomed: Vec<Id> = Vec::new();
    let push = |doomed: &mut Vec<Id>, id: &str| {
        if !doomed.iter().any(|d| d == id) {
            doomed.push(id.to_string());
        }
    };
    // Security groups and network ACLs live inside their VPC and are edited with it.
    for id in ids {
        if design.item_ids().any(|x| x == id) {
            push(&mut doomed, id);
        }
    }
    // Grow the set until nothing more depends on it.
    loop {
        let before = doomed.len();
        let gone = |id: &str, doomed: &Vec<Id>| doomed.iter().any(|d| d == id);
        for s in &design.subnets {
            if gone(&s.vpc, &doomed) {
                push(&mut doomed, &s.id);
            }
        }
        for rt in &design.route_tables {
            if gone(&rt.vpc, &doomed) {
                push(&mut doomed, &rt.id);
            }
        }
        for n in &design.nodes {
            let orphan = match &n.kind {
                NodeKind::InternetGateway { vpc }
                | NodeKind::VpnGateway { vpc }
                | NodeKind::GatewayEndpoint { vpc, .. } => gone(vpc, &doomed),
                NodeKind::VpcPeering {
                    requester,
                    accepter,
                } => gone(requester, &doomed) || gone(accepter, &doomed),
                // An interface endpoint lives on while one of its subnets does.
                NodeKind::InterfaceEndpoint {
                    vpc,
                    subnets,
                    endpoint_service,
                    ..
                } => {
                    // An endpoint to a deleted endpoint service has nothing left to reach.
                    gone(vpc, &doomed)
                        || (!subnets.is_empty() && subnets.iter().all(|s| gone(s, &doomed)))
                        || endpoint_service
                            .as_deref()
                            .is_some_and(|e| gone(e, &doomed))
                }
                NodeKind::ResolverEndpoint { vpc, subnets, .. }
                | NodeKind::EndpointService { vpc, subnets, .. } => {
                    gone(vpc, &doomed)
                        || (!subnets.is_empty() && subnets.iter().all(|s| gone(s, &doomed)))
                }
                NodeKind::AwsService { .. } | NodeKind::PrivateHostedZone { .. } => false,
                other => other.home_subnet().is_some_and(|s| gone(s, &doomed)),
            };
            if orphan {
                push(&mut doomed, &n.id);
            }
        }
        for f in &design.flows {
            let to_gone = matches!(&f.to, FlowTarget::Node(t) if gone(t, &doomed));
            if gone(&f.from, &doomed) || to_gone {
                push(&mut doomed, &f.id);
            }
        }
        if doomed.len() == before {
            break;
        }
    }
    let gone = |id: &str| doomed.iter().any(|d| d == id);
    let mut edits = Vec::new();
    // Survivors lose their references to what goes.
    for rt in design.route_tables.iter().filter(|rt| !gone(&rt.id)) {
        if rt.subnets.iter().any(|s| gone(s))
            || rt.routes.iter().any(|r| gone(&r.target))
            || rt.propagations.iter().any(|g| gone(g))
        {
            let mut rt = rt.clone();
            rt.subnets.retain(|s| !gone(s));
            rt.routes.retain(|r| !gone(&r.target));
            rt.propagations.retain(|g| !gone(g));
            edits.push(Edit::Replace {
                item: Item::RouteTable(rt),
            });
        }
    }
    for n in design.nodes.iter().filter(|n| !gone(&n.id)) {
        let mut changed = n.clone();
        match &mut changed.kind {
            NodeKind::GatewayEndpoint { route_tables, .. } => route_tables.retain(|r| !gone(r)),
            NodeKind::InterfaceEndpoint { subnets, .. } => subnets.retain(|s| !gone(s)),
            NodeKind::EndpointService {
                subnets, targets, ..
            } => {
                subnets.retain(|s| !gone(s));
                targets.retain(|t| !gone(t));
            }
            NodeKind::OnPremises {
                vpn, dns_forwards, ..
            } => {
                if vpn.as_deref().is_some_and(gone) {
                    *vpn = None;
                }
                dns_forwards.retain(|f| !gone(&f.endpoint));
            }
            NodeKind::ResolverEndpoint { subnets, rules, .. } => {
                subnets.retain(|s| !gone(s));
                rules.retain(|r| !gone(&r.target));
                for r in rules.iter_mut() {
                    r.vpcs.retain(|v| !gone(v));
                }
            }
            NodeKind::PrivateHostedZone { vpcs, records, .. } => {
                vpcs.retain(|v| !gone(v));
                records.retain(
                    |r| !matches!(&r.value, crate::model::design::RecordValue::Alias(t) if gone(t)),
                );
            }
            NodeKind::TransitGateway {
                attachments,
                route_tables,
            } => {
                attachments.retain(|a| !gone(&a.vpc));
                for a in attachments.iter_mut() {
                    a.subnets.retain(|s| !gone(s));
                }
                for t in route_tables.iter_mut() {
                    t.associations.retain(|a| !gone(a));
                    t.propagations.retain(|a| !gone(a));
                    t.routes
                        .retain(|r| !r.attachment.as_deref().is_some_and(gone));
                }
            }
            _ => {}
        }
        if changed != *n {
            edits.push(Edit::Replace {
                item: Item::Node(changed),
            });
        }
    }
    for v in design.vpcs.iter().filter(|v| !gone(&v.id)) {
        if v.network_acls
            .iter()
            .any(|a| a.subnets.iter().any(|s| gone(s)))
        {
            let mut v = v.clone();
            for a in &mut v.network_acls {
                a.subnets.retain(|s| !gone(s));
            }
            edits.push(Edit::Replace { item: Item::Vpc(v) });
        }
    }
    // Remove dependents before what they depend on, so undo restores parents first.
    let order = |id: &str| -> u8 {
        if design.flow(id).is_some() {
            0
        } else if design.node(id).is_some() {
            1
        } else if design.route_table(id).is_some() {
            2
        } else if design.subnet(id).is_some() {
            3
        } else {
            4
        }
    };
    let mut doomed = doomed;
    crate::model::sort::sort_by_key(&mut doomed, |id| order(id));
    for id in doomed {
        // An id shared by several items (a validation error) takes all of them.
        let count = design.item_ids().filter(|x| *x == id).count();
        edits.extend(std::iter::repeat_n(Edit::Remove { id }, count));
    }
    Edit::Batch(edits)
}

/// The flow a user draws from one node to another (or to the internet), checked: flows start
/// at a workload or an on-premises network and end at a workload, an AWS service, an interface
/// endpoint, an on-premises network or the internet. Returns the edit and the new flow's id.
pub fn connect(design: &Design, from: &str, to: &FlowTarget) -> Result<(Edit, Id), String> {
    let source = design
        .node(from)
        .ok_or_else(|| format!("{} is no longer in the design", super::text::clip(from)))?;
    if !source.kind.is_flow_source() {
        return Err(format!(
            "flows start at a workload or an on-premises network, not at {}",
            source.kind.a_label()
        ));
    }
    if let FlowTarget::Node(id) = to {
        let target = design
            .node(id)
            .ok_or_else(|| format!("{} is no longer in the design", super::text::clip(id)))?;
        if target.id == source.id {
            return Err(
                "a flow goes to another node; drop the arrow on a different icon".to_string(),
            );
        }
        if !target.kind.is_flow_destination() {
            return Err(format!(
                "a flow can't end at {}: it goes to a workload, an AWS service, an interface endpoint, an on-premises network or the internet, and routing decides which gateway it passes",
                target.kind.a_label()
            ));
        }
    }
    Ok(add_flow(design, from, to.clone(), 10.0))
}

/// One step that makes `table` the route table of `subnet`. A subnet uses its VPC's main table
/// unless explicitly associated with another, so choosing the main table removes the
/// explicit association (aws-networking.md §2, "Main table").
pub fn associate_subnet(design: &Design, subnet: &str, table: &str) -> Edit {
    let target_is_main = design.route_table(table).is_some_and(|rt| rt.main);
    let mut edits = Vec::new();
    for rt in &design.route_tables {
        let has = rt.subnets.iter().any(|s| s == subnet);
        let wants = rt.id == table && !target_is_main;
        if has != wants {
            let mut changed = rt.clone();
            if wants {
                changed.subnets.push(subnet.to_string());
            } else {
                changed.subnets.retain(|s| s != subnet);
            }
            edits.push(Edit::Replace {
                item: Item::RouteTable(changed),
            });
        }
    }
    Edit::Batch(edits)
}

/// One step that adds a route table to a VPC: its main table if it has none yet (AWS always
/// has one), else a custom table. Returns the new table's id.
pub fn add_route_table(design: &Design, vpc: &str) -> (Edit, Id) {
    let id = design.fresh_id("rtb");
    let vpc_name = design.vpc(vpc).map(|v| v.name.as_str()).unwrap_or(vpc);
    let has_main = design
        .route_tables
        .iter()
        .any(|rt| rt.vpc == vpc && rt.main);
    let name = if has_main {
        format!("{vpc_name}-{id}")
    } else {
        format!("{vpc_name}-main")
    };
    let table = RouteTable {
        id: id.clone(),
        vpc: vpc.to_string(),
        name,
        main: !has_main,
        subnets: Vec::new(),
        routes: Vec::new(),
        propagations: Vec::new(),
    };
    (
        Edit::Insert {
            index: usize::MAX,
            item: Item::RouteTable(table),
        },
        id,
    )
}

/// One step that adds a flow from a workload. Returns the new flow's id.
pub fn add_flow(design: &Design, from: &str, to: FlowTarget, gb_per_month: f64) -> (Edit, Id) {
    let id = design.fresh_id("flow");
    let flow = Flow {
        id: id.clone(),
        name: String::new(),
        from: from.to_string(),
        to,
        gb_per_month,
        protocol: Default::default(),
        host: None,
        port: 443,
        requests: Vec::new(),
    };
    (
        Edit::Insert {
            index: usize::MAX,
            item: Item::Flow(flow),
        },
        id,
    )
}

/// One step that deletes a security group, and with it every reference to it: the nodes that
/// use it (they fall back to their VPC's default group, or their other groups) and the rules of
/// other groups that name it as their peer.
pub fn remove_security_group(design: &Design, group: &str) -> Edit {
    use super::design::SgPeer;
    let names_it = |r: &super::design::SgRule| r.peer == SgPeer::SecurityGroup(group.to_string());
    let mut edits = Vec::new();
    for v in &design.vpcs {
        let owns = v.security_groups.iter().any(|g| g.id == group);
        let refers = v
            .security_groups
            .iter()
            .any(|g| g.ingress.iter().chain(&g.egress).any(names_it));
        if owns || refers {
            let mut changed = v.clone();
            changed.security_groups.retain(|g| g.id != group);
            for g in &mut changed.security_groups {
                g.ingress.retain(|r| !names_it(r));
                g.egress.retain(|r| !names_it(r));
            }
            edits.push(Edit::Replace {
                item: Item::Vpc(changed),
            });
        }
    }
    for n in design
        .nodes
        .iter()
        .filter(|n| n.security_groups.iter().any(|g| g == group))
    {
        let mut changed = n.clone();
        changed.security_groups.retain(|g| g != group);
        edits.push(Edit::Replace {
            item: Item::Node(changed),
        });
    }
    Edit::Batch(edits)
}

/// The undo and redo stacks of an editing session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

/// How many steps are kept; older ones are forgotten.
pub const HISTORY_LIMIT: usize = 200;

impl History {
    /// Applies a new edit as one undoable step; a new step clears what could be redone.
    pub fn apply(&mut self, design: &mut Design, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.apply(design)?;
        self.undo.push(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self, design: &mut Design) -> bool {
        Self::step(&mut self.undo, &mut self.redo, design)
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self, design: &mut Design) -> bool {
        Self::step(&mut self.redo, &mut self.undo, design)
    }

    fn step(from: &mut Vec<Edit>, to: &mut Vec<Edit>, design: &mut Design) -> bool {
        let Some(edit) = from.pop() else { return false };
        match edit.apply(design) {
            Ok(inverse) => {
                to.push(inverse);
                true
            }
            // An inverse that no longer applies is dropped rather than looping on it.
            Err(_) => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
