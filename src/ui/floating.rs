//! A box placed at a point on screen (the right-click menu, the palette's drag ghost). Its place
//! is written through the CSS object model after each render: a `style` attribute would be
//! refused by the page's Content-Security-Policy (`style-src 'self'`, no inline style).

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FloatingProps {
    pub class: Classes,
    /// CSS values for `left` and `top`, e.g. `"120px"` or `"min(120px, calc(100vw - 16rem))"`.
    pub left: AttrValue,
    pub top: AttrValue,
    #[prop_or_default]
    pub role: Option<AttrValue>,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    #[prop_or_default]
    pub aria_hidden: bool,
    #[prop_or_default]
    pub onpointerdown: Option<Callback<PointerEvent>>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Floating)]
pub fn floating(props: &FloatingProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        // Effects run after the DOM is patched and before the browser paints, so the box is never
        // seen at its unplaced position.
        use_effect_with(
            (props.left.clone(), props.top.clone()),
            move |(left, top)| {
                if let Some(el) = node
                    .cast::<web_sys::Element>()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let style = el.style();
                    let _ = style.set_property("left", left);
                    let _ = style.set_property("top", top);
                }
            },
        );
    }
    html! {
        <div ref={node} class={props.class.clone()} role={props.role.clone()} aria-label={props.aria_label.clone()}
            aria-hidden={props.aria_hidden.then_some("true")} onpointerdown={props.onpointerdown.clone()}>
            { props.children.clone() }
        </div>
    }
}
