//! The app: lays out the panels around the store, and owns the effects — autosave, the URL
//! fragment, keyboard shortcuts and dragging from the palette.

use super::canvas::{client_to_canvas, fit_scale, Badges, Canvas, MAX_SCALE, MIN_SCALE};
use super::dom;
use super::icons;
use super::inspector::Inspector;
use super::palette::palette_panel;
use super::cost_panel::CostPanel;
use super::dns_panel::DnsPanel;
use super::panels::{problems, TerraformPanel};
use super::persist;
use super::store::{Action, Editor, Notice, NoticeKind};
use super::toolbar::Toolbar;
use crate::model::palette::Entry;
use crate::model::{cost, layout, routing, share, terraform, validate, Severity};
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The output tabs under the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Terraform,
    Dns,
    Cost,
}

/// A palette entry being dragged: where the pointer is, and whether it has moved yet.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Carrying {
    entry: Entry,
    start: (i32, i32),
    at: (i32, i32),
}

impl Carrying {
    fn moved(&self) -> bool {
        (self.at.0 - self.start.0).abs() + (self.at.1 - self.start.1).abs() > 4
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let editor = use_reducer(|| {
        let (design, notice) = persist::initial();
        Editor::new(design, notice)
    });
    let dispatch = editor.dispatcher().to_callback();
    let svg_ref = use_node_ref();
    let scroll_ref = use_node_ref();
    let carrying = use_state(|| None::<Carrying>);
    let scale = use_state(|| 1.0_f64);

    let diagnostics = use_memo(editor.design.clone(), |d| validate::validate(d));
    let badges: Badges = {
        let diagnostics = diagnostics.clone();
        (*use_memo(diagnostics, |diags| {
            let mut list: Vec<(String, usize, usize, String)> = Vec::new();
            for d in diags.iter() {
                let at = match list.iter().position(|b| b.0 == d.subject) {
                    Some(at) => at,
                    None => {
                        list.push((d.subject.clone(), 0, 0, d.message.clone()));
                        list.len() - 1
                    }
                };
                match d.severity {
                    Severity::Error => list[at].1 += 1,
                    Severity::Warning => list[at].2 += 1,
                }
            }
            Rc::new(list)
        }))
        .clone()
    };
    let hcl = use_memo(editor.design.clone(), |d| terraform::export(d));
    let traces: Rc<Vec<routing::Trace>> = (*use_memo(editor.design.clone(), |d| Rc::new(routing::trace_all(d)))).clone();
    let estimate: Rc<cost::Estimate> = (*use_memo((editor.design.clone(), traces.clone()), |(d, t)| Rc::new(cost::estimate_with(d, t)))).clone();

    // Autosave and the link in the address bar follow every change of the design.
    {
        let dispatch = dispatch.clone();
        use_effect_with(editor.design.clone(), move |design| {
            persist::write_fragment(&share::encode(design));
            if let Err(message) = persist::autosave(design) {
                dispatch.emit(Action::Notify(Notice::error(message)));
            }
        });
    }

    // A link pasted into the address bar of this tab opens like a shared link.
    {
        let dispatch = dispatch.clone();
        let current = editor.design.clone();
        use_effect_with(current, move |current| {
            let current = current.clone();
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let fragment = persist::current_fragment();
                match share::decode(&fragment) {
                    Ok(design) if design != *current => dispatch.emit(Action::Open {
                        design,
                        notice: Some(Notice::info("Opened the design from the link. Undo (Ctrl+Z) brings your previous design back.")),
                    }),
                    Ok(_) => {}
                    Err(e) => dispatch.emit(Action::Notify(Notice::error(format!("This link could not be opened: {e}. Your design is unchanged.")))),
                }
            });
            move || drop(listener)
        });
    }

    // Keyboard shortcuts, unless the user is typing in a field. The list the user sees (press ?)
    // is `shortcuts::SHEET`; keep the two together.
    let sheet = use_state(|| false);
    {
        let dispatch = dispatch.clone();
        let design = editor.design.clone();
        let sheet = sheet.clone();
        use_effect_with(design, move |design| {
            let design = design.clone();
            // Not passive: a handled shortcut must stop the browser's own (preventDefault).
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if dom::typing_in_field(e.target()) {
                    return;
                }
                let command = e.ctrl_key() || e.meta_key();
                let key = e.key();
                // Arrow keys nudge by one unit, by a grid step with Shift.
                let step = if e.shift_key() { 20 } else { 1 };
                let action = match key.as_str() {
                    "Delete" | "Backspace" => Some(Action::DeleteSelection),
                    "z" | "Z" if command && e.shift_key() => Some(Action::Redo),
                    "z" | "Z" if command => Some(Action::Undo),
                    "y" | "Y" if command => Some(Action::Redo),
                    "a" | "A" if command => Some(Action::SetSelection(crate::editor::all_items(&design))),
                    "ArrowLeft" if !command => Some(Action::Nudge { dx: -step, dy: 0 }),
                    "ArrowRight" if !command => Some(Action::Nudge { dx: step, dy: 0 }),
                    "ArrowUp" if !command => Some(Action::Nudge { dx: 0, dy: -step }),
                    "ArrowDown" if !command => Some(Action::Nudge { dx: 0, dy: step }),
                    "?" => {
                        sheet.set(true);
                        e.prevent_default();
                        return;
                    }
                    "Escape" => Some(Action::Select(None)),
                    _ => None,
                };
                if let Some(action) = action {
                    e.prevent_default();
                    dispatch.emit(action);
                }
            });
            move || drop(listener)
        });
    }

    // Dragging from the palette: follow the pointer, create on release over the canvas.
    {
        let carrying = carrying.clone();
        let dispatch = dispatch.clone();
        let svg_ref = svg_ref.clone();
        let scroll_ref = scroll_ref.clone();
        let design = editor.design.clone();
        let zoom = *scale;
        let active = carrying.as_ref().map(|c| (c.entry, c.start));
        use_effect_with(active, move |active| {
            let mut listeners = Vec::new();
            if let Some((entry, start)) = *active {
                let window = gloo::utils::window();
                let c = carrying.clone();
                listeners.push(EventListener::new(&window, "pointermove", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                        c.set(Some(Carrying { entry, start, at: (e.client_x(), e.client_y()) }));
                    }
                }));
                let c = carrying.clone();
                listeners.push(EventListener::new(&window, "pointerup", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else { return };
                    c.set(None);
                    let at = (e.client_x(), e.client_y());
                    let moved = Carrying { entry, start, at }.moved();
                    if !moved {
                        return; // a press, handled by the button's click
                    }
                    let origin = layout::bounds(&design);
                    let point = match (svg_ref.cast::<web_sys::Element>(), scroll_ref.cast::<web_sys::Element>()) {
                        (Some(svg), Some(scroll)) => client_to_canvas(&svg, &scroll, crate::model::design::Point { x: origin.x, y: origin.y }, zoom, at),
                        _ => None,
                    };
                    if let Some(point) = point {
                        dispatch.emit(Action::Create { entry, at: Some(point) });
                    }
                }));
                let c = carrying.clone();
                listeners.push(EventListener::new(&window, "keydown", move |e| {
                    if e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
                        c.set(None);
                    }
                }));
            }
            move || drop(listeners)
        });
    }

    // For the browser benchmark (bench/first-paint.mjs): when the first canvas is in the DOM.
    use_effect_with((), |_| {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("vpc-planner:canvas");
        }
    });
    // Open with the whole drawing in view.
    {
        let scale = scale.clone();
        let scroll_ref = scroll_ref.clone();
        let design = editor.design.clone();
        use_effect_with((), move |_| {
            if let Some(scroll) = scroll_ref.cast::<web_sys::Element>() {
                scale.set(fit_scale(&design, &scroll));
            }
        });
    }
    // Ctrl + wheel zooms the canvas, not the page (so the listener cannot be passive).
    {
        let scale = scale.clone();
        let scroll_ref = scroll_ref.clone();
        let current = *scale;
        use_effect_with(current, move |current| {
            let current = *current;
            let listener = scroll_ref.cast::<web_sys::Element>().map(|scroll| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&scroll, "wheel", options, move |e| {
                    let Some(w) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                    if w.ctrl_key() || w.meta_key() {
                        e.prevent_default();
                        let factor = if w.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 };
                        scale.set((current * factor).clamp(MIN_SCALE, MAX_SCALE));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let zoom_by = |factor: f64| {
        let scale = scale.clone();
        Callback::from(move |_: MouseEvent| scale.set((*scale * factor).clamp(MIN_SCALE, MAX_SCALE)))
    };
    let zoom_fit = {
        let scale = scale.clone();
        let scroll_ref = scroll_ref.clone();
        let design = editor.design.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(scroll) = scroll_ref.cast::<web_sys::Element>() {
                scale.set(fit_scale(&design, &scroll));
            }
        })
    };
    let zoom_reset = {
        let scale = scale.clone();
        Callback::from(move |_: MouseEvent| scale.set(1.0))
    };

    let on_drag_start = {
        let carrying = carrying.clone();
        Callback::from(move |(entry, x, y): (Entry, i32, i32)| carrying.set(Some(Carrying { entry, start: (x, y), at: (x, y) })))
    };
    let on_add = dispatch.reform(|entry: Entry| Action::Create { entry, at: None });
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    // The output tab under the canvas: Terraform, DNS or cost.
    let tab = use_state(|| Tab::Terraform);
    let show_tab = |to: Tab| {
        let tab = tab.clone();
        Callback::from(move |_: MouseEvent| tab.set(to))
    };
    let tab_button = |to: Tab, id: &'static str, label: &'static str| {
        html! {
            <button type="button" role="tab" {id} aria-selected={(*tab == to).to_string()} aria-controls="tab-panel" onclick={show_tab(to)}>{ label }</button>
        }
    };

    let ghost = carrying.as_ref().filter(|c| c.moved()).map(|c| {
        let style = format!("left: {}px; top: {}px;", c.at.0 + 8, c.at.1 + 8);
        html! {
            <div class="drag-ghost" style={style} aria-hidden="true">
                { icons::small(icons::entry_glyph(c.entry)) }
                <span>{ c.entry.label() }</span>
            </div>
        }
    });

    html! {
        <div class={classes!("app", carrying.as_ref().is_some_and(|c| c.moved()).then_some("carrying"))}>
            <Toolbar editor={editor.clone()} />
            if let Some(notice) = &editor.notice {
                <div class={classes!("notice", match notice.kind { NoticeKind::Error => "error", NoticeKind::Warning => "warning", NoticeKind::Info => "info" })}
                    role={if notice.kind == NoticeKind::Error { "alert" } else { "status" }}>
                    <span>{ notice.text.clone() }</span>
                    <button type="button" class="link" onclick={dismiss} aria-label="Dismiss message">{ "Dismiss" }</button>
                </div>
            }
            { palette_panel(&on_drag_start, &on_add) }
            <main class="workspace" aria-labelledby="canvas-heading">
                <h2 id="canvas-heading" class="visually-hidden">{ "Canvas" }</h2>
                <Canvas design={editor.design.clone()} selection={editor.selection.clone()} badges={badges}
                    dispatch={dispatch.clone()} svg_ref={svg_ref.clone()} scroll_ref={scroll_ref.clone()}
                    dropping={carrying.as_ref().is_some_and(|c| c.moved())} scale={*scale}
                    traces={traces.clone()} estimate={estimate.clone()}
                    on_file={let dispatch = dispatch.clone(); Callback::from(move |file: web_sys::File| {
                        let terraform = !file.name().to_ascii_lowercase().ends_with(".json");
                        super::import::open_file(file, terraform, dispatch.clone());
                    })} />
                <div class="zoom" role="toolbar" aria-label="Zoom">
                    <button type="button" onclick={zoom_by(1.0 / 1.25)} aria-label="Zoom out">{ "−" }</button>
                    <button type="button" onclick={zoom_reset} aria-label="Zoom to 100%">{ format!("{}%", (*scale * 100.0).round() as i32) }</button>
                    <button type="button" onclick={zoom_by(1.25)} aria-label="Zoom in">{ "+" }</button>
                    <button type="button" onclick={zoom_fit}>{ "Fit" }</button>
                </div>
            </main>
            <Inspector editor={editor.clone()} diagnostics={diagnostics.clone()} traces={traces.clone()} />
            <div class="bottom">
                { problems(&editor.design, &diagnostics, &dispatch) }
                <div class="bottom-right">
                    <div class="tabs" role="tablist" aria-label="Output">
                        { tab_button(Tab::Terraform, "tab-terraform", "Terraform") }
                        { tab_button(Tab::Dns, "tab-dns", "DNS") }
                        { tab_button(Tab::Cost, "tab-cost", "Cost") }
                    </div>
                    <div id="tab-panel" role="tabpanel" class="tab-panel" aria-labelledby={match *tab { Tab::Terraform => "tab-terraform", Tab::Dns => "tab-dns", Tab::Cost => "tab-cost" }}>
                        { match *tab {
                            Tab::Terraform => html! { <TerraformPanel hcl={hcl.clone()} design={editor.design.clone()} dispatch={dispatch.clone()} /> },
                            Tab::Dns => html! { <DnsPanel design={editor.design.clone()} dispatch={dispatch.clone()} /> },
                            Tab::Cost => html! { <CostPanel design={editor.design.clone()} traces={traces.clone()} estimate={estimate.clone()} dispatch={dispatch.clone()} /> },
                        } }
                    </div>
                </div>
            </div>
            { for ghost }
        </div>
    }
}
