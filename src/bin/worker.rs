//! The browser's background worker (`vpc-planner-worker`): a web worker that Trunk builds
//! beside the app (index.html, `data-type="worker"`). It is its own wasm so that the app's start
//! bundle carries neither the HCL writer and parser (hcl-rs) nor the Terraform model: the app
//! starts it after its first paint, and the export runs off the page's thread.
//!
//! Messages (the app's side is src/ui/worker.rs; static/worker.js keeps those that
//! arrive while the wasm loads and hands them over once it runs). Each answer starts with the
//! request's kind:
//! - `["import", file name, file text]` → `["import", kind, notice, design JSON]`, one per file,
//!   in order, where kind is `info` (all imported), `warning` (imported without what the notice
//!   lists, a block and its line each) or `error` (nothing could be read; no design). The design
//!   is written by the model's own JSON writer (document.rs) and read by the app like any file;
//! - `["export", id, design JSON]` → `["export", id, main.tf, error]`: one of the two is empty;
//! - `["zip", design JSON]` → `["zip", bytes of terraform.zip, error]`: bytes is a Uint8Array,
//!   or null with the error;
//! - `["link", id, design JSON]` → `["link", id, fragment]`: the share link's fragment
//!   (`model::share`), which the app puts in the address bar or copies;
//! - `["work", id, design JSON, kind, argument, argument]` → `["work", id, design JSON, ids,
//!   error]`: an editor's request (`editor::worked`) worked out: `paste` (a clip's text, and the
//!   point `x,y` to centre it on or nothing), `add_az` or `arrange` (a VPC's id); the changed
//!   design and the items to select one a line, or why nothing changed.
//!
//! Before any answer the loader (static/worker.js) posts `["ready"]` once the wasm runs: the app
//! gives each request a deadline from then on.

use std::rc::Rc;
use vpc_planner::editor::{self, Work};
use vpc_planner::model::clipboard::Clip;
use vpc_planner::model::design::Point;
use vpc_planner::model::{document, share, terraform, zip};

/// What the worker answers for one imported file. (Natively only the tests use it.)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Debug, PartialEq)]
struct Reply {
    kind: &'static str,
    notice: String,
    /// The imported design as design JSON; empty when nothing could be read.
    design: String,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn reply(name: &str, text: &str) -> Reply {
    let undo = "Undo (Ctrl+Z) brings your previous design back.";
    match terraform::import(text) {
        Ok(imported) if imported.problems.is_empty() => Reply {
            kind: "info",
            notice: format!("Imported {name}. {undo}"),
            design: document::to_json_compact(&imported.design),
        },
        Ok(imported) => {
            let n = imported.problems.len();
            let parts = if n == 1 {
                "1 part".to_string()
            } else {
                format!("{n} parts")
            };
            let mut notice =
                format!("Imported {name} without {parts} the planner cannot read. {undo}");
            for p in &imported.problems {
                // Line 0: the import could not find the block's line (a top-level attribute).
                notice += &if p.line == 0 {
                    format!("\n{}: {}", p.block, p.message)
                } else {
                    format!("\n{p}")
                };
            }
            Reply {
                kind: "warning",
                notice,
                design: document::to_json_compact(&imported.design),
            }
        }
        Err(e) => Reply {
            kind: "error",
            notice: format!(
                "{name} could not be imported: it is not Terraform (HCL): {e}. Your design is unchanged."
            ),
            design: String::new(),
        },
    }
}

/// main.tf for the design the app sent. The app writes that JSON itself, so an error here means
/// the two disagree (a version mismatch after a deploy, say); it is shown in the panel.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn main_tf(design_json: &str) -> Result<String, String> {
    let design = document::from_json(design_json)
        .map_err(|e| format!("the Terraform writer could not read the design: {e}"))?;
    Ok(terraform::export(&design))
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
fn zip_file(design_json: &str) -> Result<Vec<u8>, String> {
    let design = document::from_json(design_json)
        .map_err(|e| format!("the Terraform writer could not read the design: {e}"))?;
    let files = terraform::export_split(&design);
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Ok(zip::stored(&pairs))
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let message = js_sys::Array::from(&e.data());
            let part = |i| message.get(i).as_string().unwrap_or_default();
            let kind = part(0);
            let text = |s: &str| JsValue::from_str(s);
            let out: Vec<JsValue> = match kind.as_str() {
                "export" => {
                    let (hcl, error) = match main_tf(&part(2)) {
                        Ok(hcl) => (hcl, String::new()),
                        Err(e) => (String::new(), e),
                    };
                    vec![text("export"), message.get(1), text(&hcl), text(&error)]
                }
                "link" => vec![text("link"), message.get(1), text(&link(&part(2)))],
                "work" => {
                    let (design, ids, error) = match worked(&part(2), &part(3), &part(4), &part(5))
                    {
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
                "zip" => match zip_file(&part(1)) {
                    Ok(bytes) => vec![
                        text("zip"),
                        js_sys::Uint8Array::from(&bytes[..]).into(),
                        text(""),
                    ],
                    Err(e) => vec![text("zip"), JsValue::NULL, text(&e)],
                },
                // "import"; anything else reads as an empty file without a name.
                _ => {
                    let r = reply(&part(1), &part(2));
                    vec![
                        text("import"),
                        text(r.kind),
                        text(&r.notice),
                        text(&r.design),
                    ]
                }
            };
            let _ = answer.post_message(&out.into_iter().collect::<js_sys::Array>());
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "vpc-planner-worker is the browser's background worker: build it with `trunk build` (see README.md); natively, use `vpc-planner terraform` and `vpc-planner import`"
    );
    std::process::exit(2);
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_planner::model::design::Design;

    fn example(name: &str) -> Design {
        let path = format!("{}/static/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
        document::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn an_export_comes_back_as_the_design_the_app_opens() {
        for name in [
            "classic-private-endpoints",
            "hybrid-dns",
            "serverless-no-internet",
        ] {
            let design = example(name);
            let r = reply("main.tf", &terraform::export(&design));
            assert_eq!(
                (r.kind, r.notice.as_str()),
                (
                    "info",
                    "Imported main.tf. Undo (Ctrl+Z) brings your previous design back."
                ),
                "{name}"
            );
            let opened = document::from_json(&r.design).unwrap();
            assert_eq!(
                terraform::export(&opened),
                terraform::export(&design),
                "{name}"
            );
        }
    }

    #[test]
    fn main_tf_is_the_models_export_of_the_design_the_app_sent() {
        let design = example("classic-private-endpoints");
        assert_eq!(
            main_tf(&document::to_json_compact(&design)),
            Ok(terraform::export(&design))
        );
        let err = main_tf("{\"version\": 999}").unwrap_err();
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
        let bytes = zip_file(&document::to_json_compact(&design)).unwrap();
        let files = terraform::export_split(&design);
        assert!(files.len() >= 2);
        let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        assert_eq!(bytes, zip::stored(&pairs));
        // Each file's name and text are in the archive as they are (stored, not deflated).
        for (name, text) in &files {
            let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            assert!(find(name.as_bytes()) && find(text.as_bytes()), "{name}");
        }
        assert!(zip_file("not json").is_err());
    }

    #[test]
    fn an_unknown_block_is_named_with_its_line_and_the_rest_imports() {
        let text = "resource \"aws_vpc\" \"prod\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"aws_instance\" \"web\" {\n  name = \"web\"\n}\n";
        let r = reply("lb.tf", text);
        assert_eq!(r.kind, "warning");
        assert_eq!(
            r.notice,
            "Imported lb.tf without 1 part the planner cannot read. Undo (Ctrl+Z) brings your previous design back.\n\
             line 5: resource \"aws_instance\" \"web\": resource type aws_instance is not one the planner imports; left out"
        );
        let design = document::from_json(&r.design).unwrap();
        assert_eq!(
            design
                .vpcs
                .iter()
                .map(|v| v.cidr_blocks.clone())
                .collect::<Vec<_>>(),
            [vec!["10.0.0.0/16".to_string()]]
        );
    }

    #[test]
    fn text_that_is_not_hcl_is_an_error_with_its_place_and_no_design() {
        let r = reply("broken.tf", "resource \"aws_vpc\" {\n  cidr_block = \n");
        assert_eq!((r.kind, r.design.as_str()), ("error", ""));
        assert!(
            r.notice
                .starts_with("broken.tf could not be imported: it is not Terraform (HCL): line "),
            "{}",
            r.notice
        );
        assert!(
            r.notice.ends_with(". Your design is unchanged."),
            "{}",
            r.notice
        );
    }
}
