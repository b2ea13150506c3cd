// Starts the background worker (src/bin/worker.rs): wasm-bindgen's glue, then the
// wasm. Written here rather than taken from Trunk's data-loader-shim, which passes the wasm path
// in a form wasm-bindgen warns about and leaves a failed wasm download unreported. Requests the
// app posts while the wasm loads wait, then go to the handler the wasm installs; a failure is
// rethrown from a timer, which reaches the app as the Worker's error event. "ready" tells the
// app the wasm runs: from then on it gives each request a deadline (src/ui/worker.rs).
const early = [];
onmessage = (e) => early.push(e);
importScripts('./vpc-planner-worker.js');
wasm_bindgen({ module_or_path: './vpc-planner-worker_bg.wasm' }).then(
  () => {
    postMessage(['ready']);
    early.forEach((e) => onmessage(e));
  },
  (e) => setTimeout(() => { throw e; }),
);
