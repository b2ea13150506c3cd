//! The message loop of the browser's worker wasms (`worker.rs`, `importer.rs`): each message
//! the app posts is an array, and `answer` turns it into the array posted back, in order.

/// Answers every message the app posts with `answer`'s array.
#[cfg(target_arch = "wasm32")]
pub fn serve(answer: fn(&js_sys::Array) -> Vec<wasm_bindgen::JsValue>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let out = answer(&js_sys::Array::from(&e.data()));
            let _ = reply_to.post_message(&out.into_iter().collect::<js_sys::Array>());
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
}

/// Natively a worker wasm's bin only says what it is and what does its work there.
#[cfg(not(target_arch = "wasm32"))]
pub fn refuse(what: &str, natively: &str) -> ! {
    eprintln!("{what}: build it with `trunk build` (see README.md); natively, use {natively}");
    std::process::exit(2)
}

/// An example design of static/examples, for the bins' tests.
#[cfg(test)]
pub fn example(name: &str) -> vpc_planner::model::design::Design {
    let path = format!("{}/static/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    vpc_planner::model::document::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A message's string at `i`; empty when it is not one.
#[cfg(target_arch = "wasm32")]
pub fn part(message: &js_sys::Array, i: u32) -> String {
    message.get(i).as_string().unwrap_or_default()
}
