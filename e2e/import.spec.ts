// Import .tf: Terraform read back into a design by the background worker (a wasm of its own that
// the page downloads after its first paint), through the Terraform panel's file picker and
// by dropping a file on the canvas. One undo step; what can't be read is listed, the rest opens.
import { test, expect, Locator, Page } from '@playwright/test';
import * as fs from 'fs';
import { openTemplate, watchErrors } from './helpers';

const canvas = (page: Page) => page.getByRole('listbox', { name: 'Canvas' });

/** Every item's accessible name on the canvas, in order. */
async function canvasNames(page: Page): Promise<string[]> {
  return canvas(page).getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Milliseconds from choosing a file in the picker to the notice that it was imported, timed in
 *  the page (the "Importing…" notice first, then "Imported…"). */
async function timedImport(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<number> {
  await page.evaluate(() => {
    (window as any).importTook = new Promise<number>((resolve) => {
      const t0 = performance.now();
      let started = false;
      const status = () => [...document.querySelectorAll('[role=status]')].map((e) => e.textContent).join(' ');
      const observer = new MutationObserver(() => {
        started ||= status().includes('Importing');
        if (started && status().includes('Imported')) {
          observer.disconnect();
          resolve(performance.now() - t0);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  });
  await page.getByRole('region', { name: 'Terraform' }).getByLabel('Import a Terraform file').setInputFiles(file);
  return page.evaluate(() => (window as any).importTook);
}

async function openExample(page: Page, title: string) {
  await openTemplate(page, title);
}

// An unknown resource type between two the planner reads: it is named with its line, the
// others import.
const PARTIAL_TF = `resource "aws_vpc" "edge" {
  cidr_block = "10.9.0.0/16"
}

resource "aws_instance" "web" {
  name = "web"
}

resource "aws_subnet" "edge_a" {
  vpc_id            = aws_vpc.edge.id
  cidr_block        = "10.9.1.0/24"
  availability_zone = "us-east-1a"
}
`;

test('an exported main.tf imports back through the file picker as the same design, in one undo step', async ({ page }) => {
  const errors = watchErrors(page);
  const workerRequests: string[] = [];
  page.on('request', (r) => { if (/worker\.js|vpc-planner-(worker|importer)/.test(r.url())) workerRequests.push(r.url()); });
  const fetched = (file: string) => workerRequests.filter((u) => u.endsWith(`/${file}`)).length;
  await page.goto('/');
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const code = page.getByLabel('main.tf');
  const terraform = page.getByRole('region', { name: 'Terraform' });

  // The largest example, exported through the panel's download.
  await openExample(page, 'Hybrid DNS over a VPN to a virtual private gateway');
  await expect(code).toContainText('aws_route53_resolver_endpoint');
  const hybridTf = await code.textContent();
  const hybridNames = await canvasNames(page);
  const [download] = await Promise.all([page.waitForEvent('download'), terraform.getByRole('button', { name: 'Download main.tf' }).click()]);
  const file = (await download.path())!;
  expect(fs.readFileSync(file, 'utf8')).toBe(hybridTf);

  // Something else in its place, then the file imported over it.
  await openExample(page, 'Serverless without internet: DynamoDB, SQS and STS endpoints');
  await expect(code).toContainText('resource "aws_vpc" "orders"');
  const serverlessTf = await code.textContent();
  const serverlessNames = await canvasNames(page);
  expect(serverlessNames).not.toEqual(hybridNames);
  // The worker that wrote the panel's main.tf is fetched once; the importer, with the HCL
  // parser, not until a file is imported.
  expect(fetched('vpc-planner-worker_bg.wasm')).toBe(1);
  expect(fetched('vpc-planner-importer_bg.wasm')).toBe(0);

  const mainTf = { name: 'main.tf', mimeType: 'text/plain', buffer: fs.readFileSync(file) };
  const first = await timedImport(page, mainTf);
  await expect(page.getByRole('status')).toHaveText(/Imported main\.tf\. Undo \(Ctrl\+Z\) brings your previous design back\./);
  // The worker writes the imported design's main.tf after the frame that shows it.
  await expect.poll(() => code.textContent()).toBe(hybridTf);
  expect(await canvasNames(page)).toEqual(hybridNames);
  expect(fetched('vpc-planner-worker_bg.wasm')).toBe(1);
  expect(fetched('vpc-planner-importer_bg.wasm')).toBe(1);

  // One undo step brings the design before the import back; redo imports again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => code.textContent()).toBe(serverlessTf);
  expect(await canvasNames(page)).toEqual(serverlessNames);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => code.textContent()).toBe(hybridTf);

  // Again, with the worker running: the time of the import itself.
  const again = await timedImport(page, mainTf);
  expect(await code.textContent()).toBe(hybridTf);
  fs.mkdirSync('target', { recursive: true });
  fs.writeFileSync('target/import-timing.txt',
    `importing the hybrid-dns example's main.tf (${hybridTf!.length} bytes): first import ${first.toFixed(0)} ms (the importer's download and start included), again ${again.toFixed(0)} ms\n`);
  expect(errors).toEqual([]);
});

test('a block the planner cannot read is listed with its line, the rest imports; a file that is not HCL changes nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const picker = page.getByRole('region', { name: 'Terraform' }).getByLabel('Import a Terraform file');

  await picker.setInputFiles({ name: 'partial.tf', mimeType: 'text/plain', buffer: Buffer.from(PARTIAL_TF) });
  const notice = page.getByRole('status');
  await expect(notice).toContainText('Imported partial.tf without 1 part the planner cannot read.');
  await expect(notice).toContainText('line 5: resource "aws_instance" "web": resource type aws_instance is not one the planner imports; left out');
  await expect(canvas(page).getByRole('option', { name: 'VPC edge 10.9.0.0/16' })).toBeVisible();
  await expect(canvas(page).getByRole('option', { name: /^Subnet edge_a 10\.9\.1\.0\/24/ })).toBeVisible();
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/import-message.png' });

  await notice.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(notice).toHaveCount(0);

  const before = await page.getByLabel('main.tf').textContent();
  await picker.setInputFiles({ name: 'broken.tf', mimeType: 'text/plain', buffer: Buffer.from('resource "aws_vpc" {\n  cidr_block = \n') });
  await expect(page.getByRole('alert')).toContainText(/broken\.tf could not be imported: it is not Terraform \(HCL\): line \d+, column \d+: .*Your design is unchanged\./);
  expect(await page.getByLabel('main.tf').textContent()).toBe(before);
  await expect(canvas(page).getByRole('option', { name: 'VPC edge 10.9.0.0/16' })).toBeVisible();
  expect(errors).toEqual([]);
});

/** Drops a file on the canvas as a browser does: dragover (which the canvas must accept), then drop. */
async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'text/plain' }));
    return dt;
  }, [name, text]);
  const accepted = await canvas(page).evaluate((el, dt) => {
    const over = new DragEvent('dragover', { dataTransfer: dt as DataTransfer, bubbles: true, cancelable: true });
    el.dispatchEvent(over);
    return over.defaultPrevented;
  }, dataTransfer);
  expect(accepted).toBe(true);
  await canvas(page).dispatchEvent('drop', { dataTransfer });
}

test('a .tf or a design .json dropped on the canvas opens, undoably', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();

  await dropFile(page, 'dropped.tf', PARTIAL_TF);
  await expect(page.getByRole('status')).toContainText('Imported dropped.tf without 1 part');
  await expect(canvas(page).getByRole('option', { name: 'VPC edge 10.9.0.0/16' })).toBeVisible();

  const serverless = fs.readFileSync('static/examples/serverless-no-internet.json', 'utf8');
  await dropFile(page, 'serverless.json', serverless);
  await expect(page.getByRole('status')).toContainText('Opened serverless.json.');
  await expect(page.getByLabel('main.tf')).toContainText('resource "aws_vpc" "orders"');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvas(page).getByRole('option', { name: 'VPC edge 10.9.0.0/16' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a design that gives one id to two items draws both, and Undo takes both away', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await dropFile(page, 'duplicates.json', fs.readFileSync('tests/scenarios/duplicate-ids.json', 'utf8'));
  await expect(page.getByRole('status')).toContainText('Opened duplicates.json.');
  await expect(canvas(page).getByRole('option', { name: 'VPC main 10.0.0.0/16' })).toBeVisible();
  await expect(canvas(page).getByRole('option', { name: 'VPC main 10.1.0.0/16' })).toBeVisible();
  await expect(canvas(page).getByRole('option', { name: /^Subnet subnet-1 / })).toHaveCount(2);
  // Each item with the id carries the problem: in its description and as a badge.
  for (const name of ['VPC main 10.0.0.0/16', 'VPC main 10.1.0.0/16', 'Amazon S3 vpc-1']) {
    await expect(canvas(page).getByRole('option', { name })).toHaveAttribute('aria-description', '1 problem: the id vpc-1 is used by more than one item');
  }
  // The problems list names the clash; the canvas keeps drawing as the design changes.
  await expect(page.getByRole('region', { name: /Problems/ })).toContainText('vpc-1');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await expect(canvas(page).getByRole('option', { name: /^VPC main / })).toHaveCount(0);
  await expect(canvas(page).getByRole('option', { name: /^Subnet subnet-1 / })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a background worker that fails to load says so in the panel and on import, keeps the design, and the next request starts it again', async ({ page }) => {
  // Both workers fail: the background worker (main.tf, links, pastes) and the importer.
  const workers = '**/vpc-planner-{worker,importer}_bg.wasm';
  await page.route(workers, (route) => route.abort());
  await page.goto('/');
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const terraform = page.getByRole('region', { name: 'Terraform' });
  await expect(terraform.getByRole('alert')).toContainText('Terraform could not be written: The background worker failed to load or stopped.');
  await expect(terraform).toContainText('main.tf · not written');
  await expect(terraform.getByRole('button', { name: 'Download main.tf' })).toBeDisabled();
  const picker = terraform.getByLabel('Import a Terraform file');

  await picker.setInputFiles({ name: 'partial.tf', mimeType: 'text/plain', buffer: Buffer.from(PARTIAL_TF) });
  await expect(page.getByRole('alert').filter({ hasText: 'Your design is unchanged' })).toHaveText(/The background worker failed to load or stopped\. Your design is unchanged\./);
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/worker-failed.png' });
  // Copy link still gives a link that opens the design: written by the page, uncompressed.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v1\./);
  const other = await page.context().browser()!.newContext();
  const elsewhere = await other.newPage();
  await elsewhere.route('**/vpc-planner-worker_bg.wasm', (route) => route.abort());
  await elsewhere.goto(link);
  await expect(canvas(elsewhere).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await other.close();
  await page.getByRole('button', { name: 'Close' }).click();
  // Duplicate is worked out by the worker too: it says why nothing was pasted.
  const icons = await canvas(page).getByRole('option', { name: /^EC2 instance / }).count();
  await canvas(page).getByRole('option', { name: 'EC2 instance app-a' }).click();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was pasted' })).toContainText('Nothing was pasted: The background worker failed to load or stopped');
  await expect(canvas(page).getByRole('option', { name: /^EC2 instance / })).toHaveCount(icons);
  await page.screenshot({ path: 'target/paste-worker-failed.png' });

  await page.unroute(workers);
  await picker.setInputFiles({ name: 'partial.tf', mimeType: 'text/plain', buffer: Buffer.from(PARTIAL_TF) });
  await expect(page.getByRole('status')).toContainText('Imported partial.tf without 1 part');
  await expect(canvas(page).getByRole('option', { name: 'VPC edge 10.9.0.0/16' })).toBeVisible();
  // The import changed the design: its main.tf is written, and the message is gone.
  await expect(page.getByLabel('main.tf')).toContainText('resource "aws_vpc" "edge"');
  await expect(terraform.getByRole('alert')).toHaveCount(0);
});

test('after a failed background worker, Try again writes main.tf without a change to the design', async ({ page }) => {
  await page.route('**/vpc-planner-worker_bg.wasm', (route) => route.abort());
  await page.goto('/');
  const terraform = page.getByRole('region', { name: 'Terraform' });
  await expect(terraform.getByRole('alert')).toContainText('The background worker failed to load or stopped.');
  await page.unroute('**/vpc-planner-worker_bg.wasm');
  await terraform.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByLabel('main.tf')).toContainText('resource "aws_vpc" "prod"');
  await expect(terraform.getByRole('alert')).toHaveCount(0);
  await expect(terraform.getByRole('button', { name: 'Download main.tf' })).toBeEnabled();
});

/** Moves the page's clock on a second at a time until `shown` is visible; returns the seconds
 *  moved. Stepping, rather than one jump, leaves no race with the worker's "ready", which
 *  arrives in real time and starts the deadline; the clock also runs on in real time meanwhile
 *  (a second or two), so a 20 s deadline shows after 18–20 steps. */
async function secondsUntil(page: Page, shown: Locator): Promise<number> {
  let seconds = 0;
  await expect(async () => {
    await page.clock.fastForward(1_000);
    seconds += 1;
    await expect(shown).toBeVisible({ timeout: 50 });
  }).toPass({ timeout: 60_000, intervals: [0] });
  expect(seconds).toBeLessThanOrEqual(21);
  return seconds;
}

test('a worker that loads but never answers is stopped after its 20 s: what waited says so, nothing changes, and the next request starts a working one', async ({ page }) => {
  // The page's clock is driven by the test, so the 20 s pass at once; the worker's is not.
  await page.clock.install();
  // A loader that says it is ready and then ignores every request, as a worker stuck in a loop would.
  await page.route('**/worker.js', (route) =>
    route.fulfill({ contentType: 'application/javascript', body: "postMessage(['ready']); onmessage = () => {};" }));
  await page.goto('/');
  await expect(canvas(page).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const terraform = page.getByRole('region', { name: 'Terraform' });
  await expect(terraform).toContainText('main.tf · writing');
  const unwritten = terraform.getByRole('alert').filter({ hasText: 'Terraform could not be written: The background worker did not answer in time.' });
  expect(await secondsUntil(page, unwritten)).toBeGreaterThanOrEqual(15);

  const icons = await canvas(page).getByRole('option', { name: /^EC2 instance / }).count();
  await canvas(page).getByRole('option', { name: 'EC2 instance app-a' }).click();
  await page.keyboard.press('Control+d');
  const unpasted = page.getByRole('alert').filter({ hasText: 'Nothing was pasted: The background worker did not answer in time' });
  expect(await secondsUntil(page, unpasted)).toBeGreaterThanOrEqual(15);
  await expect(canvas(page).getByRole('option', { name: /^EC2 instance / })).toHaveCount(icons);
  await page.screenshot({ path: 'target/worker-hung.png' });

  // The stuck worker was stopped; with the real one served again, the next request works.
  await page.unroute('**/worker.js');
  await canvas(page).getByRole('option', { name: 'EC2 instance app-a' }).click();
  await page.keyboard.press('Control+d');
  await expect(canvas(page).getByRole('option', { name: /^EC2 instance / })).toHaveCount(icons + 1);
  // The paste changed the design, so main.tf is asked for again, of the new worker.
  await expect(page.getByLabel('main.tf')).toContainText('resource "aws_vpc" "prod"');
  await expect(terraform.getByRole('alert')).toHaveCount(0);
});
