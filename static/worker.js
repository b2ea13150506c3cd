// Starts the background worker (src/bin/worker.rs) or the importer: wasm-bindgen's glue, then the
// wasm. Written here rather than taken from Trunk's data-loader-shim, which passes the wasm path
// in a form wasm-bindgen warns about and leaves a failed wasm download unreported. Requests the
// app posts while the wasm loads wait, then go to the handler the wasm installs; a failure is
// rethrown from a timer, which reaches the app as the Worker's error event. "ready" tells the
// app the wasm runs: from then on it gives each request a deadline (src/ui/worker.rs).
const early = [];
onmessage = (e) => early.push(e);
// `worker.js?importer` starts the importer (src/bin/importer.rs) instead, the same way.
const bin = self.location.search === '?importer' ? 'vpc-planner-importer' : 'vpc-planner-worker';
importScripts(`./${bin}.js`);
wasm_bindgen({ module_or_path: `./${bin}_bg.wasm` }).then(
  () => {
    postMessage(['ready']);
    early.forEach((e) => onmessage(e));
  },
  (e) => setTimeout(() => { throw e; }),
);
