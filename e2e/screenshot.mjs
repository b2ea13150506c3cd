// Not a test: opens a design link in headless Chromium and saves screenshots, for looking at
// the drawing, the inspector and the DNS and Cost tabs by eye. usage: node e2e/screenshot.mjs URL OUTDIR
import { chromium } from '@playwright/test';

const [url, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(url);
const canvas = page.getByRole('listbox', { name: 'Canvas' });
// Any design: its first VPC stands for the drawing being there.
const firstVpc = canvas.getByRole('option', { name: /^VPC / }).first();
await firstVpc.waitFor();
await page.screenshot({ path: `${out}/canvas.png` });
for (const [name, file] of [[/^Transit gateway/, 'tgw'], [/^Peering connection/, 'pcx'], [/^On-premises network dc/, 'onprem']]) {
  // A design need not hold every kind; say which were skipped rather than time out.
  const option = canvas.getByRole('option', { name }).first();
  if ((await option.count()) === 0) {
    console.log(`no ${file} in this design: skipped`);
    continue;
  }
  await option.focus();
  await page.screenshot({ path: `${out}/${file}.png` });
}
await firstVpc.focus();
const groups = page.getByRole('region', { name: 'Security groups' });
await groups.scrollIntoViewIfNeeded();
await page.screenshot({ path: `${out}/vpc-sg.png` });
const acls = page.getByRole('region', { name: 'Network ACLs' });
await acls.scrollIntoViewIfNeeded();
await page.screenshot({ path: `${out}/vpc-acl.png` });
// The output tabs under the canvas.
for (const [tab, file] of [['DNS', 'dns'], ['Cost', 'cost']]) {
  await page.getByRole('tab', { name: tab }).click();
  const panel = page.getByRole('tabpanel');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/${file}.png`, fullPage: true });
}
await browser.close();
