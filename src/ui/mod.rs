//! The browser app (Yew). Components render what the model computes; they compute no domain
//! facts themselves. One store (`store`) owns the design; effects in `app` persist it.

mod app;
mod canvas;
mod context_menu;
mod cost_panel;
mod dns_fields;
mod dns_panel;
mod dom;
mod fields;
mod floating;
mod gallery;
mod icons;
mod import;
mod inspector;
mod palette;
mod panels;
mod persist;
mod picture;
mod policy_fields;
mod privatelink_fields;
mod recovery;
mod shortcuts;
mod store;
mod toolbar;
mod versions;
mod worker;

/// Mounts the app on the page.
pub fn start() {
    recovery::install();
    canvas::take_skeleton();
    yew::Renderer::<app::App>::new().render();
}
