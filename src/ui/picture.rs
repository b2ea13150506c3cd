//! The diagram as a picture: the canvas's SVG made standalone (the whole drawing at 100%, the
//! canvas's style rules inside it, nothing interactive), downloaded as SVG or drawn at twice
//! the size into a PNG. The drawing is the canvas's own, so the picture is what the user sees.

use crate::model::design::Design;
use crate::model::layout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// PNG pixels per canvas unit: sharp on high-density screens and in slides.
const PNG_SCALE: f64 = 2.0;
/// The largest PNG side, in pixels; browsers refuse larger canvases (Chromium: 32,767, and
/// a total area). A larger drawing is scaled down to fit and the notice says so.
const PNG_MAX_SIDE: f64 = 16_384.0;

/// The file name for a picture of the design: its name made safe for a file system.
pub fn file_name(design: &Design, extension: &str) -> String {
    let base: String = design
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base: String = base.chars().take(60).collect();
    format!(
        "{}.{extension}",
        if base.is_empty() { "vpc-design" } else { &base }
    )
}

/// The id of the element whose place the style rules take in the written SVG.
const RULES_MARKER: &str = "vpc-planner-rules";

/// The standalone SVG document of the drawing in `svg` (the live canvas element) and its size
/// in canvas units.
pub fn svg_document(svg: &web_sys::Element, design: &Design) -> Result<(String, f64, f64), String> {
    let copy = svg
        .clone_node_with_deep(true)
        .map_err(|_| "the browser could not copy the drawing")?;
    let copy: web_sys::Element = copy
        .dyn_into()
        .map_err(|_| "the drawing is not an element")?;
    // The picture has every label, whatever the zoom.
    let _ = copy.class_list().remove_1("far");
    // What is there only to point at: handles, the band, the path of a selected flow, hit
    // areas, the grid; and the attributes of being focusable and selected.
    for selector in [
        "g.top > :not(.internet)",
        ".flow-hit",
        "rect.grid",
        ".node-halo",
        "title",
    ] {
        if let Ok(found) = copy.query_selector_all(selector) {
            for i in 0..found.length() {
                if let Some(node) = found.item(i) {
                    if let Some(parent) = node.parent_node() {
                        let _ = parent.remove_child(&node);
                    }
                }
            }
        }
    }
    if let Ok(items) = copy.query_selector_all("[tabindex], .selected, [data-id]") {
        for i in 0..items.length() {
            if let Some(el) = items
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                for attribute in ["tabindex", "aria-selected", "data-id", "aria-description"] {
                    let _ = el.remove_attribute(attribute);
                }
                let _ = el.class_list().remove_1("selected");
            }
        }
    }
    let bounds = layout::content_bounds(design).unwrap_or(layout::bounds(design));
    let (x, y) = (bounds.x - layout::MARGIN, bounds.y - layout::MARGIN);
    let (w, h) = (bounds.w + 2 * layout::MARGIN, bounds.h + 2 * layout::MARGIN);
    let set = |name: &str, value: String| {
        copy.set_attribute(name, &value)
            .map_err(|_| "the browser refused an attribute".to_string())
    };
    set("xmlns", "http://www.w3.org/2000/svg".into())?;
    set("viewBox", format!("{x} {y} {w} {h}"))?;
    set("width", w.to_string())?;
    set("height", h.to_string())?;
    let _ = copy.remove_attribute("role");
    set("role", "img".into())?;
    set(
        "aria-label",
        if design.name.is_empty() {
            "VPC design".to_string()
        } else {
            design.name.clone()
        },
    )?;

    let document = gloo::utils::document();
    let ns = Some("http://www.w3.org/2000/svg");
    // A white page under the drawing, and the rules that style it.
    let background = document
        .create_element_ns(ns, "rect")
        .map_err(|_| "the browser refused an element")?;
    for (k, v) in [
        ("x", x.to_string()),
        ("y", y.to_string()),
        ("width", w.to_string()),
        ("height", h.to_string()),
        ("fill", "#ffffff".to_string()),
    ] {
        let _ = background.set_attribute(k, &v);
    }
    // The rules go in as text after serialising: a <style> element made in this page, even one
    // never attached, is refused by the page's Content-Security-Policy (no inline style). An
    // empty marker element holds its place.
    let marker = document
        .create_element_ns(ns, "metadata")
        .map_err(|_| "the browser refused an element")?;
    marker.set_id(RULES_MARKER);
    let first = copy.first_child();
    copy.insert_before(&background, first.as_ref())
        .map_err(|_| "the browser refused an element")?;
    copy.insert_before(&marker, Some(&background))
        .map_err(|_| "the browser refused an element")?;
    let rules = canvas_rules(svg, &copy)
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(|_| "the browser could not write the SVG")?;
    let placeholder = format!("<metadata id=\"{RULES_MARKER}\"/>");
    if !text.contains(&placeholder) {
        return Err("the browser wrote the SVG in an unexpected form".into());
    }
    let text = text.replacen(&placeholder, &format!("<style>{rules}</style>"), 1);
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        f64::from(w),
        f64::from(h),
    ))
}

/// The page's style rules that draw something in the picture (each rule whose selector
/// matches an element of it, and the custom properties they use), with the page's font, so the
/// picture looks as the canvas does.
fn canvas_rules(svg: &web_sys::Element, picture: &web_sys::Element) -> String {
    let font = web_sys::window()
        .and_then(|w| w.get_computed_style(svg).ok().flatten())
        .and_then(|s| s.get_property_value("font-family").ok())
        .unwrap_or_else(|| "sans-serif".into());
    let mut out = format!("svg {{ font-family: {font}; }}\n");
    let sheets = gloo::utils::document().style_sheets();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(i)
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(rules) = sheet.css_rules() else {
            continue;
        };
        for j in 0..rules.length() {
            let Some(rule) = rules.item(j) else { continue };
            let Some(style_rule) = rule.dyn_ref::<web_sys::CssStyleRule>() else {
                continue;
            };
            let selector = style_rule.selector_text();
            let text = rule.css_text();
            if selector == ":root" {
                out.push_str(&text.replacen(":root", "svg", 1));
                out.push('\n');
            } else if picture.matches(&selector).unwrap_or(false)
                || picture.query_selector(&selector).ok().flatten().is_some()
            {
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    out
}

/// Renders the SVG text into a PNG at `PNG_SCALE` (less for a drawing too large for the
/// browser) and hands its bytes to `done`, or why it failed. Asynchronous: the browser decodes
/// the image first.
pub fn png(
    svg_text: String,
    w: f64,
    h: f64,
    done: impl FnOnce(Result<(Vec<u8>, bool), String>) + 'static,
) {
    let scale = PNG_SCALE
        .min(PNG_MAX_SIDE / w.max(1.0))
        .min(PNG_MAX_SIDE / h.max(1.0));
    let reduced = scale < PNG_SCALE;
    let (pw, ph) = (
        (w * scale).round().max(1.0) as u32,
        (h * scale).round().max(1.0) as u32,
    );
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let fail = {
        let done = done.clone();
        move |why: &str| {
            if let Some(f) = done.borrow_mut().take() {
                f(Err(why.to_string()));
            }
        }
    };
    let blob = gloo::file::Blob::new_with_options(svg_text.as_str(), Some("image/svg+xml"));
    let url = gloo::file::ObjectUrl::from(blob);
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return fail("the browser refused to draw an image");
    };
    let onload = {
        let image = image.clone();
        let done = done.clone();
        let fail = fail.clone();
        Closure::once(move || {
            let canvas = gloo::utils::document()
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
            let Some(canvas) = canvas else {
                return fail("the browser refused a canvas");
            };
            canvas.set_width(pw);
            canvas.set_height(ph);
            let context = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
            let Some(context) = context else {
                return fail("the browser refused to draw (the picture may be too large)");
            };
            if context
                .draw_image_with_html_image_element_and_dw_and_dh(
                    &image,
                    0.0,
                    0.0,
                    f64::from(pw),
                    f64::from(ph),
                )
                .is_err()
            {
                return fail("the browser could not draw the diagram");
            }
            let on_blob = Closure::once(move |blob: Option<web_sys::Blob>| {
                let Some(blob) = blob else {
                    return fail(
                        "the browser could not encode the PNG (the picture may be too large)",
                    );
                };
                let done = done.clone();
                read_bytes(blob, move |bytes| {
                    if let Some(f) = done.borrow_mut().take() {
                        f(bytes.map(|b| (b, reduced)));
                    }
                });
            });
            if canvas.to_blob(on_blob.as_ref().unchecked_ref()).is_err() {
                // to_blob failed synchronously: the closure is never called.
            }
            on_blob.forget();
        })
    };
    let onerror = {
        let fail = fail.clone();
        Closure::once(move || fail("the browser could not read the drawing as an image"))
    };
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    image.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onload.forget();
    onerror.forget();
    image.set_src(&url);
    // The object URL must live until the image has loaded.
    super::dom::timer(60_000, Box::new(move || drop(url))).forget();
}

/// The bytes of a blob, read with a FileReader (no futures runtime needed).
fn read_bytes(blob: web_sys::Blob, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    let blob = gloo::file::Blob::from(blob);
    let reader = gloo::file::callbacks::read_as_bytes(&blob, move |result| {
        done(result.map_err(|_| "the browser could not read the PNG".to_string()))
    });
    // The reader stops if dropped; it ends by itself once it has called back.
    std::mem::forget(reader);
}
