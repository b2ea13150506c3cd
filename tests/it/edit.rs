//! Edits: applying an edit returns its inverse, and applying the inverse restores the design
//! exactly; failing edits change nothing; `delete` takes dependents along and undoes exactly.

use crate::fixture::*;
use vpc_planner::model::design::{Design, Point};
use vpc_planner::model::document::to_json_pretty;
use vpc_planner::model::edit::{self, Edit, EditError, Item, ItemKind};

/// Applies `edit` to the full fixture, checks that its inverse restores the design exactly
/// and that the inverse of the inverse redoes it; returns the result or the error.
fn check(edit: Edit) -> Result<Design, EditError> {
    let before = full();
    let mut d = before.clone();
    let inverse = match edit.clone().apply(&mut d) {
        Ok(inverse) => inverse,
        Err(e) => {
            assert_eq!(d, before, "a failing {edit:?} changed the design");
            return Err(e);
        }
    };
    let after = d.clone();
    let redo = inverse.clone().apply(&mut d).expect("the inverse applies");
    assert_eq!(d, before, "undo of {edit:?} did not restore the design");
    assert_eq!(to_json_pretty(&d), to_json_pretty(&before));
    redo.apply(&mut d).expect("redo applies");
    assert_eq!(d, after, "redo of {edit:?} did not give the same design");
    Ok(after)
}

fn item_of(d: &Design, id: &str) -> Item {
    if let Some(x) = d.vpc(id) {
        Item::Vpc(x.clone())
    } else if let Some(x) = d.subnet(id) {
        Item::Subnet(x.clone())
    } else if let Some(x) = d.route_table(id) {
        Item::RouteTable(x.clone())
    } else if let Some(x) = d.node(id) {
        Item::Node(x.clone())
    } else {
        Item::Flow(d.flow(id).cloned().expect("an item"))
    }
}

#[test]
fn insert_each_kind_at_each_end() {
    let base = full();
    for index in [0, 1, usize::MAX] {
        let items = [
            Item::Vpc(vpc("vpc-2", "10.1.0.0/16")),
            Item::Subnet(subnet("subnet-9", "vpc-1", "10.0.99.0/24", "us-east-1c")),
            Item::RouteTable(rtb("rtb-9", "vpc-1", &[], &[])),
            Item::Node(node("ec2-9", ec2("subnet-1"))),
            Item::Flow(flow("flow-9", "ec2-1", "internet", 1.0)),
        ];
        for item in items {
            let id = item.id().to_string();
            let after = check(Edit::Insert { index, item }).expect("insert");
            assert_eq!(after.ids().count(), base.ids().count() + 1);
            assert!(after.ids().any(|x| x == id));
        }
    }
}

/// A taken id is inserted (validation reports it), and undo removes exactly the inserted
/// item, not the older one with the same id.
#[test]
fn insert_a_taken_id_undoes_exactly() {
    for item in [
        Item::Node(node("subnet-1", ec2("subnet-1"))),
        Item::Vpc(vpc("vpc-1", "10.9.0.0/16")),
    ] {
        let id = item.id().to_string();
        let after = check(Edit::Insert { index: 0, item }).expect("insert");
        assert_eq!(after.ids().filter(|x| *x == id).count(), 2);
        assert!(
            vpc_planner::model::validate::validate(&after)
                .iter()
                .any(|d| d.code == "id.duplicate" && d.subject == id)
        );
    }
}

#[test]
fn remove_every_item() {
    let ids: Vec<String> = full().ids().map(String::from).collect();
    for id in ids {
        let after = check(Edit::Remove { id: id.clone() }).expect("remove");
        assert!(!after.ids().any(|x| x == id));
    }
    assert_eq!(
        check(Edit::Remove { id: "nope".into() }),
        Err(EditError::NoSuchItem("nope".into()))
    );
}

#[test]
fn replace_every_item() {
    let before = full();
    for id in before.ids() {
        let mut item = item_of(&before, id);
        match &mut item {
            Item::Vpc(x) => x.name = "renamed".into(),
            Item::Subnet(x) => x.cidr = "10.0.200.0/24".into(),
            Item::RouteTable(x) => x.routes.clear(),
            Item::Node(x) => x.at = Point { x: -5, y: 7 },
            Item::Flow(x) => x.gb_per_month = 0.125,
        }
        let after = check(Edit::Replace { item: item.clone() }).expect("replace");
        assert_eq!(item_of(&after, id), item);
    }
    // Replacing needs an item of that kind with that id.
    assert_eq!(
        check(Edit::Replace {
            item: Item::Subnet(subnet("vpc-1", "vpc-1", "10.0.0.0/24", "us-east-1a"))
        }),
        Err(EditError::NoSuchItem("vpc-1".into()))
    );
}

#[test]
fn translate() {
    let ids = vec!["vpc-1".to_string(), "subnet-1".into(), "ec2-1".into()];
    let after = check(Edit::Translate {
        ids,
        dx: 25,
        dy: -40,
    })
    .expect("translate");
    assert_eq!((after.vpcs[0].layout.x, after.vpcs[0].layout.y), (65, 0));
    assert_eq!(
        after.node("ec2-1").map(|n| n.at),
        Some(Point { x: 275, y: 310 })
    );
    // Flows and route tables have no position.
    assert_eq!(
        check(Edit::Translate {
            ids: vec!["flow-1".into()],
            dx: 1,
            dy: 1
        }),
        Err(EditError::NoSuchItem("flow-1".into()))
    );
    assert_eq!(
        check(Edit::Translate {
            ids: vec!["rtb-1".into()],
            dx: 1,
            dy: 1
        }),
        Err(EditError::NoSuchItem("rtb-1".into()))
    );
}

#[test]
fn set_region_and_name() {
    assert_eq!(
        check(Edit::SetRegion {
            region: "eu-west-1".into()
        })
        .map(|d| d.region),
        Ok("eu-west-1".into())
    );
    assert_eq!(
        check(Edit::SetName {
            name: "x".repeat(100_000)
        })
        .map(|d| d.name.len()),
        Ok(100_000)
    );
}

#[test]
fn batch() {
    let edits = vec![
        Edit::Insert {
            index: usize::MAX,
            item: Item::Vpc(vpc("vpc-2", "10.1.0.0/16")),
        },
        Edit::Insert {
            index: usize::MAX,
            item: Item::Subnet(subnet("subnet-9", "vpc-2", "10.1.0.0/24", "us-east-1a")),
        },
        Edit::Remove {
            id: "flow-1".into(),
        },
        Edit::Replace {
            item: Item::Flow(flow("flow-2", "ec2-1", "internet", 3.0)),
        },
        Edit::Translate {
            ids: vec!["vpc-2".into(), "subnet-9".into()],
            dx: 10,
            dy: 10,
        },
        Edit::SetName {
            name: "batched".into(),
        },
        Edit::Batch(vec![
            Edit::SetRegion {
                region: "eu-west-1".into(),
            },
            Edit::Remove { id: "svc-1".into() },
        ]),
    ];
    let after = check(Edit::Batch(edits)).expect("batch");
    assert_eq!(after.name, "batched");
    assert_eq!(after.vpc("vpc-2").map(|v| v.layout.x), Some(770));
    assert!(after.flow("flow-1").is_none() && after.node("svc-1").is_none());
    assert_eq!(check(Edit::Batch(Vec::new())), Ok(full()));
}

/// A batch that fails part way leaves the design as it was, whichever step fails.
#[test]
fn failing_batch_changes_nothing() {
    let good = || {
        vec![
            Edit::Insert {
                index: 0,
                item: Item::Vpc(vpc("vpc-2", "10.1.0.0/16")),
            },
            Edit::Remove {
                id: "subnet-1".into(),
            },
            Edit::Replace {
                item: Item::Node(node("ec2-1", ec2("subnet-2"))),
            },
            Edit::Translate {
                ids: vec!["vpc-1".into()],
                dx: 5,
                dy: 5,
            },
            Edit::SetName {
                name: "changed".into(),
            },
            Edit::SetRegion {
                region: "eu-west-1".into(),
            },
        ]
    };
    let failures = [
        Edit::Remove { id: "nope".into() },
        Edit::RemoveAt {
            kind: ItemKind::Node,
            index: 999,
        },
        Edit::Replace {
            item: Item::Flow(flow("flow-9", "ec2-1", "internet", 1.0)),
        },
        Edit::Translate {
            ids: vec!["vpc-1".into()],
            dx: i32::MAX,
            dy: 0,
        },
        Edit::Translate {
            ids: vec!["nope".into()],
            dx: 1,
            dy: 1,
        },
        Edit::Batch(vec![
            Edit::SetName {
                name: "inner".into(),
            },
            Edit::Remove { id: "nope".into() },
        ]),
    ];
    for failure in failures {
        for at in 0..=good().len() {
            let mut edits = good();
            edits.insert(at, failure.clone());
            assert!(
                check(Edit::Batch(edits)).is_err(),
                "{failure:?} at {at} did not fail the batch"
            );
        }
    }
}

/// A Translate naming an item that is not there must leave the design unchanged, as
/// `Edit::apply` promises, also for the ids before the missing one.
#[test]
fn failing_translate_changes_nothing() {
    let before = full();
    let mut d = before.clone();
    let result = Edit::Translate {
        ids: vec!["vpc-1".into(), "nope".into()],
        dx: 5,
        dy: 5,
    }
    .apply(&mut d);
    assert_eq!(result, Err(EditError::NoSuchItem("nope".into())));
    assert_eq!(d, before);
}

/// Moves near the edge of the canvas's coordinate range are refused whole (never clipped,
/// never a panic); moves that fit are undone exactly.
#[test]
fn translate_inverse_at_coordinate_limits() {
    let start = full();
    let mut wrong = Vec::new();
    for (x, dx, fits) in [
        (i32::MAX - 1, 10, false),
        (i32::MIN + 1, -10, false),
        (0, i32::MIN, false),
        (i32::MAX - 10, 10, true),
        (i32::MIN + 10, -10, true),
    ] {
        let mut d = start.clone();
        d.vpcs[0].layout.x = x;
        let before = d.clone();
        let result = std::panic::catch_unwind(move || {
            match (Edit::Translate {
                ids: vec!["vpc-1".into()],
                dx,
                dy: 0,
            })
            .apply(&mut d)
            {
                Ok(inverse) => {
                    inverse.apply(&mut d).expect("undo");
                    (true, d)
                }
                Err(e) => {
                    assert_eq!(e, EditError::OffCanvas);
                    (false, d)
                }
            }
        });
        match result {
            Ok((applied, after)) if applied == fits && after == before => {}
            Ok((applied, _)) => wrong.push(format!(
                "x = {x}, dx = {dx}: applied {applied}, or the design changed"
            )),
            Err(_) => wrong.push(format!("x = {x}, dx = {dx}: panicked")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ---- delete -----------------------------------------------------------------------------

/// Deletes `ids` from the full fixture: returns what is left (ids per list) and checks undo
/// restores byte-identical JSON.
fn check_delete(ids: &[&str]) -> String {
    let before = full();
    let mut d = before.clone();
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let inverse = edit::delete(&before, &ids)
        .apply(&mut d)
        .expect("delete applies");
    let left = describe(&d);
    assert!(
        vpc_planner::model::validate::validate(&d)
            .iter()
            .all(|x| !x.code.ends_with("_missing")),
        "delete left dangling references:\n{left}"
    );
    inverse.apply(&mut d).expect("undo applies");
    assert_eq!(
        to_json_pretty(&d),
        to_json_pretty(&before),
        "undo of delete {ids:?}"
    );
    left
}

/// One line per list, with references where they matter.
fn describe(d: &Design) -> String {
    let rt = d
        .route_tables
        .iter()
        .map(|r| {
            let routes: Vec<String> = r
                .routes
                .iter()
                .map(|x| format!("{}->{}", x.destination, x.target))
                .collect();
            format!("{}[{}|{}]", r.id, r.subnets.join(","), routes.join(","))
        })
        .collect::<Vec<_>>();
    let nodes = d
        .nodes
        .iter()
        .map(|n| match &n.kind {
            vpc_planner::model::design::NodeKind::GatewayEndpoint { route_tables, .. } => {
                format!("{}[{}]", n.id, route_tables.join(","))
            }
            vpc_planner::model::design::NodeKind::InterfaceEndpoint { subnets, .. } => {
                format!("{}[{}]", n.id, subnets.join(","))
            }
            _ => n.id.clone(),
        })
        .collect::<Vec<_>>();
    let list = |ids: Vec<String>| {
        if ids.is_empty() {
            " -".to_string()
        } else {
            format!(" {}", ids.join(" "))
        }
    };
    format!(
        "vpcs:{}\nsubnets:{}\nroute_tables:{}\nnodes:{}\nflows:{}",
        list(d.vpcs.iter().map(|x| x.id.clone()).collect()),
        list(d.subnets.iter().map(|x| x.id.clone()).collect()),
        list(rt),
        list(nodes),
        list(d.flows.iter().map(|x| x.id.clone()).collect()),
    )
}

#[test]
fn delete_vpc_takes_everything_in_it() {
    insta::assert_snapshot!(check_delete(&["vpc-1"]), @r"
        vpcs: -
        subnets: -
        route_tables: -
        nodes: svc-1
        flows: -
        ");
}

#[test]
fn delete_subnet() {
    // subnet-1 holds the NAT gateway: the NAT goes, and the private table loses its route.
    insta::assert_snapshot!(check_delete(&["subnet-1"]), @r"
        vpcs: vpc-1
        subnets: subnet-2 subnet-3 subnet-4
        route_tables: rtb-1[|] rtb-2[subnet-2|0.0.0.0/0->igw-1] rtb-3[subnet-3,subnet-4|]
        nodes: igw-1 vpce-1[rtb-1,rtb-3] vpce-2[subnet-3,subnet-4] ec2-1 ec2-2 svc-1
        flows: flow-1 flow-2
        ");
    // subnet-3 holds ec2-1 and one of the interface endpoint's two subnets.
    insta::assert_snapshot!(check_delete(&["subnet-3"]), @r"
        vpcs: vpc-1
        subnets: subnet-1 subnet-2 subnet-4
        route_tables: rtb-1[|] rtb-2[subnet-1,subnet-2|0.0.0.0/0->igw-1] rtb-3[subnet-4|0.0.0.0/0->nat-1]
        nodes: igw-1 nat-1 vpce-1[rtb-1,rtb-3] vpce-2[subnet-4] ec2-2 svc-1
        flows: flow-2
        ");
    // Both subnets of the interface endpoint: it goes too.
    insta::assert_snapshot!(check_delete(&["subnet-3", "subnet-4"]), @r"
        vpcs: vpc-1
        subnets: subnet-1 subnet-2
        route_tables: rtb-1[|] rtb-2[subnet-1,subnet-2|0.0.0.0/0->igw-1] rtb-3[|0.0.0.0/0->nat-1]
        nodes: igw-1 nat-1 vpce-1[rtb-1,rtb-3] svc-1
        flows: -
        ");
}

#[test]
fn delete_nodes_and_tables() {
    // A route target: routes to it go; a flow's ends: the flows go.
    insta::assert_snapshot!(check_delete(&["igw-1", "svc-1"]), @r"
        vpcs: vpc-1
        subnets: subnet-1 subnet-2 subnet-3 subnet-4
        route_tables: rtb-1[|] rtb-2[subnet-1,subnet-2|] rtb-3[subnet-3,subnet-4|0.0.0.0/0->nat-1]
        nodes: nat-1 vpce-1[rtb-1,rtb-3] vpce-2[subnet-3,subnet-4] ec2-1 ec2-2
        flows: flow-2
        ");
    // A route table: its endpoint association goes.
    insta::assert_snapshot!(check_delete(&["rtb-3"]), @r"
        vpcs: vpc-1
        subnets: subnet-1 subnet-2 subnet-3 subnet-4
        route_tables: rtb-1[|] rtb-2[subnet-1,subnet-2|0.0.0.0/0->igw-1]
        nodes: igw-1 nat-1 vpce-1[rtb-1] vpce-2[subnet-3,subnet-4] ec2-1 ec2-2 svc-1
        flows: flow-1 flow-2
        ");
    // Unknown ids and repeats are ignored.
    insta::assert_snapshot!(check_delete(&["nope", "flow-1", "flow-1"]), @r"
        vpcs: vpc-1
        subnets: subnet-1 subnet-2 subnet-3 subnet-4
        route_tables: rtb-1[|] rtb-2[subnet-1,subnet-2|0.0.0.0/0->igw-1] rtb-3[subnet-3,subnet-4|0.0.0.0/0->nat-1]
        nodes: igw-1 nat-1 vpce-1[rtb-1,rtb-3] vpce-2[subnet-3,subnet-4] ec2-1 ec2-2 svc-1
        flows: flow-2
        ");
    insta::assert_snapshot!(check_delete(&[]), @r"
        vpcs: vpc-1
        subnets: subnet-1 subnet-2 subnet-3 subnet-4
        route_tables: rtb-1[|] rtb-2[subnet-1,subnet-2|0.0.0.0/0->igw-1] rtb-3[subnet-3,subnet-4|0.0.0.0/0->nat-1]
        nodes: igw-1 nat-1 vpce-1[rtb-1,rtb-3] vpce-2[subnet-3,subnet-4] ec2-1 ec2-2 svc-1
        flows: flow-1 flow-2
        ");
}

/// Deleting a security group takes its references along in one step: nodes stop using it and
/// other groups' rules that name it go; everything else stays.
#[test]
fn remove_security_group_with_its_references() {
    use vpc_planner::model::design::{Protocol, SecurityGroup, SgPeer, SgRule};
    let rule = |peer: SgPeer| SgRule {
        protocol: Protocol::Tcp,
        from_port: 443,
        to_port: 443,
        peer,
    };
    let mut d = full();
    d.vpcs[0].security_groups = vec![
        SecurityGroup {
            id: "sg-1".into(),
            name: "web".into(),
            ingress: vec![rule(SgPeer::Cidr("0.0.0.0/0".into()))],
            egress: vec![],
        },
        SecurityGroup {
            id: "sg-2".into(),
            name: "db".into(),
            ingress: vec![
                rule(SgPeer::SecurityGroup("sg-1".into())),
                rule(SgPeer::Cidr("10.0.0.0/16".into())),
            ],
            egress: vec![],
        },
    ];
    d.nodes
        .iter_mut()
        .filter(|n| n.id == "ec2-1")
        .for_each(|n| n.security_groups = vec!["sg-1".into(), "sg-2".into()]);
    let before = d.clone();
    let e = edit::remove_security_group(&d, "sg-1");
    let inverse = e.apply(&mut d).expect("applies");
    let groups: Vec<String> = d.vpcs[0]
        .security_groups
        .iter()
        .map(|g| {
            format!(
                "{} {:?}",
                g.id,
                g.ingress.iter().map(|r| &r.peer).collect::<Vec<_>>()
            )
        })
        .collect();
    assert_eq!(groups, ["sg-2 [Cidr(\"10.0.0.0/16\")]"]);
    assert_eq!(d.node("ec2-1").expect("ec2-1").security_groups, ["sg-2"]);
    assert!(
        vpc_planner::model::validate::validate(&d)
            .iter()
            .all(|x| !x.code.starts_with("sg."))
    );
    inverse.apply(&mut d).expect("undo");
    assert_eq!(d, before);
}

/// Deleting an endpoint service takes the interface endpoints that connect to it and the flows
/// to it; deleting a target takes it out of the service's targets; undo restores everything.
#[test]
fn delete_endpoint_service_and_target() {
    use vpc_planner::model::design::NodeKind;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/routing/privatelink-endpoint-service-reachable.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    let before = vpc_planner::model::document::from_json(&v["design"].to_string()).expect("design");
    let run = |ids: &[&str]| {
        let mut d = before.clone();
        let inverse = edit::delete(
            &before,
            &ids.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
        .apply(&mut d)
        .expect("delete applies");
        let after = d.clone();
        inverse.apply(&mut d).expect("undo applies");
        assert_eq!(
            to_json_pretty(&d),
            to_json_pretty(&before),
            "undo of delete {ids:?}"
        );
        after
    };
    let d = run(&["orders"]);
    assert!(
        d.node("orders-ep").is_none(),
        "the endpoint to the deleted service goes too"
    );
    assert!(d.flows.is_empty(), "the flow to the service goes");
    assert!(
        d.node("orders-1").is_some() && d.node("eks").is_some(),
        "workloads stay"
    );
    let d = run(&["orders-1"]);
    assert!(
        matches!(&d.node("orders").expect("service").kind, NodeKind::EndpointService { targets, .. } if targets == &["orders-2".to_string()])
    );
    assert!(
        vpc_planner::model::validate::validate(&d)
            .iter()
            .all(|x| !x.code.ends_with("_missing"))
    );
}

/// `edit::between` turns the design before into the one after: as inserts and replacements when
/// the change only adds and changes items (a paste, one more AZ, AZ lanes, in generated designs
/// of several sizes), and as the whole design replaced when items were taken out or reordered.
#[test]
fn between_two_designs_is_the_items_added_and_changed() {
    use vpc_planner::editor::{Work, worked};
    use vpc_planner::model::clipboard;
    use vpc_planner::model::generate::{Size, generate};
    let applied = |before: &Design, edit: Edit| {
        let mut d = before.clone();
        edit.apply(&mut d).expect("applies");
        d
    };
    for (seed, size) in [(1, 60), (2, 300), (3, 1000)] {
        let before = generate(seed, Size::about(size));
        let vpc = before.vpcs[0].id.clone();
        let subnet = before.subnets[0].id.clone();
        let clip = std::rc::Rc::new(clipboard::copy(&before, &[vpc.clone(), subnet]));
        for work in [
            Work::Paste {
                clip: clip.clone(),
                at: None,
            },
            Work::AddAz { vpc: vpc.clone() },
            Work::Arrange { vpc: vpc.clone() },
        ] {
            let (after, _) = worked(&before, &work).expect("worked out");
            let edit = edit::between(&before, after.clone());
            assert!(
                matches!(edit, Edit::Batch(_)),
                "{work:?} at {size}: not the whole design"
            );
            assert_eq!(applied(&before, edit), after, "{work:?} at {size}");
        }
        // Taken out, reordered, renamed: the whole design, which still gives the design after.
        let mut fewer = before.clone();
        fewer.nodes.remove(0);
        let mut reordered = before.clone();
        reordered.subnets.swap(0, 1);
        let mut renamed = before.clone();
        renamed.name.push('!');
        for after in [fewer, reordered, renamed] {
            let edit = edit::between(&before, after.clone());
            assert!(matches!(edit, Edit::ReplaceDesign(_)));
            assert_eq!(applied(&before, edit), after);
        }
    }
}
