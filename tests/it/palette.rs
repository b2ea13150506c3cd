//! The palette: each entry dropped inside and outside the right container, the CIDR blocks
//! and Availability Zones new items get, and placing without a drop point.

use crate::fixture::*;
use crate::validate::render;
use vpc_planner::model::design::{Design, Point, Rect};
use vpc_planner::model::palette::{self, Entry};
use vpc_planner::model::validate::validate;

/// Drops `entry` at `at`: the refusal, or every new item as compact JSON followed by any
/// diagnostic the drop added (a drop should create valid items).
fn check_in(design: &Design, entry: Entry, at: Point) -> String {
    match palette::create(design, entry, at) {
        Err(e) => format!("refused {e:?}"),
        Ok((edit, id)) => {
            let mut d = design.clone();
            let inverse = edit.apply(&mut d).expect("the drop applies");
            assert!(
                d.ids().any(|x| x == id),
                "the returned id {id} is not in the design"
            );
            let new_ids: Vec<String> = d
                .ids()
                .filter(|x| !design.ids().any(|y| y == *x))
                .map(String::from)
                .collect();
            let mut lines: Vec<String> = new_ids.iter().map(|x| item_json(&d, x)).collect();
            let before = validate(design);
            let added: Vec<_> = validate(&d)
                .into_iter()
                .filter(|x| !before.contains(x))
                .collect();
            if !added.is_empty() {
                lines.push(render(&added));
            }
            let mut undone = d.clone();
            inverse.apply(&mut undone).expect("undo applies");
            assert_eq!(&undone, design);
            lines.join("\n")
        }
    }
}

fn item_json(d: &Design, id: &str) -> String {
    let json = if let Some(x) = d.vpc(id) {
        serde_json::to_string(x)
    } else if let Some(x) = d.subnet(id) {
        serde_json::to_string(x)
    } else if let Some(x) = d.route_table(id) {
        serde_json::to_string(x)
    } else {
        serde_json::to_string(&d.node(id))
    };
    crate::visible(&json.expect("serialise"))
}

fn all_entries() -> Vec<Entry> {
    palette::sections()
        .into_iter()
        .flat_map(|(_, entries)| entries)
        .collect()
}

/// In subnet-2 (slot B), on vpc-1 outside its subnets, outside every VPC.
const IN_SUBNET: Point = Point { x: 490, y: 185 };
const IN_VPC_ONLY: Point = Point { x: 340, y: 300 };
const OUTSIDE: Point = Point { x: 1100, y: 800 };

#[test]
fn every_entry_in_every_kind_of_place() {
    let d = full();
    let mut out = Vec::new();
    for entry in all_entries() {
        for (place, at) in [
            ("subnet", IN_SUBNET),
            ("vpc", IN_VPC_ONLY),
            ("outside", OUTSIDE),
        ] {
            out.push(format!(
                "{} @ {place}: {}",
                entry.token(),
                check_in(&d, entry, at)
            ));
        }
    }
    insta::assert_snapshot!(out.join("\n"), @r#"
    vpc @ subnet: refused VpcOverlap
    vpc @ vpc: refused VpcOverlap
    vpc @ outside: {"id":"vpc-2","name":"vpc-2","cidr_blocks":["10.1.0.0/16"],"enable_dns_support":true,"enable_dns_hostnames":true,"layout":{"x":790,"y":600,"w":620,"h":400}}
    {"id":"rtb-4","vpc":"vpc-2","name":"vpc-2-main","main":true}
    subnet @ subnet: refused SubnetOverlap
    subnet @ vpc: refused SubnetOverlap
    subnet @ outside: refused NeedsVpc { what: "a subnet" }
    ec2 @ subnet: {"id":"ec2-3","name":"ec2-3","at":{"x":490,"y":185},"kind":{"type":"ec2","subnet":"subnet-2"}}
    ec2 @ vpc: refused NeedsSubnet { what: "an EC2 instance" }
    ec2 @ outside: refused NeedsSubnet { what: "an EC2 instance" }
    lambda @ subnet: {"id":"lambda-1","name":"lambda-1","at":{"x":490,"y":185},"kind":{"type":"lambda","subnet":"subnet-2"}}
    lambda @ vpc: refused NeedsSubnet { what: "a Lambda function" }
    lambda @ outside: refused NeedsSubnet { what: "a Lambda function" }
    eks @ subnet: {"id":"eks-1","name":"eks-1","at":{"x":490,"y":185},"kind":{"type":"eks","subnet":"subnet-2"}}
    eks @ vpc: refused NeedsSubnet { what: "EKS nodes" }
    eks @ outside: refused NeedsSubnet { what: "EKS nodes" }
    rds @ subnet: {"id":"rds-1","name":"rds-1","at":{"x":490,"y":185},"kind":{"type":"rds","subnet":"subnet-2"}}
    rds @ vpc: refused NeedsSubnet { what: "an RDS database" }
    rds @ outside: refused NeedsSubnet { what: "an RDS database" }
    internet_gateway @ subnet: refused OnePerVpc { what: "an internet gateway" }
    internet_gateway @ vpc: refused OnePerVpc { what: "an internet gateway" }
    internet_gateway @ outside: refused NeedsVpc { what: "an internet gateway" }
    nat_gateway @ subnet: {"id":"nat-2","name":"nat-2","at":{"x":490,"y":185},"kind":{"type":"nat_gateway","subnet":"subnet-2"}}
    nat_gateway @ vpc: refused NeedsSubnet { what: "a NAT gateway" }
    nat_gateway @ outside: refused NeedsSubnet { what: "a NAT gateway" }
    vpn_gateway @ subnet: {"id":"vgw-1","name":"main-vgw","at":{"x":490,"y":185},"kind":{"type":"vpn_gateway","vpc":"vpc-1"}}
    vpn_gateway @ vpc: {"id":"vgw-1","name":"main-vgw","at":{"x":340,"y":300},"kind":{"type":"vpn_gateway","vpc":"vpc-1"}}
    vpn_gateway @ outside: refused NeedsVpc { what: "a virtual private gateway" }
    gateway_endpoint @ subnet: {"id":"vpce-3","name":"dynamodb-gateway","at":{"x":490,"y":185},"kind":{"type":"gateway_endpoint","vpc":"vpc-1","service":"dynamodb","route_tables":["rtb-1","rtb-2","rtb-3"]}}
    gateway_endpoint @ vpc: {"id":"vpce-3","name":"dynamodb-gateway","at":{"x":340,"y":300},"kind":{"type":"gateway_endpoint","vpc":"vpc-1","service":"dynamodb","route_tables":["rtb-1","rtb-2","rtb-3"]}}
    gateway_endpoint @ outside: refused NeedsVpc { what: "a gateway endpoint" }
    interface_endpoint @ subnet: {"id":"vpce-3","name":"sts-endpoint","at":{"x":490,"y":185},"kind":{"type":"interface_endpoint","vpc":"vpc-1","service":"sts","subnets":["subnet-2"],"private_dns":true}}
    interface_endpoint @ vpc: refused NeedsSubnet { what: "an interface endpoint" }
    interface_endpoint @ outside: refused NeedsSubnet { what: "an interface endpoint" }
    endpoint_service @ subnet: {"id":"vpcesvc-1","name":"endpoint-service","at":{"x":490,"y":185},"kind":{"type":"endpoint_service","vpc":"vpc-1","subnets":["subnet-2"],"port":443,"targets":["ec2-1","ec2-2"],"acceptance_required":true}}
    endpoint_service @ vpc: refused NeedsSubnet { what: "an endpoint service" }
    endpoint_service @ outside: refused NeedsSubnet { what: "an endpoint service" }
    transit_gateway @ subnet: refused StaysOutsideVpcs { what: "a transit gateway" }
    transit_gateway @ vpc: refused StaysOutsideVpcs { what: "a transit gateway" }
    transit_gateway @ outside: {"id":"tgw-1","name":"tgw-1","at":{"x":1100,"y":800},"kind":{"type":"transit_gateway","attachments":[{"vpc":"vpc-1","subnets":["subnet-3","subnet-4"]}]}}
    vpc_peering @ subnet: refused NoPeer
    vpc_peering @ vpc: refused NoPeer
    vpc_peering @ outside: refused PeeringNeedsVpc
    on_premises @ subnet: refused StaysOutsideVpcs { what: "an on-premises network" }
    on_premises @ vpc: refused StaysOutsideVpcs { what: "an on-premises network" }
    on_premises @ outside: {"id":"onprem-1","name":"dc","at":{"x":1100,"y":800},"kind":{"type":"on_premises","cidrs":["192.168.0.0/16"]}}
    private_hosted_zone @ subnet: refused StaysOutsideVpcs { what: "a private hosted zone" }
    private_hosted_zone @ vpc: refused StaysOutsideVpcs { what: "a private hosted zone" }
    private_hosted_zone @ outside: {"id":"zone-1","name":"corp.internal","at":{"x":1100,"y":800},"kind":{"type":"private_hosted_zone","domain":"corp.internal","vpcs":["vpc-1"]}}
    resolver_inbound @ subnet: {"id":"rslvr-1","name":"inbound-resolver","at":{"x":490,"y":185},"kind":{"type":"resolver_endpoint","vpc":"vpc-1","direction":"inbound","subnets":["subnet-2","subnet-1"]}}
    resolver_inbound @ vpc: refused NeedsSubnet { what: "a Resolver inbound endpoint" }
    resolver_inbound @ outside: refused NeedsSubnet { what: "a Resolver inbound endpoint" }
    resolver_outbound @ subnet: {"id":"rslvr-1","name":"outbound-resolver","at":{"x":490,"y":185},"kind":{"type":"resolver_endpoint","vpc":"vpc-1","direction":"outbound","subnets":["subnet-2","subnet-1"]}}
    resolver_outbound @ vpc: refused NeedsSubnet { what: "a Resolver outbound endpoint" }
    resolver_outbound @ outside: refused NeedsSubnet { what: "a Resolver outbound endpoint" }
    service:s3 @ subnet: refused OutsideVpcs
    service:s3 @ vpc: refused OutsideVpcs
    service:s3 @ outside: {"id":"svc-2","name":"s3","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"s3"}}
    service:dynamodb @ subnet: refused OutsideVpcs
    service:dynamodb @ vpc: refused OutsideVpcs
    service:dynamodb @ outside: {"id":"svc-2","name":"dynamodb","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"dynamodb"}}
    service:s3express @ subnet: refused OutsideVpcs
    service:s3express @ vpc: refused OutsideVpcs
    service:s3express @ outside: {"id":"svc-2","name":"s3express","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"s3express"}}
    service:secretsmanager @ subnet: refused OutsideVpcs
    service:secretsmanager @ vpc: refused OutsideVpcs
    service:secretsmanager @ outside: {"id":"svc-2","name":"secretsmanager","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"secretsmanager"}}
    service:sts @ subnet: refused OutsideVpcs
    service:sts @ vpc: refused OutsideVpcs
    service:sts @ outside: {"id":"svc-2","name":"sts","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"sts"}}
    service:kms @ subnet: refused OutsideVpcs
    service:kms @ vpc: refused OutsideVpcs
    service:kms @ outside: {"id":"svc-2","name":"kms","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"kms"}}
    service:ecr.api @ subnet: refused OutsideVpcs
    service:ecr.api @ vpc: refused OutsideVpcs
    service:ecr.api @ outside: {"id":"svc-2","name":"ecr-api","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"ecr.api"}}
    service:ecr.dkr @ subnet: refused OutsideVpcs
    service:ecr.dkr @ vpc: refused OutsideVpcs
    service:ecr.dkr @ outside: {"id":"svc-2","name":"ecr-dkr","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"ecr.dkr"}}
    service:logs @ subnet: refused OutsideVpcs
    service:logs @ vpc: refused OutsideVpcs
    service:logs @ outside: {"id":"svc-2","name":"logs","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"logs"}}
    service:monitoring @ subnet: refused OutsideVpcs
    service:monitoring @ vpc: refused OutsideVpcs
    service:monitoring @ outside: {"id":"svc-2","name":"monitoring","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"monitoring"}}
    service:ssm @ subnet: refused OutsideVpcs
    service:ssm @ vpc: refused OutsideVpcs
    service:ssm @ outside: {"id":"svc-2","name":"ssm","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"ssm"}}
    service:ssmmessages @ subnet: refused OutsideVpcs
    service:ssmmessages @ vpc: refused OutsideVpcs
    service:ssmmessages @ outside: {"id":"svc-2","name":"ssmmessages","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"ssmmessages"}}
    service:ec2messages @ subnet: refused OutsideVpcs
    service:ec2messages @ vpc: refused OutsideVpcs
    service:ec2messages @ outside: {"id":"svc-2","name":"ec2messages","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"ec2messages"}}
    service:sqs @ subnet: refused OutsideVpcs
    service:sqs @ vpc: refused OutsideVpcs
    service:sqs @ outside: {"id":"svc-2","name":"sqs","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"sqs"}}
    service:sns @ subnet: refused OutsideVpcs
    service:sns @ vpc: refused OutsideVpcs
    service:sns @ outside: {"id":"svc-2","name":"sns","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"sns"}}
    service:execute-api @ subnet: refused OutsideVpcs
    service:execute-api @ vpc: refused OutsideVpcs
    service:execute-api @ outside: {"id":"svc-2","name":"execute-api","at":{"x":1100,"y":800},"kind":{"type":"aws_service","service":"execute-api"}}
    "#);
}

#[test]
fn tokens_and_labels() {
    let entries = all_entries();
    for e in &entries {
        assert_eq!(Entry::from_token(&e.token()), Some(*e));
    }
    assert_eq!(Entry::from_token("service:nope"), None);
    assert_eq!(Entry::from_token(""), None);
    let mut labels: Vec<_> = entries.iter().map(|e| e.label()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), entries.len(), "palette labels are not unique");
    let sections: Vec<String> = palette::sections()
        .iter()
        .map(|(name, e)| {
            format!(
                "{name}: {}",
                e.iter().map(|x| x.token()).collect::<Vec<_>>().join(" ")
            )
        })
        .collect();
    insta::assert_snapshot!(sections.join("\n"), @"
    Network: vpc subnet
    Workloads: ec2 lambda eks rds
    Gateways: internet_gateway nat_gateway vpn_gateway
    Endpoints: gateway_endpoint interface_endpoint endpoint_service
    Connectivity: transit_gateway vpc_peering on_premises
    DNS: private_hosted_zone resolver_inbound resolver_outbound
    AWS services: service:s3 service:dynamodb service:s3express service:secretsmanager service:sts service:kms service:ecr.api service:ecr.dkr service:logs service:monitoring service:ssm service:ssmmessages service:ec2messages service:sqs service:sns service:execute-api
    ");
}

// ---- subnets: a free block and the least-used zone ---------------------------------------

fn new_subnet(d: &Design, at: Point) -> String {
    check_in(d, Entry::Subnet, at)
}

#[test]
fn new_subnet_gets_a_free_block_and_the_least_used_zone() {
    // 10.0.0.0/24 (a), 10.0.1.0/24 (b), 10.0.3.0/24 (a): the gap 10.0.2.0/24, zone c.
    let d = design(|d| {
        d.subnets
            .push(subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A));
        d.subnets
            .push(subnet_at("subnet-2", "10.0.1.0/24", "us-east-1b", SLOT_B));
        d.subnets
            .push(subnet_at("subnet-3", "10.0.3.0/24", "us-east-1a", SLOT_C));
    });
    insta::assert_snapshot!(new_subnet(&d, centre(SLOT_D)), @r#"{"id":"subnet-4","vpc":"vpc-1","name":"subnet-4","availability_zone":"us-east-1c","cidr":"10.0.2.0/24","layout":{"x":360,"y":270,"w":260,"h":150}}"#);
    // A larger subnet holds several /24s; subnets of other VPCs do not count, for blocks or zones.
    let d = design(|d| {
        d.vpcs.push(vpc("vpc-2", "10.0.0.0/16"));
        d.subnets
            .push(subnet("subnet-1", "vpc-2", "10.0.0.0/24", "us-east-1c"));
        d.subnets
            .push(subnet_at("subnet-2", "10.0.0.0/22", "us-east-1a", SLOT_A));
    });
    insta::assert_snapshot!(new_subnet(&d, centre(SLOT_D)), @r#"{"id":"subnet-3","vpc":"vpc-1","name":"subnet-3","availability_zone":"us-east-1b","cidr":"10.0.4.0/24","layout":{"x":360,"y":270,"w":260,"h":150}}"#);
}

#[test]
fn new_subnet_zones_spread_then_wrap() {
    let mut d = base();
    let mut zones = Vec::new();
    for i in 0..8 {
        let (edit, id) = palette::create(&d, Entry::Subnet, centre(SLOT_D)).expect("a subnet");
        edit.apply(&mut d).expect("apply");
        let s = d.subnet(&id).expect("new subnet");
        zones.push(format!("{} {}", s.cidr, s.availability_zone));
        // Clear the drop spot: subnets may not overlap on the canvas.
        if let Some(s) = d.subnets.iter_mut().find(|s| s.id == id) {
            s.layout = vpc_planner::model::design::Rect {
                x: SLOT_A.x + i,
                y: SLOT_A.y,
                w: 1,
                h: 1,
            };
        }
    }
    insta::assert_snapshot!(zones.join("\n"), @r"
        10.0.0.0/24 us-east-1a
        10.0.1.0/24 us-east-1b
        10.0.2.0/24 us-east-1c
        10.0.3.0/24 us-east-1d
        10.0.4.0/24 us-east-1e
        10.0.5.0/24 us-east-1f
        10.0.6.0/24 us-east-1a
        10.0.7.0/24 us-east-1b
        ");
    // Each new subnet overlaps no other (the canvas rectangles may; see the report).
    let diagnostics: Vec<_> = validate(&d)
        .into_iter()
        .filter(|x| x.code.starts_with("subnet."))
        .collect();
    assert_eq!(diagnostics, []);
}

#[test]
fn new_subnet_in_a_small_or_full_vpc() {
    // A /24 VPC holding a /25: no /24 is left, a /26 is.
    let d = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/24".into()];
        d.subnets
            .push(subnet_at("subnet-1", "10.0.0.0/25", "us-east-1a", SLOT_A));
    });
    insta::assert_snapshot!(new_subnet(&d, centre(SLOT_D)), @r#"{"id":"subnet-2","vpc":"vpc-1","name":"subnet-2","availability_zone":"us-east-1b","cidr":"10.0.0.128/26","layout":{"x":360,"y":270,"w":260,"h":150}}"#);
    // A full /28 VPC: nothing is free.
    let d = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/28".into()];
        d.subnets
            .push(subnet_at("subnet-1", "10.0.0.0/28", "us-east-1a", SLOT_A));
    });
    insta::assert_snapshot!(new_subnet(&d, centre(SLOT_D)), @"refused NoFreeBlock");
    // A secondary block is used once the primary is full.
    let d = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/24".into(), "100.64.0.0/24".into()];
        d.subnets
            .push(subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A));
    });
    insta::assert_snapshot!(new_subnet(&d, centre(SLOT_D)), @r#"{"id":"subnet-2","vpc":"vpc-1","name":"subnet-2","availability_zone":"us-east-1b","cidr":"100.64.0.0/24","layout":{"x":360,"y":270,"w":260,"h":150}}"#);
    // In a Region the catalogue does not know: zones a, b, c.
    let d = design(|d| d.region = "xx-test-1".into());
    insta::assert_snapshot!(new_subnet(&d, centre(SLOT_D)), @r#"{"id":"subnet-1","vpc":"vpc-1","name":"subnet-1","availability_zone":"xx-test-1a","cidr":"10.0.0.0/24","layout":{"x":360,"y":270,"w":260,"h":150}}"#);
}

#[test]
fn new_subnet_rectangle_is_clamped_into_the_vpc() {
    // Dropped at the VPC's corner, the subnet is moved inside.
    let (edit, id) =
        palette::create(&base(), Entry::Subnet, Point { x: 41, y: 41 }).expect("a subnet");
    let mut d = base();
    edit.apply(&mut d).expect("apply");
    let layout = d.subnet(&id).expect("subnet").layout;
    assert!(VPC_RECT.contains_rect(&layout), "{layout:?}");
    // In a VPC drawn smaller than a subnet, it shrinks to fit.
    let small = design(|d| {
        d.vpcs[0].layout = Rect {
            x: 0,
            y: 0,
            w: 100,
            h: 50,
        }
    });
    let (edit, id) =
        palette::create(&small, Entry::Subnet, Point { x: 50, y: 25 }).expect("a subnet");
    let mut d = small.clone();
    edit.apply(&mut d).expect("apply");
    insta::assert_snapshot!(format!("{:?}", d.subnet(&id).expect("subnet").layout), @"Rect { x: 10, y: 10, w: 80, h: 30 }");
}

// ---- VPCs: a free 10.x.0.0/16 and a main route table ------------------------------------

#[test]
fn new_vpc_gets_a_free_block_and_a_main_route_table() {
    insta::assert_snapshot!(check_in(&base(), Entry::Vpc, Point { x: 1100, y: 240 }), @r#"
        {"id":"vpc-2","name":"vpc-2","cidr_blocks":["10.1.0.0/16"],"enable_dns_support":true,"enable_dns_hostnames":true,"layout":{"x":790,"y":40,"w":620,"h":400}}
        {"id":"rtb-1","vpc":"vpc-2","name":"vpc-2-main","main":true}
        "#);
    // Blocks taken in any form: a smaller block inside 10.1/16, a secondary block, a broken one.
    let d = design(|d| {
        d.vpcs[0].cidr_blocks.push("10.2.0.0/16".into());
        let mut v = vpc("vpc-2", "10.1.128.0/17");
        v.layout = Rect {
            x: 40,
            y: 500,
            w: 620,
            h: 400,
        };
        d.vpcs.push(v);
        let mut v = vpc("vpc-3", "banana");
        v.layout = Rect {
            x: 40,
            y: 1000,
            w: 620,
            h: 400,
        };
        d.vpcs.push(v);
        d.route_tables.push(main_rtb("rtb-1", "vpc-1", &[]));
    });
    insta::assert_snapshot!(check_in(&d, Entry::Vpc, Point { x: 1100, y: 240 }), @r#"
        {"id":"vpc-4","name":"vpc-4","cidr_blocks":["10.3.0.0/16"],"enable_dns_support":true,"enable_dns_hostnames":true,"layout":{"x":790,"y":40,"w":620,"h":400}}
        {"id":"rtb-2","vpc":"vpc-4","name":"vpc-4-main","main":true}
        "#);
    // Dropped onto another VPC: refused.
    insta::assert_snapshot!(check_in(&base(), Entry::Vpc, Point { x: 700, y: 240 }), @"refused VpcOverlap");
}

#[test]
fn third_gateway_endpoint_and_repeated_interface_endpoints() {
    // The palette picks the next service not yet present in the VPC.
    let mut d = full();
    let mut picked = Vec::new();
    for entry in [
        Entry::GatewayEndpoint,
        Entry::InterfaceEndpoint,
        Entry::InterfaceEndpoint,
    ] {
        let at = if entry == Entry::GatewayEndpoint {
            Point { x: 200, y: 70 }
        } else {
            IN_SUBNET
        };
        let (edit, id) = palette::create(&d, entry, at).expect("created");
        edit.apply(&mut d).expect("apply");
        picked.push(item_json(&d, &id));
    }
    insta::assert_snapshot!(picked.join("\n"), @r#"
    {"id":"vpce-3","name":"dynamodb-gateway","at":{"x":200,"y":70},"kind":{"type":"gateway_endpoint","vpc":"vpc-1","service":"dynamodb","route_tables":["rtb-1","rtb-2","rtb-3"]}}
    {"id":"vpce-4","name":"sts-endpoint","at":{"x":490,"y":185},"kind":{"type":"interface_endpoint","vpc":"vpc-1","service":"sts","subnets":["subnet-2"],"private_dns":true}}
    {"id":"vpce-5","name":"kms-endpoint","at":{"x":490,"y":185},"kind":{"type":"interface_endpoint","vpc":"vpc-1","service":"kms","subnets":["subnet-2"],"private_dns":true}}
    "#);
}

// ---- placing without a drop point --------------------------------------------------------

/// Creates each entry with no drop point and no selection: where it lands and what it is.
#[test]
fn create_somewhere_finds_a_valid_place() {
    let d = full();
    let mut out = Vec::new();
    for entry in all_entries() {
        let line = match palette::create_somewhere(&d, entry, None) {
            Err(e) => format!("refused {e:?}"),
            Ok((edit, id)) => {
                let mut after = d.clone();
                edit.apply(&mut after).expect("apply");
                let before = validate(&d);
                let added: Vec<_> = validate(&after)
                    .into_iter()
                    .filter(|x| !before.contains(x))
                    .collect();
                let where_ = after.node(&id).map(|n| n.at).map_or(String::new(), |p| {
                    format!(
                        " at ({}, {}) in {}",
                        p.x,
                        p.y,
                        vpc_planner::model::layout::subnet_at(&after, p)
                            .map_or("-", |s| s.id.as_str())
                    )
                });
                format!(
                    "{id}{where_}{}",
                    if added.is_empty() {
                        String::new()
                    } else {
                        format!(" + {}", render(&added))
                    }
                )
            }
        };
        out.push(format!("{}: {line}", entry.token()));
    }
    insta::assert_snapshot!(out.join("\n"), @r#"
    vpc: vpc-2
    subnet: refused NoRoom { what: "a subnet" }
    ec2: ec2-3 at (248, 182) in subnet-1
    lambda: lambda-1 at (248, 182) in subnet-1
    eks: eks-1 at (248, 182) in subnet-1
    rds: rds-1 at (248, 182) in subnet-1
    internet_gateway: refused OnePerVpc { what: "an internet gateway" }
    nat_gateway: nat-2 at (248, 182) in subnet-1
    vpn_gateway: vgw-1 at (104, 74) in -
    gateway_endpoint: vpce-3 at (104, 74) in -
    interface_endpoint: vpce-3 at (248, 182) in subnet-1
    endpoint_service: vpcesvc-1 at (248, 182) in subnet-1
    transit_gateway: tgw-1 at (100, 658) in -
    vpc_peering: refused NoPeer
    on_premises: onprem-1 at (100, 658) in -
    private_hosted_zone: zone-1 at (100, 658) in -
    resolver_inbound: rslvr-1 at (248, 182) in subnet-1
    resolver_outbound: rslvr-1 at (248, 182) in subnet-1
    service:s3: svc-2 at (100, 850) in -
    service:dynamodb: svc-2 at (100, 850) in -
    service:s3express: svc-2 at (100, 850) in -
    service:secretsmanager: svc-2 at (100, 850) in -
    service:sts: svc-2 at (100, 850) in -
    service:kms: svc-2 at (100, 850) in -
    service:ecr.api: svc-2 at (100, 850) in -
    service:ecr.dkr: svc-2 at (100, 850) in -
    service:logs: svc-2 at (100, 850) in -
    service:monitoring: svc-2 at (100, 850) in -
    service:ssm: svc-2 at (100, 850) in -
    service:ssmmessages: svc-2 at (100, 850) in -
    service:ec2messages: svc-2 at (100, 850) in -
    service:sqs: svc-2 at (100, 850) in -
    service:sns: svc-2 at (100, 850) in -
    service:execute-api: svc-2 at (100, 850) in -
    "#);
}

#[test]
fn create_somewhere_prefers_the_selection() {
    let d = design(|d| {
        *d = full();
        d.vpcs.push(vpc("vpc-2", "10.1.0.0/16"));
        d.subnets.push(Subnet {
            layout: Rect {
                x: 780,
                y: 110,
                w: 260,
                h: 150,
            },
            ..subnet("subnet-9", "vpc-2", "10.1.0.0/24", "us-east-1a")
        });
    });
    let home = |entry: Entry, selected: &str| {
        let (edit, id) = match palette::create_somewhere(&d, entry, Some(selected)) {
            Ok(done) => done,
            Err(e) => return format!("{} {} -> refused {e:?}", entry.token(), selected),
        };
        let mut after = d.clone();
        edit.apply(&mut after).expect("apply");
        let n = after.node(&id);
        let s = after.subnet(&id);
        match (n, s) {
            (Some(n), _) => format!(
                "{} {} -> {}",
                entry.token(),
                selected,
                after.node_vpc(n).unwrap_or("-")
            ),
            (_, Some(s)) => format!("{} {} -> {}", entry.token(), selected, s.vpc),
            _ => format!("{} {} -> {id}", entry.token(), selected),
        }
    };
    let lines = [
        home(Entry::Ec2, "subnet-9"),
        home(Entry::Ec2, "vpc-2"),
        home(Entry::Subnet, "vpc-2"),
        home(Entry::Subnet, "subnet-9"),
        home(Entry::InternetGateway, "subnet-9"),
        home(Entry::InterfaceEndpoint, "subnet-9"),
        home(Entry::Rds, "nope"),
    ];
    insta::assert_snapshot!(lines.join("\n"), @"
    ec2 subnet-9 -> vpc-2
    ec2 vpc-2 -> vpc-2
    subnet vpc-2 -> vpc-2
    subnet subnet-9 -> vpc-2
    internet_gateway subnet-9 -> vpc-2
    interface_endpoint subnet-9 -> vpc-2
    rds nope -> vpc-1
    ");
}

#[test]
fn create_somewhere_in_an_empty_design() {
    let d = Design::empty("us-east-1");
    let mut out = Vec::new();
    for entry in [
        Entry::Vpc,
        Entry::Subnet,
        Entry::Ec2,
        Entry::InternetGateway,
        Entry::Service("s3"),
    ] {
        out.push(format!(
            "{}: {:?}",
            entry.token(),
            palette::create_somewhere(&d, entry, None).map(|(_, id)| id)
        ));
    }
    insta::assert_snapshot!(out.join("\n"), @r#"
    vpc: Ok("vpc-1")
    subnet: Err(NoRoom { what: "a subnet" })
    ec2: Err(NoRoom { what: "an EC2 instance" })
    internet_gateway: Err(NoRoom { what: "an internet gateway" })
    service:s3: Ok("svc-1")
    "#);
}

use vpc_planner::model::design::Subnet;

// ---- messages ---------------------------------------------------------------------------

/// The refusals a user reads, one per kind of place error, for the palette's own entries.
#[test]
fn place_error_messages() {
    use vpc_planner::model::layout::PlaceError;
    let errors = [
        PlaceError::NeedsVpc { what: "a subnet" },
        PlaceError::NeedsSubnet {
            what: "an EC2 instance",
        },
        PlaceError::OutsideVpcs,
        PlaceError::CoversService,
        PlaceError::SubnetOverlap,
        PlaceError::GatewayServicesTaken,
        PlaceError::NoFreeBlock,
        PlaceError::NoRoom { what: "EKS nodes" },
        PlaceError::VpcOverlap,
        PlaceError::SubnetLeavesVpc,
        PlaceError::LeavesVpc {
            what: "a NAT gateway",
        },
        PlaceError::OnePerVpc {
            what: "an internet gateway",
        },
        PlaceError::Nothing,
    ];
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    insta::assert_snapshot!(lines.join("\n"), @"
    a subnet must be inside a VPC: drop it onto a VPC
    an EC2 instance must be in a subnet: drop it onto a subnet
    AWS services are Regional and sit outside your VPCs: place it on the canvas outside any VPC
    a VPC cannot cover an AWS service, which sits outside every VPC: move the service first
    subnets cannot overlap on the canvas: place it on empty space in the VPC
    this VPC already has gateway endpoints for S3 and DynamoDB, the only services that offer them
    the VPC has no free address range for another subnet: add a secondary CIDR block or shrink a subnet
    there is no free room for EKS nodes: drag it to where it should go, or make room first
    VPCs cannot overlap on the canvas: place it on empty space
    a subnet stays inside its VPC: move the VPC to move them together
    a NAT gateway stays inside its own VPC
    this VPC already has an internet gateway; a VPC can have only one
    nothing to move
    ");
}

#[test]
fn eks_refusal_is_grammatical() {
    let e = palette::create(&full(), Entry::Eks, OUTSIDE).expect_err("refused");
    assert_eq!(
        e.to_string(),
        "EKS nodes must be in a subnet: drop it onto a subnet"
    );
}

/// With no drop point, an internet gateway or gateway endpoint goes on the top band of a VPC
/// that can take one.
#[test]
fn create_somewhere_places_gateways() {
    for entry in [Entry::InternetGateway, Entry::GatewayEndpoint] {
        let result = palette::create_somewhere(&base(), entry, None).map(|(_, id)| id);
        assert!(result.is_ok(), "{}: {result:?}", entry.token());
    }
}

/// When the palette cannot place an entry anywhere, the message says so.
#[test]
fn no_room_message() {
    let e = palette::create_somewhere(&full(), Entry::Subnet, None).expect_err("no room");
    assert_ne!(e.to_string(), "nothing to move");
}

/// What the palette creates validates: when no valid item fits, it refuses instead.
#[test]
fn palette_never_creates_an_invalid_item() {
    let mut problems = Vec::new();
    // full() has an S3 gateway endpoint; add DynamoDB, then ask for one more.
    let mut d = full();
    for _ in 0..2 {
        if let Ok((edit, _)) = palette::create(&d, Entry::GatewayEndpoint, Point { x: 200, y: 70 })
        {
            edit.apply(&mut d).expect("apply");
        }
    }
    problems.extend(validate(&d).into_iter().map(|x| x.code));
    // A /28 VPC holding a /28 subnet has no room for another.
    let full28 = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/28".into()];
        d.subnets
            .push(subnet_at("subnet-1", "10.0.0.0/28", "us-east-1a", SLOT_A));
    });
    if let Ok((edit, _)) = palette::create(&full28, Entry::Subnet, centre(SLOT_D)) {
        let mut after = full28.clone();
        edit.apply(&mut after).expect("apply");
        problems.extend(validate(&after).into_iter().map(|x| x.code));
    }
    assert_eq!(problems, Vec::<&str>::new());
}

// ---- transit gateways, virtual private gateways, peering, on-premises networks ------------

/// `full()` with a second VPC (10.1.0.0/16, right of the first) holding subnets in two zones,
/// and a third VPC without subnets below both.
fn two_vpcs() -> Design {
    design(|d| {
        *d = full();
        d.vpcs.push(vpc("vpc-2", "10.1.0.0/16"));
        let mut empty = vpc("vpc-3", "10.2.0.0/16");
        empty.layout = Rect {
            x: 40,
            y: 900,
            w: 620,
            h: 400,
        };
        d.vpcs.push(empty);
        let at = |x| Rect {
            x,
            y: 110,
            w: 260,
            h: 150,
        };
        d.subnets.push(Subnet {
            layout: at(780),
            ..subnet("subnet-9", "vpc-2", "10.1.0.0/24", "us-east-1a")
        });
        d.subnets.push(Subnet {
            layout: at(1080),
            ..subnet("subnet-10", "vpc-2", "10.1.1.0/24", "us-east-1a")
        });
        d.subnets.push(Subnet {
            layout: Rect {
                x: 780,
                y: 270,
                w: 260,
                h: 150,
            },
            ..subnet("subnet-11", "vpc-2", "10.1.2.0/24", "us-east-1b")
        });
    })
}

#[test]
fn transit_gateway_attaches_every_vpc_with_subnets_one_subnet_per_zone() {
    let d = two_vpcs();
    // vpc-1: its private subnets (one per zone) rather than the public ones; vpc-2: the first
    // subnet of each zone; vpc-3 has no subnets and stays unattached. No diagnostic added.
    insta::assert_snapshot!(check_in(&d, Entry::TransitGateway, Point { x: 900, y: 700 }), @r#"{"id":"tgw-1","name":"tgw-1","at":{"x":900,"y":700},"kind":{"type":"transit_gateway","attachments":[{"vpc":"vpc-1","subnets":["subnet-3","subnet-4"]},{"vpc":"vpc-2","subnets":["subnet-9","subnet-11"]}]}}"#);
    insta::assert_snapshot!(check_in(&d, Entry::TransitGateway, IN_VPC_ONLY), @r#"refused StaysOutsideVpcs { what: "a transit gateway" }"#);
    let e = palette::create(&d, Entry::TransitGateway, IN_SUBNET).expect_err("inside a VPC");
    assert_eq!(
        e.to_string(),
        "a transit gateway sits outside your VPCs: place it on the canvas outside any VPC"
    );
    // Without a drop point it goes below the drawing, outside every VPC.
    let (edit, id) = palette::create_somewhere(&d, Entry::TransitGateway, None).expect("somewhere");
    let mut after = d.clone();
    edit.apply(&mut after).expect("apply");
    let at = after.node(&id).expect("tgw").at;
    assert!(
        vpc_planner::model::layout::vpc_at(&after, at).is_none(),
        "{at:?}"
    );
    assert_eq!(
        validate(&after)
            .into_iter()
            .filter(|x| !validate(&d).contains(x))
            .count(),
        0
    );
}

#[test]
fn virtual_private_gateway_one_per_vpc_on_its_edge() {
    let d = full();
    insta::assert_snapshot!(check_in(&d, Entry::VpnGateway, IN_VPC_ONLY), @r#"{"id":"vgw-1","name":"main-vgw","at":{"x":340,"y":300},"kind":{"type":"vpn_gateway","vpc":"vpc-1"}}"#);
    insta::assert_snapshot!(check_in(&d, Entry::VpnGateway, OUTSIDE), @r#"refused NeedsVpc { what: "a virtual private gateway" }"#);
    let (edit, _) = palette::create(&d, Entry::VpnGateway, IN_VPC_ONLY).expect("first");
    let mut with_one = d.clone();
    edit.apply(&mut with_one).expect("apply");
    let e = palette::create(&with_one, Entry::VpnGateway, IN_SUBNET).expect_err("second");
    assert_eq!(
        e.to_string(),
        "this VPC already has a virtual private gateway; a VPC can have only one"
    );
    // Without a drop point: on the VPC's top band, clear of the internet gateway.
    let (edit, id) = palette::create_somewhere(&d, Entry::VpnGateway, None).expect("somewhere");
    let mut after = d.clone();
    edit.apply(&mut after).expect("apply");
    let at = after.node(&id).expect("vgw").at;
    assert!(at.y < SLOT_A.y && VPC_RECT.contains(at), "{at:?}");
    assert!(palette::create_somewhere(&with_one, Entry::VpnGateway, None).is_err());
}

#[test]
fn peering_joins_the_nearest_vpc_it_can() {
    // vpc-2 (10.1/16) right of vpc-1; vpc-3 overlaps vpc-1 (10.0/16), below it.
    let d = design(|d| {
        d.vpcs.push(vpc("vpc-2", "10.1.0.0/16"));
        let mut overlapping = vpc("vpc-3", "10.0.0.0/16");
        overlapping.layout = Rect {
            x: 40,
            y: 500,
            w: 620,
            h: 400,
        };
        d.vpcs.push(overlapping);
    });
    // On vpc-1: the accepter is vpc-2, the one it can peer with; the icon sits in the gap.
    insta::assert_snapshot!(check_in(&d, Entry::VpcPeering, centre(VPC_RECT)), @r#"{"id":"pcx-1","name":"pcx-1","at":{"x":710,"y":240},"kind":{"type":"vpc_peering","requester":"vpc-1","accepter":"vpc-2"}}"#);
    // Next to vpc-1 (not on it) still counts.
    insta::assert_snapshot!(check_in(&d, Entry::VpcPeering, Point { x: 340, y: 470 }), @r#"{"id":"pcx-1","name":"pcx-1","at":{"x":710,"y":240},"kind":{"type":"vpc_peering","requester":"vpc-1","accepter":"vpc-2"}}"#);
    // Far from every VPC: refused.
    let e =
        palette::create(&d, Entry::VpcPeering, Point { x: 3000, y: 3000 }).expect_err("nowhere");
    assert_eq!(
        e.to_string(),
        "a peering connection joins two VPCs: drop it onto or next to the VPC that requests it"
    );
    // Once vpc-1 and vpc-2 are peered, vpc-1 has nobody left: vpc-3 overlaps it.
    let (edit, _) = palette::create(&d, Entry::VpcPeering, centre(VPC_RECT)).expect("first");
    let mut peered = d.clone();
    edit.apply(&mut peered).expect("apply");
    let e = palette::create(&peered, Entry::VpcPeering, centre(VPC_RECT)).expect_err("no peer");
    assert_eq!(e, vpc_planner::model::layout::PlaceError::NoPeer);
    // vpc-2 and vpc-3 can still be peered; without a drop point the selected VPC requests.
    insta::assert_snapshot!(check_in(&peered, Entry::VpcPeering, Point { x: 1000, y: 300 }), @r#"{"id":"pcx-2","name":"pcx-2","at":{"x":710,"y":470},"kind":{"type":"vpc_peering","requester":"vpc-2","accepter":"vpc-3"}}"#);
    let (edit, id) =
        palette::create_somewhere(&peered, Entry::VpcPeering, Some("vpc-3")).expect("somewhere");
    let mut after = peered.clone();
    edit.apply(&mut after).expect("apply");
    insta::assert_snapshot!(item_json(&after, &id), @r#"{"id":"pcx-2","name":"pcx-2","at":{"x":710,"y":470},"kind":{"type":"vpc_peering","requester":"vpc-3","accepter":"vpc-2"}}"#);
    // With a single VPC there is nothing to peer with.
    let e = palette::create_somewhere(&base(), Entry::VpcPeering, None).expect_err("alone");
    assert_eq!(e, vpc_planner::model::layout::PlaceError::NoPeer);
}

#[test]
fn on_premises_network_gets_a_free_block_and_the_only_vpn_end() {
    let at = Point { x: 1100, y: 800 };
    // Nothing to connect to: no VPN; 192.168.0.0/16 is free.
    insta::assert_snapshot!(check_in(&full(), Entry::OnPremises, at), @r#"{"id":"onprem-1","name":"dc","at":{"x":1100,"y":800},"kind":{"type":"on_premises","cidrs":["192.168.0.0/16"]}}"#);
    // A VPC in 192.168.0.0/20: the next free /24; the one virtual private gateway is the VPN end.
    let d = design(|d| {
        *d = full();
        d.vpcs[0].cidr_blocks.push("192.168.0.0/20".into());
        d.nodes.push(node_at(
            "vgw-1",
            vpc_planner::model::design::NodeKind::VpnGateway {
                vpc: "vpc-1".into(),
            },
            Point { x: 450, y: 70 },
        ));
    });
    insta::assert_snapshot!(check_in(&d, Entry::OnPremises, at), @r#"{"id":"onprem-1","name":"dc","at":{"x":1100,"y":800},"kind":{"type":"on_premises","cidrs":["192.168.16.0/24"],"vpn":"vgw-1"}}"#);
    // Two possible ends (a gateway and a transit gateway): the user picks; none is set.
    let d2 = design(|d2| {
        *d2 = d.clone();
        d2.nodes.push(node_at(
            "tgw-1",
            vpc_planner::model::design::NodeKind::TransitGateway {
                attachments: vec![],
                route_tables: vec![],
            },
            Point { x: 900, y: 700 },
        ));
    });
    let (edit, id) = palette::create(&d2, Entry::OnPremises, at).expect("created");
    let mut after = d2.clone();
    edit.apply(&mut after).expect("apply");
    assert!(matches!(
        &after.node(&id).expect("node").kind,
        vpc_planner::model::design::NodeKind::OnPremises { vpn: None, .. }
    ));
    // Inside a VPC: refused.
    let e = palette::create(&full(), Entry::OnPremises, IN_VPC_ONLY).expect_err("inside");
    assert_eq!(
        e.to_string(),
        "an on-premises network sits outside your VPCs: place it on the canvas outside any VPC"
    );
}
