// Browser benchmark: time from navigation to the first canvas in headless Chromium, against a
// baseline measured in the same run (a static page with the same stylesheet and an inline SVG,
// no WebAssembly), so the number says what the app itself costs on this machine.
//
// usage: node bench/first-paint.mjs [runs]     (after `trunk build --release`; serves dist/)
// Prints a table of medians and percentiles, in milliseconds.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';

const runs = Number(process.argv[2] ?? 15);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('dist/ is missing: run `trunk build --release` (or scripts/test.sh web) first');
  process.exit(2);
}

// A copy of dist/ plus the baseline page, served from one origin.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'vpc-bench-'));
fs.cpSync(dist, site, { recursive: true });
const css = fs.readdirSync(dist).find((f) => f.endsWith('.css'));
fs.writeFileSync(path.join(site, 'baseline.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="icon" href="data:,"><link rel="stylesheet" href="/${css}"></head><body>
<svg class="canvas" width="800" height="600" role="listbox" aria-label="Canvas">
<g role="option" aria-label="VPC baseline"><rect x="40" y="40" width="600" height="400" class="vpc-box"/></g></svg>
<script>performance.mark('vpc-planner:canvas')</script></body></html>`);

const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', site], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 600));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function measure(url) {
  // A fresh context each time: no HTTP cache, no localStorage, nothing compiled before.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('listbox', { name: 'Canvas' }).getByRole('option').first().waitFor();
  // One more frame, so the canvas is painted, not only in the DOM.
  const t = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => {
    const mark = performance.getEntriesByName('vpc-planner:canvas')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({ canvas: mark ? mark.startTime : NaN, fcp: fcp ? fcp.startTime : NaN, painted: performance.now() });
  })));
  await context.close();
  return t;
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const results = { baseline: [], app: [] };
for (let i = 0; i < runs; i++) {
  // Interleaved, so both see the same machine load.
  results.baseline.push(await measure(`http://127.0.0.1:${port}/baseline.html`));
  results.app.push(await measure(`http://127.0.0.1:${port}/`));
}
await browser.close();
server.kill();
fs.rmSync(site, { recursive: true, force: true });

console.log(`first canvas paint, headless Chromium, ${runs} cold loads each (ms since navigation start)`);
console.log('page       | FCP p50 | canvas in DOM p50 | canvas painted p50 | painted p90 | painted max');
for (const [name, xs] of Object.entries(results)) {
  const painted = xs.map((x) => x.painted);
  console.log(`${name.padEnd(10)} | ${pct(xs.map((x) => x.fcp), 0.5).toFixed(0).padStart(7)} | ${pct(xs.map((x) => x.canvas), 0.5).toFixed(0).padStart(17)} | ${pct(painted, 0.5).toFixed(0).padStart(18)} | ${pct(painted, 0.9).toFixed(0).padStart(11)} | ${Math.max(...painted).toFixed(0).padStart(11)}`);
}
