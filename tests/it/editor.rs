//! The editor's reducer (`vpc_planner::editor`), natively: selection of one and of several,
//! rubber-band picking, moves and nudges of several items, deletion of several, each change one
//! undo step, and the selection never naming an item that no longer exists.

use crate::fixture::*;
use vpc_planner::editor::{Action, Editor, NoticeKind, all_items, items_in};
use vpc_planner::model::design::{Point, Rect};

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn editor() -> Editor {
    Editor::new(full(), None)
}

/// Applies actions in order, each of which must change the state. A change asked of the worker
/// (a paste, AZ lanes) is answered at once, as the browser's worker answers it (`worked`).
fn run(mut e: Editor, actions: Vec<Action>) -> Editor {
    for a in actions {
        let label = format!("{a:?}");
        e = e
            .reduce(a)
            .unwrap_or_else(|| panic!("{label} changed nothing"));
        if let Some(r) = e.asked.clone() {
            let result = vpc_planner::editor::worked(&r.design, &r.work);
            e = e
                .reduce(Action::Answered { id: r.id, result })
                .unwrap_or_else(|| panic!("the answer to {label} changed nothing"));
            assert!(e.asked.is_none());
        }
    }
    e
}

#[test]
fn shift_click_adds_and_removes_and_click_selects_one() {
    let e = run(
        editor(),
        vec![
            Action::Select(Some("ec2-1".into())),
            Action::Toggle("ec2-2".into()),
            Action::Toggle("nat-1".into()),
        ],
    );
    assert_eq!(e.selection, ids(&["ec2-1", "ec2-2", "nat-1"]));
    assert_eq!(
        e.single(),
        None,
        "the inspector shows one item only when one is selected"
    );
    let e = run(e, vec![Action::Toggle("ec2-2".into())]);
    assert_eq!(e.selection, ids(&["ec2-1", "nat-1"]));
    let e = run(e, vec![Action::Select(Some("svc-1".into()))]);
    assert_eq!(e.selection, ids(&["svc-1"]));
    assert_eq!(e.single(), Some("svc-1"));
    assert!(
        e.reduce(Action::Select(Some("svc-1".into()))).is_none(),
        "selecting the same again changes nothing"
    );
    assert!(!e.history.can_undo(), "selection is not an undo step");
}

#[test]
fn set_selection_drops_duplicates_and_unknown_ids() {
    let e = run(
        editor(),
        vec![Action::SetSelection(ids(&[
            "ec2-1", "nope", "ec2-1", "flow-1",
        ]))],
    );
    assert_eq!(e.selection, ids(&["ec2-1", "flow-1"]));
}

#[test]
fn select_all_names_every_item_on_the_canvas_once() {
    let d = full();
    let all = all_items(&d);
    assert_eq!(
        all.len(),
        d.vpcs.len() + d.subnets.len() + d.nodes.len() + d.flows.len()
    );
    let e = run(editor(), vec![Action::SetSelection(all.clone())]);
    assert_eq!(e.selection, all);
    assert!(
        !e.selection.iter().any(|id| id.starts_with("rtb-")),
        "route tables are not on the canvas"
    );
}

#[test]
fn rubber_band_picks_what_lies_wholly_inside() {
    let d = full();
    // Slot C (subnet-3 with vpce-2 and ec2-1) and nothing of slot D.
    let band = Rect {
        x: SLOT_C.x - 5,
        y: SLOT_C.y - 5,
        w: SLOT_C.w + 10,
        h: SLOT_C.h + 10,
    };
    assert_eq!(items_in(&d, band), ids(&["subnet-3", "vpce-2", "ec2-1"]));
    // A band cutting through an icon does not pick it.
    let half = Rect {
        x: 200,
        y: 340,
        w: 50,
        h: 30,
    };
    assert!(items_in(&d, half).is_empty());
    // The whole VPC.
    let everything = Rect {
        x: 0,
        y: 0,
        w: 700,
        h: 500,
    };
    let picked = items_in(&d, everything);
    assert!(
        picked.contains(&"vpc-1".to_string())
            && picked.contains(&"subnet-4".to_string())
            && !picked.contains(&"svc-1".to_string())
    );
}

#[test]
fn moving_several_items_is_one_step_and_undo_restores_all() {
    let before = full();
    // An icon of each of two subnets, moved within their subnets.
    let e = run(
        editor(),
        vec![
            Action::SetSelection(ids(&["ec2-1", "ec2-2"])),
            Action::Move {
                ids: ids(&["ec2-1", "ec2-2"]),
                dx: 10,
                dy: -20,
            },
        ],
    );
    assert_eq!(e.design.node("ec2-1").unwrap().at, Point { x: 260, y: 330 });
    assert_eq!(e.design.node("ec2-2").unwrap().at, Point { x: 510, y: 330 });
    assert_eq!(
        e.selection,
        ids(&["ec2-1", "ec2-2"]),
        "a move keeps the selection"
    );
    let undone = run(e, vec![Action::Undo]);
    assert_eq!(*undone.design, before);
    assert!(!undone.history.can_undo(), "the move was exactly one step");
}

#[test]
fn arrow_keys_nudge_the_selection_and_skip_flows() {
    let e = run(
        editor(),
        vec![
            Action::SetSelection(ids(&["ec2-1", "flow-1", "svc-1"])),
            Action::Nudge { dx: 0, dy: 20 },
        ],
    );
    assert_eq!(e.design.node("ec2-1").unwrap().at, Point { x: 250, y: 370 });
    assert_eq!(e.design.node("svc-1").unwrap().at, Point { x: 200, y: 580 });
    assert_eq!(e.design.flows, full().flows);
    let e = run(e, vec![Action::Undo]);
    assert_eq!(*e.design, full());
}

#[test]
fn a_refused_nudge_explains_and_changes_nothing() {
    // subnet-3 sits at the VPC's bottom-left corner: pushing it down leaves the VPC.
    let e = run(
        editor(),
        vec![
            Action::Select(Some("subnet-3".into())),
            Action::Nudge { dx: 0, dy: 200 },
        ],
    );
    assert_eq!(*e.design, full());
    let notice = e.notice.expect("a refusal is explained");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(
        notice.text.to_lowercase().contains("vpc"),
        "{}",
        notice.text
    );
    assert!(!e.history.can_undo());
}

#[test]
fn deleting_several_is_one_step_and_clears_the_selection() {
    let e = run(
        editor(),
        vec![
            Action::SetSelection(ids(&["ec2-1", "ec2-2", "svc-1"])),
            Action::DeleteSelection,
        ],
    );
    for gone in ["ec2-1", "ec2-2", "svc-1", "flow-1", "flow-2"] {
        assert!(
            !e.design.ids().any(|x| x == gone),
            "{gone} is deleted with the selection"
        );
    }
    assert!(e.selection.is_empty());
    let e = run(e, vec![Action::Undo]);
    assert_eq!(*e.design, full());
    assert!(!e.history.can_undo());
    assert!(
        editor().reduce(Action::DeleteSelection).is_none(),
        "nothing selected, nothing deleted"
    );
}

#[test]
fn undo_drops_selected_items_that_no_longer_exist() {
    let e = run(
        editor(),
        vec![Action::Connect {
            from: "ec2-2".into(),
            to: vpc_planner::model::design::FlowTarget::Node("svc-1".into()),
        }],
    );
    let flow = e.single().expect("the new flow is selected").to_string();
    let e = run(e, vec![Action::Toggle("ec2-1".into()), Action::Undo]);
    assert_eq!(e.selection, ids(&["ec2-1"]), "{flow} is gone with the undo");
}

#[test]
fn a_move_changes_only_the_layout_and_an_edit_more() {
    let before = full();
    let moved = run(
        editor(),
        vec![Action::Move {
            ids: ids(&["vpc-1"]),
            dx: 40,
            dy: 0,
        }],
    );
    assert_ne!(*moved.design, before);
    assert!(
        moved.design.same_except_layout(&before),
        "a drag keeps routing, DNS and cost as they were"
    );
    let mut renamed = before.clone();
    renamed.nodes[0].name.push('x');
    assert!(!renamed.same_except_layout(&before));
    let mut rezoned = before.clone();
    rezoned.subnets[0].availability_zone = "us-east-1c".into();
    assert!(!rezoned.same_except_layout(&before));
    let mut fewer = before.clone();
    fewer.flows.pop();
    assert!(!fewer.same_except_layout(&before));
}

#[test]
fn copy_then_paste_selects_fresh_copies_in_one_undo_step() {
    let e = run(
        editor(),
        vec![Action::Select(Some("ec2-1".into())), Action::Copy],
    );
    assert!(e.clipboard.is_some());
    assert!(!e.history.can_undo(), "copying changes no design");
    let e = run(e, vec![Action::Paste { at: None }]);
    let new_id = e.single().expect("the copy is selected").to_string();
    assert_ne!(new_id, "ec2-1");
    let copy = e.design.node(&new_id).expect("a new icon");
    let original = full();
    let original = original.node("ec2-1").unwrap();
    assert_eq!(
        copy.kind, original.kind,
        "a workload copy sits in the same subnet"
    );
    assert_ne!(copy.at, original.at, "and not on top of the original");
    let e = run(e, vec![Action::Undo]);
    assert_eq!(*e.design, full());
    assert!(e.selection.is_empty());
}

#[test]
fn cut_deletes_and_paste_brings_the_items_back_as_new_ones() {
    let e = run(
        editor(),
        vec![Action::Select(Some("svc-1".into())), Action::Cut],
    );
    assert!(e.design.node("svc-1").is_none());
    assert!(
        e.design
            .flows
            .iter()
            .all(|f| f.to != vpc_planner::model::design::FlowTarget::Node("svc-1".into()))
    );
    let e = run(
        e,
        vec![Action::Paste {
            at: Some(Point { x: 200, y: 700 }),
        }],
    );
    let pasted = e.design.node(e.single().unwrap()).unwrap();
    assert_eq!(pasted.at, Point { x: 200, y: 700 });
    assert_eq!(pasted.kind, full().node("svc-1").unwrap().kind);
    let e = run(e, vec![Action::Undo, Action::Undo]);
    assert_eq!(*e.design, full(), "cut and paste were a step each");
}

#[test]
fn duplicating_a_vpc_gives_a_vpc_whose_block_overlaps_nothing() {
    let e = run(
        editor(),
        vec![Action::Select(Some("vpc-1".into())), Action::Duplicate],
    );
    let copy = e
        .design
        .vpc(e.single().unwrap())
        .expect("a new VPC is selected");
    let block: ipnet::Ipv4Net = copy.cidr_blocks[0].parse().unwrap();
    let original: ipnet::Ipv4Net = "10.0.0.0/16".parse().unwrap();
    assert_eq!(block.prefix_len(), 16);
    assert!(!block.contains(&original.network()) && !original.contains(&block.network()));
    assert_eq!(
        e.design.subnets.len(),
        2 * full().subnets.len(),
        "its subnets came along"
    );
    let errors = vpc_planner::model::validate::validate(&e.design)
        .into_iter()
        .filter(|d| d.severity == vpc_planner::model::Severity::Error)
        .count();
    assert_eq!(errors, 0);
    assert!(
        editor().reduce(Action::Duplicate).is_none(),
        "nothing selected, nothing duplicated"
    );
    assert!(
        editor().reduce(Action::Paste { at: None }).is_none(),
        "an empty clipboard pastes nothing"
    );
}

/// A paste is asked for (the browser's worker works it out) and applied when its answer comes:
/// the answer to an older request is ignored, one that comes after another change is refused
/// (applying it would undo that change), and a refusal is a notice that changes nothing.
#[test]
fn a_paste_is_applied_when_its_answer_comes_and_only_to_the_design_it_was_asked_for() {
    use vpc_planner::editor::{Work, worked};
    let copied = run(
        editor(),
        vec![Action::Select(Some("ec2-1".into())), Action::Copy],
    );
    let asked = copied.reduce(Action::Paste { at: None }).unwrap();
    let r = asked.asked.clone().expect("a paste is asked for");
    assert_eq!(*asked.design, full(), "nothing pasted before the answer");
    assert!(std::rc::Rc::ptr_eq(&r.design, &asked.design));
    assert_eq!(
        Some(&r.work),
        copied
            .clipboard
            .clone()
            .map(|clip| Work::Paste { clip, at: None })
            .as_ref()
    );
    let answer = worked(&r.design, &r.work);

    // An answer to another request: nothing happens.
    let stale = Action::Answered {
        id: r.id.wrapping_add(1),
        result: answer.clone(),
    };
    assert!(asked.reduce(stale).is_none());

    // The design changed in between (a nudge): the answer is refused and the nudge kept.
    let nudged = asked.reduce(Action::Nudge { dx: 10, dy: 0 }).unwrap();
    let refused = nudged
        .reduce(Action::Answered {
            id: r.id,
            result: answer.clone(),
        })
        .unwrap();
    assert_eq!(refused.design, nudged.design);
    assert!(refused.asked.is_none());
    let notice = refused.notice.expect("says why");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(notice.text.contains("try again"), "{}", notice.text);

    // The worker could not work it out: its reason is the notice, and nothing changed.
    let failed = asked
        .reduce(Action::Answered {
            id: r.id,
            result: Err("nothing was changed: the worker stopped".into()),
        })
        .unwrap();
    assert_eq!(*failed.design, full());
    assert_eq!(
        failed.notice.map(|n| n.text),
        Some("Nothing was changed: the worker stopped".to_string())
    );

    // The answer itself: one undo step, the copy selected.
    let pasted = asked
        .reduce(Action::Answered {
            id: r.id,
            result: answer,
        })
        .unwrap();
    assert_eq!(pasted.design.nodes.len(), full().nodes.len() + 1);
    assert_ne!(pasted.single(), Some("ec2-1"));
    assert!(pasted.history.can_undo());
    assert_eq!(
        *pasted.reduce(Action::Undo).unwrap().design,
        full(),
        "one step"
    );

    // Duplicating only a flow (nothing a clip carries) is refused here, with no request.
    let only_flow = editor()
        .reduce(Action::Select(Some(full().flows[0].id.clone())))
        .unwrap()
        .reduce(Action::Duplicate)
        .unwrap();
    assert!(only_flow.asked.is_none());
    assert_eq!(
        only_flow.notice.map(|n| n.text),
        Some("There is nothing to paste".to_string())
    );
}

/// Two pastes asked in a row, before the worker answers the first: both land, one after the
/// other, each as its own undo step.
#[test]
fn a_paste_asked_while_another_is_worked_out_waits_its_turn() {
    use vpc_planner::editor::worked;
    let copied = run(
        editor(),
        vec![Action::Select(Some("ec2-1".into())), Action::Copy],
    );
    let twice = copied
        .reduce(Action::Paste { at: None })
        .unwrap()
        .reduce(Action::Paste { at: None })
        .unwrap();
    assert_eq!(twice.waiting.len(), 1);
    let first = twice.asked.clone().unwrap();
    let once = twice
        .reduce(Action::Answered {
            id: first.id,
            result: worked(&first.design, &first.work),
        })
        .unwrap();
    assert_eq!(once.design.nodes.len(), full().nodes.len() + 1);
    let second = once.asked.clone().expect("the second paste is asked now");
    assert!(std::rc::Rc::ptr_eq(&second.design, &once.design));
    assert!(once.waiting.is_empty());
    let both = once
        .reduce(Action::Answered {
            id: second.id,
            result: worked(&second.design, &second.work),
        })
        .unwrap();
    assert_eq!(both.design.nodes.len(), full().nodes.len() + 2);
    assert!(both.asked.is_none());
    let undone = run(both, vec![Action::Undo, Action::Undo]);
    assert_eq!(*undone.design, full());
}

/// What the worker answers comes back as a whole design; the undo step keeps only the items it
/// added and changed, not a whole design per paste (megabytes of history on a large design).
#[test]
fn an_answer_is_kept_in_the_history_as_the_items_it_added_and_changed() {
    let pasted = run(
        editor(),
        vec![
            Action::Select(Some("vpc-1".into())),
            Action::Duplicate,
            Action::AddAz("vpc-1".into()),
            Action::Arrange("vpc-1".into()),
        ],
    );
    let history = format!("{:?}", pasted.history);
    assert!(!history.contains("ReplaceDesign"), "{history}");
    let undone = run(pasted, vec![Action::Undo, Action::Undo, Action::Undo]);
    assert_eq!(*undone.design, full());
}

/// One more AZ and AZ lanes are worked out in the worker too: each answer is one undo step that
/// keeps the selection, and a VPC that is gone is refused with the model's reason.
#[test]
fn az_lanes_are_one_undo_step_that_keeps_the_selection() {
    let selected = run(editor(), vec![Action::Select(Some("vpc-1".into()))]);
    let subnets = full().subnets.len();
    let more = run(selected.clone(), vec![Action::AddAz("vpc-1".into())]);
    assert!(
        more.design.subnets.len() > subnets,
        "subnets mirrored into one more AZ"
    );
    assert_eq!(more.selection, ids(&["vpc-1"]));
    let back = run(more, vec![Action::Undo]);
    assert_eq!(*back.design, full());
    let arranged = run(selected.clone(), vec![Action::Arrange("vpc-1".into())]);
    assert_eq!(arranged.selection, ids(&["vpc-1"]));
    assert!(arranged.history.can_undo());
    let gone = run(selected, vec![Action::AddAz("vpc-none".into())]);
    assert_eq!(*gone.design, full());
    assert_eq!(gone.notice.map(|n| n.kind), Some(NoticeKind::Error));
}

#[test]
fn resizing_is_one_step_or_a_refusal_that_says_why() {
    let bigger = Rect {
        w: VPC_RECT.w + 100,
        h: VPC_RECT.h + 40,
        ..VPC_RECT
    };
    let e = run(
        editor(),
        vec![
            Action::Select(Some("vpc-1".into())),
            Action::Resize {
                id: "vpc-1".into(),
                rect: bigger,
            },
        ],
    );
    assert_eq!(e.design.vpc("vpc-1").unwrap().layout, bigger);
    let e = run(e, vec![Action::Undo]);
    assert_eq!(*e.design, full());
    assert!(
        e.reduce(Action::Resize {
            id: "vpc-1".into(),
            rect: VPC_RECT
        })
        .is_none(),
        "the same box changes nothing"
    );
    // Shrinking the VPC through its subnets is refused, with a message, and changes nothing.
    let small = Rect {
        w: 300,
        h: 200,
        ..VPC_RECT
    };
    let e = run(
        editor(),
        vec![Action::Resize {
            id: "vpc-1".into(),
            rect: small,
        }],
    );
    assert_eq!(*e.design, full());
    assert_eq!(e.notice.expect("refused").kind, NoticeKind::Error);
}
