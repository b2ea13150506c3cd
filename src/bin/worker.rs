//! The browser's background worker (`vpc-planner-worker`): a web worker that Trunk builds
//! beside the app (index.html, `data-type="worker"`). It is its own wasm so that the app's start
//! bundle carries neither the HCL writer (hcl-rs) nor the Terraform model: the app starts it
//! after its first paint, and the export runs off the page's thread. Imports have a wasm of
//! their own (`importer.rs`), fetched on the first import: the HCL parser is in neither this
//! one nor the app's.
//!
//! Messages (the app's side is src/ui/worker.rs; static/worker.js keeps those that
//! arrive while the wasm loads and hands them over once it runs). Each answer starts with the
//! request's kind:
//! - `["export", id, design JSON, errors]` → `["export", id, main.tf, error]`: one of the two
//!   is empty; `errors` is how many errors the app's validation found (the header warns of
//!   them), so that this wasm carries no validation;
//! - `["zip", design JSON, errors]` → `["zip", bytes of terraform.zip, error]`: bytes is a
//!   Uint8Array, or null with the error;
//! - `["link", id, design JSON]` → `["link", id, fragment]`: the share link's fragment
//!   (`model::share`), which the app puts in the address bar or copies;
//! - `["work", id, design JSON, kind, argument, argument]` → `["work", id, design JSON, ids,
//!   error]`: an editor's request (`editor::worked`) worked out: `paste` (a clip's text, and the
//!   point `x,y` to centre it on or nothing), `add_az` or `arrange` (a VPC's id); the changed
//!   design and the items to select one a line, or why nothing changed.
//!
//! Before any answer the loader (static/worker.js) posts `["ready"]` once the wasm runs: the app
//! gives each request a deadline from then on.

#[path = "common/host.rs"]
mod host;

use std::rc::Rc;
use vpc_planner::editor::{self, Work};
use vpc_planner::model::clipboard::Clip;
use vpc_planner::model::design::Point;
use vpc_planner::model::{document, share, terraform, zip};

/// main.tf for the design the app sent. The app writes that JSON itself, so an error here means
/// the two disagree (a version mismatch after a deploy, say); it is shown in the panel.
/// `errors`: how many errors the app's validation found, for the header's warning (the worker
/// carries no validation of its own).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn main_tf(design_json: &str, errors: usize) -> Result<String, String> {
    let design = document::from_json(design_json)
        .map_err(|e| format!("the Terraform writer could not read the design: {e}"))?;
    Ok(terraform::export_noting(&design, errors))
}

/// The share link's fragment for the design JSON the app sent (the same encoder as the CLI's
/// `url-encode`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn link(design_json: &str) -> String {
    share::encode_compact_json(design_json)
}

/// An editor's request for the app: the changed design's JSON and the items to select, one a
/// line. `kind` and its two arguments are as the module's comment lists them.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn worked(
    design_json: &str,
    kind: &str,
    first: &str,
    second: &str,
) -> Result<(String, String), String> {
    let design = document::from_json(design_json)
        .map_err(|e| format!("the design could not be read: {e}"))?;
    let work = match kind {
        "paste" => Work::Paste {
            clip: Rc::new(Clip::from_text(first).map_err(|e| e.to_string())?),
            at: second.split_once(',').and_then(|(x, y)| {
                Some(Point {
                    x: x.parse().ok()?,
                    y: y.parse().ok()?,
                })
            }),
        },
        "add_az" => Work::AddAz { vpc: first.into() },
        "arrange" => Work::Arrange { vpc: first.into() },
        other => return Err(format!("the worker does not know {other:?}")),
    };
    let (after, ids) = editor::worked(&design, &work)?;
    Ok((document::to_json_compact(&after), ids.join("\n")))
}

/// terraform.zip (main.tf, variables.tf and, when there are any, outputs.tf) for the design.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn zip_file(design_json: &str, errors: usize) -> Result<Vec<u8>, String> {
    let design = document::from_json(design_json)
        .map_err(|e| format!("the Terraform writer could not read the design: {e}"))?;
    let files = terraform::export_split_noting(&design, errors);
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Ok(zip::stored(&pairs))
}

#[cfg(target_arch = "wasm32")]
fn main() {
    host::serve(answer);
}

/// The answer to one of the app's messages (the module's comment lists them).
#[cfg(target_arch = "wasm32")]
fn answer(message: &js_sys::Array) -> Vec<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsValue;
    let part = |i| host::part(message, i);
    let count = |i| message.get(i).as_f64().unwrap_or(0.0) as usize;
    let text = |s: &str| JsValue::from_str(s);
    match part(0).as_str() {
        "export" => {
            let (hcl, error) = match main_tf(&part(2), count(3)) {
                Ok(hcl) => (hcl, String::new()),
                Err(e) => (String::new(), e),
            };
            vec![text("export"), message.get(1), text(&hcl), text(&error)]
        }
        "link" => vec![text("link"), message.get(1), text(&link(&part(2)))],
        "work" => {
            let (design, ids, error) = match worked(&part(2), &part(3), &part(4), &part(5)) {
                Ok((design, ids)) => (design, ids, String::new()),
                Err(e) => (String::new(), String::new(), e),
            };
            vec![
                text("work"),
                message.get(1),
                text(&design),
                text(&ids),
                text(&error),
            ]
        }
        "zip" => match zip_file(&part(1), count(2)) {
            Ok(bytes) => vec![
                text("zip"),
                js_sys::Uint8Array::from(&bytes[..]).into(),
                text(""),
            ],
            Err(e) => vec![text("zip"), JsValue::NULL, text(&e)],
        },
        // Never sent; the app shows an answer of no kind it knows as an error notice.
        other => vec![
            text("error"),
            text("error"),
            text(&format!("the worker does not know {other:?}")),
            text(""),
        ],
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    host::refuse(
        "vpc-planner-worker is the browser's background worker",
        "`vpc-planner terraform` and `vpc-planner url-encode`",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use host::example;

    #[test]
    fn main_tf_is_the_models_export_of_the_design_the_app_sent() {
        let design = example("classic-private-endpoints");
        assert_eq!(terraform::error_count(&design), 0);
        assert_eq!(
            main_tf(&document::to_json_compact(&design), 0),
            Ok(terraform::export(&design))
        );
        // With the errors the app counted, it is the model's export too, warning included.
        let mut broken = design.clone();
        broken.vpcs[0].cidr_blocks[0] = "10.0.0.0/33".into();
        let errors = terraform::error_count(&broken);
        assert!(errors > 0);
        let hcl = main_tf(&document::to_json_compact(&broken), errors).unwrap();
        assert_eq!(hcl, terraform::export(&broken));
        assert!(hcl.contains("# WARNING: the design has "), "{hcl}");
        let err = main_tf("{\"version\": 999}", 0).unwrap_err();
        assert!(
            err.starts_with("the Terraform writer could not read the design: "),
            "{err}"
        );
    }

    #[test]
    fn the_link_opens_the_design_the_app_sent() {
        let design = example("hybrid-dns");
        let fragment = link(&document::to_json_compact(&design));
        assert!(fragment.starts_with(share::LINK_PREFIX), "{fragment}");
        assert_eq!(share::decode(&fragment), Ok(design));
    }

    #[test]
    fn an_editors_request_comes_back_as_the_changed_design() {
        use vpc_planner::model::clipboard;
        let design = example("classic-private-endpoints");
        let vpc = design.vpcs[0].id.clone();
        let clip = Rc::new(clipboard::copy(&design, std::slice::from_ref(&vpc)));
        let json = document::to_json_compact(&design);
        // A paste beside the originals and centred on a point, one more AZ, AZ lanes: each the
        // model's own change, item for item.
        let cases = [
            (
                "paste",
                clip.to_text(),
                "",
                Work::Paste {
                    clip: clip.clone(),
                    at: None,
                },
            ),
            (
                "paste",
                clip.to_text(),
                "1400,900",
                Work::Paste {
                    clip: clip.clone(),
                    at: Some(Point { x: 1400, y: 900 }),
                },
            ),
            ("add_az", vpc.clone(), "", Work::AddAz { vpc: vpc.clone() }),
            (
                "arrange",
                vpc.clone(),
                "",
                Work::Arrange { vpc: vpc.clone() },
            ),
        ];
        for (kind, first, second, work) in cases {
            let (after, ids) = worked(&json, kind, &first, second).unwrap();
            let (expected, expected_ids) = editor::worked(&design, &work).unwrap();
            assert_ne!(expected, design, "{kind} changes the design");
            assert_eq!(document::from_json(&after), Ok(expected), "{kind} {second}");
            assert_eq!(
                ids.lines().collect::<Vec<_>>(),
                expected_ids,
                "{kind} {second}"
            );
        }
        assert!(worked(&json, "paste", "not a clip", "").is_err());
        assert!(worked(&json, "add_az", "vpc-none", "").is_err());
        assert!(worked(&json, "frobnicate", "", "").is_err());
        assert!(worked("{}", "arrange", &vpc, "").is_err());
    }

    #[test]
    fn the_zip_holds_the_split_files() {
        let design = example("hybrid-dns");
        let errors = terraform::error_count(&design);
        let bytes = zip_file(&document::to_json_compact(&design), errors).unwrap();
        let files = terraform::export_split(&design);
        assert!(files.len() >= 2);
        let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        assert_eq!(bytes, zip::stored(&pairs));
        // Each file's name and text are in the archive as they are (stored, not deflated).
        for (name, text) in &files {
            let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            assert!(find(name.as_bytes()) && find(text.as_bytes()), "{name}");
        }
        assert!(zip_file("not json", 0).is_err());
    }
}
