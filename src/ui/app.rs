//! The app: lays out the panels around the store, and owns the effects — autosave, the URL
//! fragment, keyboard shortcuts and dragging from the palette.

use super::canvas::{Badges, Canvas, MAX_SCALE, MIN_SCALE, Shared, client_to_canvas, fit_scale};
use super::cost_panel::CostPanel;
use super::dns_panel::DnsPanel;
use super::dom;
use super::floating::Floating;
use super::icons;
use super::inspector::Inspector;
use super::palette::palette_panel;
use super::panels::{TerraformPanel, problems};
use super::persist;
use super::store::{Action, Editor, Notice, NoticeKind};
use super::toolbar::Toolbar;
use crate::model::design::{Design, Id, Point};
use crate::model::palette::Entry;
use crate::model::{Severity, cost, document, layout, routing, share, validate};
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

/// Does the save that is waiting, if one is.
fn save_now(unsaved: &std::cell::RefCell<Option<Box<dyn FnOnce()>>>) {
    let waiting = unsaved.borrow_mut().take();
    if let Some(save) = waiting {
        save();
    }
}

/// Runs `work` once the browser has had the chance to paint what was just rendered (a frame is
/// 16.7 ms); dropping the returned timer cancels it, so a newer change replaces older work.
pub(super) fn after_paint(work: impl FnOnce() + 'static) -> gloo::timers::callback::Timeout {
    super::dom::timer(20, Box::new(work))
}

#[function_component(App)]
pub fn app() -> Html {
    let saver = use_mut_ref(persist::Saver::new);
    let editor = {
        let saver = saver.clone();
        use_reducer(move || {
            let (design, notice) = persist::initial(&mut saver.borrow_mut());
            Editor::new(design, notice)
        })
    };
    // One callback for the app's lifetime: panels that get it as a prop are not redrawn just
    // because the app was.
    let dispatch = {
        let dispatcher = editor.dispatcher();
        use_callback((), move |action: Action, _| {
            // A press's selection change still waiting comes first (canvas.rs).
            super::canvas::settle_press();
            dispatcher.dispatch(action)
        })
    };
    let svg_ref = use_node_ref();
    let scroll_ref = use_node_ref();
    let carrying = use_state(|| None::<Carrying>);
    // The opening scale fits the drawing to the canvas as the page's skeleton laid it out
    // (index.html; `canvas::take_skeleton`), so the first render draws the scene at its scale
    // and the first frame shows it. Without a skeleton (or a canvas of no size) the scene waits
    // for the layout of the first render: drawn at 100% and then again fitted, a large design
    // was laid out twice before its first useful frame (~55 ms each at 1,000 resources).
    let opening = super::canvas::opening_view();
    let scale = use_state(|| {
        opening.map_or(1.0, |(w, h)| {
            super::canvas::fit_scale_to(&editor.design, w, h)
        })
    });
    let fitted = use_state(|| opening.is_some());
    let pending_scroll = use_mut_ref(|| None::<(i32, i32)>);
    // The scale as rendered, for listeners registered once (a wheel zooms from the current one).
    let rendered_scale = use_mut_ref(|| 1.0_f64);
    *rendered_scale.borrow_mut() = *scale;
    let view = View {
        scale: scale.clone(),
        now: rendered_scale,
        pending: pending_scroll,
        svg: svg_ref.clone(),
        scroll: scroll_ref.clone(),
    };

    super::recovery::remember(editor.design.clone());

    // The analyses read no positions: kept while only the layout changes (the end of a drag).
    let semantic = Semantic(editor.design.clone());
    let diagnostics = use_memo(semantic.clone(), |d| {
        timed("validate", || validate::validate(&d.0))
    });
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
    // The output tab under the canvas: Terraform, DNS or cost.
    let tab = use_state(|| Tab::Terraform);
    let traces: Rc<Vec<routing::Trace>> = (*use_memo(semantic.clone(), |d| {
        timed("trace", || Rc::new(routing::trace_all(&d.0)))
    }))
    .clone();
    let estimate: Rc<cost::Estimate> = (*use_memo(semantic, |d| {
        timed("cost", || Rc::new(cost::estimate_with(&d.0, &traces)))
    }))
    .clone();

    // Autosave and the link in the address bar follow every change of the design, after the
    // frame that shows it (a burst of changes is saved once); a save still waiting when the
    // page is left (tab closed, reload) is done then. The save is made ready here, as the
    // change renders, not in the effect: Yew runs effects in a later task once a render has
    // taken 16 ms, and a page left in the same task as the edit gets no later task.
    let unsaved = use_mut_ref(|| None::<Box<dyn FnOnce()>>);
    let readied = use_mut_ref(|| None::<(Rc<Design>, u32)>);
    let changed = readied
        .borrow()
        .as_ref()
        .is_none_or(|(d, o)| !Rc::ptr_eq(d, &editor.design) || *o != editor.opened);
    if changed {
        let (design, opened) = (editor.design.clone(), editor.opened);
        *readied.borrow_mut() = Some((design.clone(), opened));
        let (dispatch, saver) = (dispatch.clone(), saver.clone());
        *unsaved.borrow_mut() = Some(Box::new(move || {
            // One JSON text for both.
            let json = timed("json", || document::to_json_compact(&design));
            if let Err(message) = timed("autosave", || saver.borrow_mut().save(&json, opened)) {
                dispatch.emit(Action::Notify(Notice::error(message)));
            }
            super::worker::write_link(json, &dispatch);
        }));
    }
    {
        let unsaved = unsaved.clone();
        use_effect_with((Shared(editor.design.clone()), editor.opened), move |_| {
            let timer = after_paint(move || save_now(&unsaved));
            move || drop(timer)
        });
    }
    {
        let unsaved = unsaved.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                save_now(&unsaved);
                super::worker::flush_link();
            });
            move || drop(listener)
        });
    }
    // Another tab of this site saving its versions: each tab keeps its own, so neither
    // overwrites the other; say so once, so two tabs are never a silent surprise.
    {
        let dispatch = dispatch.clone();
        let tab = saver.borrow().tab.clone();
        use_effect_with((), move |_| {
            let told = std::cell::Cell::new(false);
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |e| {
                let Some(key) = e.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key()) else {
                    return;
                };
                let other_tab = crate::saves::VersionKey::parse(&key).is_some_and(|k| k.tab != tab);
                if other_tab && !told.replace(true) {
                    dispatch.emit(Action::Notify(Notice::warning(
                        "VPC Planner is open in another tab too. Each tab autosaves its own versions, so neither overwrites the other: Versions lists both.",
                    )));
                }
            });
            move || drop(listener)
        });
    }

    // A paste, a duplicate or an AZ lane change is worked out in the background worker, which
    // holds the code (`editor::worked`); its answer comes back as `Action::Answered`.
    {
        let asked = editor.asked.clone();
        let dispatch = dispatch.clone();
        use_effect_with(asked.as_ref().map(|r| r.id), move |_| {
            if let Some(request) = asked {
                super::worker::work(&request, &dispatch);
            }
        });
    }
    // What Copy or Cut took goes to the system clipboard too, as text another tab can paste.
    {
        let clip = editor.clipboard.clone();
        use_effect_with(clip, |clip| {
            if let Some(clip) = clip {
                dom::copy_text(&clip.to_text());
            }
        });
    }
    // Ctrl+V (or the browser's Paste): items copied in any VPC Planner tab paste here; other
    // text is left alone. Without clipboard access, what this tab copied pastes.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "paste", move |e| {
                if dom::typing_in_field(e.target()) {
                    return;
                }
                let text = e
                    .dyn_ref::<web_sys::ClipboardEvent>()
                    .and_then(|c| c.clipboard_data())
                    .and_then(|d| d.get_data("text").ok())
                    .unwrap_or_default();
                if text.trim().is_empty() {
                    dispatch.emit(Action::Paste { at: None });
                    return;
                }
                match crate::model::clipboard::Clip::from_text(&text) {
                    Ok(clip) => dispatch.emit(Action::PasteClip {
                        clip: Rc::new(clip),
                        at: None,
                    }),
                    Err(crate::model::clipboard::ClipError::NotAClip) => {}
                    Err(e) => dispatch.emit(Action::Notify(Notice::error(format!(
                        "Nothing pasted: {e}"
                    )))),
                }
            });
            move || drop(listener)
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
    // The template gallery, opened from the toolbar or an empty canvas.
    let gallery = use_state(|| false);
    let open_gallery = {
        let gallery = gallery.clone();
        Callback::from(move |_: ()| gallery.set(true))
    };
    // The autosaved versions dialog, opened from the toolbar.
    let versions = use_state(|| false);
    let menu = use_state(|| None::<MenuAt>);
    {
        let dispatch = dispatch.clone();
        let design = editor.design.clone();
        let sheet = sheet.clone();
        let menu = menu.clone();
        let gallery = gallery.clone();
        let versions = versions.clone();
        let view = view.clone();
        use_effect_with(
            (design, *scale, *sheet, menu.is_some(), *gallery, *versions),
            move |(design, _, _, _, _, _)| {
                let design = design.clone();
                // Not passive: a handled shortcut must stop the browser's own (preventDefault).
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                let listener = EventListener::new_with_options(
                    &gloo::utils::window(),
                    "keydown",
                    options,
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if dom::typing_in_field(e.target()) {
                            return;
                        }
                        let command = e.ctrl_key() || e.meta_key();
                        let key = e.key();
                        // Arrow keys nudge by one unit, by a grid step with Shift.
                        let step = if e.shift_key() { layout::GRID } else { 1 };
                        let action = match key.as_str() {
                            "Delete" | "Backspace" => Some(Action::DeleteSelection),
                            "z" | "Z" if command && e.shift_key() => Some(Action::Redo),
                            "z" | "Z" if command => Some(Action::Undo),
                            "y" | "Y" if command => Some(Action::Redo),
                            "a" | "A" if command => {
                                Some(Action::SetSelection(crate::editor::all_items(&design)))
                            }
                            "c" | "C" if command => Some(Action::Copy),
                            "x" | "X" if command => Some(Action::Cut),
                            "d" | "D" if command => Some(Action::Duplicate),
                            "ArrowLeft" if !command => Some(Action::Nudge { dx: -step, dy: 0 }),
                            "ArrowRight" if !command => Some(Action::Nudge { dx: step, dy: 0 }),
                            "ArrowUp" if !command => Some(Action::Nudge { dx: 0, dy: -step }),
                            "ArrowDown" if !command => Some(Action::Nudge { dx: 0, dy: step }),
                            "?" => {
                                sheet.set(true);
                                e.prevent_default();
                                return;
                            }
                            "+" | "=" | "-" | "0" | "!" if !command => {
                                match key.as_str() {
                                    "+" | "=" => view.zoom(view.scale() * 1.25, None),
                                    "-" => view.zoom(view.scale() / 1.25, None),
                                    "0" => view.zoom(1.0, None),
                                    // Shift+1, as in Figma: fit the whole drawing.
                                    _ => view.fit(&design),
                                }
                                e.prevent_default();
                                return;
                            }
                            "Escape" if *sheet || menu.is_some() || *gallery || *versions => {
                                sheet.set(false);
                                menu.set(None);
                                gallery.set(false);
                                versions.set(false);
                                return;
                            }
                            "Escape" => Some(Action::Select(None)),
                            _ => None,
                        };
                        if let Some(action) = action {
                            e.prevent_default();
                            dispatch.emit(action);
                        }
                    },
                );
                move || drop(listener)
            },
        );
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
                        // No button down: the release came before these listeners were added (a
                        // quick press ends before the render that adds them), and the button's
                        // click has handled it. Without this the item would follow the pointer.
                        if e.buttons() == 0 {
                            c.set(None);
                            return;
                        }
                        c.set(Some(Carrying {
                            entry,
                            start,
                            at: (e.client_x(), e.client_y()),
                        }));
                    }
                }));
                let c = carrying.clone();
                listeners.push(EventListener::new(&window, "pointerup", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                        return;
                    };
                    c.set(None);
                    let at = (e.client_x(), e.client_y());
                    let moved = Carrying { entry, start, at }.moved();
                    if !moved {
                        return; // a press, handled by the button's click
                    }
                    let origin = layout::bounds(&design);
                    let point = match (
                        svg_ref.cast::<web_sys::Element>(),
                        scroll_ref.cast::<web_sys::Element>(),
                    ) {
                        (Some(svg), Some(scroll)) => client_to_canvas(
                            &svg,
                            &scroll,
                            crate::model::design::Point {
                                x: origin.x,
                                y: origin.y,
                            },
                            zoom,
                            at,
                        ),
                        _ => None,
                    };
                    if let Some(point) = point {
                        dispatch.emit(Action::Create {
                            entry,
                            at: Some(point),
                        });
                    }
                }));
                let c = carrying.clone();
                listeners.push(EventListener::new(&window, "keydown", move |e| {
                    if e.dyn_ref::<web_sys::KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape")
                    {
                        c.set(None);
                    }
                }));
            }
            move || drop(listeners)
        });
    }

    // For the browser benchmark (bench/first-paint.mjs): when the first canvas is in the DOM.
    use_effect_with(*fitted, |fitted| {
        if let Some(performance) = web_sys::window()
            .and_then(|w| w.performance())
            .filter(|_| *fitted)
        {
            let _ = performance.mark("vpc-planner:canvas");
        }
    });
    // Open with the whole drawing in view.
    {
        let scale = scale.clone();
        let fitted = fitted.clone();
        let scroll_ref = scroll_ref.clone();
        let design = editor.design.clone();
        use_effect_with((), move |_| {
            // The canvas as laid out now: it differs from the skeleton's when a message took a
            // row above it.
            if let Some(scroll) = scroll_ref.cast::<web_sys::Element>() {
                let fit = fit_scale(&design, &scroll);
                if fit != *scale {
                    scale.set(fit);
                }
            }
            if !*fitted {
                fitted.set(true);
            }
        });
    }
    // Ctrl + wheel (a trackpad pinch arrives as one) zooms the canvas around the pointer, not
    // the page (so the listener cannot be passive); a plain wheel scrolls.
    {
        let view = view.clone();
        let scroll_ref = scroll_ref.clone();
        use_effect_with((), move |_| {
            let listener = scroll_ref.cast::<web_sys::Element>().map(|scroll| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&scroll, "wheel", options, move |e| {
                    let Some(w) = e.dyn_ref::<web_sys::WheelEvent>() else {
                        return;
                    };
                    if w.ctrl_key() || w.meta_key() {
                        e.prevent_default();
                        // Pinches send many small deltas, wheels a few large ones.
                        let factor = (-w.delta_y().clamp(-100.0, 100.0) / 300.0).exp();
                        view.zoom(view.scale() * factor, Some((w.client_x(), w.client_y())));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // After a zoom, scroll so that the point that was under the pointer still is.
    {
        let view = view.clone();
        use_effect_with(*scale, move |_| view.settle());
    }
    let zoom_by = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.zoom(view.scale() * factor, None))
    };
    let zoom_fit = {
        let view = view.clone();
        let design = editor.design.clone();
        Callback::from(move |_: MouseEvent| view.fit(&design))
    };
    let zoom_reset = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.zoom(1.0, None))
    };

    let on_drag_start = {
        let carrying = carrying.clone();
        Callback::from(move |(entry, x, y): (Entry, i32, i32)| {
            carrying.set(Some(Carrying {
                entry,
                start: (x, y),
                at: (x, y),
            }))
        })
    };
    let on_add = dispatch.reform(|entry: Entry| Action::Create { entry, at: None });
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    let show_tab = |to: Tab| {
        let tab = tab.clone();
        Callback::from(move |_: MouseEvent| tab.set(to))
    };
    let tab_button = |to: Tab, id: &'static str, label: &'static str| {
        html! {
            <button type="button" role="tab" {id} aria-selected={(*tab == to).to_string()} aria-controls="tab-panel" onclick={show_tab(to)}>{ label }</button>
        }
    };

    // The right-click menu: what fits the selection (or the empty canvas) it was opened on.
    let on_context = {
        let menu = menu.clone();
        let dispatch = dispatch.clone();
        let selection = editor.selection.clone();
        Callback::from(move |(item, client, at): (Option<Id>, (i32, i32), Point)| {
            if let Some(id) = &item {
                if !selection.contains(id) {
                    dispatch.emit(Action::Select(Some(id.clone())));
                }
            }
            menu.set(Some(MenuAt { item, client, at }));
        })
    };
    // A menu or sheet that opens takes the keyboard focus, so arrow-free Tab and Enter work in it.
    use_effect_with(
        (menu.is_some(), *sheet, *gallery, *versions),
        |(menu, sheet, gallery, versions)| {
            if *menu {
                dom::focus_first(".context-menu [role=menuitem]");
            } else if *sheet {
                dom::focus_first(".shortcuts button");
            } else if *gallery {
                dom::focus_first(".gallery .template-card");
            } else if *versions {
                dom::focus_first(".versions button");
            }
        },
    );
    let context_menu = menu.as_ref().map(|m| {
        let close = {
            let menu = menu.clone();
            Callback::from(move |_| menu.set(None))
        };
        let (title, entries) = menu_entries(&editor, m, &dispatch, &view, &sheet);
        super::context_menu::menu(m.client, &title, entries, close)
    });

    let ghost = carrying.as_ref().filter(|c| c.moved()).map(|c| {
        html! {
            <Floating class="drag-ghost" left={format!("{}px", c.at.0 + 8)} top={format!("{}px", c.at.1 + 8)} aria_hidden=true>
                { icons::small(icons::entry_glyph(c.entry)) }
                <span>{ c.entry.label() }</span>
            </Floating>
        }
    });

    html! {
        <div class={classes!("app", carrying.as_ref().is_some_and(|c| c.moved()).then_some("carrying"))}>
            <Toolbar editor={editor.clone()} svg_ref={svg_ref.clone()} on_templates={open_gallery.clone()}
                on_versions={{ let versions = versions.clone(); Callback::from(move |_| versions.set(true)) }} />
            if let Some(notice) = &editor.notice {
                <div class={classes!("notice", match notice.kind { NoticeKind::Error => "error", NoticeKind::Warning => "warning", NoticeKind::Info => "info" })}
                    role={if notice.kind == NoticeKind::Error { "alert" } else { "status" }}>
                    <span>{ notice.text.clone() }</span>
                    if let Some(offer) = &notice.offer {
                        <button type="button" onclick={{
                            let (dispatch, action) = (dispatch.clone(), offer.action.clone());
                            Callback::from(move |_: MouseEvent| dispatch.emit((*action).clone()))
                        }}>{ offer.label.clone() }</button>
                    }
                    <button type="button" class="link" onclick={dismiss} aria-label="Dismiss message">{ "Dismiss" }</button>
                </div>
            }
            { palette_panel(&on_drag_start, &on_add) }
            <main class="workspace" aria-labelledby="canvas-heading">
                <h2 id="canvas-heading" class="visually-hidden">{ "Canvas" }</h2>
                <Canvas design={editor.design.clone()} selection={editor.selection.clone()} badges={badges}
                    dispatch={dispatch.clone()} svg_ref={svg_ref.clone()} scroll_ref={scroll_ref.clone()}
                    dropping={carrying.as_ref().is_some_and(|c| c.moved())} scale={*scale} drawn={*fitted}
                    traces={traces.clone()} estimate={estimate.clone()} {on_context} on_templates={open_gallery.clone()}
                    on_file={let dispatch = dispatch.clone(); Callback::from(move |file: web_sys::File| {
                        let terraform = !file.name().to_ascii_lowercase().ends_with(".json");
                        super::import::open_file(file, terraform, dispatch.clone());
                    })} />
                <div class="zoom" role="toolbar" aria-label="Zoom">
                    <button type="button" onclick={zoom_by(1.0 / 1.25)} aria-label="Zoom out">{ "−" }</button>
                    <button type="button" onclick={zoom_reset} aria-label="Zoom to 100%">{ format!("{}%", (*scale * 100.0).round() as i32) }</button>
                    <button type="button" onclick={zoom_by(1.25)} aria-label="Zoom in">{ "+" }</button>
                    <button type="button" onclick={zoom_fit} title="Fit the whole drawing (Shift+1)">{ "Fit" }</button>
                    <button type="button" onclick={{ let sheet = sheet.clone(); Callback::from(move |_: MouseEvent| sheet.set(true)) }}
                        aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">{ "?" }</button>
                </div>
            </main>
            <Inspector design={editor.design.clone()} selection={editor.selection.clone()} dispatch={dispatch.clone()}
                diagnostics={diagnostics.clone()} traces={traces.clone()} />
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
                            Tab::Terraform => html! { <TerraformPanel design={editor.design.clone()} errors={validate::errors(&diagnostics)} dispatch={dispatch.clone()} /> },
                            Tab::Dns => html! { <DnsPanel design={editor.design.clone()} dispatch={dispatch.clone()} /> },
                            Tab::Cost => html! { <CostPanel design={editor.design.clone()} traces={traces.clone()} estimate={estimate.clone()} dispatch={dispatch.clone()} /> },
                        } }
                    </div>
                </div>
            </div>
            // One node each, shown or not: Yew matches unkeyed children from the end, so a child
            // that came and went here would shift every sibling before it and re-create them all
            // (canvas, inspector, panels) when a menu opens or a palette drag starts.
            { ghost.unwrap_or_default() }
            { context_menu.unwrap_or_default() }
            if *gallery {
                <super::gallery::Gallery dispatch={dispatch.clone()} on_close={{ let gallery = gallery.clone(); Callback::from(move |_| gallery.set(false)) }} />
            }
            if *versions {
                { super::versions::dialog(&saver.borrow().tab, &dispatch, { let versions = versions.clone(); Callback::from(move |_| versions.set(false)) }) }
            }
            if *sheet {
                { super::shortcuts::sheet({ let sheet = sheet.clone(); Callback::from(move |_| sheet.set(false)) }) }
            }
        </div>
    }
}

/// The canvas's zoom: its scale, and the scroll position a zoom asks for once it has rendered.
#[derive(Clone)]
struct View {
    scale: UseStateHandle<f64>,
    now: Rc<std::cell::RefCell<f64>>,
    pending: Rc<std::cell::RefCell<Option<(i32, i32)>>>,
    svg: NodeRef,
    scroll: NodeRef,
}

impl View {
    fn scale(&self) -> f64 {
        *self.now.borrow()
    }

    /// Zooms to `next`, keeping the canvas point under `at` (client pixels; the middle of the
    /// visible canvas when None) where it is on screen.
    fn zoom(&self, next: f64, at: Option<(i32, i32)>) {
        let next = next.clamp(MIN_SCALE, MAX_SCALE);
        let now = self.scale();
        if (next - now).abs() < 1e-9 {
            return;
        }
        if let (Some(svg), Some(scroll)) = (
            self.svg.cast::<web_sys::Element>(),
            self.scroll.cast::<web_sys::Element>(),
        ) {
            let view = scroll.get_bounding_client_rect();
            let (ax, ay) = at.map_or(
                (
                    view.left() + view.width() / 2.0,
                    view.top() + view.height() / 2.0,
                ),
                |(x, y)| (f64::from(x), f64::from(y)),
            );
            let r = svg.get_bounding_client_rect();
            // Where the svg starts in the scrolled content, and the pointer's place on it.
            let (ox, oy) = (
                r.left() - view.left() + f64::from(scroll.scroll_left()),
                r.top() - view.top() + f64::from(scroll.scroll_top()),
            );
            let (px, py) = ((ax - r.left()) / now, (ay - r.top()) / now);
            let x = ox + px * next - (ax - view.left());
            let y = oy + py * next - (ay - view.top());
            *self.pending.borrow_mut() = Some((x.round() as i32, y.round() as i32));
        }
        *self.now.borrow_mut() = next;
        self.scale.set(next);
    }

    fn fit(&self, design: &crate::model::design::Design) {
        if let Some(scroll) = self.scroll.cast::<web_sys::Element>() {
            *self.pending.borrow_mut() = Some((0, 0));
            self.scale.set(fit_scale(design, &scroll));
        }
    }

    /// Applies the scroll position the last zoom asked for.
    fn settle(&self) {
        let Some((x, y)) = self.pending.borrow_mut().take() else {
            return;
        };
        if let Some(scroll) = self.scroll.cast::<web_sys::Element>() {
            scroll.set_scroll_left(x.max(0));
            scroll.set_scroll_top(y.max(0));
        }
    }
}

/// Where the right-click menu was opened: on an item or the empty canvas (None).
#[derive(Debug, Clone, PartialEq)]
struct MenuAt {
    item: Option<Id>,
    client: (i32, i32),
    at: Point,
}

/// The right-click menu's title and entries: the actions that fit what was clicked.
fn menu_entries(
    editor: &Editor,
    m: &MenuAt,
    dispatch: &Callback<Action>,
    view: &View,
    sheet: &UseStateHandle<bool>,
) -> (String, Vec<super::context_menu::Entry>) {
    use super::context_menu::Entry as Item;
    let d = &editor.design;
    let act = |action: fn() -> Action| dispatch.reform(move |_| action());
    let item = |label: &str, keys: &'static str, run: Callback<()>| Item {
        label: label.to_string(),
        keys,
        run,
    };
    let Some(id) = &m.item else {
        // The empty canvas.
        let (design, at) = (d.clone(), m.at);
        let all = {
            let design = design.clone();
            dispatch.reform(move |_| Action::SetSelection(crate::editor::all_items(&design)))
        };
        let add = |label: &str, entry: Entry| {
            item(
                label,
                "",
                dispatch.reform(move |_| Action::Create {
                    entry,
                    at: Some(at),
                }),
            )
        };
        let mut entries = Vec::new();
        if editor.clipboard.is_some() {
            entries.push(item(
                "Paste here",
                "Ctrl+V",
                dispatch.reform(move |_| Action::Paste { at: Some(at) }),
            ));
        }
        entries.push(add("Add a VPC here", Entry::Vpc));
        if layout::vpc_at(d, at).is_some() {
            entries.push(add("Add a subnet here", Entry::Subnet));
        }
        entries.push(item("Select all", "Ctrl+A", all));
        let (v, fit) = (view.clone(), view.clone());
        entries.push(item(
            "Zoom to 100%",
            "0",
            Callback::from(move |_| v.zoom(1.0, None)),
        ));
        entries.push(item(
            "Fit the whole drawing",
            "Shift+1",
            Callback::from(move |_| fit.fit(&design)),
        ));
        let sheet = sheet.clone();
        entries.push(item(
            "Keyboard shortcuts",
            "?",
            Callback::from(move |_| sheet.set(true)),
        ));
        return ("Canvas".to_string(), entries);
    };
    // The menu acts on the whole selection when the clicked item is part of it.
    let several = editor.selection.len() > 1 && editor.selection.contains(id);
    let mut entries = Vec::new();
    let title = if several {
        format!("{} items", editor.selection.len())
    } else if let Some(v) = d.vpc(id) {
        let contents: Vec<Id> = layout::carried(d, std::slice::from_ref(id))
            .into_iter()
            .filter(|x| x != id)
            .collect();
        if !contents.is_empty() {
            entries.push(item(
                "Select what it holds",
                "",
                dispatch.reform(move |_| Action::SetSelection(contents.clone())),
            ));
        }
        // One more AZ, or the subnets laid out in AZ lanes (worked out in the worker).
        let vpc = id.clone();
        entries.push(item(
            "Add an AZ",
            "",
            dispatch.reform(move |_| Action::AddAz(vpc.clone())),
        ));
        let vpc = id.clone();
        entries.push(item(
            "Arrange in AZ lanes",
            "",
            dispatch.reform(move |_| Action::Arrange(vpc.clone())),
        ));
        format!("VPC {}", v.name)
    } else if let Some(s) = d.subnet(id) {
        let contents: Vec<Id> = layout::carried(d, std::slice::from_ref(id))
            .into_iter()
            .filter(|x| x != id)
            .collect();
        if !contents.is_empty() {
            entries.push(item(
                "Select what it holds",
                "",
                dispatch.reform(move |_| Action::SetSelection(contents.clone())),
            ));
        }
        format!("Subnet {}", s.name)
    } else if let Some(n) = d.node(id) {
        if n.kind.is_flow_source() {
            let from = id.clone();
            entries.push(item(
                "Add a flow to the internet",
                "",
                dispatch.reform(move |_| Action::Connect {
                    from: from.clone(),
                    to: crate::model::design::FlowTarget::Internet,
                }),
            ));
        }
        format!("{} {}", n.kind.label(), n.name)
    } else {
        "Flow".to_string()
    };
    if d.flow(id).is_none() || several {
        entries.push(item("Copy", "Ctrl+C", act(|| Action::Copy)));
        entries.push(item("Cut", "Ctrl+X", act(|| Action::Cut)));
        entries.push(item("Duplicate", "Ctrl+D", act(|| Action::Duplicate)));
    }
    entries.push(item(
        if several { "Delete all" } else { "Delete" },
        "Del",
        act(|| Action::DeleteSelection),
    ));
    (title, entries)
}

/// The design as the analyses see it: equal to another when at most positions differ.
#[derive(Clone)]
struct Semantic(Rc<crate::model::design::Design>);

impl PartialEq for Semantic {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.same_except_layout(&other.0)
    }
}

/// Runs one part of the analysis as a `performance.measure` named `vpc-planner:<part>`, which
/// the browser benchmark (bench/browser.mjs) reads; the page itself never looks at it.
/// Starts the `vpc-planner:<part>` performance measure that `measured` ends (work that runs
/// elsewhere, as the Terraform export in its worker).
pub(super) fn mark(part: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("vpc-planner:{part}:start"));
    }
}

/// Ends the measure `mark` started, if it did.
pub(super) fn measured(part: &str) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let start = format!("vpc-planner:{part}:start");
    if performance
        .measure_with_start_mark(&format!("vpc-planner:{part}"), &start)
        .is_ok()
    {
        performance.clear_marks_with_mark_name(&start);
    }
}

fn timed<T>(part: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return work();
    };
    let start = format!("vpc-planner:{part}:start");
    let _ = performance.mark(&start);
    let out = work();
    let _ = performance.measure_with_start_mark(&format!("vpc-planner:{part}"), &start);
    performance.clear_marks_with_mark_name(&start);
    out
}
