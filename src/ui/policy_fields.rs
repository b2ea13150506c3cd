//! Inspector sections for access: the IAM policy of an endpoint or AWS service (JSON as typed,
//! its problems under it, one-click templates, which statement decided a flow's request) and a
//! flow's requests with the verdict on each. Every verdict and problem comes from the model
//! (`routing::trace`'s `access`, the `policy` diagnostics); this file lays them out.

use super::dns_fields::Form;
use super::fields::{button, error_list, tag, text, text_field};
use super::store::Action;
use crate::model::access::{self, Outcome, PolicyKind, templates};
use crate::model::design::{AccessRequest, Flow, Node, NodeKind};
use crate::model::edit::{Edit, Item};
use crate::model::routing::Trace;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn textarea_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default()
}

/// A callback that stores `text` as node `n`'s policy; "" is no policy.
fn set_policy(f: &Form, n: &Node) -> Callback<String> {
    let dispatch = f.dispatch.clone();
    let node = n.clone();
    Callback::from(move |text: String| {
        let mut changed = node.clone();
        changed.policy = (!text.is_empty()).then_some(text);
        if changed.policy != node.policy {
            dispatch.emit(Action::Apply(Edit::Replace {
                item: Item::Node(changed),
            }));
        }
    })
}

fn select(f: &Form, id: &str) -> Callback<MouseEvent> {
    let dispatch = f.dispatch.clone();
    let id = id.to_string();
    Callback::from(move |_| dispatch.emit(Action::Select(Some(id.clone()))))
}

/// The node a decider's policy belongs to.
fn decider_node<'a>(c: &'a access::flows::Checked, kind: PolicyKind) -> Option<&'a str> {
    if kind == PolicyKind::Resource {
        c.resource.as_deref()
    } else {
        c.endpoint.as_deref()
    }
}

fn statement_name(statement: usize, sid: Option<&str>) -> String {
    match sid {
        Some(sid) => format!("statement {} ({sid})", statement + 1),
        None => format!("statement {}", statement + 1),
    }
}

/// The policy editor of a gateway endpoint, an interface endpoint to an AWS service, or an AWS
/// service (its resource policy).
pub fn policy_editor(f: &Form, n: &Node, traces: &[Trace]) -> Html {
    let resource = matches!(n.kind, NodeKind::AwsService { .. });
    let value = n.policy.clone().unwrap_or_default();
    let set = set_policy(f, n);
    let oninput = {
        let set = set.clone();
        Callback::from(move |e: InputEvent| set.emit(textarea_value(&e)))
    };
    let errors = f.errors(&n.id, "policy", None);
    let template_buttons =
        templates::for_node(&f.design, traces, n)
            .into_iter()
            .map(|(label, filled)| {
                let set = set.clone();
                button(
                    "small",
                    label,
                    Callback::from(move |_| set.emit(filled.clone())),
                )
            });
    let formatted = n
        .policy
        .as_deref()
        .and_then(|p| access::parse(p).ok())
        .map(|p| p.to_json())
        .filter(|j| Some(j) != n.policy.as_ref());
    // The statements of this policy that decided a flow's request.
    let deciding: Vec<Html> = traces
        .iter()
        .flat_map(|t| t.access.iter().map(move |c| (t, c)))
        .flat_map(|(t, c)| c.access.deciding.iter().map(move |d| (t, c, d)))
        .filter(|(_, c, d)| decider_node(c, d.kind) == Some(n.id.as_str()))
        .filter_map(|(t, c, d)| {
            let statement = d.statement?;
            let flow = f.design.flow(&t.flow)?;
            let verb = if d.outcome == Outcome::Deny { "denies" } else { "allows" };
            let class = if d.outcome == Outcome::Deny { "deciding denied" } else { "deciding allowed" };
            Some(html! {
                <li class={class}>
                    { format!("Deciding: {} {verb} {} of flow ", statement_name(statement, d.sid.as_deref()), c.action) }
                    { button("link", flow.name.clone(), select(f, &flow.id)) }
                </li>
            })
        })
        .collect();
    let label = if resource {
        "Resource policy (e.g. bucket policy)"
    } else {
        "Endpoint policy"
    };
    let placeholder = if resource {
        "No resource policy: the service's own rules apply"
    } else {
        access::DEFAULT_ENDPOINT_POLICY
    };
    html! {
        <fieldset class="policy">
            { text("legend", "", label) }
            <textarea id="node-policy" class="policy-text" rows="12" spellcheck="false" autocomplete="off" aria-label={label}
                value={value} placeholder={placeholder} aria-invalid={(!errors.is_empty()).to_string()} {oninput} />
            { error_list(&errors) }
            if n.policy.is_none() {
                { text("p", "hint", if resource { "Empty: no resource policy." } else { "Empty: the default policy, full access for everyone." }) }
            }
            if !deciding.is_empty() {
                <ul class="deciding-list">{ for deciding }</ul>
            }
            { tag("div", "policy-actions", std::iter::once(text("span", "hint", "Templates:")).chain(template_buttons).collect()) }
            if let Some(json) = formatted {
                { button("small", "Format", Callback::from(move |_| set.emit(json.clone()))) }
            }
        </fieldset>
    }
}

/// A flow's requests (principal, action, resource), each with its verdict.
pub fn requests_editor(f: &Form, flow: &Flow, trace: Option<&Trace>) -> Html {
    let replace = |change: Box<dyn Fn(&mut Vec<AccessRequest>, String)>| {
        let dispatch = f.dispatch.clone();
        let flow = flow.clone();
        Callback::from(move |value: String| {
            let mut changed = flow.clone();
            change(&mut changed.requests, value);
            dispatch.emit(Action::Apply(Edit::Replace {
                item: Item::Flow(changed),
            }));
        })
    };
    let rows = flow.requests.iter().enumerate().map(|(i, r)| {
        let on_principal = replace(Box::new(move |rs, v| {
            if let Some(r) = rs.get_mut(i) {
                r.principal = v
            }
        }));
        let on_action = replace(Box::new(move |rs, v| {
            if let Some(r) = rs.get_mut(i) {
                r.action = v
            }
        }));
        let on_resource = replace(Box::new(move |rs, v| {
            if let Some(r) = rs.get_mut(i) {
                r.resource = v
            }
        }));
        let remove = replace(Box::new(move |rs, _| {
            if i < rs.len() {
                rs.remove(i);
            }
        }));
        let checked = trace.and_then(|t| t.access.iter().find(|c| c.request == i));
        let verdict = checked.map(|c| {
            let links = c.access.deciding.iter().filter_map(|d| {
                let node = decider_node(c, d.kind)?;
                let name = f
                    .design
                    .node(node)
                    .map(|n| n.name.clone())
                    .unwrap_or_else(|| node.to_string());
                let what = match d.statement {
                    Some(s) => format!("{} of {name}", statement_name(s, d.sid.as_deref())),
                    None => format!("policy of {name}"),
                };
                Some(button("link", what, select(f, node)))
            });
            let (class, word) = if c.access.allowed {
                ("access allowed", "Allowed")
            } else {
                ("access denied", "Denied")
            };
            html! {
                <div class={class} role="status">
                    <strong>{ word }</strong>{ format!(" — {}", c.access.reason) }
                    { for links }
                </div>
            }
        });
        tag(
            "div",
            "request",
            vec![
                text("h5", "", format!("Request {}", i + 1)),
                text_field(
                    &format!("req-{i}-principal"),
                    "Principal",
                    &r.principal,
                    "arn:aws:iam::111122223333:role/app",
                    Vec::new(),
                    on_principal,
                ),
                text_field(
                    &format!("req-{i}-action"),
                    "Action",
                    &r.action,
                    "s3:GetObject",
                    Vec::new(),
                    on_action,
                ),
                text_field(
                    &format!("req-{i}-resource"),
                    "Resource",
                    &r.resource,
                    "arn:aws:s3:::bucket/key",
                    Vec::new(),
                    on_resource,
                ),
                error_list(&f.errors(&flow.id, "requests", Some(i))),
                verdict.unwrap_or_default(),
                button(
                    "link",
                    format!("Remove request {}", i + 1),
                    Callback::from(move |_: MouseEvent| remove.emit(String::new())),
                ),
            ],
        )
    });
    let add = replace(Box::new(|rs, _| {
        let principal = rs
            .last()
            .map(|r| r.principal.clone())
            .unwrap_or_else(|| format!("arn:aws:iam::{}:role/app", templates::DEFAULT_ACCOUNT));
        let resource = rs
            .last()
            .map(|r| r.resource.clone())
            .unwrap_or_else(|| "*".to_string());
        rs.push(AccessRequest {
            principal,
            action: "s3:GetObject".to_string(),
            resource,
        });
    }));
    let mut children = vec![text(
        "legend",
        "",
        "Requests (what the flow asks the service)",
    )];
    children.extend(rows);
    children.push(error_list(&f.errors(&flow.id, "requests", None)));
    children.push(button(
        "link",
        "Add a request",
        Callback::from(move |_: MouseEvent| add.emit(String::new())),
    ));
    tag("fieldset", "requests", children)
}

/// One line for the path: how many requests are allowed and denied.
pub fn access_line(t: &Trace) -> Html {
    if t.access.is_empty() {
        return html! {};
    }
    let denied = t.access.iter().filter(|c| !c.access.allowed).count();
    let allowed = t.access.len() - denied;
    let class = if denied > 0 {
        "access-summary denied"
    } else {
        "access-summary allowed"
    };
    text(
        "p",
        class,
        format!("Access: {allowed} allowed, {denied} denied"),
    )
}
