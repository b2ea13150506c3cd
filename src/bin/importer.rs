//! The browser's importer (`vpc-planner-importer`): a web worker that Trunk builds beside the
//! app (index.html, `data-type="worker"`) and the app starts on the first import, through the
//! same loader as the background worker (static/worker.js). It is a wasm of its own because the
//! HCL parser (hcl-edit, under hcl-rs) and the Terraform reader are needed only then: every
//! other visit downloads neither.
//!
//! Message (the app's side is src/ui/worker.rs): `["import", file name, file text]` →
//! `["import", kind, notice, design JSON]`, one per file, in order, where kind is `info` (all
//! imported), `warning` (imported without what the notice lists, a block and its line each) or
//! `error` (nothing could be read; no design). The design is written by the model's own JSON
//! writer (document.rs) and read by the app like any file. As for the worker, the loader posts
//! `["ready"]` first.

#[path = "common/host.rs"]
mod host;

use vpc_planner::model::{document, terraform};

/// What the importer answers for one file. (Natively only the tests use it.)
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

#[cfg(target_arch = "wasm32")]
fn main() {
    // Every message is an import: anything else reads as an empty file without a name.
    host::serve(|message| {
        let r = reply(&host::part(message, 1), &host::part(message, 2));
        ["import", r.kind, &r.notice, &r.design]
            .into_iter()
            .map(wasm_bindgen::JsValue::from_str)
            .collect()
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    host::refuse(
        "vpc-planner-importer is the browser's Terraform importer",
        "`vpc-planner import`",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use host::example;

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
