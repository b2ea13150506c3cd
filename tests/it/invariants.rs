//! Architecture invariants, checked on the source text of src/model:
//! the model knows nothing about the browser, and never unwraps or panics on its way.

use std::path::{Path, PathBuf};

fn model_sources() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src/model").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                out.push((path, text));
            }
        }
    }
    assert!(out.len() >= 10, "src/model has only {} files", out.len());
    out.sort();
    out
}

/// The text of a source file without comments and without `#[cfg(test)]` items (a test
/// module or function may use unwrap freely). Line numbers are kept.
fn code_outside_tests(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut skip_depth: Option<i32> = None;
    let mut pending_cfg_test = false;
    let mut depth = 0i32;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap_or("");
        let trimmed = line.trim();
        if trimmed.starts_with("#[cfg(test)]") {
            pending_cfg_test = true;
            continue;
        }
        let opens = line.matches('{').count() as i32;
        let closes = line.matches('}').count() as i32;
        if pending_cfg_test && opens > 0 && skip_depth.is_none() {
            skip_depth = Some(depth);
            pending_cfg_test = false;
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push((i + 1, line.to_string()));
    }
    out
}

#[test]
fn model_knows_nothing_of_the_browser() {
    let mut hits = Vec::new();
    for (path, text) in model_sources() {
        for (n, line) in text.lines().enumerate() {
            for word in ["yew", "web_sys", "web-sys", "gloo", "wasm_bindgen", "wasm-bindgen", "js_sys"] {
                if line.contains(word) {
                    hits.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(hits.is_empty(), "src/model names browser crates:\n{}", hits.join("\n"));
}

#[test]
fn model_never_unwraps_or_panics() {
    let mut hits = Vec::new();
    for (path, text) in model_sources() {
        for (n, line) in code_outside_tests(&text) {
            for bad in [".unwrap()", ".expect(", "panic!(", "unreachable!(", "todo!(", "unimplemented!("] {
                if line.contains(bad) {
                    hits.push(format!("{}:{n}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert!(hits.is_empty(), "src/model may panic on user data:\n{}", hits.join("\n"));
}

/// The scanner itself: it finds what it must and skips test code.
#[test]
fn scanner_sees_code_and_skips_tests() {
    let text = "fn a() { x.unwrap() }\n// y.unwrap()\n#[cfg(test)]\nmod tests {\n    fn b() {\n        z.unwrap();\n    }\n}\nfn c() { w.expect(\"e\") }\n";
    let kept: Vec<String> = code_outside_tests(text).into_iter().map(|(n, l)| format!("{n}: {l}")).collect();
    assert_eq!(kept, ["1: fn a() { x.unwrap() }", "2: ", "9: fn c() { w.expect(\"e\") }"]);
}
