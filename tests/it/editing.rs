//! Canvas editing in the model: copy / paste / duplicate (clipboard.rs), AZ lanes (lanes.rs),
//! resize, snap and multi-item drags (layout.rs). Each test applies the returned `Edit` to a
//! copy of the design and checks the result against the AWS rules it must keep, then undoes it.

use crate::fixture::*;
use ipnet::Ipv4Net;
use proptest::prelude::*;
use std::collections::HashMap;
use vpc_planner::model::clipboard::{self, Clip, ClipError, PasteError};
use vpc_planner::model::design::{Design, FlowTarget, Id, NodeKind, Point};
use vpc_planner::model::edit::Edit;
use vpc_planner::model::layout::PlaceError;
use vpc_planner::model::{Severity, document, generate, routing, validate};

fn classic() -> Design {
    document::from_json(include_str!(
        "../../static/examples/classic-private-endpoints.json"
    ))
    .expect("the classic example reads")
}

fn ids(list: &[&str]) -> Vec<Id> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Applies `edit` to a copy, checks that its inverse gives back `design` exactly, and returns
/// the edited copy.
fn applied(design: &Design, edit: Edit) -> Design {
    let mut after = design.clone();
    let inverse = edit.apply(&mut after).expect("the edit applies");
    let mut undone = after.clone();
    inverse.apply(&mut undone).expect("its inverse applies");
    assert_eq!(&undone, design, "undo gives back the design exactly");
    after
}

/// Error diagnostics by code, counted.
fn errors(design: &Design) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for d in validate::validate(design)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
    {
        *out.entry(d.code.to_string()).or_insert(0) += 1;
    }
    out
}

fn blocks(design: &Design, vpc: &str) -> Vec<Ipv4Net> {
    design
        .vpc(vpc)
        .map(|v| {
            v.cidr_blocks
                .iter()
                .filter_map(|c| c.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn overlap(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// No two VPCs of the design share an address.
fn assert_no_vpc_overlap(design: &Design) {
    for (i, a) in design.vpcs.iter().enumerate() {
        for b in &design.vpcs[i + 1..] {
            for x in blocks(design, &a.id) {
                for y in blocks(design, &b.id) {
                    assert!(!overlap(&x, &y), "{} {x} overlaps {} {y}", a.id, b.id);
                }
            }
        }
    }
}

// ---- copy / paste / duplicate ---------------------------------------------------------------

#[test]
fn duplicated_vpc_gets_a_free_block_and_its_own_copies_of_everything() {
    let d = classic();
    let (edit, new) = clipboard::duplicate(&d, &ids(&["vpc-1"])).expect("duplicate");
    let after = applied(&d, edit);
    assert_eq!(new.len(), 1);
    let copy = after.vpc(&new[0]).expect("the new VPC").clone();
    assert_ne!(copy.id, "vpc-1");
    assert_eq!(copy.name, "prod-2");
    // Same size, next free /16, overlapping nothing (ipnet, not the model's own check).
    assert_eq!(copy.cidr_blocks, vec!["10.1.0.0/16".to_string()]);
    assert_no_vpc_overlap(&after);
    // Subnets re-based, keeping their offsets and AZs; drawn inside the copy, not on the originals.
    let mut got: Vec<(String, String, String)> = after
        .subnets
        .iter()
        .filter(|s| s.vpc == copy.id)
        .map(|s| (s.name.clone(), s.cidr.clone(), s.availability_zone.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "private-a-2".into(),
                "10.1.10.0/24".into(),
                "us-east-1a".into()
            ),
            (
                "private-b-2".into(),
                "10.1.11.0/24".into(),
                "us-east-1b".into()
            ),
            (
                "public-a-2".into(),
                "10.1.0.0/24".into(),
                "us-east-1a".into()
            ),
            (
                "public-b-2".into(),
                "10.1.1.0/24".into(),
                "us-east-1b".into()
            ),
        ]
    );
    for s in after.subnets.iter().filter(|s| s.vpc == copy.id) {
        assert!(copy.layout.contains_rect(&s.layout));
    }
    assert!(
        !copy.layout.intersects(&d.vpcs[0].layout),
        "VPC boxes may not overlap"
    );
    // References follow the copies: the public table routes to the copy's internet gateway and
    // serves the copied public subnets; the endpoint sits in the copied private subnets.
    let igw = after
        .nodes
        .iter()
        .find(|n| matches!(&n.kind, NodeKind::InternetGateway { vpc } if *vpc == copy.id))
        .expect("copied igw");
    assert_eq!(igw.name, "prod-2-igw");
    let public = after
        .route_tables
        .iter()
        .find(|rt| rt.vpc == copy.id && rt.routes.iter().any(|r| r.target == igw.id))
        .expect("copied public table");
    assert_eq!(public.subnets.len(), 2);
    for s in &public.subnets {
        let s = after.subnet(s).expect("subnet");
        assert_eq!(s.vpc, copy.id);
        assert!(routing::is_public(&after, s));
    }
    let endpoint = after
        .nodes
        .iter()
        .find(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { vpc, .. } if *vpc == copy.id))
        .expect("copied endpoint");
    let NodeKind::InterfaceEndpoint { subnets, .. } = &endpoint.kind else {
        unreachable!()
    };
    assert!(
        subnets
            .iter()
            .all(|s| after.subnet(s).is_some_and(|s| s.vpc == copy.id))
    );
    // Of the flows, only app-b's to the internet has both ends in the copy (the services were
    // not copied); nothing of the original changed.
    let copied: Vec<_> = after.flows.iter().skip(d.flows.len()).collect();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].to, FlowTarget::Internet);
    assert_eq!(
        after.node(&copied[0].from).map(|n| n.name.as_str()),
        Some("app-b-2")
    );
    for v in &d.vpcs {
        assert_eq!(after.vpc(&v.id), Some(v));
    }
    // validate finds no error the original did not have.
    assert_eq!(errors(&after), errors(&d));
}

#[test]
fn flows_come_along_when_both_ends_are_copied() {
    let d = classic();
    let clip = clipboard::copy(&d, &ids(&["vpc-1", "svc-1"]));
    assert_eq!(
        clip.design
            .flows
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        vec!["flow-1", "flow-3", "flow-4"]
    );
    let (edit, new) = clipboard::paste(&d, &clip, None).expect("paste");
    let after = applied(&d, edit);
    let (vpc, svc) = (&new[0], &new[1]);
    let copied: Vec<_> = after.flows.iter().skip(d.flows.len()).collect();
    assert_eq!(copied.len(), 3);
    for f in copied {
        let from = after.node(&f.from).expect("from");
        assert_eq!(
            after.node_vpc(from),
            Some(vpc.as_str()),
            "{} starts in the copy",
            f.id
        );
        if let FlowTarget::Node(to) = &f.to {
            assert_eq!(to, svc, "goes to the copied service");
        }
    }
    assert_eq!(errors(&after), errors(&d));
}

#[test]
fn duplicated_subnet_stays_in_its_vpc_with_a_free_block_and_its_route_table() {
    let d = classic();
    // private-a carries app-a and the interface endpoint whose first subnet it is.
    let (edit, new) = clipboard::duplicate(&d, &ids(&["subnet-3"])).expect("duplicate");
    let after = applied(&d, edit);
    let s = after.subnet(&new[0]).expect("new subnet").clone();
    assert_eq!(
        (
            s.vpc.as_str(),
            s.name.as_str(),
            s.availability_zone.as_str()
        ),
        ("vpc-1", "private-a-2", "us-east-1a")
    );
    let net: Ipv4Net = s.cidr.parse().expect("cidr");
    assert_eq!(net.prefix_len(), 24);
    for o in after.subnets.iter().filter(|o| o.id != s.id) {
        assert!(
            !overlap(&net, &o.cidr.parse().expect("cidr")),
            "{} overlaps {}",
            s.cidr,
            o.cidr
        );
        assert!(!o.layout.intersects(&s.layout), "drawn over {}", o.id);
    }
    // The VPC box had no room left: it grew to hold the copy.
    let vpc = after.vpc("vpc-1").expect("vpc");
    assert!(vpc.layout.contains_rect(&s.layout));
    assert!(vpc.layout.h > d.vpc("vpc-1").expect("vpc").layout.h);
    // Private like its original: associated with the same route table.
    assert_eq!(
        after.route_table_of_subnet(&s).map(|rt| rt.id.as_str()),
        Some("rtb-3")
    );
    assert!(!routing::is_public(&after, &s));
    // Its workload came along and sits in it.
    let app = after
        .nodes
        .iter()
        .find(|n| n.kind.home_subnet() == Some(s.id.as_str()) && n.kind.is_workload())
        .expect("copied workload");
    assert_eq!(app.name, "app-a-2");
    assert!(s.layout.contains(app.at));
}

#[test]
fn icon_pasted_onto_another_subnet_lands_there() {
    let d = full();
    let clip = clipboard::copy(&d, &ids(&["ec2-1"]));
    let at = centre(SLOT_B);
    let (edit, new) = clipboard::paste(&d, &clip, Some(at)).expect("paste");
    let after = applied(&d, edit);
    let n = after.node(&new[0]).expect("node");
    assert_eq!(n.at, at);
    assert_eq!(n.kind.home_subnet(), Some("subnet-2"));
}

#[test]
fn duplicated_endpoints_keep_only_what_aws_allows_twice() {
    let d = full();
    // vpce-2 answers secretsmanager's name in vpc-1 (private DNS): its copy cannot as well,
    // and keeps only the vpce- names.
    let (edit, new) = clipboard::duplicate(&d, &ids(&["vpce-2"])).expect("interface endpoint");
    let after = applied(&d, edit);
    let NodeKind::InterfaceEndpoint {
        private_dns,
        subnets,
        ..
    } = &after.node(&new[0]).expect("copy").kind
    else {
        panic!()
    };
    assert!(!private_dns);
    assert_eq!(subnets, &ids(&["subnet-3", "subnet-4"]));
    assert_eq!(errors(&after), errors(&d));
    // vpce-1 (S3) serves rtb-1 and rtb-3; a table takes one S3 gateway endpoint, so the copy
    // serves none until the user picks tables for it.
    let (edit, new) = clipboard::duplicate(&d, &ids(&["vpce-1"])).expect("gateway endpoint");
    let after = applied(&d, edit);
    let NodeKind::GatewayEndpoint { route_tables, .. } = &after.node(&new[0]).expect("copy").kind
    else {
        panic!()
    };
    assert!(route_tables.is_empty());
    assert_eq!(errors(&after), errors(&d));
}

#[test]
fn subnet_pasted_into_another_designs_vpc() {
    // Copied from the classic example (us-east-1), pasted into a VPC of a design in eu-west-1:
    // the zone letter is kept in the new Region, the block is free in the new VPC, the
    // endpoint that came along joins the new VPC and drops the subnet it had elsewhere.
    let clip =
        Clip::from_text(&clipboard::copy(&classic(), &ids(&["subnet-3"])).to_text()).expect("clip");
    let mut d = base();
    d.region = "eu-west-1".into();
    d.subnets = vec![subnet_at("subnet-1", "10.0.0.0/24", "eu-west-1a", SLOT_A)];
    let (edit, new) = clipboard::paste(&d, &clip, Some(centre(SLOT_D))).expect("paste");
    let after = applied(&d, edit);
    let s = after.subnet(&new[0]).expect("subnet");
    assert_eq!(
        (
            s.vpc.as_str(),
            s.availability_zone.as_str(),
            s.cidr.as_str()
        ),
        ("vpc-1", "eu-west-1a", "10.0.1.0/24")
    );
    let endpoint = after
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::InterfaceEndpoint { .. }))
        .expect("endpoint");
    let NodeKind::InterfaceEndpoint { vpc, subnets, .. } = &endpoint.kind else {
        panic!()
    };
    assert_eq!(
        (vpc.as_str(), subnets.clone()),
        ("vpc-1", vec![s.id.clone()])
    );
    assert!(errors(&after).is_empty(), "{:?}", errors(&after));
}

#[test]
fn pastes_refused_with_a_reason() {
    let d = full();
    // A subnet pasted outside every VPC.
    let clip = clipboard::copy(&d, &ids(&["subnet-1"]));
    let e = clipboard::paste(&d, &clip, Some(Point { x: 2000, y: 2000 })).unwrap_err();
    assert_eq!(
        e,
        PasteError::Place(PlaceError::NeedsVpc { what: "a subnet" })
    );
    assert_eq!(
        e.to_string(),
        "a subnet must be inside a VPC: drop it onto a VPC"
    );
    // No free block of that size left in the VPC.
    let tight = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/24".into()];
        d.subnets = vec![subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A)];
    });
    let e = clipboard::duplicate(&tight, &ids(&["subnet-1"])).unwrap_err();
    assert!(
        matches!(e, PasteError::NoFreeCidr { prefix: 24, .. }),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "no free /24 block is left for subnet-1 in VPC main: free some addresses or copy something smaller"
    );
    // A second internet gateway in the same VPC.
    let e = clipboard::duplicate(&d, &ids(&["igw-1"])).unwrap_err();
    assert_eq!(
        e,
        PasteError::Place(PlaceError::OnePerVpc {
            what: "an internet gateway"
        })
    );
    // Nothing selected.
    assert_eq!(
        clipboard::duplicate(&d, &[]).unwrap_err(),
        PasteError::Empty
    );
}

#[test]
fn clip_text_round_trips_and_junk_is_refused() {
    let d = classic();
    let clip = clipboard::copy(&d, &ids(&["vpc-1", "svc-1"]));
    let text = clip.to_text();
    assert_eq!(Clip::from_text(&text), Ok(clip.clone()));
    // The text is what serde writes and reads for the type, too.
    let via_serde: Clip = serde_json::from_str(&text).expect("serde reads it");
    assert_eq!(via_serde, clip);
    assert_eq!(
        serde_json::to_value(&clip).expect("json"),
        serde_json::from_str::<serde_json::Value>(&text).expect("json")
    );
    for junk in [
        "",
        "hello",
        "{}",
        "[1,2]",
        "{\"format\":\"drawio\",\"version\":1}",
        "{\"format\":\"vpc-planner-clip\",\"version\":1}",
    ] {
        assert_eq!(Clip::from_text(junk), Err(ClipError::NotAClip), "{junk:?}");
    }
    let newer = text.replacen("\"version\":1", "\"version\":9", 1);
    assert_eq!(
        Clip::from_text(&newer),
        Err(ClipError::NewerVersion { found: 9 })
    );
    let big = format!("{}{}", text, " ".repeat(clipboard::MAX_CLIP_BYTES));
    assert!(matches!(
        Clip::from_text(&big),
        Err(ClipError::TooLarge { .. })
    ));
    assert_eq!(
        ClipError::NotAClip.to_string(),
        "the clipboard holds no VPC Planner items: copy items in the planner first"
    );
    let broken = text.replacen("\"region\":\"us-east-1\"", "\"region\":7", 1);
    assert!(matches!(
        Clip::from_text(&broken),
        Err(ClipError::Design(_))
    ));
}

#[test]
fn pasting_twice_gives_distinct_ids_names_and_blocks() {
    let d = classic();
    let clip = clipboard::copy(&d, &ids(&["vpc-1"]));
    let (edit, _) = clipboard::paste(&d, &clip, None).expect("first");
    let once = applied(&d, edit);
    let (edit, new) = clipboard::paste(&once, &clip, None).expect("second");
    let twice = applied(&once, edit);
    assert_eq!(
        twice
            .vpc(&new[0])
            .map(|v| (v.name.as_str(), v.cidr_blocks[0].as_str())),
        Some(("prod-3", "10.2.0.0/16"))
    );
    let mut all: Vec<&str> = twice.ids().collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "ids are unique");
    assert_no_vpc_overlap(&twice);
    assert_eq!(errors(&twice), errors(&d));
}

/// A random selection of a generated design's VPCs, subnets and icons.
fn selection(design: &Design, picks: &[usize]) -> Vec<Id> {
    let all: Vec<Id> = design
        .vpcs
        .iter()
        .map(|v| v.id.clone())
        .chain(design.subnets.iter().map(|s| s.id.clone()))
        .chain(design.nodes.iter().map(|n| n.id.clone()))
        .collect();
    picks
        .iter()
        .filter_map(|i| all.get(i % all.len().max(1)).cloned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Pasting any selection never panics; when it succeeds, VPC blocks still overlap nowhere
    /// new, every id is unique, and undo is exact.
    #[test]
    fn paste_of_any_selection_is_sound(seed in 0u64..1000, vpcs in 1usize..4, picks in proptest::collection::vec(0usize..400, 1..5), at in proptest::option::of((0i32..3000, 0i32..2000))) {
        let d = generate::generate(seed, generate::Size { vpcs, workloads_per_subnet: 1, flows_per_workload: 1 });
        let clip = clipboard::copy(&d, &selection(&d, &picks));
        let clip = Clip::from_text(&clip.to_text()).expect("the clip reads back");
        let at = at.map(|(x, y)| Point { x, y });
        let whole_vpcs = !clip.roots.is_empty() && clip.design.vpcs.len() == clip.roots.len();
        let pasted = clipboard::paste(&d, &clip, at);
        // Whole VPCs always find room and a free block (10.0.0.0/8 has room for 256 /16s).
        prop_assert!(pasted.is_ok() || !whole_vpcs, "{:?}", pasted.as_ref().err());
        if let Ok((edit, new)) = pasted {
            let after = applied(&d, edit);
            for id in &new {
                prop_assert!(after.ids().any(|x| x == id));
            }
            let mut all: Vec<&str> = after.ids().collect();
            let n = all.len();
            all.sort();
            all.dedup();
            prop_assert_eq!(all.len(), n);
            for v in after.vpcs.iter().skip(d.vpcs.len()) {
                for o in after.vpcs.iter().filter(|o| o.id != v.id) {
                    for x in blocks(&after, &v.id) {
                        for y in blocks(&after, &o.id) {
                            prop_assert!(!overlap(&x, &y), "{} {} overlaps {} {}", v.id, x, o.id, y);
                        }
                    }
                    prop_assert!(!v.layout.intersects(&o.layout));
                }
            }
            // Whole VPCs pasted bring no new errors.
            if whole_vpcs {
                prop_assert_eq!(errors(&after), errors(&d));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whole VPCs of any generated landing zone paste (a free block always exists), overlap
    /// no VPC, bring no new errors, and undo exactly.
    #[test]
    fn whole_vpcs_always_paste(seed in 0u64..1000, vpcs in 1usize..5, pick in 0usize..8, at in proptest::option::of((0i32..4000, 0i32..3000))) {
        let d = generate::generate(seed, generate::Size { vpcs, workloads_per_subnet: 1, flows_per_workload: 1 });
        let chosen = vec![d.vpcs[pick % d.vpcs.len()].id.clone()];
        let clip = clipboard::copy(&d, &chosen);
        let (edit, new) = clipboard::paste(&d, &clip, at.map(|(x, y)| Point { x, y })).expect("a whole VPC pastes");
        let after = applied(&d, edit);
        prop_assert_eq!(new.len(), 1);
        assert_no_vpc_overlap(&after);
        prop_assert_eq!(errors(&after), errors(&d));
    }
}

// ---- AZ lanes -------------------------------------------------------------------------------

use vpc_planner::model::design::Rect;
use vpc_planner::model::lanes::{self, Lane, LaneError, Tier};
use vpc_planner::model::layout;

#[test]
fn lanes_of_the_classic_example() {
    let d = classic();
    assert_eq!(
        lanes::lanes(&d, "vpc-1"),
        vec![
            Lane {
                az: "us-east-1a".into(),
                rect: Rect {
                    x: 60,
                    y: 100,
                    w: 430,
                    h: 530
                },
                subnets: ids(&["subnet-1", "subnet-3"])
            },
            Lane {
                az: "us-east-1b".into(),
                rect: Rect {
                    x: 510,
                    y: 100,
                    w: 430,
                    h: 530
                },
                subnets: ids(&["subnet-2", "subnet-4"])
            },
        ]
    );
    let tiers: Vec<Tier> = d.subnets.iter().map(|s| lanes::tier(&d, s)).collect();
    assert_eq!(
        tiers,
        vec![Tier::Public, Tier::Public, Tier::Private, Tier::Private]
    );
    assert_eq!(lanes::lanes(&d, "nope"), vec![]);
}

/// Each lane's subnets share a column, each tier's subnets share a row, and nothing overlaps.
fn assert_arranged(d: &Design, vpc: &str) {
    let v = d.vpc(vpc).expect("vpc").layout;
    let subnets: Vec<_> = d.subnets.iter().filter(|s| s.vpc == vpc).collect();
    for (i, a) in subnets.iter().enumerate() {
        assert!(v.contains_rect(&a.layout), "{} inside its VPC", a.id);
        for b in &subnets[i + 1..] {
            assert!(!a.layout.intersects(&b.layout), "{} over {}", a.id, b.id);
            if a.availability_zone == b.availability_zone {
                assert_eq!(
                    a.layout.x, b.layout.x,
                    "{} and {} share their AZ's column",
                    a.id, b.id
                );
            }
        }
        for n in d
            .nodes
            .iter()
            .filter(|n| n.kind.home_subnet() == Some(a.id.as_str()))
        {
            assert!(a.layout.contains(n.at), "{} stays in {}", n.id, a.id);
        }
    }
    let lanes = lanes::lanes(d, vpc);
    for (i, a) in lanes.iter().enumerate() {
        for b in &lanes[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "lanes {} and {} overlap",
                a.az,
                b.az
            );
        }
    }
}

#[test]
fn arrange_puts_zones_in_columns_and_tiers_in_rows() {
    // Four subnets drawn anywhere: after arranging, public-a and public-b share a row above
    // private-a and private-b, AZ a left of AZ b, icons moved with their subnets.
    let mut d = full();
    // public-a (subnet-1, with nat-1) and private-b (subnet-4, with ec2-2) swap places.
    d.subnets[0].layout = SLOT_D;
    d.subnets[3].layout = SLOT_A;
    d.nodes[1].at = Point { x: 450, y: 350 };
    d.nodes[5].at = Point { x: 200, y: 190 };
    let after = applied(&d, lanes::arrange(&d, "vpc-1").expect("arrange"));
    assert_arranged(&after, "vpc-1");
    let at = |id: &str| after.subnet(id).expect("subnet").layout;
    assert_eq!(at("subnet-1").y, at("subnet-2").y, "public row");
    assert_eq!(at("subnet-3").y, at("subnet-4").y, "private row");
    assert!(at("subnet-1").y < at("subnet-3").y);
    assert!(at("subnet-1").x < at("subnet-2").x);
    // GAP + LANE_PAD right of the VPC's edge, below its gateway band and the lane header.
    assert_eq!(
        at("subnet-1"),
        Rect {
            x: 40 + 20 + 10,
            y: 40 + 60 + 28,
            w: 260,
            h: 150
        }
    );
    // Arranged twice changes nothing more.
    assert_eq!(
        lanes::arrange(&after, "vpc-1").expect("again"),
        Edit::Batch(vec![])
    );
}

#[test]
fn add_az_mirrors_every_row_in_the_next_zone() {
    let d = classic();
    let (edit, az) = lanes::add_az(&d, "vpc-1").expect("add az");
    assert_eq!(az, "us-east-1c");
    let after = applied(&d, edit);
    let new: Vec<_> = after
        .subnets
        .iter()
        .filter(|s| s.availability_zone == "us-east-1c")
        .collect();
    let got: Vec<(&str, &str)> = new
        .iter()
        .map(|s| (s.name.as_str(), s.cidr.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![("public-c", "10.0.2.0/24"), ("private-c", "10.0.3.0/24")]
    );
    // Same tier as the row they mirror: public through the public table, private through the
    // private one (its NAT gateway is shared across zones in this design, so the table is too).
    assert_eq!(lanes::tier(&after, new[0]), Tier::Public);
    assert_eq!(
        after.route_table_of_subnet(new[1]).map(|t| t.id.as_str()),
        Some("rtb-3")
    );
    // The interface endpoint gets an interface in the new zone.
    let NodeKind::InterfaceEndpoint { subnets, .. } = &after.node("vpce-2").expect("endpoint").kind
    else {
        panic!()
    };
    assert_eq!(
        subnets,
        &vec![
            "subnet-3".to_string(),
            "subnet-4".to_string(),
            new[1].id.clone()
        ]
    );
    assert_arranged(&after, "vpc-1");
    assert_eq!(lanes::lanes(&after, "vpc-1").len(), 3);
    // The services right of the VPC were pushed aside, not covered.
    for n in after
        .nodes
        .iter()
        .filter(|n| layout::home(&n.kind) == layout::Home::Region)
    {
        assert!(
            !after.vpc("vpc-1").expect("vpc").layout.contains(n.at),
            "{} covered",
            n.id
        );
    }
    assert_eq!(errors(&after), errors(&d));
    // Costs and traces are still computed for every flow.
    let traces = routing::trace::trace_all(&after);
    assert_eq!(traces.len(), after.flows.len());
    let before_cost = vpc_planner::model::cost::estimate(&d).total;
    let after_cost = vpc_planner::model::cost::estimate(&after).total;
    assert!(
        after_cost > before_cost,
        "one more endpoint interface costs more: {before_cost} -> {after_cost}"
    );
}

#[test]
fn add_az_gives_a_zonal_nat_pattern_its_own_nat() {
    // Each private subnet routes to the NAT gateway of its own zone (the HA pattern): the new
    // zone gets its own NAT gateway in its public subnet and its own private table.
    let d = design(|d| {
        d.subnets = vec![
            subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A),
            subnet_at("subnet-2", "10.0.1.0/24", "us-east-1b", SLOT_B),
            subnet_at("subnet-3", "10.0.10.0/24", "us-east-1a", SLOT_C),
            subnet_at("subnet-4", "10.0.11.0/24", "us-east-1b", SLOT_D),
        ];
        d.subnets[0].name = "public-a".into();
        d.subnets[1].name = "public-b".into();
        d.subnets[2].name = "private-a".into();
        d.subnets[3].name = "private-b".into();
        d.route_tables = vec![
            main_rtb("rtb-1", "vpc-1", &[]),
            rtb(
                "rtb-2",
                "vpc-1",
                &["subnet-1", "subnet-2"],
                &[("0.0.0.0/0", "igw-1")],
            ),
            rtb("rtb-3", "vpc-1", &["subnet-3"], &[("0.0.0.0/0", "nat-1")]),
            rtb("rtb-4", "vpc-1", &["subnet-4"], &[("0.0.0.0/0", "nat-2")]),
        ];
        d.route_tables[3].name = "private-b".into();
        d.nodes = vec![
            node_at("igw-1", igw("vpc-1"), Point { x: 350, y: 70 }),
            node_at("nat-1", nat("subnet-1"), Point { x: 150, y: 190 }),
            node_at("nat-2", nat("subnet-2"), Point { x: 450, y: 190 }),
        ];
        d.nodes[2].name = "nat-b".into();
    });
    let (edit, az) = lanes::add_az(&d, "vpc-1").expect("add az");
    assert_eq!(az, "us-east-1c");
    let after = applied(&d, edit);
    let public_c = after
        .subnets
        .iter()
        .find(|s| s.name == "public-c")
        .expect("public-c");
    let private_c = after
        .subnets
        .iter()
        .find(|s| s.name == "private-c")
        .expect("private-c");
    let table = after.route_table_of_subnet(private_c).expect("table");
    assert_eq!(table.name, "private-c");
    let nat = after.node(&table.routes[0].target).expect("nat");
    assert_eq!(
        (nat.name.as_str(), nat.kind.home_subnet()),
        ("nat-c", Some(public_c.id.as_str()))
    );
    assert!(
        public_c.layout.contains(nat.at),
        "the NAT icon sits in its subnet"
    );
    assert_eq!(errors(&after), errors(&d));
    assert_arranged(&after, "vpc-1");
}

#[test]
fn add_az_refusals() {
    // us-west-1 has two AZs, both in use.
    let mut d = full();
    d.region = "us-west-1".into();
    for (s, az) in
        d.subnets
            .iter_mut()
            .zip(["us-west-1a", "us-west-1c", "us-west-1a", "us-west-1c"])
    {
        s.availability_zone = az.into();
    }
    assert_eq!(
        lanes::add_az(&d, "vpc-1").unwrap_err(),
        LaneError::NoMoreZones {
            region: "us-west-1".into()
        }
    );
    assert_eq!(
        lanes::add_az(&base(), "vpc-1").unwrap_err(),
        LaneError::NoSubnets
    );
    // A /24 VPC filled by one /24 subnet: no room for its mirror.
    let tight = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/24".into()];
        d.subnets = vec![subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A)];
    });
    let e = lanes::add_az(&tight, "vpc-1").unwrap_err();
    assert_eq!(e, LaneError::NoFreeBlock { prefix: 24 });
    assert_eq!(
        e.to_string(),
        "the VPC has no free /24 block for the new zone's subnets: add a secondary CIDR block or shrink a subnet"
    );
}

#[test]
fn remove_az_takes_the_zone_and_what_depends_on_it() {
    let d = classic();
    let after = applied(&d, lanes::remove_az(&d, "vpc-1", "us-east-1a"));
    assert_eq!(
        after
            .subnets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        vec!["public-b", "private-b"]
    );
    // nat-a and app-a sat in zone a; the endpoint keeps its interface in zone b.
    assert!(after.node("nat-1").is_none() && after.node("ec2-1").is_none());
    let NodeKind::InterfaceEndpoint { subnets, .. } = &after.node("vpce-2").expect("endpoint").kind
    else {
        panic!()
    };
    assert_eq!(subnets, &ids(&["subnet-4"]));
    // The private table's route to the deleted NAT gateway went with it.
    assert!(after.route_table("rtb-3").expect("rtb-3").routes.is_empty());
    assert_arranged(&after, "vpc-1");
    assert_eq!(
        lanes::lanes(&after, "vpc-1")
            .iter()
            .map(|l| l.az.as_str())
            .collect::<Vec<_>>(),
        vec!["us-east-1b"]
    );
    // add then remove the new zone gives the subnets back as they were named.
    let (edit, az) = lanes::add_az(&d, "vpc-1").expect("add");
    let added = applied(&d, edit);
    let removed = applied(&added, lanes::remove_az(&added, "vpc-1", &az));
    assert_eq!(removed.subnets.len(), d.subnets.len());
    assert_eq!(removed.route_tables, d.route_tables);
}

// ---- resize ---------------------------------------------------------------------------------

#[test]
fn resize_keeps_containment() {
    let d = full();
    let refused = |id: &str, r: Rect| layout::resize(&d, id, r).unwrap_err();
    // A VPC can grow, and shrink down to what it holds.
    let bigger = Rect { w: 900, ..VPC_RECT };
    let after = applied(&d, layout::resize(&d, "vpc-1", bigger).expect("grow"));
    assert_eq!(after.vpc("vpc-1").map(|v| v.layout), Some(bigger));
    assert_eq!(
        refused("vpc-1", Rect { w: 500, ..VPC_RECT }),
        PlaceError::CutsContents { what: "a VPC" }
    );
    assert_eq!(
        refused(
            "vpc-1",
            Rect {
                w: 100,
                h: 100,
                ..VPC_RECT
            }
        ),
        PlaceError::TooSmall {
            what: "a VPC",
            w: 200,
            h: 140
        }
    );
    // Not over an AWS service outside it (svc-1 at 200,560).
    assert_eq!(
        refused("vpc-1", Rect { h: 600, ..VPC_RECT }),
        PlaceError::CoversService
    );
    // A subnet stays inside its VPC, off its siblings, around its icons.
    let ok = Rect { w: 280, ..SLOT_A };
    assert!(layout::resize(&d, "subnet-1", Rect { w: 270, ..SLOT_A }).is_ok());
    assert_eq!(
        refused("subnet-1", Rect { w: 320, ..SLOT_A }),
        PlaceError::SubnetOverlap
    );
    assert_eq!(
        refused("subnet-1", Rect { x: 30, ..SLOT_A }),
        PlaceError::SubnetLeavesVpc
    );
    assert_eq!(
        refused(
            "subnet-1",
            Rect {
                w: 120,
                h: 100,
                x: 180,
                ..SLOT_A
            }
        ),
        PlaceError::CutsContents { what: "a subnet" }
    );
    assert_eq!(
        refused("subnet-1", Rect { w: 50, ..SLOT_A }),
        PlaceError::TooSmall {
            what: "a subnet",
            w: 120,
            h: 100
        }
    );
    assert_eq!(refused("ec2-1", ok), PlaceError::NotResizable);
    assert_eq!(refused("nope", ok), PlaceError::Nothing);
    assert_eq!(
        PlaceError::CutsContents { what: "a VPC" }.to_string(),
        "a VPC must keep everything it holds inside it: move its subnets and icons first, or keep it larger"
    );
}

// ---- snap and nudge -------------------------------------------------------------------------

#[test]
fn snap_lands_the_first_item_on_the_grid() {
    let d = full();
    assert_eq!(layout::GRID, 20);
    // vpc-1's corner is (40, 40): (+13, -9) would put it at (53, 31); the nearest grid point
    // is (60, 40).
    assert_eq!(layout::snap_move(&d, &ids(&["vpc-1"]), 13, -9), (20, 0));
    // ec2-1's centre is (250, 350): a 1-unit nudge snaps to 260 / 340.
    assert_eq!(
        layout::snap_move(&d, &ids(&["ec2-1", "vpc-1"]), 1, -1),
        (10, -10)
    );
    assert_eq!(layout::snap_move(&d, &ids(&["ec2-1"]), 0, 0), (10, 10));
    // Already on the grid: the move as asked.
    assert_eq!(layout::snap_move(&d, &ids(&["vpc-1"]), 40, -20), (40, -20));
    // subnet-1's corner (60, 110) is off the grid: (+40, -20) would land at (100, 90), snapped
    // to (100, 100).
    assert_eq!(
        layout::snap_move(&d, &ids(&["subnet-1"]), 40, -20),
        (40, -10)
    );
    assert_eq!(layout::snap_move(&d, &[], 7, 7), (7, 7));
    assert_eq!(layout::snap_move(&d, &ids(&["nope"]), 7, 7), (7, 7));
    // Far off the coordinate range, nothing overflows.
    let (x, y) = layout::snap_move(&d, &ids(&["vpc-1"]), i32::MAX, i32::MIN);
    assert!(x > 0 && y < 0);
}

#[test]
fn nudges_keep_subnets_in_their_vpc() {
    let d = full();
    // subnet-1 is 20 from the VPC's left edge: a nudge of 20 is fine, 21 leaves the VPC.
    assert!(layout::drag(&d, &ids(&["subnet-1"]), -20, 0).is_ok());
    let e = layout::drag(&d, &ids(&["subnet-1"]), -21, 0).unwrap_err();
    assert_eq!(e, PlaceError::SubnetLeavesVpc);
    assert_eq!(
        e.to_string(),
        "a subnet stays inside its VPC: move the VPC to move them together"
    );
}

#[test]
fn several_independent_items_drag_as_one_step() {
    let d = full();
    // Two icons in different subnets.
    let after = applied(
        &d,
        layout::drag(&d, &ids(&["ec2-1", "ec2-2"]), 10, -5).expect("two icons"),
    );
    assert_eq!(
        after.node("ec2-1").map(|n| n.at),
        Some(Point { x: 260, y: 345 })
    );
    assert_eq!(
        after.node("ec2-2").map(|n| n.at),
        Some(Point { x: 510, y: 345 })
    );
    assert_eq!(
        after.node("ec2-1").and_then(|n| n.kind.home_subnet()),
        Some("subnet-3")
    );
    // A VPC and a loose service icon move together, contents with them.
    let after = applied(
        &d,
        layout::drag(&d, &ids(&["vpc-1", "svc-1"]), 0, 700).expect("vpc and service"),
    );
    assert_eq!(
        after.node("svc-1").map(|n| n.at),
        Some(Point { x: 200, y: 1260 })
    );
    assert_eq!(
        after.subnet("subnet-4").map(|s| s.layout),
        Some(SLOT_D.offset(0, 700))
    );
    // A subnet and an icon of another subnet: each keeps its rule (the icon re-homes into the
    // subnet it lands in).
    let after = applied(
        &d,
        layout::drag(&d, &ids(&["subnet-2", "ec2-1"]), 0, 0).expect("no-op"),
    );
    assert_eq!(after, d);
    let e = layout::drag(&d, &ids(&["ec2-1", "ec2-2"]), 0, 300).unwrap_err();
    assert_eq!(
        e,
        PlaceError::NeedsSubnet {
            what: "an EC2 instance"
        }
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// On any generated landing zone: arranging a VPC keeps every subnet and icon inside its
    /// box and nothing overlapping; adding an AZ brings no new errors, still traces every flow,
    /// and removing that AZ again leaves as many subnets as before; every step undoes exactly.
    #[test]
    fn lanes_on_generated_designs(seed in 0u64..1000, vpcs in 1usize..4, pick in 0usize..8) {
        let d = generate::generate(seed, generate::Size { vpcs, workloads_per_subnet: 1, flows_per_workload: 1 });
        let vpc = d.vpcs[pick % d.vpcs.len()].id.clone();
        let arranged = applied(&d, lanes::arrange(&d, &vpc).expect("arrange"));
        assert_arranged(&arranged, &vpc);
        assert_no_vpc_overlap(&arranged);
        match lanes::add_az(&d, &vpc) {
            Ok((edit, az)) => {
                let added = applied(&d, edit);
                assert_arranged(&added, &vpc);
                prop_assert_eq!(errors(&added), errors(&d));
                prop_assert_eq!(routing::trace::trace_all(&added).len(), added.flows.len());
                let removed = applied(&added, lanes::remove_az(&added, &vpc, &az));
                prop_assert_eq!(removed.subnets.len(), d.subnets.len());
                prop_assert_eq!(errors(&removed), errors(&d));
            }
            Err(e) => prop_assert!(matches!(e, LaneError::NoMoreZones { .. } | LaneError::Place(_)), "{e:?}"),
        }
    }
}
