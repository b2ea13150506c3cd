//! The canvas: VPCs, subnets, icons and flows as SVG. Select by clicking, move by dragging
//! (one undo step when the drag ends; Escape cancels it). What a move means is the model's
//! call (`layout::drag`); the canvas only shows it.

use super::icons;
use super::store::Action;
use crate::editor;
use crate::markup::Markup;
use crate::model::catalog;
use crate::model::design::{
    Design, Flow, FlowTarget, Id, Node, NodeKind, Point, Rect, Subnet, Vpc,
};
use crate::model::layout::{self, NODE_SIZE};
use crate::model::routing;
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Problems per item id: (id, errors, warnings, first message). A list searched by id rather
/// than a map: it holds one entry per item with problems, and a hash map keyed by `String`
/// would add its own copy of the hash-table code to the bundle.
pub type Badges = Rc<Vec<(String, usize, usize, String)>>;

/// The problems of each item, found by its id: a position per subject in the model's map type,
/// so drawing every item does not scan the list for each (the first entry of a subject wins).
#[derive(Default)]
struct Problems<'a> {
    badges: &'a [(String, usize, usize, String)],
    at: crate::model::hash::HashMap<&'a str, usize>,
}

impl<'a> Problems<'a> {
    fn of(badges: &'a [(String, usize, usize, String)]) -> Self {
        let mut at = crate::model::hash::HashMap::default();
        for (i, b) in badges.iter().enumerate() {
            if !at.contains_key(b.0.as_str()) {
                at.insert(b.0.as_str(), i);
            }
        }
        Problems { badges, at }
    }

    /// An item's errors, warnings and first message.
    fn get(&self, id: &str) -> Option<(&'a usize, &'a usize, &'a String)> {
        let (_, e, w, first) = self.badges.get(*self.at.get(id)?)?;
        Some((e, w, first))
    }
}

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub design: Rc<Design>,
    pub selection: Vec<Id>,
    pub badges: Badges,
    /// Every gesture ends as an action of the store.
    pub dispatch: Callback<Action>,
    pub svg_ref: NodeRef,
    pub scroll_ref: NodeRef,
    /// Is a palette item being dragged over the page (the canvas then shows drop hints).
    pub dropping: bool,
    /// Screen pixels per canvas unit.
    pub scale: f64,
    /// Whether to draw the scene: not before the app knows the scale it opens at.
    pub drawn: bool,
    /// The trace of every flow, in the design's flow order.
    pub traces: Rc<Vec<routing::Trace>>,
    /// The monthly estimate, for what each flow costs.
    pub estimate: Rc<crate::model::cost::Estimate>,
    /// A right-click (or the menu key): the item under it (None: the empty canvas), the client
    /// pixels to open the menu at, and the canvas point.
    pub on_context: Callback<(Option<Id>, (i32, i32), Point)>,
    /// Open the template gallery (offered on an empty canvas).
    pub on_templates: Callback<()>,
    /// A file dropped on the canvas (a design JSON or Terraform).
    pub on_file: Callback<web_sys::File>,
}

/// A flow being drawn from a node's handle: where the pointer is now, in canvas units.
#[derive(Debug, Clone, PartialEq)]
struct Connecting {
    from: Id,
    to: Point,
}

thread_local! {
    /// Set while a press on an item is under way, so the focus it gives the item does not
    /// select again (see `item`).
    static PRESSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// A press's change of the selection, waiting for its own task (see `on_press`), and where
    /// it goes.
    static PENDING: std::cell::RefCell<Option<(Action, Callback<Action>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Makes the selection change of a press now, if it is still waiting: every action goes
/// through here first (the app's dispatch), so one that acts on the selection (a shortcut
/// pressed right after the click, say) finds it made; its timer then finds nothing to do.
pub fn settle_press() {
    if let Some((action, dispatch)) = PENDING.with(|p| p.borrow_mut().take()) {
        dispatch.emit(action);
    }
}

/// The listeners that abandon a gesture under way (a drag, a band, a resize, a flow being
/// drawn): Escape, or the browser cancelling the pointer.
fn abandoned(window: &web_sys::Window, abandon: impl Fn() + 'static) -> [EventListener; 2] {
    let abandon = Rc::new(abandon);
    let on_key = abandon.clone();
    [
        EventListener::new(window, "keydown", move |e| {
            if e.dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape")
            {
                on_key();
            }
        }),
        EventListener::new(window, "pointercancel", move |_| abandon()),
    ]
}

/// A rubber band drawn over the empty canvas, in canvas units; `add` keeps what was selected.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Band {
    from: Point,
    to: Point,
    add: bool,
}

impl Band {
    fn rect(&self) -> Rect {
        let (x, y) = (self.from.x.min(self.to.x), self.from.y.min(self.to.y));
        Rect {
            x,
            y,
            w: (self.from.x - self.to.x).abs(),
            h: (self.from.y - self.to.y).abs(),
        }
    }
}

/// A VPC or subnet being resized by its corner handle: the pointer where it started, the box
/// as it was, and the box the pointer asks for now (its right and bottom edges on the grid).
#[derive(Debug, Clone, PartialEq)]
struct Resizing {
    id: Id,
    pointer: (i32, i32),
    from: Rect,
    to: Rect,
}

/// The canvas being panned (middle button, or space held): where the pointer and the scroll
/// position were when it started.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pan {
    pointer: (i32, i32),
    scroll: (i32, i32),
}

#[derive(Debug, Clone, PartialEq)]
struct Drag {
    /// The item grabbed and everything it carries.
    ids: Rc<Vec<Id>>,
    start: (i32, i32),
    delta: (i32, i32),
}

/// The canvas point under a pointer at client coordinates, if the pointer is over the
/// visible canvas.
pub fn client_to_canvas(
    svg: &web_sys::Element,
    scroll: &web_sys::Element,
    origin: Point,
    scale: f64,
    client: (i32, i32),
) -> Option<Point> {
    let view = scroll.get_bounding_client_rect();
    let (cx, cy) = (f64::from(client.0), f64::from(client.1));
    if cx < view.left() || cx > view.right() || cy < view.top() || cy > view.bottom() {
        return None;
    }
    let r = svg.get_bounding_client_rect();
    Some(Point {
        x: ((cx - r.left()) / scale).round() as i32 + origin.x,
        y: ((cy - r.top()) / scale).round() as i32 + origin.y,
    })
}

/// The canvas point under a pointer at client coordinates, wherever the pointer is (a rubber
/// band may leave the visible canvas).
fn client_to_canvas_anywhere(
    svg: &web_sys::Element,
    origin: Point,
    scale: f64,
    client: (i32, i32),
) -> Point {
    let r = svg.get_bounding_client_rect();
    let (cx, cy) = (f64::from(client.0), f64::from(client.1));
    Point {
        x: ((cx - r.left()) / scale).round() as i32 + origin.x,
        y: ((cy - r.top()) / scale).round() as i32 + origin.y,
    }
}

/// The scale at which the whole drawing fits the visible canvas (never above 100%).
pub fn fit_scale(design: &Design, scroll: &web_sys::Element) -> f64 {
    fit_scale_to(design, scroll.client_width(), scroll.client_height())
}

/// The scale that fits the drawing in a canvas `width` by `height` pixels.
pub fn fit_scale_to(design: &Design, width: i32, height: i32) -> f64 {
    let Some(content) = layout::content_bounds(design) else {
        return 1.0;
    };
    let b = Rect {
        w: content.w + 2 * layout::MARGIN,
        h: content.h + 2 * layout::MARGIN,
        ..content
    };
    let (w, h) = (f64::from(width), f64::from(height));
    if w < 50.0 || h < 50.0 {
        return 1.0;
    }
    (w / f64::from(b.w))
        .min(h / f64::from(b.h))
        .clamp(MIN_SCALE, 1.0)
}

thread_local! {
    static OPENING_VIEW: std::cell::Cell<Option<(i32, i32)>> = const { std::cell::Cell::new(None) };
}

/// Reads the size of the canvas in the page's skeleton (index.html: the app's frame, laid out
/// and painted while the wasm loads) and takes the skeleton away, before the app mounts in its
/// place in the same task.
pub fn take_skeleton() {
    let Some(skeleton) = gloo::utils::document().get_element_by_id("skeleton") else {
        return;
    };
    if let Some(scroll) = skeleton.query_selector(".canvas-scroll").ok().flatten() {
        let size = (scroll.client_width(), scroll.client_height());
        OPENING_VIEW.set(Some(size).filter(|(w, h)| *w >= 50 && *h >= 50));
    }
    skeleton.remove();
}

/// The canvas's size in the skeleton, if there was one to read.
pub fn opening_view() -> Option<(i32, i32)> {
    OPENING_VIEW.get()
}

pub const MIN_SCALE: f64 = 0.25;
/// Below this zoom the small labels (icons' and flows' names, subnets' details, lanes and
/// connections) would be under 5 px on screen: the canvas is marked `far` and the style sheet
/// leaves them out, as drawing tools leave out text too small to read. Names stay in the
/// tooltips and the accessible names; the picture export draws them all. At 1,000 resources
/// (fitted at 25%) this text was about half of the scene's layout at load.
pub const FAR_SCALE: f64 = 0.4;
pub const MAX_SCALE: f64 = 2.5;

fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars()
            .take(max.saturating_sub(1))
            .chain("…".chars())
            .collect()
    }
}

/// A pointer movement in screen pixels as canvas units.
fn scaled(delta: (i32, i32), scale: f64) -> (i32, i32) {
    (
        (f64::from(delta.0) / scale).round() as i32,
        (f64::from(delta.1) / scale).round() as i32,
    )
}

pub fn node_accessible_name(node: &Node) -> String {
    match &node.kind {
        NodeKind::AwsService { service, .. } => {
            let service = catalog::service(service)
                .map(|s| s.name)
                .unwrap_or("AWS service");
            format!("{service} {}", node.name)
        }
        NodeKind::OnPremises { cidrs, .. } if !cidrs.is_empty() => {
            format!("{} {} {}", node.kind.label(), node.name, cidrs.join(", "))
        }
        kind => format!("{} {}", kind.label(), node.name),
    }
}

/// The accessible name with what it joins, where that needs the rest of the design
/// ("Peering connection pcx-1 between prod and shared").
pub fn node_accessible_name_in(design: &Design, node: &Node) -> String {
    match &node.kind {
        NodeKind::VpcPeering {
            requester,
            accepter,
        } => {
            let name = |id: &str| {
                design
                    .vpc(id)
                    .map_or_else(|| id.to_string(), |v| v.name.clone())
            };
            format!(
                "{} between {} and {}",
                node_accessible_name(node),
                name(requester),
                name(accepter)
            )
        }
        _ => node_accessible_name(node),
    }
}

/// The point of `r`'s outline nearest to `p` (p itself when inside).
fn nearest_on(r: Rect, p: Point) -> Point {
    Point {
        x: p.x.clamp(r.x, r.x + r.w.max(0)),
        y: p.y.clamp(r.y, r.y + r.h.max(0)),
    }
}

/// One thin connection line from an icon at `from` to `to`, starting at the icon's edge, with a
/// short label in its middle.
fn link_line(
    m: &mut Markup,
    from: Point,
    to: Point,
    trim_end: bool,
    class: &'static str,
    label: &str,
) {
    let (dx, dy) = (f64::from(to.x - from.x), f64::from(to.y - from.y));
    let len = (dx * dx + dy * dy).sqrt();
    let trim = f64::from(NODE_SIZE) * 0.6;
    if len < trim * 2.0 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let x1 = (f64::from(from.x) + ux * trim).round() as i32;
    let y1 = (f64::from(from.y) + uy * trim).round() as i32;
    let end = if trim_end { trim } else { 0.0 };
    let x2 = (f64::from(to.x) - ux * end).round() as i32;
    let y2 = (f64::from(to.y) - uy * end).round() as i32;
    m.fixed("<g class=\"link ").fixed(class).fixed("\">");
    svg_line(m, "link-line", (x1, y1, x2, y2), false);
    // A short line has no room for its label; the icon's name says what it joins.
    if len - trim - end > 70.0 {
        svg_text(
            m,
            "link-label",
            (x1 + x2) / 2,
            (y1 + y2) / 2 - 4,
            true,
            label,
        );
    }
    m.end("g");
}

/// The connections drawn for transit gateways, peering connections and VPNs: each from its icon
/// to the edge of a VPC it joins, or to the gateway the VPN ends at; and from an interface
/// endpoint to the endpoint service it connects to. Decorative: the icons' accessible names
/// and the inspector say the same in words.
fn network_links(
    design: &Design,
    pos: &dyn Fn(&Node) -> Point,
    vpc_rect: &dyn Fn(&Vpc) -> Rect,
) -> Markup {
    let mut m = Markup::new();
    m.fixed("<g class=\"links\" aria-hidden=\"true\">");
    for n in &design.nodes {
        let p = pos(n);
        let to_vpc = |m: &mut Markup, vpc: &str, label: &str| {
            if let Some(v) = design.vpc(vpc) {
                link_line(m, p, nearest_on(vpc_rect(v), p), false, "attachment", label);
            }
        };
        match &n.kind {
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => {
                to_vpc(&mut m, requester, "requester");
                to_vpc(&mut m, accepter, "accepter");
            }
            NodeKind::TransitGateway { attachments, .. } => {
                for a in attachments {
                    to_vpc(&mut m, &a.vpc, "attachment");
                }
            }
            NodeKind::OnPremises { vpn: Some(end), .. } => {
                if let Some(gw) = design.node(end) {
                    link_line(&mut m, p, pos(gw), true, "vpn", "VPN");
                }
            }
            NodeKind::InterfaceEndpoint {
                endpoint_service: Some(svc),
                ..
            } => {
                if let Some(s) = design.node(svc) {
                    link_line(&mut m, p, pos(s), true, "privatelink", "PrivateLink");
                }
            }
            _ => {}
        }
    }
    m.end("g");
    m
}

fn badge(m: &mut Markup, problems: &Problems, id: &str, x: i32, y: i32) {
    let Some((errors, warnings, first)) = problems.get(id) else {
        return;
    };
    let (class, count) = if *errors > 0 {
        ("badge error", *errors)
    } else {
        ("badge warning", *warnings)
    };
    m.open("g", class).fixed(" aria-hidden=\"true\">");
    title(m, first);
    circle(m, x, y, "10");
    m.fixed("<text")
        .num("x", x)
        .num("y", y + 4)
        .fixed(" text-anchor=\"middle\">");
    m.int_text(count as i32).end("text").end("g");
}

fn problems_description(problems: &Problems, id: &str) -> Option<String> {
    problems.get(id).map(|(e, w, first)| {
        let n = e + w;
        let word = if n == 1 { "problem" } else { "problems" };
        format!("{n} {word}: {first}")
    })
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let drag = use_state(|| None::<Drag>);
    let connecting = use_state(|| None::<Connecting>);
    let band = use_state(|| None::<Band>);
    let resizing = use_state(|| None::<Resizing>);
    let pan = use_state(|| None::<Pan>);
    let space = use_state(|| false);
    let design = &props.design;
    let bounds = layout::bounds(design);
    let internet = layout::internet_anchor(design);

    // While drawing a flow, follow the pointer; on release, connect to what is under it.
    {
        let connecting = connecting.clone();
        let active = connecting.as_ref().map(|c| c.from.clone());
        let deps = (active, props.design.clone(), props.scale);
        let svg_ref = props.svg_ref.clone();
        let scroll_ref = props.scroll_ref.clone();
        let dispatch = props.dispatch.clone();
        use_effect_with(deps, move |(active, design, scale)| {
            let mut listeners = Vec::new();
            if let Some(from) = active.clone() {
                let window = gloo::utils::window();
                let origin = Point {
                    x: bounds.x,
                    y: bounds.y,
                };
                let scale = *scale;
                let to_canvas = move |e: &web_sys::PointerEvent| -> Option<Point> {
                    let (svg, scroll) = (
                        svg_ref.cast::<web_sys::Element>()?,
                        scroll_ref.cast::<web_sys::Element>()?,
                    );
                    client_to_canvas(&svg, &scroll, origin, scale, (e.client_x(), e.client_y()))
                };
                let c = connecting.clone();
                let at = to_canvas.clone();
                let f = from.clone();
                listeners.push(EventListener::new(&window, "pointermove", move |e| {
                    if let Some(p) = e.dyn_ref::<web_sys::PointerEvent>().and_then(&at) {
                        c.set(Some(Connecting {
                            from: f.clone(),
                            to: p,
                        }));
                    }
                }));
                let c = connecting.clone();
                let design = design.clone();
                listeners.push(EventListener::new(&window, "pointerup", move |e| {
                    c.set(None);
                    let Some(p) = e.dyn_ref::<web_sys::PointerEvent>().and_then(&to_canvas) else {
                        return;
                    };
                    let near_internet =
                        (p.x - internet.x).abs() <= 60 && (p.y - internet.y).abs() <= 40;
                    if let Some(n) = layout::node_at(&design, p) {
                        if n.id != from {
                            dispatch.emit(Action::Connect {
                                from: from.clone(),
                                to: FlowTarget::Node(n.id.clone()),
                            });
                        }
                    } else if near_internet {
                        dispatch.emit(Action::Connect {
                            from: from.clone(),
                            to: FlowTarget::Internet,
                        });
                    }
                }));
                let c = connecting.clone();
                listeners.extend(abandoned(&window, move || c.set(None)));
            }
            move || drop(listeners)
        });
    }

    // A press that gave no focus (the item had it already) must not hold back the next focus.
    use_effect_with((), |_| {
        let listener =
            EventListener::new(&gloo::utils::window(), "pointerup", |_| PRESSED.set(false));
        move || drop(listener)
    });

    // Space held turns the left button into a hand that pans (as in draw.io and Figma).
    {
        let space = space.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let s = space.clone();
            let down = EventListener::new_with_options(&window, "keydown", options, move |e| {
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if k.key() == " " && !super::dom::typing_in_field(k.target()) {
                    // Space would scroll the page otherwise.
                    e.prevent_default();
                    if !*s {
                        s.set(true);
                    }
                }
            });
            let s = space.clone();
            let up = EventListener::new(&window, "keyup", move |e| {
                if e.dyn_ref::<web_sys::KeyboardEvent>()
                    .is_some_and(|k| k.key() == " ")
                {
                    s.set(false);
                }
            });
            let s = space.clone();
            let blur = EventListener::new(&window, "blur", move |_| s.set(false));
            move || drop((down, up, blur))
        });
    }

    // Panning: the scroll position follows the pointer until the button is released.
    {
        let pan_state = pan.clone();
        let scroll_ref = props.scroll_ref.clone();
        use_effect_with(*pan, move |active| {
            let mut listeners = Vec::new();
            if let Some(start) = *active {
                let window = gloo::utils::window();
                listeners.push(EventListener::new(&window, "pointermove", move |e| {
                    let (Some(e), Some(scroll)) = (
                        e.dyn_ref::<web_sys::PointerEvent>(),
                        scroll_ref.cast::<web_sys::Element>(),
                    ) else {
                        return;
                    };
                    scroll.set_scroll_left(start.scroll.0 - (e.client_x() - start.pointer.0));
                    scroll.set_scroll_top(start.scroll.1 - (e.client_y() - start.pointer.1));
                }));
                for end in ["pointerup", "pointercancel"] {
                    let p = pan_state.clone();
                    listeners.push(EventListener::new(&window, end, move |_| p.set(None)));
                }
            }
            move || drop(listeners)
        });
    }

    // Rubber band: follow the pointer; on release select what lies wholly inside, or clear the
    // selection when it was a click.
    {
        let band_state = band.clone();
        let active = band.map(|b| (b.from, b.add));
        let dispatch = props.dispatch.clone();
        let svg_ref = props.svg_ref.clone();
        let design = props.design.clone();
        let selection = props.selection.clone();
        let scale = props.scale;
        use_effect_with(active, move |active| {
            let mut listeners = Vec::new();
            if let Some((from, add)) = *active {
                let window = gloo::utils::window();
                let origin = Point {
                    x: bounds.x,
                    y: bounds.y,
                };
                let at = move |e: &web_sys::PointerEvent| {
                    svg_ref.cast::<web_sys::Element>().map(|svg| {
                        client_to_canvas_anywhere(&svg, origin, scale, (e.client_x(), e.client_y()))
                    })
                };
                let b = band_state.clone();
                let at_move = at.clone();
                listeners.push(EventListener::new(&window, "pointermove", move |e| {
                    if e.dyn_ref::<web_sys::PointerEvent>()
                        .is_some_and(|p| p.buttons() & 1 == 0)
                    {
                        b.set(None);
                        return;
                    }
                    if let Some(to) = e.dyn_ref::<web_sys::PointerEvent>().and_then(&at_move) {
                        b.set(Some(Band { from, to, add }));
                    }
                }));
                let b = band_state.clone();
                listeners.push(EventListener::new(&window, "pointerup", move |e| {
                    b.set(None);
                    let Some(to) = e.dyn_ref::<web_sys::PointerEvent>().and_then(&at) else {
                        return;
                    };
                    let rect = Band { from, to, add }.rect();
                    if rect.w + rect.h < 4 {
                        if !add {
                            dispatch.emit(Action::Select(None));
                        }
                        return;
                    }
                    let mut ids = if add { selection.clone() } else { Vec::new() };
                    ids.extend(editor::items_in(&design, rect));
                    dispatch.emit(Action::SetSelection(ids));
                }));
                let b = band_state.clone();
                listeners.extend(abandoned(&window, move || b.set(None)));
            }
            move || drop(listeners)
        });
    }

    // Resizing: follow the pointer, the right and bottom edges on the grid (Alt: off it); on
    // release ask the store, which asks the model whether the new box fits.
    {
        let state = resizing.clone();
        let active = resizing.as_ref().map(|r| (r.id.clone(), r.pointer, r.from));
        let dispatch = props.dispatch.clone();
        let scale = props.scale;
        use_effect_with(active, move |active| {
            let mut listeners = Vec::new();
            if let Some((id, pointer, from)) = active.clone() {
                let window = gloo::utils::window();
                let to = move |e: &web_sys::PointerEvent| {
                    let (dx, dy) =
                        scaled((e.client_x() - pointer.0, e.client_y() - pointer.1), scale);
                    let grid = if e.alt_key() { 1 } else { layout::GRID };
                    let edge = |start: i32, size: i32, by: i32| {
                        ((start + size + by + grid / 2).div_euclid(grid) * grid - start).max(grid)
                    };
                    Rect {
                        w: edge(from.x, from.w, dx),
                        h: edge(from.y, from.h, dy),
                        ..from
                    }
                };
                let s = state.clone();
                let (id_move, to_move) = (id.clone(), to);
                listeners.push(EventListener::new(&window, "pointermove", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                        return;
                    };
                    if e.buttons() & 1 == 0 {
                        s.set(None);
                        return;
                    }
                    s.set(Some(Resizing {
                        id: id_move.clone(),
                        pointer,
                        from,
                        to: to_move(e),
                    }));
                }));
                let s = state.clone();
                listeners.push(EventListener::new(&window, "pointerup", move |e| {
                    s.set(None);
                    if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                        dispatch.emit(Action::Resize {
                            id: id.clone(),
                            rect: to(e),
                        });
                    }
                }));
                let s = state.clone();
                listeners.extend(abandoned(&window, move || s.set(None)));
            }
            move || drop(listeners)
        });
    }

    // While dragging, follow the pointer anywhere on the page; finish or cancel there.
    {
        let drag = drag.clone();
        let dispatch = props.dispatch.clone();
        let active = drag.as_ref().map(|d| (d.ids.clone(), d.start));
        let scale = props.scale;
        let design = props.design.clone();
        use_effect_with(active, move |active| {
            let mut listeners = Vec::new();
            if let Some((ids, start)) = active.clone() {
                let window = gloo::utils::window();
                let d = drag.clone();
                let start_pos = start;
                // Where the items land: on the grid, unless Alt is held (as in draw.io).
                let landing = {
                    let (design, ids) = (design.clone(), ids.clone());
                    move |e: &web_sys::PointerEvent| {
                        let (dx, dy) = scaled(
                            (e.client_x() - start_pos.0, e.client_y() - start_pos.1),
                            scale,
                        );
                        if e.alt_key() {
                            (dx, dy)
                        } else {
                            layout::snap_move(&design, &ids, dx, dy)
                        }
                    }
                };
                let land = landing.clone();
                listeners.push(EventListener::new(&window, "pointermove", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                        // A release this page never saw (outside the window, or before the drag
                        // was listening) ends the drag without moving anything.
                        if e.buttons() & 1 == 0 {
                            d.set(None);
                            return;
                        }
                        if let Some(current) = (*d).clone() {
                            let delta = land(e);
                            if delta != current.delta {
                                d.set(Some(Drag { delta, ..current }));
                            }
                        }
                    }
                }));
                let d = drag.clone();
                let ids_up = ids.clone();
                listeners.push(EventListener::new(&window, "pointerup", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                        let raw = scaled(
                            (e.client_x() - start_pos.0, e.client_y() - start_pos.1),
                            scale,
                        );
                        let delta = landing(e);
                        d.set(None);
                        // Ignore jitter: a click is not a move.
                        if raw.0.abs() + raw.1.abs() > 2 && delta != (0, 0) {
                            dispatch.emit(Action::Move {
                                ids: (*ids_up).clone(),
                                dx: delta.0,
                                dy: delta.1,
                            });
                        }
                    }
                }));
                let d = drag.clone();
                listeners.extend(abandoned(&window, move || d.set(None)));
            }
            move || drop(listeners)
        });
    }

    // Pressing an item: Shift adds it to the selection or takes it out; pressing an item of a
    // selection of several drags them all; pressing any other item selects it and drags it; a
    // flow is only selected. With space held (or the middle button) the press falls through to
    // the canvas, which pans. Kept the same callback across a drag so the scene is not redrawn.
    // The design, selection and space key as of the last render, read by the press callback,
    // which stays the same one for the canvas's life so no item is redrawn for a new one.
    let latest = use_mut_ref(|| (Shared(design.clone()), Vec::<Id>::new(), false));
    *latest.borrow_mut() = (Shared(design.clone()), props.selection.clone(), *space);
    let on_press = {
        let drag = drag.clone();
        let dispatch = props.dispatch.clone();
        let latest = latest.clone();
        use_callback((), move |(id, e): (Id, PointerEvent), _| {
            let (design, selection, space) = latest.borrow().clone();
            if e.button() != 0 || space {
                return;
            }
            PRESSED.set(true);
            // No preventDefault: the click must still move keyboard focus to the item.
            e.stop_propagation();
            // The selection changes in a task of its own: rendered at once, it left the page
            // to be laid out again for the hit test that gives the item focus, all in the
            // press's task (45-58 ms at 2,000 resources).
            let select = |action: Action| {
                settle_press();
                PENDING.with(|p| *p.borrow_mut() = Some((action, dispatch.clone())));
                super::dom::timer(0, Box::new(settle_press)).forget();
            };
            if e.shift_key() {
                select(Action::Toggle(id));
                return;
            }
            if design.0.flow(&id).is_some() {
                select(Action::Select(Some(id)));
                return;
            }
            let grabbed: Vec<Id> = if selection.len() > 1 && selection.contains(&id) {
                selection
                    .iter()
                    .filter(|s| design.0.flow(s).is_none())
                    .cloned()
                    .collect()
            } else {
                select(Action::Select(Some(id.clone())));
                vec![id]
            };
            // The drag's pointer goes to the pressed item until the release: the browser then
            // skips hit-testing the whole canvas for each move (2.4 ms a move at 2,000
            // resources). Moves are followed on the window, so nothing else changes.
            if let Some(item) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-id]").ok().flatten())
            {
                let _ = item.set_pointer_capture(e.pointer_id());
            }
            let ids = layout::carried(&design.0, &grabbed);
            drag.set(Some(Drag {
                ids: Rc::new(ids),
                start: (e.client_x(), e.client_y()),
                delta: (0, 0),
            }));
        })
    };
    let on_select = {
        let dispatch = props.dispatch.clone();
        use_callback((), move |id: Option<Id>, _| {
            dispatch.emit(Action::Select(id))
        })
    };
    let (moving, delta): (Rc<Vec<Id>>, (i32, i32)) = match drag.as_ref() {
        Some(d) if d.delta != (0, 0) => (d.ids.clone(), d.delta),
        _ => (Rc::new(Vec::new()), (0, 0)),
    };
    // Only what is dragged is drawn here.
    let (flow_costs, problems) = if moving.is_empty() {
        Default::default()
    } else {
        (props.estimate.flow_totals(), Problems::of(&props.badges))
    };
    let draw = Draw {
        design,
        selection: &props.selection,
        problems: &problems,
        traces: &props.traces,
        flow_costs: &flow_costs,
        dropping: props.dropping,
        internet,
        moving: &moving,
        delta,
    };
    let pos = |n: &Node| draw.pos(n);
    let view_box = format!("{} {} {} {}", bounds.x, bounds.y, bounds.w, bounds.h);
    let width = ((f64::from(bounds.w) * props.scale).round() as i32).to_string();
    let height = ((f64::from(bounds.h) * props.scale).round() as i32).to_string();
    let has_internet_flow =
        design.flows.iter().any(|f| f.to == FlowTarget::Internet) || connecting.is_some();
    let trace_of = |i: usize, id: &str| props.traces.get(i).filter(|t| t.flow == id);

    // While a drag is under way the scene stays as it was (nothing in it is redrawn); what
    // moves is hidden there and drawn on top, following the pointer, with the flows it ends.
    let overlay = (!moving.is_empty()).then(|| {
        let moves = |id: &str| moving.iter().any(|m| m == id);
        let touching: Vec<usize> = design
            .flows
            .iter()
            .enumerate()
            .filter(|(_, f)| moves(&f.from) || matches!(&f.to, FlowTarget::Node(t) if moves(t)))
            .map(|(i, _)| i)
            .collect();
        let mut m = Markup::new();
        m.fixed("<g class=\"moving\">");
        m.append(&network_links(design, &pos, &|v: &Vpc| {
            draw.rect(v.layout, &v.id)
        }));
        for v in design.vpcs.iter().filter(|v| moves(&v.id)) {
            m.append(&draw.vpc(v));
        }
        for s in design.subnets.iter().filter(|s| moves(&s.id)) {
            m.append(&draw.subnet(s));
        }
        for f in touching
            .iter()
            .filter_map(|i| draw.flow(*i, &design.flows[*i]))
        {
            m.append(&f);
        }
        for n in design.nodes.iter().filter(|n| moves(&n.id)) {
            m.append(&draw.node(n));
        }
        m.end("g");
        raw(m)
    });

    // What the overlay draws is hidden in the scene, element by element (a style sheet would
    // make the browser restyle the whole page, Terraform text included, on the first move).
    let hidden: Vec<String> = if moving.is_empty() {
        Vec::new()
    } else {
        let moves = |id: &str| moving.iter().any(|m| m == id);
        let flows = design
            .flows
            .iter()
            .filter(|f| moves(&f.from) || matches!(&f.to, FlowTarget::Node(t) if moves(t)))
            .map(|f| f.id.clone());
        moving.iter().cloned().chain(flows).collect()
    };
    {
        let svg_ref = props.svg_ref.clone();
        use_effect_with(hidden, move |hidden| {
            let mut touched: Vec<web_sys::Element> = Vec::new();
            if let Some(svg) = svg_ref
                .cast::<web_sys::Element>()
                .filter(|_| !hidden.is_empty())
            {
                let selectors = hidden
                    .iter()
                    .map(|id| format!(".scene [data-id=\"{}\"]", css_string(id)))
                    .chain([".scene .links".to_string()]);
                for selector in selectors {
                    if let Some(el) = svg.query_selector(&selector).ok().flatten() {
                        let _ = el.set_attribute("visibility", "hidden");
                        touched.push(el);
                    }
                }
            }
            move || {
                for el in touched {
                    let _ = el.remove_attribute("visibility");
                }
            }
        });
    }

    // The selected flow's path, hop by hop, with the route that decided each step.
    let single = match props.selection.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    let path = single.and_then(|sel| {
        let i = design.flows.iter().position(|f| f.id == sel)?;
        // Only for a flow the analysis traced; its steps in words, which the analysis leaves out.
        trace_of(i, sel)?;
        let t = routing::trace(design, &design.flows[i]);
        Some(path_overlay(design, &t, internet, &pos))
    });

    // The handle to draw a flow from the selected node.
    // The corner handle of the selected VPC or subnet, and the box it is being pulled to.
    let resize_handle = single.and_then(|sel| design.vpc(sel).map(|v| (v.id.clone(), v.name.clone(), v.layout)).or_else(|| design.subnet(sel).map(|s| (s.id.clone(), s.name.clone(), s.layout)))).map(|(id, name, r)| {
        let shown = resizing.as_ref().filter(|z| z.id == id).map_or(r, |z| z.to);
        let start = {
            let resizing = resizing.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() == 0 {
                    e.stop_propagation();
                    resizing.set(Some(Resizing { id: id.clone(), pointer: (e.client_x(), e.client_y()), from: r, to: r }));
                }
            })
        };
        let (hx, hy) = (shown.x + shown.w, shown.y + shown.h);
        html! {
            <g class="resize">
                if resizing.is_some() { { drawn_with(|m| box_rect(m, "resize-preview", shown, "4")) } }
                <rect class="resize-handle" role="button" aria-label={format!("Resize {name}")} x={(hx - 7).to_string()} y={(hy - 7).to_string()} width="14" height="14" rx="2" onpointerdown={start}>
                    <title>{ "Drag to resize (snaps to the grid; Alt: freely)" }</title>
                </rect>
            </g>
        }
    });
    let handle = single.and_then(|sel| design.node(sel)).filter(|n| n.kind.is_flow_source()).map(|n| {
        let p = pos(n);
        let (hx, hy) = (p.x + NODE_SIZE / 2 + 12, p.y);
        let start = {
            let connecting = connecting.clone();
            let from = n.id.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() == 0 {
                    // Yew's listeners are passive, so no preventDefault; stopping propagation
                    // keeps the canvas from starting a drag or clearing the selection.
                    e.stop_propagation();
                    connecting.set(Some(Connecting { from: from.clone(), to: Point { x: hx, y: hy } }));
                }
            })
        };
        let line = connecting.as_ref().filter(|c| c.from == n.id).map(|c| drawn_with(|m| svg_line(m, "connect-line", (hx, hy, c.to.x, c.to.y), true)));
        html! {
            <g class="connect">
                { for line }
                <g class="connect-handle" role="button" aria-label={format!("Draw a flow from {}", n.name)} onpointerdown={start}>
                    <title>{ "Drag to another icon (or the Internet) to add a flow" }</title>
                    { drawn_with(|m| circle(m, hx, hy, "8")) }
                    <path d={format!("M {} {} h 8 m -3 -3 l 3 3 l -3 3", hx - 4, hy)} />
                </g>
            </g>
        }
    });

    // Pressing the empty canvas: the middle button, or the left one with space held, pans;
    // the left one draws a rubber band (Shift keeps the selection and adds to it).
    let on_background = {
        let band = band.clone();
        let pan = pan.clone();
        let space = space.clone();
        let svg_ref = props.svg_ref.clone();
        let scroll_ref = props.scroll_ref.clone();
        let scale = props.scale;
        Callback::from(move |e: PointerEvent| {
            let pointer = (e.client_x(), e.client_y());
            // A left press on an item is the item's (the scene's own listener, which Yew's
            // handlers, listening from the root, run before).
            let on_item = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".scene [data-id]").ok().flatten())
                .is_some();
            if on_item && e.button() == 0 && !*space {
                return;
            }
            // A press on the scroll bars belongs to them.
            if let Some(scroll) = scroll_ref.cast::<web_sys::Element>() {
                let r = scroll.get_bounding_client_rect();
                if f64::from(pointer.0) >= r.left() + f64::from(scroll.client_width())
                    || f64::from(pointer.1) >= r.top() + f64::from(scroll.client_height())
                {
                    return;
                }
            }
            if e.button() == 1 || (e.button() == 0 && *space) {
                if let Some(scroll) = scroll_ref.cast::<web_sys::Element>() {
                    pan.set(Some(Pan {
                        pointer,
                        scroll: (scroll.scroll_left(), scroll.scroll_top()),
                    }));
                }
            } else if e.button() == 0 {
                if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                    let at = client_to_canvas_anywhere(
                        &svg,
                        Point {
                            x: bounds.x,
                            y: bounds.y,
                        },
                        scale,
                        pointer,
                    );
                    band.set(Some(Band {
                        from: at,
                        to: at,
                        add: e.shift_key(),
                    }));
                }
            }
        })
    };

    // Files dropped on the canvas open (dragover must be cancelled for a drop to happen there).
    // No highlight while dragging: its state and handlers would cost the start bundle more.
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: DragEvent| {
            // Never let the browser open the file in place of the app.
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                on_file.emit(file);
            }
        })
    };

    let on_context_menu = {
        let on_context = props.on_context.clone();
        let svg_ref = props.svg_ref.clone();
        let scale = props.scale;
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let element = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-id]").ok().flatten());
            let item = element.as_ref().and_then(|el| el.get_attribute("data-id"));
            let mut client = (e.client_x(), e.client_y());
            // The menu key or Shift+F10 on a focused item: open the menu beside the item.
            if client == (0, 0) {
                if let Some(el) = &element {
                    let r = el.get_bounding_client_rect();
                    client = (
                        (r.left() + r.width() / 2.0) as i32,
                        (r.top() + r.height() / 2.0) as i32,
                    );
                }
            }
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let at = client_to_canvas_anywhere(
                    &svg,
                    Point {
                        x: bounds.x,
                        y: bounds.y,
                    },
                    scale,
                    client,
                );
                on_context.emit((item, client, at));
            }
        })
    };
    let far = props.scale < FAR_SCALE;
    let band_rect = band
        .as_ref()
        .map(|b| b.rect())
        .filter(|r| r.w > 0 || r.h > 0)
        .map(|r| drawn_with(|m| box_rect(m, "band", r, "2")));
    html! {
        <div class={classes!("canvas-scroll", space.then_some("pannable"))} ref={props.scroll_ref.clone()}
            ondragover={on_drag_over} ondrop={on_drop} onpointerdown={on_background} oncontextmenu={on_context_menu}>
            <svg ref={props.svg_ref.clone()} class={if far { "canvas far" } else { "canvas" }} role="listbox" aria-label="Canvas" aria-multiselectable="true"
                width={width.clone()} height={height.clone()} viewBox={view_box.clone()}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
                    </marker>
                    <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse">
                        <path d="M 20 0 L 0 0 0 20" class="grid-line" />
                    </pattern>
                </defs>
                <rect class="grid" x={bounds.x.to_string()} y={bounds.y.to_string()} width={bounds.w.to_string()} height={bounds.h.to_string()} />
                if props.drawn {
                    <Scene design={Shared(design.clone())} selection={props.selection.clone()} badges={Shared(props.badges.clone())}
                        traces={Shared(props.traces.clone())} estimate={Shared(props.estimate.clone())} dropping={props.dropping}
                        on_select={on_select.clone()} on_press={on_press.clone()} />
                }
                <g class="top">
                    if has_internet_flow {
                        <g class="internet" role="img" aria-label="Internet">
                            <ellipse cx={internet.x.to_string()} cy={internet.y.to_string()} rx="46" ry="28" />
                            { drawn_with(|m| svg_text(m, "", internet.x, internet.y + 5, true, "Internet")) }
                        </g>
                    }
                </g>
            </svg>
            // What changes while pointing (a drag, the selected item's handles, a band) is drawn
            // in a second SVG laid exactly over the first, on a compositor layer of its own: a
            // pointer move then repaints only it, not the scene (at 2,000 resources, 7-12 ms of
            // paint per move before), and the scene is never re-created.
            <svg class={if far { "canvas canvas-top far" } else { "canvas canvas-top" }} {width} {height} viewBox={view_box}>
                { for overlay }
                { for path }
                { for handle }
                { for resize_handle }
                { for band_rect }
            </svg>
            // While panning, a sheet over the window shows the grabbing cursor wherever the
            // pointer goes. A class on the scroller with a rule for the items under it
            // restyled every item when a pan began and ended (~50 ms at 1,000 resources).
            if pan.is_some() {
                <div class="pan-sheet" aria-hidden="true"></div>
            }
            if design.vpcs.is_empty() && design.nodes.is_empty() {
                <div class="canvas-empty">
                    <p>{ "Drag a VPC from the palette onto the canvas to start, or begin from a template." }</p>
                    <button type="button" class="primary" onclick={props.on_templates.reform(|_: MouseEvent| ())}
                        onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>{ "Browse templates" }</button>
                </div>
            }
        </div>
    }
}

/// A value shared by reference and compared by identity: every change makes a new one, so
/// an unchanged pointer means unchanged content, without reading it.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq, Clone)]
struct SceneProps {
    design: Shared<Design>,
    selection: Vec<Id>,
    badges: Shared<Vec<(String, usize, usize, String)>>,
    traces: Shared<Vec<routing::Trace>>,
    estimate: Shared<crate::model::cost::Estimate>,
    dropping: bool,
    on_select: Callback<Option<Id>>,
    on_press: Callback<(Id, PointerEvent)>,
}

/// Everything drawn where it is: VPCs, subnets, the connections between networks, flows and
/// icons. Its props do not change while an item is dragged, so a drag never redraws it.
///
/// The items are written as markup (`crate::markup`) and parsed by the browser: the whole scene
/// in one call when it is first drawn, then only the items whose drawing changed, each in
/// place (`write_scene`). Building them element by element through the virtual DOM took
/// ~180 ms at 1,000 resources at load, most of it in ~27,000 calls from wasm into the DOM.
/// The items' listeners are the scene's own, found by `data-id` from the event's target.
///
/// The scene's group is an element the component keeps and Yew inserts as it is, written while
/// rendering: written in an effect, it waited for Yew's scheduler, which lets the browser draw
/// a frame between a long render and its effects, so the first frame had no scene.
#[function_component(Scene)]
fn scene(props: &SceneProps) -> Html {
    let kept = use_mut_ref(|| SceneGroup::new(&props.on_press, &props.on_select));
    let mut kept = kept.borrow_mut();
    *kept.callbacks.borrow_mut() = (props.on_press.clone(), props.on_select.clone());
    let SceneGroup { group, written, .. } = &mut *kept;
    if let Some(group) = group {
        write_scene(group, written, props);
    }
    group
        .clone()
        .map_or_else(Html::default, |g| Html::VRef(g.into()))
}

type SceneCallbacks = (Callback<(Id, PointerEvent)>, Callback<Option<Id>>);

/// The scene's group element with its listeners, and what was written into it.
struct SceneGroup {
    group: Option<web_sys::Element>,
    written: Written,
    /// The callbacks as of the last render, read by the listeners.
    callbacks: Rc<std::cell::RefCell<SceneCallbacks>>,
    _listeners: Vec<EventListener>,
}

impl SceneGroup {
    fn new(on_press: &Callback<(Id, PointerEvent)>, on_select: &Callback<Option<Id>>) -> Self {
        let callbacks = Rc::new(std::cell::RefCell::new((
            on_press.clone(),
            on_select.clone(),
        )));
        let group = gloo::utils::document()
            .create_element_ns(Some(SVG_NAMESPACE), "g")
            .ok();
        let mut listeners = Vec::new();
        if let Some(g) = &group {
            let _ = g.set_attribute("class", "scene");
            let c = callbacks.clone();
            listeners.push(EventListener::new(g, "pointerdown", move |e| {
                if let (Some((_, id, _)), Some(e)) = (item_of(e), e.dyn_ref::<PointerEvent>()) {
                    let on_press = c.borrow().0.clone();
                    on_press.emit((id, e.clone()));
                }
            }));
            let c = callbacks.clone();
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            listeners.push(EventListener::new_with_options(
                g,
                "keydown",
                options,
                move |e| {
                    // Enter or Space picks the item alone, unless it is already part of the selection.
                    let key = e.dyn_ref::<KeyboardEvent>().map(|k| k.key());
                    if let Some((_, id, false)) =
                        item_of(e).filter(|_| matches!(key.as_deref(), Some("Enter" | " ")))
                    {
                        e.prevent_default();
                        let on_select = c.borrow().1.clone();
                        on_select.emit(Some(id));
                    }
                },
            ));
            // Focus from the keyboard (Tab) or a script selects; focus from a press leaves the
            // selection to the press, which may be a Shift-click adding to it.
            let c = callbacks.clone();
            listeners.push(EventListener::new(g, "focusin", move |e| {
                if let Some((_, id, selected)) = item_of(e) {
                    if !PRESSED.replace(false) && !selected {
                        let on_select = c.borrow().1.clone();
                        on_select.emit(Some(id));
                    }
                }
            }));
        }
        SceneGroup {
            group,
            written: Written::default(),
            callbacks,
            _listeners: listeners,
        }
    }
}

/// The item of the scene an event happened in: its element, its id and whether it is selected.
fn item_of(e: &web_sys::Event) -> Option<(web_sys::Element, Id, bool)> {
    let el = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-id]")
        .ok()??;
    let id = el.get_attribute("data-id")?;
    let selected = el.get_attribute("aria-selected").as_deref() == Some("true");
    Some((el, id, selected))
}

/// The scene's items as last written: each one's element, what it was drawn from and its
/// markup, by key; and what they all shared.
#[derive(Default)]
struct Written {
    common: Option<Common>,
    items: crate::model::hash::HashMap<String, WrittenItem>,
    /// Counts the writes: an item written in this one is kept.
    pass: u32,
}

struct WrittenItem {
    pass: u32,
    element: web_sys::Element,
    /// What it was drawn from; none for what is drawn again each time (the connections).
    from: Option<Memo>,
    markup: Markup,
}

/// What an item's drawing depends on besides `Common`: compared instead of the design, so a
/// change redraws only the items it touches (a moved icon and its flows, not the whole scene).
#[derive(Clone, PartialEq)]
struct Memo {
    selected: bool,
    drawn: Drawn,
}

/// Brings the scene's elements in line with the design: the items whose drawing changed are
/// written again, new ones added, removed ones taken out, all in drawing order. An element
/// that has the focus keeps it: its attributes and content are replaced, not the element.
fn write_scene(group: &web_sys::Element, written: &mut Written, props: &SceneProps) {
    let design = &*props.design.0;
    let common = Common {
        badges: props.badges.clone(),
        traces: props.traces.clone(),
        estimate: props.estimate.clone(),
        dropping: props.dropping,
        internet: layout::internet_anchor(design),
    };
    let same_common = written.common.as_ref() == Some(&common);
    let flow_costs = common.estimate.0.flow_totals();
    let problems = Problems::of(&common.badges.0);
    let draw = Draw {
        design,
        selection: &props.selection,
        problems: &problems,
        traces: &common.traces.0,
        flow_costs: &flow_costs,
        dropping: common.dropping,
        internet: common.internet,
        moving: &[],
        delta: (0, 0),
    };
    let end = |id: &str| design.node(id).map(|n| (n.at, n.name.clone()));
    let selected = |id: &str| props.selection.iter().any(|s| s == id);
    // In drawing order: VPCs, subnets, the connections, flows, icons.
    let mut wanted: Vec<(String, Option<Memo>, Part)> = Vec::new();
    for v in &design.vpcs {
        let lanes = crate::model::lanes::lanes(design, &v.id)
            .into_iter()
            .map(|l| (l.az, l.rect))
            .collect();
        let memo = Memo {
            selected: selected(&v.id),
            drawn: Drawn::Vpc(v.clone(), lanes),
        };
        wanted.push((format!("v{}", v.id), Some(memo), Part::Vpc(v)));
    }
    for s in &design.subnets {
        let memo = Memo {
            selected: selected(&s.id),
            drawn: Drawn::Subnet(s.clone(), routing::is_public(design, s)),
        };
        wanted.push((format!("s{}", s.id), Some(memo), Part::Subnet(s)));
    }
    // The connections are drawn again on every change (a few lines; the markup decides).
    wanted.push(("l".to_string(), None, Part::Links));
    for (i, f) in design.flows.iter().enumerate() {
        let to = match &f.to {
            FlowTarget::Node(t) => end(t),
            FlowTarget::Internet => None,
        };
        let memo = Memo {
            selected: selected(&f.id),
            drawn: Drawn::Flow(i, f.clone(), end(&f.from), to),
        };
        wanted.push((format!("f{}", f.id), Some(memo), Part::Flow(i, f)));
    }
    for n in &design.nodes {
        let memo = Memo {
            selected: selected(&n.id),
            drawn: Drawn::Node(n.clone(), node_accessible_name_in(design, n)),
        };
        wanted.push((format!("n{}", n.id), Some(memo), Part::Node(n)));
    }
    let draw = |part: Part| -> Option<Markup> {
        let m = match part {
            Part::Vpc(v) => draw.vpc(v),
            Part::Subnet(s) => draw.subnet(s),
            Part::Links => network_links(design, &|n: &Node| n.at, &|v: &Vpc| v.layout),
            Part::Flow(i, f) => draw.flow(i, f)?,
            Part::Node(n) => draw.node(n),
        };
        (!m.is_empty()).then_some(m)
    };
    written.pass = written.pass.wrapping_add(1);
    let pass = written.pass;

    if written.items.is_empty() {
        // The first drawing: one string, one parse.
        let mut all = Markup::new();
        let mut drawn = Vec::new();
        for (key, memo, part) in wanted {
            if let Some(m) = draw(part) {
                all.append(&m);
                drawn.push((key, memo, m));
            }
        }
        group.set_inner_html(all.as_str());
        let children = group.children();
        for (i, (key, memo, markup)) in drawn.into_iter().enumerate() {
            if let Some(element) = children.item(i as u32) {
                let key = unique(written, key);
                written.items.insert(
                    key,
                    WrittenItem {
                        pass,
                        element,
                        from: memo,
                        markup,
                    },
                );
            }
        }
        written.common = Some(common);
        return;
    }

    let parser = gloo::utils::document()
        .create_element_ns(Some(SVG_NAMESPACE), "g")
        .ok();
    let focused = gloo::utils::document().active_element();
    let mut cursor = group.first_element_child();
    for (key, memo, part) in wanted {
        let key = unique(written, key);
        let unchanged = same_common
            && memo.is_some()
            && written.items.get(&key).is_some_and(|w| w.from == memo);
        if !unchanged {
            let markup = draw(part);
            match (written.items.get_mut(&key), markup) {
                (Some(w), Some(m)) if w.markup == m => (w.from, w.pass) = (memo, pass),
                (Some(w), Some(m)) => {
                    let Some(new) = parse_item(parser.as_ref(), &m) else {
                        continue;
                    };
                    if focused.as_ref() == Some(&w.element) {
                        morph(&w.element, &new);
                    } else {
                        let _ = w.element.replace_with_with_node_1(&new);
                        if cursor.as_ref() == Some(&w.element) {
                            cursor = Some(new.clone());
                        }
                        w.element = new;
                    }
                    w.from = memo;
                    w.markup = m;
                    w.pass = pass;
                }
                (Some(_), None) => continue,
                (None, Some(m)) => {
                    let Some(element) = parse_item(parser.as_ref(), &m) else {
                        continue;
                    };
                    written.items.insert(
                        key.clone(),
                        WrittenItem {
                            pass,
                            element,
                            from: memo,
                            markup: m,
                        },
                    );
                }
                (None, None) => continue,
            }
        }
        let Some(w) = written.items.get_mut(&key) else {
            continue;
        };
        w.pass = pass;
        if cursor.as_ref() == Some(&w.element) {
            cursor = w.element.next_element_sibling();
        } else {
            let _ = group.insert_before(&w.element, cursor.as_ref().map(|c| c.unchecked_ref()));
        }
    }
    written.items.retain(|_, w| {
        let keep = w.pass == pass;
        if !keep {
            w.element.remove();
        }
        keep
    });
    written.common = Some(common);
}

/// The key itself, or, when an item of this write already has it (a design may hold one id
/// twice; validation says so), one that no item of this write has.
fn unique(written: &Written, mut key: String) -> String {
    while written
        .items
        .get(&key)
        .is_some_and(|w| w.pass == written.pass)
    {
        key.push('\u{0}');
    }
    key
}

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// One item's element, parsed from its markup.
fn parse_item(parser: Option<&web_sys::Element>, markup: &Markup) -> Option<web_sys::Element> {
    let parser = parser?;
    parser.set_inner_html(markup.as_str());
    let element = parser.first_element_child()?;
    element.remove();
    Some(element)
}

/// Makes `old` what `new` is, keeping `old` (and so the focus it has).
fn morph(old: &web_sys::Element, new: &web_sys::Element) {
    for name in ["class", "aria-label", "aria-selected", "aria-description"] {
        match new.get_attribute(name) {
            Some(value) => {
                let _ = old.set_attribute(name, &value);
            }
            None => {
                let _ = old.remove_attribute(name);
            }
        }
    }
    old.set_text_content(None);
    while let Some(child) = new.first_child() {
        let _ = old.append_child(&child);
    }
}

/// An item of the scene to draw.
#[derive(Clone, Copy)]
enum Part<'a> {
    Vpc(&'a Vpc),
    Subnet(&'a Subnet),
    /// The connections between networks, all in one group.
    Links,
    /// A flow with its index, which is also its trace's.
    Flow(usize, &'a Flow),
    Node(&'a Node),
}

/// What every item of the scene shares, compared by identity.
#[derive(Clone, PartialEq)]
struct Common {
    badges: Shared<Vec<(String, usize, usize, String)>>,
    traces: Shared<Vec<routing::Trace>>,
    estimate: Shared<crate::model::cost::Estimate>,
    dropping: bool,
    internet: Point,
}

/// Everything an item's drawing depends on besides `Common`: the item itself and what it
/// shows of the rest of the design (a VPC's lanes, whether a subnet is public, an icon's name
/// with what it joins, where a flow's ends are).
#[derive(Clone, PartialEq)]
enum Drawn {
    Vpc(Vpc, Vec<(String, Rect)>),
    Subnet(Subnet, bool),
    Node(Node, String),
    /// A flow with its index, which is also its trace's.
    Flow(
        usize,
        Flow,
        Option<(Point, String)>,
        Option<(Point, String)>,
    ),
}

/// What drawing an item needs; items in `moving` are drawn `delta` away from where they are.
struct Draw<'a> {
    design: &'a Design,
    selection: &'a [Id],
    problems: &'a Problems<'a>,
    traces: &'a [routing::Trace],
    /// Each flow's monthly cost, summed once for the whole drawing.
    flow_costs: &'a crate::model::cost::FlowTotals<'a>,
    dropping: bool,
    internet: Point,
    moving: &'a [Id],
    delta: (i32, i32),
}

impl Draw<'_> {
    fn offset(&self, id: &str) -> (i32, i32) {
        if self.moving.iter().any(|m| m == id) {
            self.delta
        } else {
            (0, 0)
        }
    }

    fn pos(&self, n: &Node) -> Point {
        let (dx, dy) = self.offset(&n.id);
        Point {
            x: n.at.x + dx,
            y: n.at.y + dy,
        }
    }

    fn rect(&self, r: Rect, id: &str) -> Rect {
        let (dx, dy) = self.offset(id);
        r.offset(dx, dy)
    }

    fn selected(&self, id: &str) -> bool {
        self.selection.iter().any(|s| s == id)
    }

    fn vpc(&self, v: &Vpc) -> Markup {
        let r = self.rect(v.layout, &v.id);
        let cidr = v.cidr_blocks.first().cloned().unwrap_or_default();
        let name = format!("VPC {} {}", v.name, cidr);
        let class = classes(
            "vpc",
            &[
                (self.selected(&v.id), "selected"),
                (self.dropping, "drop-target"),
            ],
        );
        // Availability-zone lanes: a band per AZ the VPC's subnets use, labelled at its foot.
        let (dx, dy) = self.offset(&v.id);
        let mut m = Markup::new();
        box_rect(&mut m, "vpc-box", r, "6");
        for lane in crate::model::lanes::lanes(self.design, &v.id) {
            let b = lane.rect.offset(dx, dy);
            m.fixed("<g class=\"lane\" aria-hidden=\"true\">");
            box_rect(&mut m, "lane-band", b, "4");
            // At the lane's foot: its head is where the VPC's own icons and the subnets'
            // names are.
            svg_text(
                &mut m,
                "lane-label",
                b.x + b.w / 2,
                b.y + b.h - 4,
                true,
                &fit(&lane.az, 20),
            );
            m.end("g");
        }
        icons::tile(&mut m, icons::VPC, r.x + 18, r.y + 18, 28);
        m.open("text", "vpc-label")
            .num("x", r.x + 40)
            .num("y", r.y + 24)
            .children();
        m.text(&fit(&v.name, 40))
            .fixed("<tspan class=\"cidr\" dx=\"10\">")
            .text(&fit(&v.cidr_blocks.join(", "), 60))
            .end("tspan")
            .end("text");
        badge(&mut m, self.problems, &v.id, r.x + r.w - 14, r.y + 14);
        item(
            &v.id,
            &class,
            &name,
            self.selected(&v.id),
            problems_description(self.problems, &v.id),
            &m,
        )
    }

    fn subnet(&self, s: &Subnet) -> Markup {
        let design = self.design;
        let r = self.rect(s.layout, &s.id);
        let public = routing::is_public(design, s);
        let name = format!("Subnet {} {}", s.name, s.cidr);
        let kind = if public {
            "subnet public"
        } else {
            "subnet private"
        };
        let class = classes(kind, &[(self.selected(&s.id), "selected")]);
        let meta = format!(
            "{} · {} · {}",
            fit(&s.cidr, 20),
            fit(&s.availability_zone, 16),
            if public { "public" } else { "private" }
        );
        let mut m = Markup::new();
        box_rect(&mut m, "subnet-box", r, "4");
        svg_text(
            &mut m,
            "subnet-label",
            r.x + 10,
            r.y + 18,
            false,
            &fit(&s.name, 30),
        );
        svg_text(&mut m, "subnet-meta", r.x + 10, r.y + 34, false, &meta);
        badge(&mut m, self.problems, &s.id, r.x + r.w - 12, r.y + 12);
        item(
            &s.id,
            &class,
            &name,
            self.selected(&s.id),
            problems_description(self.problems, &s.id),
            &m,
        )
    }

    /// The flow at index `i` of the design's flows (its trace has the same index).
    fn flow(&self, i: usize, f: &Flow) -> Option<Markup> {
        let design = self.design;
        let from = design.node(&f.from).map(|n| self.pos(n))?;
        let (to, to_name) = match &f.to {
            FlowTarget::Node(t) => {
                let n = design.node(t)?;
                (self.pos(n), n.name.clone())
            }
            FlowTarget::Internet => (self.internet, "the internet".to_string()),
        };
        let from_name = design
            .node(&f.from)
            .map(|n| n.name.clone())
            .unwrap_or_default();
        let (dx, dy) = (f64::from(to.x - from.x), f64::from(to.y - from.y));
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let trim = f64::from(NODE_SIZE) * 0.7;
        let (ux, uy) = (dx / len, dy / len);
        // Whole canvas units: SVG needs no more, and integers keep float formatting out of the bundle.
        let (x1, y1) = (
            (f64::from(from.x) + ux * trim).round() as i32,
            (f64::from(from.y) + uy * trim).round() as i32,
        );
        let (x2, y2) = (
            (f64::from(to.x) - ux * trim).round() as i32,
            (f64::from(to.y) - uy * trim).round() as i32,
        );
        let (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2);
        let gb = format_gb(f.gb_per_month);
        let name = format!("Flow {} to {}, {} per month", from_name, to_name, gb);
        let trace = self.traces.get(i).filter(|t| t.flow == f.id);
        let verdict = trace.map(|t| verdict_class(&t.verdict));
        let summary = trace.map(|t| format!("Path: {}", t.summary(design)));
        // The name the source looked up and what it got: the first thing to check on a flow.
        let lookup = trace
            .and_then(|t| t.dns.as_ref())
            .map(|a| format!("DNS: {} → {}", a.name, a.summary(design)));
        let cost = trace.map(|_| {
            format!(
                "Cost: {} a month",
                crate::model::cost::usd(self.flow_costs.of(&f.id))
            )
        });
        let tooltip = [Some(name.clone()), lookup.clone(), summary.clone(), cost]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
        let description = [lookup, summary, problems_description(self.problems, &f.id)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(". ");
        let dropped = trace.and_then(|t| match &t.verdict {
            routing::Verdict::Dropped { reason, .. } => Some(reason.clone()),
            _ => None,
        });
        let kind = verdict.map_or_else(|| "flow".to_string(), |v| format!("flow {v}"));
        let class = classes(&kind, &[(self.selected(&f.id), "selected")]);
        let mut m = Markup::new();
        title(&mut m, &tooltip);
        svg_line(&mut m, "flow-hit", (x1, y1, x2, y2), false);
        svg_line(&mut m, "flow-line", (x1, y1, x2, y2), true);
        svg_text(&mut m, "flow-label", mx, my - 6, true, &gb);
        if let Some(reason) = dropped {
            m.fixed("<g class=\"badge error dropped-badge\" aria-hidden=\"true\"><title>Dropped: ");
            m.text(&reason).end("title");
            circle(&mut m, mx, my + 12, "10");
            svg_text(&mut m, "", mx, my + 16, true, "!");
            m.end("g");
        }
        let description = (!description.is_empty()).then_some(description);
        Some(item(
            &f.id,
            &class,
            &name,
            self.selected(&f.id),
            description,
            &m,
        ))
    }

    fn node(&self, n: &Node) -> Markup {
        let p = self.pos(n);
        let class = classes("node", &[(self.selected(&n.id), "selected")]);
        let half = NODE_SIZE / 2;
        let mut m = Markup::new();
        m.fixed("<title>")
            .text(n.kind.label())
            .fixed(": ")
            .text(&n.name)
            .end("title");
        let halo = Rect {
            x: p.x - half - 5,
            y: p.y - half - 5,
            w: NODE_SIZE + 10,
            h: NODE_SIZE + 10,
        };
        box_rect(&mut m, "node-halo", halo, "8");
        icons::tile(&mut m, icons::node_glyph(&n.kind), p.x, p.y, NODE_SIZE);
        svg_text(
            &mut m,
            "node-label",
            p.x,
            p.y + half + 16,
            true,
            &fit(&n.name, 22),
        );
        badge(&mut m, self.problems, &n.id, p.x + half, p.y - half);
        let name = node_accessible_name_in(self.design, n);
        item(
            &n.id,
            &class,
            &name,
            self.selected(&n.id),
            problems_description(self.problems, &n.id),
            &m,
        )
    }
}

/// An id as the content of a CSS string: everything but letters, digits, `-` and `_` written
/// as a hex escape, so no id (a file may carry any text) can end the string or the rule.
fn css_string(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}

fn verdict_class(v: &routing::Verdict) -> &'static str {
    match v {
        routing::Verdict::Private => "verdict-private",
        routing::Verdict::Internet { .. } => "verdict-internet",
        routing::Verdict::Dropped { .. } => "verdict-dropped",
    }
}

/// The path of a trace over the drawing: a line through every item it passes, numbered, each
/// with its step in a tooltip and the route that decided it beside it.
fn path_overlay(
    design: &Design,
    t: &routing::Trace,
    internet: Point,
    pos: &dyn Fn(&Node) -> Point,
) -> Html {
    let mut stops: Vec<(Point, Vec<&routing::Hop>)> = Vec::new();
    for hop in &t.hops {
        let at = match design.node(&hop.at) {
            Some(n) => Some(pos(n)),
            None => layout::anchor(design, &hop.at),
        };
        let Some(at) = at else { continue };
        match stops.last_mut() {
            Some((p, hops)) if *p == at => hops.push(hop),
            _ => stops.push((at, vec![hop])),
        }
    }
    if matches!(t.verdict, routing::Verdict::Internet { .. })
        && design
            .flow(&t.flow)
            .is_some_and(|f| f.to == FlowTarget::Internet)
    {
        stops.push((internet, Vec::new()));
    }
    let points = stops
        .iter()
        .map(|(p, _)| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let marks = stops
        .iter()
        .enumerate()
        .filter(|(_, (_, hops))| !hops.is_empty())
        .map(|(i, (p, hops))| {
            let tip = hops
                .iter()
                .map(|h| h.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let mut m = Markup::new();
            m.fixed("<g class=\"hop\">");
            title(&mut m, &tip);
            circle(&mut m, p.x - 14, p.y - 14, "9");
            m.fixed("<text class=\"hop-number\"")
                .num("x", p.x - 14)
                .num("y", p.y - 10);
            m.fixed(" text-anchor=\"middle\">")
                .int_text(i as i32 + 1)
                .end("text");
            if let Some(r) = hops.iter().find_map(|h| h.route.as_ref()) {
                let route = fit(&format!("{} → {}", r.destination, r.target), 48);
                svg_text(&mut m, "hop-route", p.x + 14, p.y + 26, false, &route);
            }
            m.end("g");
            raw(m)
        });
    html! {
        <g class={classes!("path", verdict_class(&t.verdict))} aria-hidden="true">
            <polyline class="path-line" points={points} />
            { for marks }
        </g>
    }
}

/// "500 GB", "1.5 TB", "0.5 GB": a volume as people say it (to two decimals).
pub fn format_gb(gb: f64) -> String {
    let (value, unit) = if gb >= 1000.0 {
        (gb / 1000.0, "TB")
    } else {
        (gb, "GB")
    };
    let hundredths = (value * 100.0).round() / 100.0;
    format!("{} {unit}", crate::model::design::volume_text(hundredths))
}

// ---- small SVG building blocks ------------------------------------------------------------
// Each `html!` element is expanded in place into a few hundred bytes of wasm; the canvas draws
// the same few shapes many times, so they are built once here and called.

/// A selectable item of the canvas (VPC, subnet, flow, icon): focusable, with its accessible
/// name and its problems as its description. The scene selects it on a press, on Enter or Space
/// and on focus (`Scene`'s listeners, which read `data-id` and `aria-selected`).
fn item(
    id: &str,
    class: &str,
    label: &str,
    selected: bool,
    description: Option<String>,
    content: &Markup,
) -> Markup {
    let mut m = Markup::new();
    m.open("g", class)
        .fixed(" role=\"option\"")
        .attr("data-id", id)
        .attr("aria-label", label)
        .fixed(if selected {
            " aria-selected=\"true\""
        } else {
            " aria-selected=\"false\""
        });
    if let Some(d) = &description {
        m.attr("aria-description", d);
    }
    m.fixed(" tabindex=\"0\">").append(content).end("g");
    m
}

/// A class list: `base`, then each name whose flag is set.
fn classes(base: &str, more: &[(bool, &str)]) -> String {
    let mut class = base.to_string();
    for (_, name) in more.iter().filter(|(on, _)| *on) {
        class.push(' ');
        class.push_str(name);
    }
    class
}

/// Markup handed to the browser's parser as it is (see `crate::markup`).
pub fn raw(m: Markup) -> Html {
    if m.is_empty() {
        return Html::default();
    }
    Html::from_html_unchecked(AttrValue::from(m.into_string()))
}

/// Draws with `f` into markup of its own.
fn drawn_with(f: impl FnOnce(&mut Markup)) -> Html {
    let mut m = Markup::new();
    f(&mut m);
    raw(m)
}

/// `<text>` at a point, centred on it when `middle`.
fn svg_text(m: &mut Markup, class: &str, x: i32, y: i32, middle: bool, content: &str) {
    m.open("text", class).num("x", x).num("y", y);
    if middle {
        m.fixed(" text-anchor=\"middle\"");
    }
    m.children().text(content).end("text");
}

/// `<title>`: the tooltip of the enclosing SVG element.
fn title(m: &mut Markup, text: &str) {
    m.fixed("<title>").text(text).end("title");
}

fn circle(m: &mut Markup, cx: i32, cy: i32, r: &'static str) {
    m.open("circle", "")
        .num("cx", cx)
        .num("cy", cy)
        .attr("r", r)
        .close();
}

/// A line from (x1, y1) to (x2, y2), with an arrow head at its end when `arrow`.
fn svg_line(m: &mut Markup, class: &str, (x1, y1, x2, y2): (i32, i32, i32, i32), arrow: bool) {
    m.open("line", class)
        .num("x1", x1)
        .num("y1", y1)
        .num("x2", x2)
        .num("y2", y2);
    if arrow {
        m.fixed(" marker-end=\"url(#arrow)\"");
    }
    m.close();
}

/// A rectangle with rounded corners.
fn box_rect(m: &mut Markup, class: &str, r: Rect, rx: &'static str) {
    m.open("rect", class)
        .num("x", r.x)
        .num("y", r.y)
        .num("width", r.w)
        .num("height", r.h)
        .attr("rx", rx)
        .close();
}
