//! The cost panel: the monthly total, bars by category and by resource, what each flow costs,
//! and the model's advice with an "Apply" button each (one undoable edit). The model computes
//! every number (`cost::estimate`, `cost::advice`); this only lays them out.

use super::fields::{hint, tag, text};
use super::store::Action;
use crate::model::catalog;
use crate::model::cost::{self, Estimate, advice, usd};
use crate::model::design::Design;
use crate::model::edit::Edit;
use crate::model::routing::Trace;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CostPanelProps {
    pub design: Rc<Design>,
    pub traces: Rc<Vec<Trace>>,
    pub estimate: Rc<Estimate>,
    pub dispatch: Callback<Action>,
}

/// Horizontal bars: a label, a bar as wide as its share of the largest, the amount.
fn bars(label: &str, rows: Vec<(String, f64, Option<Callback<MouseEvent>>)>) -> Html {
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
    let items = rows.into_iter().map(|(name, amount, onclick)| {
        // Whole percent: integer formatting keeps float printing out of the bundle.
        let pct = if max > 0.0 { (amount / max * 100.0).round() as i64 } else { 0 };
        let name = match onclick {
            Some(onclick) => super::fields::button("link", name, onclick),
            None => text("span", "", name),
        };
        tag(
            "li",
            "",
            vec![
                tag("span", "bar-name", vec![name]),
                // An SVG bar: its width is an attribute, where a style attribute would be refused by
                // the page's Content-Security-Policy.
                html! {
                    <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="bar" width={pct.max(1).to_string()} height="10" rx="2" />
                    </svg>
                },
                text("span", "bar-amount", usd(amount)),
            ],
        )
    });
    html! { <ul class="bars" aria-label={label.to_string()}>{ for items }</ul> }
}

#[function_component(CostPanel)]
pub fn cost_panel(props: &CostPanelProps) -> Html {
    let d = &props.design;
    let e = &props.estimate;
    // Advice re-traces a copy of the design per candidate: only while this panel is open.
    let advice = use_memo(
        (
            props.design.clone(),
            props.traces.clone(),
            props.estimate.clone(),
        ),
        |(d, t, e)| advice::advise_with(d, t, e),
    );
    let select = |id: String| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Select(Some(id.clone()))))
    };
    let on_region = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |ev: Event| {
            if let Some(s) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                dispatch.emit(Action::Apply(Edit::SetRegion { region: s.value() }));
            }
        })
    };
    let name = |id: &str| {
        d.name_of(id)
            .filter(|n| !n.is_empty())
            .unwrap_or(id)
            .to_string()
    };
    let categories = bars(
        "By category",
        e.by_category()
            .into_iter()
            .map(|(c, sum)| (c.label().to_string(), sum, None))
            .collect(),
    );
    let resources = bars(
        "By resource",
        e.by_resource()
            .into_iter()
            .filter(|(_, sum)| *sum > 0.0)
            .map(|(id, sum)| (name(&id), sum, Some(select(id))))
            .collect(),
    );
    let totals = e.flow_totals();
    let flows = bars(
        "By flow",
        d.flows
            .iter()
            .map(|f| {
                let label = if f.name.is_empty() {
                    f.id.clone()
                } else {
                    f.name.clone()
                };
                (label, totals.of(&f.id), Some(select(f.id.clone())))
            })
            .collect(),
    );
    let tips = advice.iter().map(|a| {
        let apply = a.edit.clone().map(|edit| {
            let dispatch = props.dispatch.clone();
            let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::Apply(edit.clone())));
            html! { <button type="button" class="primary" {onclick} aria-label={format!("Apply: {}", a.title)}>{ "Apply" }</button> }
        });
        let saving = if a.saving >= 0.0 { format!("saves {} / month", usd(a.saving)) } else { format!("would cost {} / month more", usd(-a.saving)) };
        html! {
            <li class={classes!("advice", a.edit.is_none().then_some("info"))}>
                <div class="advice-head">
                    { text("strong", "", a.title.clone()) }
                    { text("span", "saving", saving) }
                    { for apply }
                </div>
                { text("p", "", a.detail.clone()) }
            </li>
        }
    });
    let regions = catalog::REGIONS.iter().map(|r| {
        let priced = cost::prices::catalogue().regions.contains_key(r.code);
        let label = if priced {
            r.code.to_string()
        } else {
            format!("{} (no prices)", r.code)
        };
        html! { <option value={r.code} selected={r.code == d.region}>{ label }</option> }
    });
    html! {
        <section class="cost" aria-labelledby="cost-heading">
            <div class="panel-head">
                <h2 id="cost-heading">{ "Cost" }</h2>
                <span class="cost-total" role="status">{ format!("{} / month", usd(e.total)) }</span>
                <label for="cost-region" class="meta">{ "Region" }</label>
                <select id="cost-region" onchange={on_region}>{ for regions }</select>
            </div>
            if !e.missing.is_empty() {
                <p class="field-error">{ format!("Left out, not in the price catalogue: {}.", e.missing.join("; ")) }</p>
            }
            <div class="cost-grid">
                <div>
                    { text("h3", "", "By category") }
                    { categories }
                    { text("h3", "", "By resource") }
                    { resources }
                    { text("h3", "", "By flow") }
                    { flows }
                </div>
                <div>
                    { text("h3", "", "Advice") }
                    if advice.is_empty() {
                        { hint("Nothing cheaper found for these flows.") }
                    } else {
                        <ul class="advice-list" aria-label="Advice">{ for tips }</ul>
                    }
                    <details class="cost-lines">
                        <summary>{ format!("Every line ({}), with its formula", e.lines.len()) }</summary>
                        <ul>
                            { for e.lines.iter().map(|l| tag("li", "", vec![text("span", "bar-amount", usd(l.monthly)), format!(" {}: {}", l.what, l.formula()).into()])) }
                        </ul>
                        { text("p", "hint", format!("{} hours a month, USD, On-Demand. Sources: see the price catalogue.", cost::number(e.hours_per_month))) }
                    </details>
                </div>
            </div>
        </section>
    }
}
