//! Terraform import: a file that uses the resource types the exporter writes, with literal
//! values and references between its resources (`aws_vpc.prod.id`, `"${var.region}a"`), read
//! back into a design. The trailing `# vpc-planner:` line of an export (meta.rs) gives back
//! what Terraform doesn't hold (ids, positions, workloads, flows), so export → import → export
//! gives the same bytes; without it things are placed on a default layout.
//!
//! Never all-or-nothing: a block the planner can't read (an unknown type, `count`, an
//! expression) becomes an `ImportProblem` naming it and its line, and the rest still imports.
//! Only a file that is not HCL at all is an `ImportError`.

use super::connectivity::on_premises_dns_ip;
use super::meta::{self, Meta};
use crate::model::design::*;
use crate::model::hash::{HashMap, HashMapExt, HashSet, HashSetExt};
use hcl::Block;
use hcl::expr::{Expression, ObjectKey, TraversalOperator};
use std::fmt;

/// A design read from Terraform, with what could not be read.
#[derive(Debug, Clone)]
pub struct Imported {
    pub design: Design,
    pub problems: Vec<ImportProblem>,
}

/// A block (or the metadata line) that was left out or read only in part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The block's header, e.g. `resource "aws_lb" "web"`.
    pub block: String,
    /// 1-based line of the block's header (0 when it can't be found).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.block, self.message)
    }
}

/// The text is not HCL: nothing could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Refuses, before the HCL parser sees it, text whose brackets are nested deeper than
/// `MAX_IMPORT_NESTING` or are left open (with where), and text with a string or comment left
/// open. The parser backtracks over brackets left open, taking about twice as long for each
/// one more: fuzzed files of 600 bytes took it 4 to 20 s to refuse. Strings (with their `${ }`
/// and `%{ }` parts), comments and heredocs are skipped, so brackets inside text don't count.
fn check_brackets(text: &str) -> Result<(), ImportError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        Bracket(char),
        /// A quoted string; `${`/`%{` inside it push a `Template`.
        Quote,
        Template,
    }
    let err = |line: usize, column: usize, message: String| {
        Err(ImportError {
            line,
            column,
            message,
        })
    };
    let chars: Vec<char> = text.chars().collect();
    let mut stack: Vec<(Open, usize, usize)> = Vec::new();
    let (mut i, mut line, mut column) = (0usize, 1usize, 1usize);
    let step = |i: &mut usize, line: &mut usize, column: &mut usize, c: char| {
        *i += 1;
        if c == '\n' {
            *line += 1;
            *column = 1;
        } else {
            *column += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let in_quote = matches!(stack.last(), Some((Open::Quote, ..)));
        if in_quote {
            match (c, next) {
                ('\\', Some(n)) => {
                    step(&mut i, &mut line, &mut column, c);
                    step(&mut i, &mut line, &mut column, n);
                    continue;
                }
                ('"', _) => {
                    stack.pop();
                }
                ('$' | '%', Some('{')) if chars.get(i.wrapping_sub(1)) != Some(&c) => {
                    stack.push((Open::Template, line, column));
                    step(&mut i, &mut line, &mut column, c);
                }
                _ => {}
            }
            step(&mut i, &mut line, &mut column, c);
            continue;
        }
        match (c, next) {
            ('#', _) | ('/', Some('/')) => {
                while i < chars.len() && chars[i] != '\n' {
                    {
                        let ch = chars[i];
                        step(&mut i, &mut line, &mut column, ch);
                    }
                }
                continue;
            }
            ('/', Some('*')) => {
                let (l, col) = (line, column);
                step(&mut i, &mut line, &mut column, '/');
                step(&mut i, &mut line, &mut column, '*');
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    {
                        let ch = chars[i];
                        step(&mut i, &mut line, &mut column, ch);
                    }
                }
                if i >= chars.len() {
                    return err(l, col, "a comment opened here is never closed".into());
                }
                step(&mut i, &mut line, &mut column, '*');
                step(&mut i, &mut line, &mut column, '/');
                continue;
            }
            ('<', Some('<')) => {
                // A heredoc: its marker after `<<` or `<<-`, then lines up to the marker alone.
                let rest: String = chars[i + 2..].iter().take_while(|c| **c != '\n').collect();
                let marker = rest.trim_start_matches('-').trim();
                if !marker.is_empty() && marker.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    let (l, col) = (line, column);
                    let marker = marker.to_string();
                    while i < chars.len() && chars[i] != '\n' {
                        {
                            let ch = chars[i];
                            step(&mut i, &mut line, &mut column, ch);
                        }
                    }
                    loop {
                        if i >= chars.len() {
                            return err(
                                l,
                                col,
                                format!("the heredoc <<{marker} opened here is never closed"),
                            );
                        }
                        step(&mut i, &mut line, &mut column, '\n');
                        let body: String = chars[i..].iter().take_while(|c| **c != '\n').collect();
                        let done = body.trim() == marker;
                        for ch in body.chars() {
                            step(&mut i, &mut line, &mut column, ch);
                        }
                        if done {
                            break;
                        }
                    }
                    continue;
                }
            }
            ('"', _) => stack.push((Open::Quote, line, column)),
            ('[' | '{' | '(', _) => {
                stack.push((Open::Bracket(c), line, column));
                if stack.len() > MAX_IMPORT_NESTING {
                    return err(
                        line,
                        column,
                        format!("brackets and braces nested more than {MAX_IMPORT_NESTING} deep"),
                    );
                }
            }
            (']' | ')', _) => {
                stack.pop();
            }
            ('}', _) => {
                // Closes a bracket, or a template part of the string around it.
                stack.pop();
            }
            _ => {}
        }
        step(&mut i, &mut line, &mut column, c);
    }
    match stack.last() {
        Some((Open::Bracket(b), l, col)) => {
            err(*l, *col, format!("the {b} opened here is never closed"))
        }
        Some((Open::Quote, l, col)) => {
            err(*l, *col, "the string opened here is never closed".into())
        }
        Some((Open::Template, l, col)) => {
            err(*l, *col, "the ${ or %{ opened here is never closed".into())
        }
        None => Ok(()),
    }
}

/// Resource types the importer reads (all the exporter writes); `data "aws_prefix_list"` too.
const TYPES: &[&str] = &[
    "aws_vpc",
    "aws_vpc_ipv4_cidr_block_association",
    "aws_subnet",
    "aws_internet_gateway",
    "aws_eip",
    "aws_nat_gateway",
    "aws_route_table",
    "aws_default_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_vpc_endpoint",
    "aws_vpc_endpoint_route_table_association",
    "aws_security_group",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_network_acl",
    "aws_network_acl_rule",
    "aws_vpc_peering_connection",
    "aws_ec2_transit_gateway",
    "aws_ec2_transit_gateway_vpc_attachment",
    "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route_table_association",
    "aws_ec2_transit_gateway_route_table_propagation",
    "aws_ec2_transit_gateway_route",
    "aws_vpn_gateway",
    "aws_vpn_gateway_route_propagation",
    "aws_customer_gateway",
    "aws_vpn_connection",
    "aws_vpn_connection_route",
    "aws_route53_resolver_endpoint",
    "aws_route53_resolver_rule",
    "aws_route53_resolver_rule_association",
    "aws_route53_zone",
    "aws_route53_record",
    "aws_lb",
    "aws_lb_target_group",
    "aws_lb_listener",
    "aws_vpc_endpoint_service",
];

/// The largest Terraform file the importer reads: four times what the export of the
/// 5,000-resource benchmark design writes (2.1 MB); a larger file is refused at once.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// The deepest nesting of brackets and braces the importer reads (outside strings and
/// comments). Terraform for AWS nests a few levels (a policy in `jsonencode` perhaps eight).
pub const MAX_IMPORT_NESTING: usize = 32;

/// Reads Terraform text into a design.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        let mb = |b: usize| b.div_ceil(1024 * 1024);
        return Err(ImportError {
            line: 1,
            column: 1,
            message: format!(
                "the file is {} MB, larger than the {} MB the importer reads",
                mb(text.len()),
                mb(MAX_IMPORT_BYTES)
            ),
        });
    }
    check_brackets(text)?;
    let body = hcl::parse(text).map_err(|e| match e {
        hcl::Error::Parse(p) => ImportError {
            line: p.location().line(),
            column: p.location().column(),
            message: p.message().to_string(),
        },
        other => ImportError {
            line: 1,
            column: 1,
            message: other.to_string(),
        },
    })?;
    let mut r = Reader::new(text);
    r.read_meta(text);
    let mut resources = Vec::new();
    for b in body.blocks() {
        let labels: Vec<&str> = b.labels().iter().map(|l| l.as_str()).collect();
        match (b.identifier(), labels.as_slice()) {
            ("terraform" | "provider" | "output", _) => {}
            ("variable", ["region"]) => match attr(b, "default").map(string) {
                Some(Ok(region)) => r.design.region = region,
                _ => r.problem(
                    b,
                    "the Region has no literal default; us-east-1 is assumed".into(),
                ),
            },
            // Variables hold inputs (tags, a VPN device's address) the design doesn't keep.
            ("variable", _) => {}
            ("data", ["aws_prefix_list", name]) => match service_of(attr(b, "name")) {
                Ok(s) => {
                    r.prefix_lists.insert(name.to_string(), s);
                }
                Err(e) => r.problem(b, format!("`name`: {e}")),
            },
            ("resource", [ty, _]) if !TYPES.contains(ty) => r.problem(
                b,
                format!("resource type {ty} is not one the planner imports; left out"),
            ),
            ("resource", [_, _]) => {
                // `count` is read in one place: the export's route to a workload's interface,
                // created once its variable is set.
                let eni_route =
                    labels[0] == "aws_route" && attr(b, "network_interface_id").is_some();
                if let Some(meta_arg) = ["count", "for_each"]
                    .into_iter()
                    .find(|k| attr(b, k).is_some() && !(eni_route && *k == "count"))
                {
                    r.problem(
                        b,
                        format!("`{meta_arg}` makes copies the planner cannot count; left out"),
                    );
                } else if b
                    .body()
                    .blocks()
                    .any(|inner| inner.identifier() == "dynamic")
                {
                    r.problem(b, "`dynamic` blocks are not read; left out".into());
                } else {
                    resources.push(b);
                }
            }
            (kind, _) => r.problem(b, format!("{kind} blocks are not read; left out")),
        }
    }
    for a in body.attributes() {
        r.problems.push(ImportProblem {
            block: a.key().to_string(),
            line: 0,
            message: "top-level attributes are not read".into(),
        });
    }
    // Each type in an order where what a resource refers to is read before it.
    for group in TYPES_IN_ORDER {
        for b in resources
            .iter()
            .filter(|b| group.contains(&b.labels()[0].as_str()))
        {
            if let Err(message) = r.resource(b.labels()[0].as_str(), b.labels()[1].as_str(), b) {
                r.problem(b, message);
            }
        }
    }
    for b in resources
        .iter()
        .filter(|b| b.labels()[0].as_str() == "aws_eip")
    {
        if !r.used_eips.contains(b.labels()[1].as_str()) {
            r.problem(
                b,
                "an Elastic IP no NAT gateway uses is not part of a design; left out".into(),
            );
        }
    }
    // A load balancer, target group or listener stands for part of an endpoint service.
    for b in resources.iter().filter(|b| {
        ["aws_lb", "aws_lb_target_group", "aws_lb_listener"].contains(&b.labels()[0].as_str())
    }) {
        let address = format!("{}.{}", b.labels()[0].as_str(), b.labels()[1].as_str());
        if !r.privatelink_used.contains(&address)
            && !r.problems.iter().any(|p| {
                p.block.contains(&format!(
                    "\"{}\" \"{}\"",
                    b.labels()[0].as_str(),
                    b.labels()[1].as_str()
                ))
            })
        {
            r.problem(b, "the planner reads a load balancer, its target group and listener as part of an aws_vpc_endpoint_service; no endpoint service uses this one, so it is left out".into());
        }
    }
    Ok(r.finish())
}

/// What a route's target holds until `resolve_interface_routes` finds the workload: a prefix no
/// id can have, then the variable's name.
const ENI_PENDING: &str = "\u{0}eni:";

/// Each group in file order; a group only refers to groups before it. Main and other route
/// tables are one group because their order in the file is their order in the design.
const TYPES_IN_ORDER: &[&[&str]] = &[
    &["aws_vpc"],
    &["aws_vpc_ipv4_cidr_block_association"],
    &["aws_security_group"],
    &["aws_internet_gateway"],
    &["aws_vpn_gateway"],
    &["aws_subnet"],
    &["aws_vpc_security_group_ingress_rule"],
    &["aws_vpc_security_group_egress_rule"],
    &["aws_network_acl"],
    &["aws_network_acl_rule"],
    &["aws_nat_gateway"],
    &["aws_vpc_peering_connection"],
    &["aws_ec2_transit_gateway"],
    &["aws_ec2_transit_gateway_vpc_attachment"],
    &["aws_customer_gateway"],
    &["aws_vpn_connection"],
    &["aws_vpn_connection_route"],
    &["aws_ec2_transit_gateway_route_table"],
    &["aws_ec2_transit_gateway_route_table_association"],
    &["aws_ec2_transit_gateway_route_table_propagation"],
    &["aws_ec2_transit_gateway_route"],
    &["aws_route_table", "aws_default_route_table"],
    &["aws_route"],
    &["aws_vpn_gateway_route_propagation"],
    &["aws_route_table_association"],
    &["aws_lb"],
    &["aws_lb_target_group"],
    &["aws_lb_listener"],
    &["aws_vpc_endpoint_service"],
    &["aws_vpc_endpoint"],
    &["aws_vpc_endpoint_route_table_association"],
    &["aws_route53_resolver_endpoint"],
    &["aws_route53_resolver_rule"],
    &["aws_route53_resolver_rule_association"],
    &["aws_route53_zone"],
    &["aws_route53_record"],
];

struct Reader<'t> {
    text: &'t str,
    meta: Meta,
    design: Design,
    problems: Vec<ImportProblem>,
    /// Resource address → id of the design item it became.
    ids: HashMap<String, Id>,
    /// Ids given out, and every id the metadata holds (fresh ids must not take one of those).
    used: HashSet<Id>,
    /// Nodes with their index from the metadata, sorted when done.
    nodes: Vec<(usize, Node)>,
    /// Items whose canvas position came from the metadata.
    placed: HashSet<Id>,
    prefix_lists: HashMap<String, String>,
    used_eips: HashSet<String>,
    /// Secondary block association → VPC id; transit gateway attachment → (gateway, VPC).
    secondary: HashMap<String, Id>,
    attachments: HashMap<String, (Id, Id)>,
    /// Transit gateway route table → (gateway, index); forwarding rule → (endpoint, index).
    tgw_tables: HashMap<String, (Id, usize)>,
    rules: HashMap<String, (Id, usize)>,
    /// Names behind `${var.name_prefix}`, read from hcl-edit's tree (prefixed.rs).
    prefixed: HashMap<super::prefixed::Key, String>,
    /// On-premises networks whose blocks came from the metadata (VPN routes then add none).
    cidrs_from_meta: HashSet<Id>,
    /// Endpoint services' parts, by address: a load balancer's subnets; a target group's VPC
    /// and port; per load balancer, its listener's port, target group and address.
    lbs: HashMap<String, Vec<Id>>,
    target_groups: HashMap<String, (Id, u16)>,
    listeners: HashMap<String, (u16, String, String)>,
    privatelink_used: HashSet<String>,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            meta: Meta::default(),
            design: Design::empty("us-east-1"),
            problems: Vec::new(),
            ids: HashMap::new(),
            used: HashSet::new(),
            nodes: Vec::new(),
            placed: HashSet::new(),
            prefix_lists: HashMap::new(),
            used_eips: HashSet::new(),
            secondary: HashMap::new(),
            prefixed: super::prefixed::names(text),
            attachments: HashMap::new(),
            tgw_tables: HashMap::new(),
            rules: HashMap::new(),
            cidrs_from_meta: HashSet::new(),
            lbs: HashMap::new(),
            target_groups: HashMap::new(),
            listeners: HashMap::new(),
            privatelink_used: HashSet::new(),
        }
    }

    fn read_meta(&mut self, text: &str) {
        let Some((n, line)) = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(meta::PREFIX))
            .last()
        else {
            return;
        };
        match serde_json::from_str::<Meta>(&line[meta::PREFIX.len()..]) {
            Ok(m) => self.meta = m,
            Err(e) => self.problems.push(ImportProblem {
                block: "# vpc-planner:".into(),
                line: n + 1,
                message: format!(
                    "the planner's layout line could not be read ({e}); a default layout is used"
                ),
            }),
        }
        self.design.name = self.meta.name.clone();
        // `variable "region"`, read later, wins; this covers a split main.tf read alone.
        if !self.meta.region.is_empty() {
            self.design.region = self.meta.region.clone();
        }
        let meta = &self.meta;
        self.used.extend(meta.items.values().map(|p| p.id.clone()));
        self.used
            .extend(meta.nodes.iter().map(|k| k.node.id.clone()));
        self.used.extend(meta.flows.iter().map(|f| f.id.clone()));
    }

    fn problem(&mut self, b: &Block, message: String) {
        let labels: Vec<String> = b
            .labels()
            .iter()
            .map(|l| format!("\"{}\"", l.as_str()))
            .collect();
        let block = std::iter::once(b.identifier().to_string())
            .chain(labels.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let line = header_line(
            self.text,
            b.identifier(),
            &b.labels().iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        );
        self.problems.push(ImportProblem {
            block,
            line,
            message,
        });
    }

    /// The id of the item a resource becomes: the metadata's, else a fresh one.
    fn id(&mut self, address: &str, prefix: &str) -> Id {
        if let Some(p) = self.meta.items.get(address)
            && !self.ids.values().any(|v| *v == p.id)
        {
            return p.id.clone();
        }
        let fresh = (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|c| !self.used.contains(c))
            .unwrap_or_default();
        self.used.insert(fresh.clone());
        fresh
    }

    fn rect(&mut self, address: &str, id: &str) -> Rect {
        match self.meta.items.get(address).and_then(|p| p.rect) {
            Some(r) => {
                self.placed.insert(id.to_string());
                r
            }
            None => Rect::default(),
        }
    }

    fn add_node(
        &mut self,
        address: &str,
        id: Id,
        name: String,
        kind: NodeKind,
        security_groups: Vec<Id>,
    ) {
        let placed = self.meta.items.get(address);
        let at = placed.and_then(|p| p.at);
        let index = placed.and_then(|p| p.i).unwrap_or(usize::MAX);
        if at.is_some() {
            self.placed.insert(id.clone());
        }
        self.ids.insert(address.to_string(), id.clone());
        self.nodes.push((
            index,
            Node {
                id,
                name,
                at: at.unwrap_or_default(),
                kind,
                security_groups,
                policy: None,
            },
        ));
    }

    fn node_mut(&mut self, id: &str) -> Option<&mut NodeKind> {
        self.nodes
            .iter_mut()
            .find(|(_, n)| n.id == id)
            .map(|(_, n)| &mut n.kind)
    }

    /// The id of the item a reference such as `aws_vpc.prod.id` names.
    fn target(&self, b: &Block, key: &str, wanted: &[(&str, &str)]) -> Result<Id, String> {
        let e = attr(b, key).ok_or_else(|| format!("`{key}` is missing"))?;
        self.resolve(key, e, wanted)
    }

    fn resolve(&self, key: &str, e: &Expression, wanted: &[(&str, &str)]) -> Result<Id, String> {
        let Some((ty, name, field)) = reference(e) else {
            return Err(format!(
                "`{key}` is not a reference to a resource of this file"
            ));
        };
        if !wanted.iter().any(|(t, f)| *t == ty && *f == field) {
            let expected: Vec<String> = wanted.iter().map(|(t, f)| format!("{t}.…{f}")).collect();
            return Err(format!(
                "`{key}` refers to {ty}.{name}.{field}; expected {}",
                expected.join(" or ")
            ));
        }
        let address = format!("{ty}.{name}");
        let found = match ty.as_str() {
            "aws_vpc_ipv4_cidr_block_association" => self.secondary.get(&address),
            _ => self.ids.get(&address),
        };
        found
            .cloned()
            .ok_or_else(|| format!("`{key}` refers to {address}, which was not imported"))
    }

    fn targets(&self, b: &Block, key: &str, wanted: &[(&str, &str)]) -> Result<Vec<Id>, String> {
        match attr(b, key) {
            None => Ok(Vec::new()),
            Some(Expression::Array(items)) => {
                items.iter().map(|e| self.resolve(key, e, wanted)).collect()
            }
            Some(_) => Err(format!("`{key}` is not a list")),
        }
    }

    /// `tags.Name`, if the resource has one.
    fn tag_name(&self, b: &Block) -> Result<Option<String>, String> {
        let Some(tags) = attr(b, "tags") else {
            return Ok(None);
        };
        let Expression::Object(tags) = tags else {
            return Err("`tags` is not a literal map".into());
        };
        let is_name = |k: &ObjectKey| match k {
            ObjectKey::Identifier(i) => i.as_str() == "Name",
            ObjectKey::Expression(Expression::String(s)) => s == "Name",
            _ => false,
        };
        match tags.iter().find(|(k, _)| is_name(k)) {
            Some((_, v)) => self.name_value(b, "tags.Name", v).map(Some),
            None => Ok(None),
        }
    }

    /// A name attribute (`name`), if the resource has one.
    fn user_name(&self, b: &Block, key: &'static str) -> Result<Option<String>, String> {
        attr(b, key).map(|v| self.name_value(b, key, v)).transpose()
    }

    /// A user's name: a literal string, or the export's `"${var.name_prefix}<name>"`.
    fn name_value(&self, b: &Block, key: &'static str, v: &Expression) -> Result<String, String> {
        if let (Expression::TemplateExpr(_), [ty, name]) = (v, b.labels()) {
            return self
                .prefixed
                .get(&(ty.as_str().to_string(), name.as_str().to_string(), key))
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "`{key}` is neither a literal string nor `${{var.name_prefix}}` and one"
                    )
                });
        }
        string(v).map_err(|m| format!("`{key}` {m}"))
    }

    fn resource(&mut self, ty: &str, name: &str, b: &Block) -> Result<(), String> {
        let address = format!("{ty}.{name}");
        let label = self.tag_name(b)?.unwrap_or_else(|| name.to_string());
        const VPC: &[(&str, &str)] = &[("aws_vpc", "id")];
        const SUBNET: &[(&str, &str)] = &[("aws_subnet", "id")];
        const SG: &[(&str, &str)] = &[("aws_security_group", "id")];
        const TABLE: &[(&str, &str)] =
            &[("aws_route_table", "id"), ("aws_default_route_table", "id")];
        match ty {
            "aws_vpc" => {
                let id = self.id(&address, "vpc");
                let layout = self.rect(&address, &id);
                self.design.vpcs.push(Vpc {
                    id: id.clone(),
                    name: label,
                    cidr_blocks: vec![text(b, "cidr_block")?],
                    enable_dns_support: flag(b, "enable_dns_support", true)?,
                    enable_dns_hostnames: flag(b, "enable_dns_hostnames", false)?,
                    layout,
                    security_groups: Vec::new(),
                    network_acls: Vec::new(),
                });
                self.ids.insert(address, id);
            }
            "aws_vpc_ipv4_cidr_block_association" => {
                let vpc = self.target(b, "vpc_id", VPC)?;
                let block = text(b, "cidr_block")?;
                if let Some(v) = self.design.vpcs.iter_mut().find(|v| v.id == vpc) {
                    v.cidr_blocks.push(block);
                }
                self.secondary.insert(address, vpc);
            }
            "aws_security_group" => {
                let vpc = self.target(b, "vpc_id", VPC)?;
                let id = self.id(&address, "sg");
                let name = match self.tag_name(b)? {
                    Some(n) => n,
                    None => self.user_name(b, "name")?.ok_or("`name` is missing")?,
                };
                if let Some(v) = self.design.vpcs.iter_mut().find(|v| v.id == vpc) {
                    v.security_groups.push(SecurityGroup {
                        id: id.clone(),
                        name,
                        ingress: Vec::new(),
                        egress: Vec::new(),
                    });
                }
                self.ids.insert(address, id);
            }
            "aws_internet_gateway" | "aws_vpn_gateway" => {
                let vpc = self.target(b, "vpc_id", VPC)?;
                let (kind, prefix) = if ty == "aws_internet_gateway" {
                    (NodeKind::InternetGateway { vpc }, "igw")
                } else {
                    (NodeKind::VpnGateway { vpc }, "vgw")
                };
                let id = self.id(&address, prefix);
                self.add_node(&address, id, label, kind, Vec::new());
            }
            "aws_subnet" => {
                let vpc = self.target(
                    b,
                    "vpc_id",
                    &[
                        ("aws_vpc", "id"),
                        ("aws_vpc_ipv4_cidr_block_association", "vpc_id"),
                    ],
                )?;
                let availability_zone = match attr(b, "availability_zone") {
                    Some(Expression::String(s)) => s.clone(),
                    Some(Expression::TemplateExpr(t)) => {
                        match template_text(t).strip_prefix("${var.region}") {
                            Some(letter) if !letter.contains(['$', '%', '\\']) => {
                                format!("{}{letter}", self.design.region)
                            }
                            _ => {
                                return Err(
                                    "`availability_zone` is an expression the planner can't read"
                                        .into(),
                                );
                            }
                        }
                    }
                    _ => {
                        return Err("`availability_zone` is missing or not a literal string".into());
                    }
                };
                let id = self.id(&address, "subnet");
                let layout = self.rect(&address, &id);
                let cidr = text(b, "cidr_block")?;
                self.design.subnets.push(Subnet {
                    id: id.clone(),
                    vpc,
                    name: label,
                    availability_zone,
                    cidr,
                    layout,
                });
                self.ids.insert(address, id);
            }
            "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => {
                let group = self.target(b, "security_group_id", SG)?;
                let protocol = protocol(&text(b, "ip_protocol")?)?;
                let (from_port, to_port) = ports(b, protocol)?;
                let peer = if let Some(c) = attr(b, "cidr_ipv4") {
                    SgPeer::Cidr(string(c).map_err(|e| format!("`cidr_ipv4` {e}"))?)
                } else if attr(b, "referenced_security_group_id").is_some() {
                    SgPeer::SecurityGroup(self.target(b, "referenced_security_group_id", SG)?)
                } else if let Some(e) = attr(b, "prefix_list_id") {
                    let list = match traversal(e) {
                        Some((root, parts)) if root == "data" && parts.len() == 3 && parts[0] == "aws_prefix_list" && parts[2] == "id" => parts[1].clone(),
                        _ => return Err("`prefix_list_id` is not a reference to a data \"aws_prefix_list\" of this file".into()),
                    };
                    SgPeer::PrefixList(self.prefix_lists.get(&list).cloned().ok_or_else(|| {
                        format!("data \"aws_prefix_list\" \"{list}\" was not imported")
                    })?)
                } else {
                    return Err("the rule names no peer (cidr_ipv4, referenced_security_group_id or prefix_list_id)".into());
                };
                let rule = SgRule {
                    protocol,
                    from_port,
                    to_port,
                    peer,
                };
                let g = self
                    .design
                    .vpcs
                    .iter_mut()
                    .flat_map(|v| v.security_groups.iter_mut())
                    .find(|g| g.id == group);
                if let Some(g) = g {
                    if ty.ends_with("ingress_rule") {
                        g.ingress.push(rule)
                    } else {
                        g.egress.push(rule)
                    }
                }
            }
            "aws_network_acl" => {
                let vpc = self.target(b, "vpc_id", VPC)?;
                let subnets = self.targets(b, "subnet_ids", SUBNET)?;
                let id = self.id(&address, "nacl");
                if let Some(v) = self.design.vpcs.iter_mut().find(|v| v.id == vpc) {
                    v.network_acls.push(NetworkAcl {
                        id: id.clone(),
                        name: label,
                        subnets,
                        ingress: Vec::new(),
                        egress: Vec::new(),
                    });
                }
                self.ids.insert(address, id);
            }
            "aws_network_acl_rule" => {
                let acl = self.target(b, "network_acl_id", &[("aws_network_acl", "id")])?;
                let protocol = protocol(&text(b, "protocol")?)?;
                let (from_port, to_port) = if protocol == Protocol::Icmp {
                    (0, u16::MAX)
                } else {
                    ports(b, protocol)?
                };
                let number = u16::try_from(int(b, "rule_number")?)
                    .map_err(|_| "`rule_number` is out of range".to_string())?;
                let allow = match text(b, "rule_action")?.as_str() {
                    "allow" => true,
                    "deny" => false,
                    other => {
                        return Err(format!("`rule_action` {other:?} is neither allow nor deny"));
                    }
                };
                let rule = AclRule {
                    number,
                    protocol,
                    from_port,
                    to_port,
                    cidr: text(b, "cidr_block")?,
                    allow,
                };
                let egress = flag(b, "egress", false)?;
                if let Some(a) = self
                    .design
                    .vpcs
                    .iter_mut()
                    .flat_map(|v| v.network_acls.iter_mut())
                    .find(|a| a.id == acl)
                {
                    if egress {
                        a.egress.push(rule)
                    } else {
                        a.ingress.push(rule)
                    }
                }
            }
            "aws_nat_gateway" => {
                let subnet = self.target(b, "subnet_id", SUBNET)?;
                let connectivity = match attr(b, "connectivity_type").map(string) {
                    Some(Ok(c)) if c == "private" => NatConnectivity::Private,
                    Some(Ok(c)) if c == "public" => NatConnectivity::Public,
                    None => NatConnectivity::Public,
                    _ => return Err("`connectivity_type` is neither public nor private".into()),
                };
                if connectivity == NatConnectivity::Public {
                    match attr(b, "allocation_id").and_then(reference) {
                        Some((t, eip, _)) if t == "aws_eip" => {
                            self.used_eips.insert(eip);
                        }
                        _ => {
                            return Err(
                                "a public NAT gateway needs `allocation_id` = aws_eip.….id".into(),
                            );
                        }
                    }
                }
                let id = self.id(&address, "nat");
                self.add_node(
                    &address,
                    id,
                    label,
                    NodeKind::NatGateway {
                        subnet,
                        connectivity,
                    },
                    Vec::new(),
                );
            }
            "aws_vpc_peering_connection" => {
                let requester = self.target(b, "vpc_id", VPC)?;
                let accepter = self.target(b, "peer_vpc_id", VPC)?;
                let id = self.id(&address, "pcx");
                self.add_node(
                    &address,
                    id,
                    label,
                    NodeKind::VpcPeering {
                        requester,
                        accepter,
                    },
                    Vec::new(),
                );
            }
            "aws_ec2_transit_gateway" => {
                let id = self.id(&address, "tgw");
                self.add_node(
                    &address,
                    id,
                    label,
                    NodeKind::TransitGateway {
                        attachments: Vec::new(),
                        route_tables: Vec::new(),
                    },
                    Vec::new(),
                );
            }
            "aws_ec2_transit_gateway_vpc_attachment" => {
                let tgw = self.target(
                    b,
                    "transit_gateway_id",
                    &[("aws_ec2_transit_gateway", "id")],
                )?;
                let vpc = self.target(b, "vpc_id", VPC)?;
                let subnets = self.targets(b, "subnet_ids", SUBNET)?;
                if let Some(NodeKind::TransitGateway { attachments, .. }) = self.node_mut(&tgw) {
                    attachments.push(TgwAttachment {
                        vpc: vpc.clone(),
                        subnets,
                    });
                }
                self.attachments.insert(address, (tgw, vpc));
            }
            "aws_customer_gateway" => {
                let id = self.id(&address, "onprem");
                let placed = self.meta.items.get(&address);
                let cidrs = placed.and_then(|p| p.cidrs.clone());
                let (dns_domains, dns_forwards) = placed
                    .map(|p| (p.dns_domains.clone(), p.dns_forwards.clone()))
                    .unwrap_or_default();
                if cidrs.is_some() {
                    self.cidrs_from_meta.insert(id.clone());
                }
                let kind = NodeKind::OnPremises {
                    cidrs: cidrs.unwrap_or_default(),
                    vpn: None,
                    dns_domains,
                    dns_forwards,
                };
                self.add_node(&address, id, label, kind, Vec::new());
            }
            "aws_vpn_connection" => {
                let onprem =
                    self.target(b, "customer_gateway_id", &[("aws_customer_gateway", "id")])?;
                let end = if attr(b, "vpn_gateway_id").is_some() {
                    self.target(b, "vpn_gateway_id", &[("aws_vpn_gateway", "id")])?
                } else {
                    self.target(
                        b,
                        "transit_gateway_id",
                        &[("aws_ec2_transit_gateway", "id")],
                    )?
                };
                if let Some(NodeKind::OnPremises { vpn, .. }) = self.node_mut(&onprem) {
                    *vpn = Some(end);
                }
                self.ids.insert(address, onprem);
            }
            "aws_vpn_connection_route" => {
                let onprem =
                    self.target(b, "vpn_connection_id", &[("aws_vpn_connection", "id")])?;
                let block = text(b, "destination_cidr_block")?;
                if !self.cidrs_from_meta.contains(&onprem)
                    && let Some(NodeKind::OnPremises { cidrs, .. }) = self.node_mut(&onprem)
                {
                    cidrs.push(block);
                }
            }
            "aws_ec2_transit_gateway_route_table" => {
                let tgw = self.target(
                    b,
                    "transit_gateway_id",
                    &[("aws_ec2_transit_gateway", "id")],
                )?;
                let tgw_name = self
                    .nodes
                    .iter()
                    .find(|(_, n)| n.id == tgw)
                    .map(|(_, n)| n.name.clone())
                    .unwrap_or_default();
                // Tagged "<gateway> / <table>" by the exporter.
                let name = label
                    .strip_prefix(&format!("{tgw_name} / "))
                    .map(str::to_string)
                    .unwrap_or(label);
                if let Some(NodeKind::TransitGateway { route_tables, .. }) = self.node_mut(&tgw) {
                    route_tables.push(TgwRouteTable {
                        name,
                        associations: Vec::new(),
                        propagations: Vec::new(),
                        routes: Vec::new(),
                    });
                    let index = route_tables.len() - 1;
                    self.tgw_tables.insert(address, (tgw, index));
                }
            }
            "aws_ec2_transit_gateway_route_table_association"
            | "aws_ec2_transit_gateway_route_table_propagation"
            | "aws_ec2_transit_gateway_route" => {
                let table = match attr(b, "transit_gateway_route_table_id").and_then(reference) {
                    Some((t, n, f)) if t == "aws_ec2_transit_gateway_route_table" && f == "id" => self.tgw_tables.get(&format!("{t}.{n}")).cloned(),
                    _ => return Err("`transit_gateway_route_table_id` is not a reference to an aws_ec2_transit_gateway_route_table".into()),
                };
                let (tgw, index) = table.ok_or(
                    "`transit_gateway_route_table_id` refers to a table that was not imported",
                )?;
                let attachment = match attr(b, "transit_gateway_attachment_id") {
                    Some(e) => Some(self.attachment(e)?),
                    None => None,
                };
                let destination = if ty == "aws_ec2_transit_gateway_route" {
                    Some(text(b, "destination_cidr_block")?)
                } else {
                    None
                };
                let Some(NodeKind::TransitGateway { route_tables, .. }) = self.node_mut(&tgw)
                else {
                    return Ok(());
                };
                let Some(t) = route_tables.get_mut(index) else {
                    return Ok(());
                };
                match (destination, attachment) {
                    (Some(destination), attachment) => t.routes.push(TgwRoute {
                        destination,
                        attachment,
                    }),
                    (None, Some(a)) if ty.ends_with("association") => t.associations.push(a),
                    (None, Some(a)) => t.propagations.push(a),
                    (None, None) => return Err("`transit_gateway_attachment_id` is missing".into()),
                }
            }
            "aws_route_table" | "aws_default_route_table" => {
                let main = ty == "aws_default_route_table";
                let vpc = if main {
                    self.target(
                        b,
                        "default_route_table_id",
                        &[("aws_vpc", "default_route_table_id")],
                    )?
                } else {
                    self.target(b, "vpc_id", VPC)?
                };
                let id = self.id(&address, "rtb");
                self.design.route_tables.push(RouteTable {
                    id: id.clone(),
                    vpc,
                    name: label,
                    main,
                    subnets: Vec::new(),
                    routes: Vec::new(),
                    propagations: Vec::new(),
                });
                self.ids.insert(address, id);
            }
            "aws_route" => {
                let table = self.target(b, "route_table_id", TABLE)?;
                let destination = text(b, "destination_cidr_block")?;
                let targets: &[(&str, &[(&str, &str)])] = &[
                    (
                        "gateway_id",
                        &[("aws_internet_gateway", "id"), ("aws_vpn_gateway", "id")],
                    ),
                    ("nat_gateway_id", &[("aws_nat_gateway", "id")]),
                    ("transit_gateway_id", &[("aws_ec2_transit_gateway", "id")]),
                    (
                        "vpc_peering_connection_id",
                        &[("aws_vpc_peering_connection", "id")],
                    ),
                ];
                let target = match (targets.iter().find(|(k, _)| attr(b, k).is_some()), attr(b, "network_interface_id").map(traversal)) {
                    (Some((key, wanted)), _) => self.target(b, key, wanted)?,
                    // Resolved to the workload once every node is known (`finish`).
                    (None, Some(Some((root, parts)))) if root == "var" && parts.len() == 1 => format!("{ENI_PENDING}{}", parts[0]),
                    (None, Some(_)) => return Err("`network_interface_id` is not a variable `var.<workload>_eni_id`, the only interface the planner reads".into()),
                    (None, None) => return Err("the route has no target the planner reads (gateway_id, nat_gateway_id, transit_gateway_id, vpc_peering_connection_id, network_interface_id)".into()),
                };
                self.infer_on_premises_block(&destination, &target);
                if let Some(rt) = self.design.route_tables.iter_mut().find(|r| r.id == table) {
                    rt.routes.push(Route {
                        destination,
                        target,
                    });
                }
            }
            "aws_vpn_gateway_route_propagation" => {
                let table = self.target(b, "route_table_id", TABLE)?;
                let gateway = self.target(b, "vpn_gateway_id", &[("aws_vpn_gateway", "id")])?;
                if let Some(rt) = self.design.route_tables.iter_mut().find(|r| r.id == table) {
                    rt.propagations.push(gateway);
                }
            }
            "aws_route_table_association" => {
                let table = self.target(b, "route_table_id", TABLE)?;
                let subnet = self.target(b, "subnet_id", SUBNET)?;
                if let Some(rt) = self.design.route_tables.iter_mut().find(|r| r.id == table) {
                    rt.subnets.push(subnet);
                }
            }
            "aws_lb" | "aws_lb_target_group" | "aws_lb_listener" | "aws_vpc_endpoint_service" => {
                return self.privatelink(ty, address, label, b);
            }
            "aws_vpc_endpoint" => {
                let vpc = self.target(b, "vpc_id", VPC)?;
                // An endpoint service of this file, or an AWS service by name.
                let (service, endpoint_service) = match attr(b, "service_name") {
                    Some(e @ Expression::Traversal(_)) => (
                        String::new(),
                        Some(self.resolve(
                            "service_name",
                            e,
                            &[("aws_vpc_endpoint_service", "service_name")],
                        )?),
                    ),
                    other => (
                        service_of(other).map_err(|e| format!("`service_name`: {e}"))?,
                        None,
                    ),
                };
                let kind_text = match attr(b, "vpc_endpoint_type") {
                    Some(e) => string(e).map_err(|e| format!("`vpc_endpoint_type` {e}"))?,
                    None => "Gateway".into(),
                };
                let mut groups = Vec::new();
                let kind = match kind_text.as_str() {
                    "Gateway" => NodeKind::GatewayEndpoint {
                        vpc,
                        service,
                        route_tables: Vec::new(),
                    },
                    "Interface" => {
                        let subnets = self.targets(b, "subnet_ids", SUBNET)?;
                        groups = self.groups(b)?;
                        let inbound_only =
                            match b.body().blocks().find(|d| d.identifier() == "dns_options") {
                                Some(d) => flag(
                                    d,
                                    "private_dns_only_for_inbound_resolver_endpoint",
                                    false,
                                )?,
                                None => false,
                            };
                        NodeKind::InterfaceEndpoint {
                            vpc,
                            service,
                            endpoint_service,
                            subnets,
                            private_dns: flag(b, "private_dns_enabled", false)?,
                            private_dns_only_for_inbound_resolver_endpoint: inbound_only,
                        }
                    }
                    other => {
                        return Err(format!(
                            "endpoint type {other:?} is not one the planner draws"
                        ));
                    }
                };
                let policy = attr(b, "policy")
                    .map(super::policy::text)
                    .transpose()
                    .map_err(|e| format!("`policy` {e}"))?;
                let id = self.id(&address, "vpce");
                self.add_node(&address, id.clone(), label, kind, groups);
                if let Some((_, n)) = self.nodes.iter_mut().rev().find(|(_, n)| n.id == id) {
                    n.policy = policy;
                }
            }
            "aws_vpc_endpoint_route_table_association" => {
                let endpoint = self.target(b, "vpc_endpoint_id", &[("aws_vpc_endpoint", "id")])?;
                let table = self.target(b, "route_table_id", TABLE)?;
                match self.node_mut(&endpoint) {
                    Some(NodeKind::GatewayEndpoint { route_tables, .. }) => {
                        route_tables.push(table)
                    }
                    _ => return Err("`vpc_endpoint_id` is not a gateway endpoint".into()),
                }
            }
            "aws_route53_resolver_endpoint" => {
                let direction = match text(b, "direction")?.as_str() {
                    "INBOUND" => ResolverDirection::Inbound,
                    "OUTBOUND" => ResolverDirection::Outbound,
                    other => {
                        return Err(format!(
                            "`direction` {other:?} is neither INBOUND nor OUTBOUND"
                        ));
                    }
                };
                let mut subnets = Vec::new();
                for ip in b.body().blocks().filter(|i| i.identifier() == "ip_address") {
                    subnets.push(self.target(ip, "subnet_id", SUBNET)?);
                }
                let groups = self.groups(b)?;
                let vpc = match subnets.first().and_then(|s| self.design.subnet(s)) {
                    Some(s) => s.vpc.clone(),
                    None => match attr(b, "security_group_ids")
                        .and_then(|e| {
                            if let Expression::Array(a) = e {
                                a.first()
                            } else {
                                None
                            }
                        })
                        .and_then(reference)
                    {
                        Some((t, n, f)) if t == "aws_vpc" && f == "default_security_group_id" => {
                            self.ids
                                .get(&format!("aws_vpc.{n}"))
                                .cloned()
                                .ok_or("its VPC was not imported")?
                        }
                        _ => {
                            return Err(
                                "no `ip_address` block names a subnet, so its VPC is unknown"
                                    .into(),
                            );
                        }
                    },
                };
                let id = self.id(&address, "rslvr");
                let name = match self.tag_name(b)? {
                    Some(n) => n,
                    None => self
                        .user_name(b, "name")?
                        .unwrap_or_else(|| name.to_string()),
                };
                self.add_node(
                    &address,
                    id,
                    name,
                    NodeKind::ResolverEndpoint {
                        vpc,
                        direction,
                        subnets,
                        rules: Vec::new(),
                    },
                    groups,
                );
            }
            "aws_route53_resolver_rule" => {
                let endpoint = self.target(
                    b,
                    "resolver_endpoint_id",
                    &[("aws_route53_resolver_endpoint", "id")],
                )?;
                let domain = text(b, "domain_name")?;
                let ip = b
                    .body()
                    .blocks()
                    .find(|t| t.identifier() == "target_ip")
                    .map(|t| text(t, "ip"))
                    .transpose()?;
                let ip = ip.ok_or(
                    "no `target_ip`: the planner forwards to an on-premises network's DNS servers",
                )?;
                let target = self
                    .nodes
                    .iter()
                    .find(|(_, n)| matches!(&n.kind, NodeKind::OnPremises { cidrs, .. } if on_premises_dns_ip(cidrs).as_deref() == Some(ip.as_str())))
                    .map(|(_, n)| n.id.clone())
                    .or_else(|| self.meta.nodes.iter().find(|k| matches!(&k.node.kind, NodeKind::OnPremises { cidrs, .. } if on_premises_dns_ip(cidrs).as_deref() == Some(ip.as_str()))).map(|k| k.node.id.clone()))
                    .ok_or_else(|| format!("no on-premises network of the design has its DNS server at {ip}"))?;
                if let Some(NodeKind::ResolverEndpoint { rules, .. }) = self.node_mut(&endpoint) {
                    rules.push(ForwardRule {
                        domain,
                        target,
                        vpcs: Vec::new(),
                    });
                    let index = rules.len() - 1;
                    self.rules.insert(address, (endpoint, index));
                }
            }
            "aws_route53_resolver_rule_association" => {
                let rule =
                    match attr(b, "resolver_rule_id").and_then(reference) {
                        Some((t, n, f)) if t == "aws_route53_resolver_rule" && f == "id" => {
                            self.rules.get(&format!("{t}.{n}")).cloned()
                        }
                        _ => return Err(
                            "`resolver_rule_id` is not a reference to an aws_route53_resolver_rule"
                                .into(),
                        ),
                    };
                let (endpoint, index) =
                    rule.ok_or("`resolver_rule_id` refers to a rule that was not imported")?;
                let vpc = self.target(b, "vpc_id", VPC)?;
                if let Some(NodeKind::ResolverEndpoint { rules, .. }) = self.node_mut(&endpoint)
                    && let Some(r) = rules.get_mut(index)
                {
                    r.vpcs.push(vpc);
                }
            }
            "aws_route53_zone" => {
                let domain = self
                    .domain(attr(b, "name"))
                    .map_err(|e| format!("`name`: {e}"))?;
                let mut vpcs = Vec::new();
                for v in b.body().blocks().filter(|v| v.identifier() == "vpc") {
                    vpcs.push(self.target(v, "vpc_id", VPC)?);
                }
                if vpcs.is_empty() {
                    return Err("a zone without `vpc` blocks is public; the planner draws private zones only".into());
                }
                let id = self.id(&address, "zone");
                self.add_node(
                    &address,
                    id,
                    label,
                    NodeKind::PrivateHostedZone {
                        domain,
                        vpcs,
                        records: Vec::new(),
                    },
                    Vec::new(),
                );
            }
            "aws_route53_record" => {
                let zone = self.target(b, "zone_id", &[("aws_route53_zone", "zone_id")])?;
                let full = self
                    .domain(attr(b, "name"))
                    .map_err(|e| format!("`name`: {e}"))?;
                let Some(NodeKind::PrivateHostedZone { domain, .. }) = self.node_mut(&zone) else {
                    return Ok(());
                };
                let domain = domain.clone();
                let name = if full == domain {
                    String::new()
                } else {
                    full.strip_suffix(&format!(".{domain}"))
                        .unwrap_or(&full)
                        .to_string()
                };
                let value = if let Some(alias) =
                    b.body().blocks().find(|a| a.identifier() == "alias")
                {
                    let endpoint = match attr(alias, "name").and_then(traversal) {
                        Some((root, parts)) if root == "aws_vpc_endpoint" && parts.len() == 3 && parts[1] == "dns_entry" && parts[2] == "dns_name" => parts[0].clone(),
                        _ => return Err("an alias the planner reads points at aws_vpc_endpoint.….dns_entry[0].dns_name".into()),
                    };
                    RecordValue::Alias(self.ids.get(&format!("aws_vpc_endpoint.{endpoint}")).cloned().ok_or_else(|| format!("the alias refers to aws_vpc_endpoint.{endpoint}, which was not imported"))?)
                } else {
                    let records: Vec<String> = match attr(b, "records") {
                        Some(Expression::Array(items)) => items
                            .iter()
                            .map(|e| string(e).map_err(|m| format!("`records` {m}")))
                            .collect::<Result<_, _>>()?,
                        _ => return Err("`records` is missing or not a list".into()),
                    };
                    match text(b, "type")?.as_str() {
                        "A" => RecordValue::A(records),
                        "CNAME" => {
                            RecordValue::Cname(records.into_iter().next().unwrap_or_default())
                        }
                        other => {
                            return Err(format!(
                                "record type {other} is not one the planner draws"
                            ));
                        }
                    }
                };
                if let Some(NodeKind::PrivateHostedZone { records, .. }) = self.node_mut(&zone) {
                    records.push(ZoneRecord { name, value });
                }
            }
            _ => return Err("not read".into()),
        }
        Ok(())
    }

    /// `security_group_ids`: the groups named, or none for the VPC's default group.
    fn groups(&self, b: &Block) -> Result<Vec<Id>, String> {
        match attr(b, "security_group_ids") {
            Some(Expression::Array(items)) => items
                .iter()
                .filter(|e| !matches!(reference(e), Some((t, _, f)) if t == "aws_vpc" && f == "default_security_group_id"))
                .map(|e| self.resolve("security_group_ids", e, &[("aws_security_group", "id")]))
                .collect(),
            Some(_) => Err("`security_group_ids` is not a list".into()),
            None => Ok(Vec::new()),
        }
    }

    /// A VPN on a transit gateway learns the on-premises blocks over BGP, so the file names them
    /// nowhere but in the VPC routes that send them to the gateway. Without the metadata line,
    /// a route to a transit gateway for a block no VPC of the file has is taken to be the
    /// on-premises network's, when exactly one network's VPN ends at that gateway (with two or
    /// more there is no telling which).
    fn infer_on_premises_block(&mut self, destination: &str, target: &str) {
        let Ok(block) = crate::model::cidr::parse_v4(destination) else {
            return;
        };
        if !self
            .nodes
            .iter()
            .any(|(_, n)| n.id == target && matches!(n.kind, NodeKind::TransitGateway { .. }))
        {
            return;
        }
        let in_a_vpc = self
            .design
            .vpcs
            .iter()
            .flat_map(|v| &v.cidr_blocks)
            .filter_map(|c| crate::model::cidr::parse_v4(c).ok())
            .any(|v| v.contains(&block.network()) || block.contains(&v.network()));
        if in_a_vpc {
            return;
        }
        let over_it: Vec<Id> = self
            .nodes
            .iter()
            .filter(|(_, n)| {
                matches!(&n.kind, NodeKind::OnPremises { vpn: Some(end), .. } if end == target)
                    && !self.cidrs_from_meta.contains(&n.id)
            })
            .map(|(_, n)| n.id.clone())
            .collect();
        if let [only] = over_it.as_slice() {
            let only = only.clone();
            if let Some(NodeKind::OnPremises { cidrs, .. }) = self.node_mut(&only) {
                if !cidrs.iter().any(|c| c == destination) {
                    cidrs.push(destination.to_string());
                }
            }
        }
    }

    /// What a transit gateway attachment id stands for: the VPC attached, or the on-premises
    /// network whose VPN connection ends at the gateway.
    fn attachment(&self, e: &Expression) -> Result<Id, String> {
        match reference(e) {
            Some((t, n, f)) if t == "aws_ec2_transit_gateway_vpc_attachment" && f == "id" => self
                .attachments
                .get(&format!("{t}.{n}"))
                .map(|(_, vpc)| vpc.clone())
                .ok_or_else(|| format!("{t}.{n} was not imported")),
            Some((t, n, f))
                if t == "aws_vpn_connection" && f == "transit_gateway_attachment_id" =>
            {
                self.ids
                    .get(&format!("{t}.{n}"))
                    .cloned()
                    .ok_or_else(|| format!("{t}.{n} was not imported"))
            }
            _ => Err(
                "`transit_gateway_attachment_id` is not a reference to an attachment of this file"
                    .into(),
            ),
        }
    }

    /// A DNS name: literal, or `<name>.${var.region}.amazonaws.com`.
    fn domain(&self, e: Option<&Expression>) -> Result<String, String> {
        match e {
            Some(Expression::String(s)) => Ok(s.clone()),
            Some(Expression::TemplateExpr(t)) => {
                match template_text(t).strip_suffix(".${var.region}.amazonaws.com") {
                    Some(front) if !front.contains(['$', '%', '\\', '"']) => {
                        Ok(format!("{front}.{}.amazonaws.com", self.design.region))
                    }
                    _ => Err("an expression the planner can't read".into()),
                }
            }
            _ => Err("missing or not a literal string".into()),
        }
    }

    /// The parts of an endpoint service (aws-networking.md §6, T6 T16), as the export writes
    /// them: a network load balancer, a TCP target group and listener, and the service that
    /// names the load balancer, which becomes the node. Its targets come from the metadata.
    fn privatelink(
        &mut self,
        ty: &str,
        address: String,
        label: String,
        b: &Block,
    ) -> Result<(), String> {
        let part = |r: &Self, b: &Block, key: &str, ty: &str| -> Result<String, String> {
            match attr(b, key).and_then(reference) {
                Some((t, n, f)) if t == ty && f == "arn" => Ok(format!("{t}.{n}")),
                _ => Err(format!(
                    "`{key}` is not a reference to the arn of an {ty} of this file"
                )),
            }
            .and_then(|a| {
                if r.lbs.contains_key(&a) || r.target_groups.contains_key(&a) {
                    Ok(a)
                } else {
                    Err(format!("`{key}` refers to {a}, which was not imported"))
                }
            })
        };
        let port = |b: &Block| {
            u16::try_from(int(b, "port")?)
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| "`port` is not a port".to_string())
        };
        let tcp = |b: &Block| match text(b, "protocol")?.as_str() {
            "TCP" => Ok(()),
            other => Err(format!(
                "protocol {other:?}: the planner draws TCP endpoint services only"
            )),
        };
        match ty {
            "aws_lb" => {
                match text(b, "load_balancer_type")?.as_str() {
                    "network" => {}
                    other => {
                        return Err(format!(
                            "load balancer type {other:?}: the planner reads network load balancers of endpoint services only"
                        ));
                    }
                }
                let subnets = self.targets(b, "subnets", &[("aws_subnet", "id")])?;
                self.lbs.insert(address, subnets);
            }
            "aws_lb_target_group" => {
                tcp(b)?;
                let vpc = self.target(b, "vpc_id", &[("aws_vpc", "id")])?;
                self.target_groups.insert(address, (vpc, port(b)?));
            }
            "aws_lb_listener" => {
                tcp(b)?;
                let lb = part(self, b, "load_balancer_arn", "aws_lb")?;
                let action = b
                    .body()
                    .blocks()
                    .find(|a| a.identifier() == "default_action")
                    .ok_or("`default_action` is missing")?;
                if text(action, "type")? != "forward" {
                    return Err("the default action does not forward to a target group".into());
                }
                let group = part(self, action, "target_group_arn", "aws_lb_target_group")?;
                let listen = port(b)?;
                if self
                    .target_groups
                    .get(&group)
                    .is_some_and(|(_, p)| *p != listen)
                {
                    return Err(format!(
                        "the listener's port {listen} differs from its target group's; the planner keeps one port"
                    ));
                }
                self.listeners.insert(lb, (listen, group, address));
            }
            _ => {
                let lb = match attr(b, "network_load_balancer_arns") {
                    Some(Expression::Array(items)) if items.len() == 1 => match reference(&items[0]) {
                        Some((t, n, f)) if t == "aws_lb" && f == "arn" => format!("{t}.{n}"),
                        _ => return Err("`network_load_balancer_arns` is not a reference to an aws_lb of this file".into()),
                    },
                    _ => return Err("`network_load_balancer_arns` is not a list of one load balancer".into()),
                };
                let subnets = self.lbs.get(&lb).cloned().ok_or_else(|| {
                    format!("`network_load_balancer_arns` refers to {lb}, which was not imported")
                })?;
                let (port, group, listener) =
                    self.listeners.get(&lb).cloned().ok_or_else(|| {
                        format!("{lb} has no TCP listener forwarding to a target group")
                    })?;
                let (vpc, _) = self
                    .target_groups
                    .get(&group)
                    .cloned()
                    .ok_or_else(|| format!("{group} was not imported"))?;
                let private_dns_name = attr(b, "private_dns_name")
                    .map(string)
                    .transpose()
                    .map_err(|m| format!("`private_dns_name` {m}"))?;
                let acceptance_required = flag(b, "acceptance_required", true)?;
                self.privatelink_used.extend([lb.clone(), group, listener]);
                let targets = self
                    .meta
                    .items
                    .get(&address)
                    .map(|p| p.targets.clone())
                    .unwrap_or_default();
                let id = self.id(&address, "vpcesvc");
                self.add_node(
                    &address,
                    id,
                    label,
                    NodeKind::EndpointService {
                        vpc,
                        subnets,
                        port,
                        targets,
                        acceptance_required,
                        private_dns_name,
                    },
                    Vec::new(),
                );
            }
        }
        Ok(())
    }

    /// Routes to `var.<workload>_eni_id`: the workload whose variable the export would name so.
    fn resolve_interface_routes(&mut self) {
        let names = super::Names::assign(&self.design);
        let by_variable: HashMap<String, Id> = self
            .design
            .nodes
            .iter()
            .filter_map(|n| {
                names
                    .of(super::ENI_VARIABLE, &n.id)
                    .map(|v| (v.to_string(), n.id.clone()))
            })
            .collect();
        let mut problems = Vec::new();
        for rt in &mut self.design.route_tables {
            rt.routes.retain_mut(|route| {
                let Some(var) = route.target.strip_prefix(ENI_PENDING) else { return true };
                match by_variable.get(var) {
                    Some(id) => {
                        route.target = id.clone();
                        true
                    }
                    None => {
                        problems.push(ImportProblem {
                            block: format!("aws_route to var.{var}"),
                            line: 0,
                            message: format!("no workload of the design has the variable var.{var} (the planner names them <workload name>_eni_id); the route to {} in {} is left out", route.destination, rt.name),
                        });
                        false
                    }
                }
            });
        }
        self.problems.extend(problems);
    }

    fn finish(mut self) -> Imported {
        let meta = std::mem::take(&mut self.meta);
        for k in meta.nodes {
            if self.nodes.iter().any(|(_, n)| n.id == k.node.id) {
                continue;
            }
            self.placed.insert(k.node.id.clone());
            self.nodes.push((k.i, k.node));
        }
        // Stable: nodes the metadata doesn't place keep the file's order, after the others.
        crate::model::sort::sort_by_key(&mut self.nodes, |(i, _)| *i);
        self.design.nodes = std::mem::take(&mut self.nodes)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        self.design.flows = meta.flows;
        self.resolve_interface_routes();
        default_layout(&mut self.design, &self.placed);
        Imported {
            design: self.design,
            problems: self.problems,
        }
    }
}

/// Canvas positions for whatever the metadata didn't place: VPCs side by side, their subnets
/// two to a row, icons in a row inside their subnet or along their VPC's top, Regional things
/// in a column to the right.
fn default_layout(design: &mut Design, placed: &HashSet<Id>) {
    const SUBNET_W: i32 = 410;
    const GAP: i32 = 30;
    const ICON: i32 = 100;
    let mut x = 40;
    let home_counts = |d: &Design, subnet: &str| {
        d.nodes
            .iter()
            .filter(|n| {
                n.kind.home_subnet() == Some(subnet)
                    && super::super::layout::home(&n.kind) == super::super::layout::Home::Subnet
            })
            .count() as i32
    };
    let vpc_ids: Vec<Id> = design.vpcs.iter().map(|v| v.id.clone()).collect();
    for vpc in vpc_ids {
        let subnets: Vec<Id> = design
            .subnets
            .iter()
            .filter(|s| s.vpc == vpc)
            .map(|s| s.id.clone())
            .collect();
        let mut y = 40 + 80;
        let mut rects = Vec::new();
        for row in subnets.chunks(2) {
            let h = row
                .iter()
                .map(|s| 60 + ICON * ((home_counts(design, s) + 3) / 4).max(1))
                .max()
                .unwrap_or(150);
            for (col, s) in row.iter().enumerate() {
                rects.push((
                    s.clone(),
                    Rect {
                        x: x + GAP + col as i32 * (SUBNET_W + GAP),
                        y,
                        w: SUBNET_W,
                        h,
                    },
                ));
            }
            y += h + GAP;
        }
        let cols = subnets.len().clamp(1, 2) as i32;
        let vpc_rect = Rect {
            x,
            y: 40,
            w: GAP + cols * (SUBNET_W + GAP),
            h: (y - 40).max(200),
        };
        if let Some(v) = design
            .vpcs
            .iter_mut()
            .find(|v| v.id == vpc && !placed.contains(&v.id))
        {
            v.layout = vpc_rect;
        }
        for (id, r) in rects {
            if let Some(s) = design
                .subnets
                .iter_mut()
                .find(|s| s.id == id && !placed.contains(&s.id))
            {
                s.layout = r;
            }
        }
        x += vpc_rect.w + 80;
    }
    let mut in_subnet: HashMap<Id, i32> = HashMap::new();
    let mut in_vpc: HashMap<Id, i32> = HashMap::new();
    let mut region = 0;
    for i in 0..design.nodes.len() {
        if placed.contains(&design.nodes[i].id) {
            continue;
        }
        let at = match design.nodes[i]
            .kind
            .home_subnet()
            .and_then(|s| design.subnet(s))
        {
            Some(s) => {
                let k = in_subnet.entry(s.id.clone()).or_default();
                *k += 1;
                Point {
                    x: s.layout.x + 60 + ((*k - 1) % 4) * ICON,
                    y: s.layout.y + 60 + ((*k - 1) / 4) * ICON,
                }
            }
            None => match design
                .node_vpc(&design.nodes[i])
                .and_then(|v| design.vpc(v))
            {
                Some(v) => {
                    let k = in_vpc.entry(v.id.clone()).or_default();
                    *k += 1;
                    Point {
                        x: v.layout.x + 60 + (*k - 1) * ICON,
                        y: v.layout.y + 40,
                    }
                }
                None => {
                    region += 1;
                    Point {
                        x: x + 80,
                        y: 80 + (region - 1) * ICON,
                    }
                }
            },
        };
        design.nodes[i].at = at;
    }
}

/// The 1-based line of a block's header (`resource "aws_vpc" "prod" {`), found by scanning
/// the text, since the parsed tree keeps no positions.
fn header_line(text: &str, ident: &str, labels: &[&str]) -> usize {
    let wanted: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
    text.lines()
        .position(|line| {
            let mut words = line.split_whitespace();
            words.next() == Some(ident)
                && wanted
                    .iter()
                    .all(|l| matches!(words.next(), Some(w) if w.trim_matches('"') == l))
        })
        .map(|i| i + 1)
        .unwrap_or(0)
}

fn attr<'b>(b: &'b Block, key: &str) -> Option<&'b Expression> {
    b.body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| a.expr())
}

fn string(e: &Expression) -> Result<String, String> {
    match e {
        Expression::String(s) => Ok(s.clone()),
        _ => Err("is not a literal string (only literal values and references to this file's resources are read)".into()),
    }
}

fn text(b: &Block, key: &str) -> Result<String, String> {
    match attr(b, key) {
        Some(e) => string(e).map_err(|m| format!("`{key}` {m}")),
        None => Err(format!("`{key}` is missing")),
    }
}

fn flag(b: &Block, key: &str, default: bool) -> Result<bool, String> {
    match attr(b, key) {
        None => Ok(default),
        Some(Expression::Bool(v)) => Ok(*v),
        Some(_) => Err(format!("`{key}` is not true or false")),
    }
}

fn int(b: &Block, key: &str) -> Result<i64, String> {
    match attr(b, key) {
        Some(Expression::Number(n)) => n
            .as_i64()
            .ok_or_else(|| format!("`{key}` is not a whole number")),
        Some(_) => Err(format!("`{key}` is not a literal number")),
        None => Err(format!("`{key}` is missing")),
    }
}

fn protocol(p: &str) -> Result<Protocol, String> {
    Ok(match p {
        "tcp" | "6" => Protocol::Tcp,
        "udp" | "17" => Protocol::Udp,
        "icmp" | "1" => Protocol::Icmp,
        "-1" | "all" => Protocol::All,
        other => {
            return Err(format!(
                "protocol {other:?} is not one the planner reads (tcp, udp, icmp, -1)"
            ));
        }
    })
}

/// The port range of a rule; ICMP and all-protocol rules have none the design keeps.
fn ports(b: &Block, protocol: Protocol) -> Result<(u16, u16), String> {
    if matches!(protocol, Protocol::Icmp | Protocol::All) {
        return Ok((0, u16::MAX));
    }
    let port = |key| u16::try_from(int(b, key)?).map_err(|_| format!("`{key}` is not a port"));
    Ok((port("from_port")?, port("to_port")?))
}

/// `com.amazonaws.${var.region}.<service>` → the service key; a literal is the key itself.
fn service_of(e: Option<&Expression>) -> Result<String, String> {
    match e {
        Some(Expression::String(s)) => Ok(s.clone()),
        Some(Expression::TemplateExpr(t)) => match template_text(t)
            .strip_prefix("com.amazonaws.${var.region}.")
        {
            Some(service) if !service.is_empty() && !service.contains(['$', '%', '\\', '"']) => {
                Ok(service.to_string())
            }
            _ => Err("an expression the planner can't read".into()),
        },
        _ => Err("missing or not a literal string".into()),
    }
}

/// `root.a.b…` with attribute steps only; `[0]` indexes are skipped (`dns_entry[0]`).
fn traversal(e: &Expression) -> Option<(String, Vec<String>)> {
    let Expression::Traversal(t) = e else {
        return None;
    };
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let mut parts = Vec::new();
    for op in &t.operators {
        match op {
            TraversalOperator::GetAttr(a) => parts.push(a.as_str().to_string()),
            TraversalOperator::Index(Expression::Number(n)) if n.as_u64() == Some(0) => {}
            _ => return None,
        }
    }
    Some((root.as_str().to_string(), parts))
}

/// `type.name.attribute`, e.g. `aws_vpc.prod.id`.
fn reference(e: &Expression) -> Option<(String, String, String)> {
    let (root, parts) = traversal(e)?;
    match parts.as_slice() {
        [name, field] => Some((root, name.clone(), field.clone())),
        _ => None,
    }
}

/// The source text of a quoted template (`"${var.region}a"` → `${var.region}a`).
fn template_text(t: &hcl::expr::TemplateExpr) -> &str {
    match t {
        hcl::expr::TemplateExpr::QuotedString(s) => s,
        _ => "",
    }
}
