//! Canvas moves: `layout::drag` carries contents, re-homes icons dropped into another subnet,
//! and refuses moves that would put something where AWS cannot have it.
//!
//! The fixture is `full()` (see fixture.rs for the geometry): subnet-1..4 fill slots A..D of
//! vpc-1; nat-1 sits in A, vpce-2 (subnets 3 and 4) and ec2-1 in C, ec2-2 in D; igw-1 and
//! vpce-1 on the VPC's top band; svc-1 below the VPC at (200, 560).

use crate::fixture::*;
use vpc_planner::model::design::{Design, NodeKind, Point, Rect};
use vpc_planner::model::edit::{Edit, Item};
use vpc_planner::model::layout::{self, PlaceError, drag};

/// Drags `ids` by (dx, dy) in `design`: the refusal, or what moved and what was re-homed.
fn check_in(design: &Design, ids: &[&str], dx: i32, dy: i32) -> String {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    match drag(design, &ids, dx, dy) {
        Err(e) => format!("refused {e:?}: {e}"),
        Ok(edit) => {
            let mut d = design.clone();
            let inverse = edit.clone().apply(&mut d).expect("the drag applies");
            let mut after = d.clone();
            inverse.apply(&mut after).expect("undo applies");
            assert_eq!(&after, design, "undo of the drag");
            let Edit::Batch(steps) = edit else {
                panic!("not a batch: {edit:?}")
            };
            steps
                .iter()
                .map(|step| match step {
                    Edit::Translate { ids, dx, dy } => {
                        format!("move ({dx}, {dy}): {}", ids.join(" "))
                    }
                    Edit::Replace {
                        item: Item::Node(n),
                    } => format!("rehome {}: {}", n.id, home_of(&n.kind)),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

fn check(ids: &[&str], dx: i32, dy: i32) -> String {
    check_in(&full(), ids, dx, dy)
}

fn home_of(kind: &NodeKind) -> String {
    match kind {
        NodeKind::InterfaceEndpoint { subnets, .. } => subnets.join(","),
        other => other.home_subnet().unwrap_or("-").to_string(),
    }
}

#[test]
fn vpc_carries_its_contents() {
    insta::assert_snapshot!(check(&["vpc-1"], 0, 700), @"move (0, 700): vpc-1 subnet-1 subnet-2 subnet-3 subnet-4 igw-1 nat-1 vpce-1 vpce-2 ec2-1 ec2-2");
    // The positions after the move: everything kept its offset from the VPC.
    let d = full();
    let mut moved = d.clone();
    drag(&d, &["vpc-1".into()], 13, 700)
        .expect("drag")
        .apply(&mut moved)
        .expect("apply");
    for (a, b) in d.subnets.iter().zip(&moved.subnets) {
        assert_eq!(b.layout, a.layout.offset(13, 700));
    }
    for (a, b) in d.nodes.iter().zip(&moved.nodes) {
        let expected = if a.id == "svc-1" {
            a.at
        } else {
            Point {
                x: a.at.x + 13,
                y: a.at.y + 700,
            }
        };
        assert_eq!(b.at, expected, "{}", a.id);
    }
}

#[test]
fn vpcs_never_overlap() {
    let d = design(|d| d.vpcs.push(vpc("vpc-2", "10.1.0.0/16")));
    insta::assert_snapshot!(check_in(&d, &["vpc-1"], 300, 0), @"refused VpcOverlap: VPCs cannot overlap on the canvas: place it on empty space");
    insta::assert_snapshot!(check_in(&d, &["vpc-2"], -150, 0), @"refused VpcOverlap: VPCs cannot overlap on the canvas: place it on empty space");
    // Close: right up to the other VPC's edge (edges may touch), and both VPCs moved together.
    insta::assert_snapshot!(check_in(&d, &["vpc-1"], 99, 0), @"move (99, 0): vpc-1");
    insta::assert_snapshot!(check_in(&d, &["vpc-1", "vpc-2"], 300, 0), @"move (300, 0): vpc-1 vpc-2");
}

#[test]
fn workload_moves_between_subnets() {
    // ec2-1 from subnet-3 (slot C) into subnet-4 (slot D).
    insta::assert_snapshot!(check(&["ec2-1"], 250, 0), @r"
        move (250, 0): ec2-1
        rehome ec2-1: subnet-4
        ");
    // Within its own subnet: a move, no re-homing.
    insta::assert_snapshot!(check(&["ec2-1"], -100, -40), @"move (-100, -40): ec2-1");
    // Into a subnet of another VPC: allowed for a workload.
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
    insta::assert_snapshot!(check_in(&d, &["ec2-1"], 700, -150), @r"
        move (700, -150): ec2-1
        rehome ec2-1: subnet-9
        ");
}

use vpc_planner::model::design::Subnet;

#[test]
fn workload_cannot_leave_every_subnet() {
    // Into the gap between slots C and D, onto the VPC's top band, outside the VPC.
    insta::assert_snapshot!(check(&["ec2-1"], 90, 0), @r#"refused NeedsSubnet { what: "an EC2 instance" }: an EC2 instance must be in a subnet: drop it onto a subnet"#);
    insta::assert_snapshot!(check(&["ec2-1"], 0, -290), @r#"refused NeedsSubnet { what: "an EC2 instance" }: an EC2 instance must be in a subnet: drop it onto a subnet"#);
    insta::assert_snapshot!(check(&["ec2-1"], 0, 300), @r#"refused NeedsSubnet { what: "an EC2 instance" }: an EC2 instance must be in a subnet: drop it onto a subnet"#);
}

#[test]
fn aws_service_stays_outside_vpcs() {
    insta::assert_snapshot!(check(&["svc-1"], 0, -360), @"refused OutsideVpcs: AWS services are Regional and sit outside your VPCs: place it on the canvas outside any VPC");
    // Onto the VPC's very edge counts as inside.
    insta::assert_snapshot!(check(&["svc-1"], 0, -120), @"refused OutsideVpcs: AWS services are Regional and sit outside your VPCs: place it on the canvas outside any VPC");
    // Close: elsewhere outside.
    insta::assert_snapshot!(check(&["svc-1"], 600, 0), @"move (600, 0): svc-1");
}

#[test]
fn subnet_stays_in_its_vpc() {
    insta::assert_snapshot!(check(&["subnet-1"], -100, 0), @"refused SubnetLeavesVpc: a subnet stays inside its VPC: move the VPC to move them together");
    // Within the VPC it carries what sits in it.
    insta::assert_snapshot!(check(&["subnet-1"], 0, -60), @"move (0, -60): subnet-1 nat-1");
}

#[test]
fn gateways_stay_in_their_vpc() {
    insta::assert_snapshot!(check(&["igw-1"], 0, -100), @r#"refused LeavesVpc { what: "an internet gateway" }: an internet gateway stays inside its own VPC"#);
    insta::assert_snapshot!(check(&["vpce-1"], 200, 0), @r#"refused LeavesVpc { what: "a gateway endpoint" }: a gateway endpoint stays inside its own VPC"#);
    insta::assert_snapshot!(check(&["igw-1"], -200, 0), @"move (-200, 0): igw-1");
}

#[test]
fn nat_gateway_and_interface_endpoint_rehome_within_their_vpc() {
    // nat-1 from subnet-1 (A) into subnet-2 (B).
    insta::assert_snapshot!(check(&["nat-1"], 300, 0), @r"
        move (300, 0): nat-1
        rehome nat-1: subnet-2
        ");
    // vpce-2 (home subnet-3 in C, also subnet-4) into subnet-1 (A): the home is replaced.
    insta::assert_snapshot!(check(&["vpce-2"], 0, -190), @r"
        move (0, -190): vpce-2
        rehome vpce-2: subnet-1,subnet-4
        ");
    // Into another VPC's subnet: refused, routes and endpoints serve one VPC.
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
    insta::assert_snapshot!(check_in(&d, &["nat-1"], 750, 0), @r#"refused LeavesVpc { what: "a NAT gateway" }: a NAT gateway stays inside its own VPC"#);
    insta::assert_snapshot!(check_in(&d, &["vpce-2"], 750, -190), @r#"refused LeavesVpc { what: "an interface endpoint" }: an interface endpoint stays inside its own VPC"#);
}

#[test]
fn nothing_to_move() {
    insta::assert_snapshot!(check(&[], 10, 10), @"refused Nothing: nothing to move");
    insta::assert_snapshot!(check(&["nope", "flow-1", "rtb-1"], 10, 10), @"refused Nothing: nothing to move");
}

/// A node named twice (directly and through its subnet) moves once.
#[test]
fn carried_once() {
    let d = full();
    let ids: Vec<String> = ["subnet-3", "ec2-1", "vpc-1"].map(String::from).to_vec();
    let carried = layout::carried(&d, &ids);
    let mut unique = carried.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), carried.len(), "{carried:?}");
    insta::assert_snapshot!(carried.join(" "), @"subnet-3 vpce-2 ec2-1 vpc-1 subnet-1 subnet-2 subnet-4 igw-1 nat-1 vpce-1 ec2-2");
}

#[test]
fn hit_testing_and_bounds() {
    let d = full();
    let at = |x, y| {
        let p = Point { x, y };
        format!(
            "({x}, {y}): vpc {} subnet {}",
            layout::vpc_at(&d, p).map_or("-", |v| v.id.as_str()),
            layout::subnet_at(&d, p).map_or("-", |s| s.id.as_str())
        )
    };
    let lines = [
        at(40, 40),
        at(39, 40),
        at(660, 440),
        at(661, 440),
        at(190, 185),
        at(340, 185),
        at(i32::MAX, i32::MIN),
    ];
    insta::assert_snapshot!(lines.join("\n"), @r"
        (40, 40): vpc vpc-1 subnet -
        (39, 40): vpc - subnet -
        (660, 440): vpc vpc-1 subnet -
        (661, 440): vpc - subnet -
        (190, 185): vpc vpc-1 subnet subnet-1
        (340, 185): vpc vpc-1 subnet -
        (2147483647, -2147483648): vpc - subnet -
        ");
    // Bounds hold everything with a margin, never less than a screenful.
    insta::assert_snapshot!(format!("{:?}\n{:?}", layout::bounds(&d), layout::bounds(&Design::empty("us-east-1"))), @r"
        Rect { x: -40, y: -40, w: 1280, h: 880 }
        Rect { x: -40, y: -40, w: 1280, h: 880 }
        ");
}

/// Which layout and palette functions panic on a design with extreme coordinates (as a
/// loaded file or share link may hold): none may.
fn panics_on_extreme_coordinates() -> Vec<String> {
    use vpc_planner::model::palette;
    let mut d = full();
    d.vpcs[0].layout = Rect {
        x: i32::MAX - 10,
        y: i32::MIN,
        w: i32::MAX,
        h: i32::MAX,
    };
    d.subnets[0].layout = Rect {
        x: i32::MIN,
        y: i32::MIN,
        w: i32::MIN,
        h: -5,
    };
    d.nodes[0].at = Point {
        x: i32::MAX,
        y: i32::MIN,
    };
    d.nodes[6].at = Point {
        x: i32::MIN,
        y: i32::MAX,
    };
    let mut panicked = Vec::new();
    let mut probe = |what: String, f: &dyn Fn()| {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err() {
            panicked.push(what);
        }
    };
    probe("layout::bounds".into(), &|| {
        layout::bounds(&d);
    });
    for (dx, dy) in [(i32::MAX, i32::MAX), (i32::MIN, i32::MIN), (1, -1)] {
        for id in ["vpc-1", "subnet-1", "ec2-1", "svc-1", "igw-1"] {
            probe(format!("layout::drag {id} by ({dx}, {dy})"), &|| {
                let _ = drag(&d, &[id.to_string()], dx, dy);
            });
        }
    }
    for entry in palette::sections().into_iter().flat_map(|(_, e)| e) {
        probe(
            format!("palette::create_somewhere {}", entry.token()),
            &|| {
                let _ = palette::create_somewhere(&d, entry, None);
            },
        );
        for at in [
            Point {
                x: i32::MAX,
                y: i32::MAX,
            },
            Point {
                x: i32::MIN,
                y: i32::MIN,
            },
        ] {
            probe(
                format!("palette::create {} at {at:?}", entry.token()),
                &|| {
                    let _ = palette::create(&d, entry, at);
                },
            );
        }
    }
    panicked
}

#[test]
fn drag_survives_extreme_coordinates() {
    let drags: Vec<String> = panics_on_extreme_coordinates()
        .into_iter()
        .filter(|p| p.starts_with("layout::drag"))
        .collect();
    assert!(drags.is_empty(), "panicked:\n{}", drags.join("\n"));
}

#[test]
fn extreme_coordinates_never_panic() {
    let panicked = panics_on_extreme_coordinates();
    assert!(panicked.is_empty(), "panicked:\n{}", panicked.join("\n"));
}

/// A VPC moved over an AWS service leaves the service inside the VPC, which a drag of the
/// service itself refuses (`PlaceError::OutsideVpcs`).
#[test]
fn vpc_cannot_cover_an_aws_service() {
    // svc-1 at (200, 560); the VPC moved down by 400 covers y 440..840.
    let result = drag(&full(), &["vpc-1".to_string()], 0, 400);
    assert_eq!(result, Err(PlaceError::CoversService));
}

/// Re-homing an interface endpoint into a subnet it already lists drops its old home subnet,
/// so the endpoint silently loses its network interface in that zone.
#[test]
fn interface_endpoint_keeps_its_zones() {
    insta::assert_snapshot!(check(&["vpce-2"], 350, 0), @r"
        move (350, 0): vpce-2
        rehome vpce-2: subnet-4,subnet-3
        ");
}
