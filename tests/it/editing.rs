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
use vpc_planner::model::{document, generate, routing, validate, Severity};

fn classic() -> Design {
    document::from_json(include_str!("../../static/examples/classic-private-endpoints.json")).expect("the classic example reads")
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
    for d in validate::validate(design).into_iter().filter(|d| d.severity == Severity::Error) {
        *out.entry(d.code.to_string()).or_insert(0) += 1;
    }
    out
}

fn blocks(design: &Design, vpc: &str) -> Vec<Ipv4Net> {
    design.vpc(vpc).map(|v| v.cidr_blocks.iter().filter_map(|c| c.parse().ok()).collect()).unwrap_or_default()
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
    let mut got: Vec<(String, String, String)> = after.subnets.iter().filter(|s| s.vpc == copy.id).map(|s| (s.name.clone(), s.cidr.clone(), s.availability_zone.clone())).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("private-a-2".into(), "10.1.10.0/24".into(), "us-east-1a".into()),
            ("private-b-2".into(), "10.1.11.0/24".into(), "us-east-1b".into()),
            ("public-a-2".into(), "10.1.0.0/24".into(), "us-east-1a".into()),
            ("public-b-2".into(), "10.1.1.0/24".into(), "us-east-1b".into()),
        ]
    );
    for s in after.subnets.iter().filter(|s| s.vpc == copy.id) {
        assert!(copy.layout.contains_rect(&s.layout));
    }
    assert!(!copy.layout.intersects(&d.vpcs[0].layout), "VPC boxes may not overlap");
    // References follow the copies: the public table routes to the copy's internet gateway and
    // serves the copied public subnets; the endpoint sits in the copied private subnets.
    let igw = after.nodes.iter().find(|n| matches!(&n.kind, NodeKind::InternetGateway { vpc } if *vpc == copy.id)).expect("copied igw");
    assert_eq!(igw.name, "prod-2-igw");
    let public = after.route_tables.iter().find(|rt| rt.vpc == copy.id && rt.routes.iter().any(|r| r.target == igw.id)).expect("copied public table");
    assert_eq!(public.subnets.len(), 2);
    for s in &public.subnets {
        let s = after.subnet(s).expect("subnet");
        assert_eq!(s.vpc, copy.id);
        assert!(routing::is_public(&after, s));
    }
    let endpoint = after.nodes.iter().find(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { vpc, .. } if *vpc == copy.id)).expect("copied endpoint");
    let NodeKind::InterfaceEndpoint { subnets, .. } = &endpoint.kind else { unreachable!() };
    assert!(subnets.iter().all(|s| after.subnet(s).is_some_and(|s| s.vpc == copy.id)));
    // Of the flows, only app-b's to the internet has both ends in the copy (the services were
    // not copied); nothing of the original changed.
    let copied: Vec<_> = after.flows.iter().skip(d.flows.len()).collect();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].to, FlowTarget::Internet);
    assert_eq!(after.node(&copied[0].from).map(|n| n.name.as_str()), Some("app-b-2"));
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
    assert_eq!(clip.design.flows.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), vec!["flow-1", "flow-3", "flow-4"]);
    let (edit, new) = clipboard::paste(&d, &clip, None).expect("paste");
    let after = applied(&d, edit);
    let (vpc, svc) = (&new[0], &new[1]);
    let copied: Vec<_> = after.flows.iter().skip(d.flows.len()).collect();
    assert_eq!(copied.len(), 3);
    for f in copied {
        let from = after.node(&f.from).expect("from");
        assert_eq!(after.node_vpc(from), Some(vpc.as_str()), "{} starts in the copy", f.id);
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
    assert_eq!((s.vpc.as_str(), s.name.as_str(), s.availability_zone.as_str()), ("vpc-1", "private-a-2", "us-east-1a"));
    let net: Ipv4Net = s.cidr.parse().expect("cidr");
    assert_eq!(net.prefix_len(), 24);
    for o in after.subnets.iter().filter(|o| o.id != s.id) {
        assert!(!overlap(&net, &o.cidr.parse().expect("cidr")), "{} overlaps {}", s.cidr, o.cidr);
        assert!(!o.layout.intersects(&s.layout), "drawn over {}", o.id);
    }
    // The VPC box had no room left: it grew to hold the copy.
    let vpc = after.vpc("vpc-1").expect("vpc");
    assert!(vpc.layout.contains_rect(&s.layout));
    assert!(vpc.layout.h > d.vpc("vpc-1").expect("vpc").layout.h);
    // Private like its original: associated with the same route table.
    assert_eq!(after.route_table_of_subnet(&s).map(|rt| rt.id.as_str()), Some("rtb-3"));
    assert!(!routing::is_public(&after, &s));
    // Its workload came along and sits in it.
    let app = after.nodes.iter().find(|n| n.kind.home_subnet() == Some(s.id.as_str()) && n.kind.is_workload()).expect("copied workload");
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
fn pastes_refused_with_a_reason() {
    let d = full();
    // A subnet pasted outside every VPC.
    let clip = clipboard::copy(&d, &ids(&["subnet-1"]));
    let e = clipboard::paste(&d, &clip, Some(Point { x: 2000, y: 2000 })).unwrap_err();
    assert_eq!(e, PasteError::Place(PlaceError::NeedsVpc { what: "a subnet" }));
    assert_eq!(e.to_string(), "a subnet must be inside a VPC: drop it onto a VPC");
    // No free block of that size left in the VPC.
    let tight = design(|d| {
        d.vpcs[0].cidr_blocks = vec!["10.0.0.0/24".into()];
        d.subnets = vec![subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A)];
    });
    let e = clipboard::duplicate(&tight, &ids(&["subnet-1"])).unwrap_err();
    assert!(matches!(e, PasteError::NoFreeCidr { prefix: 24, .. }), "{e:?}");
    assert_eq!(e.to_string(), "no free /24 block is left for subnet-1 in VPC main: free some addresses or copy something smaller");
    // A second internet gateway in the same VPC.
    let e = clipboard::duplicate(&d, &ids(&["igw-1"])).unwrap_err();
    assert_eq!(e, PasteError::Place(PlaceError::OnePerVpc { what: "an internet gateway" }));
    // Nothing selected.
    assert_eq!(clipboard::duplicate(&d, &[]).unwrap_err(), PasteError::Empty);
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
    assert_eq!(serde_json::to_value(&clip).expect("json"), serde_json::from_str::<serde_json::Value>(&text).expect("json"));
    for junk in ["", "hello", "{}", "[1,2]", "{\"format\":\"drawio\",\"version\":1}", "{\"format\":\"vpc-planner-clip\",\"version\":1}"] {
        assert_eq!(Clip::from_text(junk), Err(ClipError::NotAClip), "{junk:?}");
    }
    let newer = text.replacen("\"version\":1", "\"version\":9", 1);
    assert_eq!(Clip::from_text(&newer), Err(ClipError::NewerVersion { found: 9 }));
    let big = format!("{}{}", text, " ".repeat(clipboard::MAX_CLIP_BYTES));
    assert!(matches!(Clip::from_text(&big), Err(ClipError::TooLarge { .. })));
    assert_eq!(ClipError::NotAClip.to_string(), "the clipboard holds no VPC Planner items: copy items in the planner first");
    let broken = text.replacen("\"region\":\"us-east-1\"", "\"region\":7", 1);
    assert!(matches!(Clip::from_text(&broken), Err(ClipError::Design(_))));
}

#[test]
fn pasting_twice_gives_distinct_ids_names_and_blocks() {
    let d = classic();
    let clip = clipboard::copy(&d, &ids(&["vpc-1"]));
    let (edit, _) = clipboard::paste(&d, &clip, None).expect("first");
    let once = applied(&d, edit);
    let (edit, new) = clipboard::paste(&once, &clip, None).expect("second");
    let twice = applied(&once, edit);
    assert_eq!(twice.vpc(&new[0]).map(|v| (v.name.as_str(), v.cidr_blocks[0].as_str())), Some(("prod-3", "10.2.0.0/16")));
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
    let all: Vec<Id> = design.vpcs.iter().map(|v| v.id.clone()).chain(design.subnets.iter().map(|s| s.id.clone())).chain(design.nodes.iter().map(|n| n.id.clone())).collect();
    picks.iter().filter_map(|i| all.get(i % all.len().max(1)).cloned()).collect()
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
