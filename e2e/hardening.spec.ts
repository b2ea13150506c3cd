// Hardening on the built site: the Content-Security-Policy holds on the golden path, a panic
// shows the recovery screen, autosave keeps versions (across a shared link, two tabs, a full
// storage, a newer planner's save), and hostile names stay text.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import { dragFromPalette, newestAutosave, openTemplate, versionKeys, watchErrors } from './helpers';

/** Records what the Content-Security-Policy refused, from the first script on. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}

async function rename(page: Page, name: string) {
  const field = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name');
  await page.keyboard.press('Escape');
  await field.fill(name);
  await field.press('Enter');
  await expect(field).toHaveValue(name);
}

test('the golden path keeps to its own origin under the CSP, with no console error', async ({ page, baseURL }) => {
  await watchCsp(page);
  const errors = watchErrors(page);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  // The page carries the policy, and Trunk's loader is a file, not inline script.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("style-src 'self'");
  expect(await page.locator('script:not([src])').count()).toBe(0);

  // Draw, inspect, open every output tab, the cost bars, a template, the menu, the versions.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dragFromPalette(page, 'VPC', { x: 360, y: 260 });
  await expect(page.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' })).toBeVisible();
  await openTemplate(page, 'S3 gateway and Secrets Manager');
  for (const tab of ['DNS', 'Cost', 'Terraform']) await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('option', { name: 'EC2 instance app-b' }).click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Versions', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Autosaved versions' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Download the diagram as PNG' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();

  const offOrigin = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:' + origin));
  expect(offOrigin).toEqual([]);
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a panic shows the recovery screen, which downloads the design and reloads the autosave', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await rename(page, 'Before the crash');
  await expect.poll(async () => (await newestAutosave(page))?.name).toBe('Before the crash');

  await page.evaluate(() => window.dispatchEvent(new Event('vpc-planner:crash-test')));
  const screen = page.getByRole('alertdialog', { name: 'VPC Planner stopped working' });
  await expect(screen).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/recovery.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), screen.getByRole('link', { name: 'Download the current design' }).click()]);
  expect(download.suggestedFilename()).toBe('design.json');
  const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(saved.name).toBe('Before the crash');
  expect(saved.vpcs.map((v: any) => v.name)).toContain('prod');

  await screen.getByRole('link', { name: 'Reload the last autosave' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name')).toHaveValue('Before the crash');
});

test('a shared link opened over local work keeps that work one click away', async ({ page, browser }) => {
  // A link made elsewhere: a design with one VPC named "linked".
  const other = await browser.newContext();
  const maker = await other.newPage();
  await maker.goto('/');
  await maker.getByRole('button', { name: 'New', exact: true }).click();
  await dragFromPalette(maker, 'VPC', { x: 360, y: 260 });
  await rename(maker, 'From the link');
  await maker.getByRole('button', { name: 'Copy link' }).click();
  const link = await maker.getByRole('textbox', { name: 'Share link' }).inputValue();
  await other.close();

  await page.goto('/');
  await rename(page, 'My local work');
  await expect.poll(async () => (await newestAutosave(page))?.name).toBe('My local work');
  await page.goto('about:blank');
  await page.goto(link);
  const name = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name');
  await expect(name).toHaveValue('From the link');
  const notice = page.getByRole('status').filter({ hasText: 'Your previous work' });
  await expect(notice).toContainText('"My local work"');
  await page.screenshot({ path: 'e2e/screenshots/restore-after-link.png' });
  await notice.getByRole('button', { name: 'Restore it' }).click();
  await expect(name).toHaveValue('My local work');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  // Undo returns to the link's design.
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('From the link');
});

test('two tabs keep their own versions and say so; Versions opens either', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await rename(first, 'Tab one');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name')).toHaveValue('Tab one');
  await rename(second, 'Tab two');
  // The first tab hears of the second's save and says so.
  await expect(first.getByRole('status').filter({ hasText: 'open in another tab' })).toBeVisible();
  await rename(first, 'Tab one, later');
  await expect.poll(async () => (await versionKeys(first)).length).toBe(2);

  await second.bringToFront();
  await second.getByRole('button', { name: 'Versions', exact: true }).click();
  const dialog = second.getByRole('dialog', { name: 'Autosaved versions' });
  await expect(dialog.getByRole('listitem')).toHaveCount(2);
  await expect(dialog.getByRole('listitem').first()).toContainText('Tab one, later');
  await expect(dialog.getByRole('listitem').nth(1)).toContainText('this tab');
  await second.screenshot({ path: 'e2e/screenshots/versions.png' });
  await dialog.getByRole('listitem').first().getByRole('button', { name: 'Open' }).click();
  await expect(second.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name')).toHaveValue('Tab one, later');
});

test('a message arriving while a field is being typed in leaves the typing as it is', async ({ context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const field = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name');
  await field.fill('Typed, not yet committed');
  // Another tab saves: this one says so, a change of the app's state but not of the design.
  await other.evaluate(() => localStorage.setItem('vpc-planner.save.1.othertab', '1 {}'));
  await expect(page.getByRole('status').filter({ hasText: 'open in another tab' })).toBeVisible();
  await expect(field).toHaveValue('Typed, not yet committed');
  await field.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Typed, not yet committed');
});

test('full storage gives a message, and the work goes on', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('vpc-planner.save.')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await page.goto('/');
  await rename(page, 'Nowhere to save');
  await expect(page.getByRole('alert')).toContainText("Autosave failed: the browser's storage for this page is full");
  // Still working: an edit after the message is drawn.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dragFromPalette(page, 'VPC', { x: 360, y: 260 });
  await expect(page.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a newer planner's autosave is left untouched, with a message", async ({ page }) => {
  const newer = `${Date.now()} {"version":99,"region":"us-east-1","name":"from the future","hologram":true}`;
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('vpc-planner.save.1.future', value);
      sessionStorage.setItem('seeded', '1');
    }
  }, newer);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'made by a newer VPC Planner' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await rename(page, 'Work of today');
  await expect.poll(async () => (await newestAutosave(page))?.name).toBe('Work of today');
  expect(await page.evaluate(() => localStorage.getItem('vpc-planner.save.1.future'))).toBe(newer);
  await page.getByRole('button', { name: 'Versions', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Autosaved versions' })).toContainText('Made by a newer VPC Planner');
});

test('hostile names render as text in the canvas, the inspector and the Terraform', async ({ page }) => {
  await watchCsp(page);
  const errors = watchErrors(page);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto('/');
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>${var.x}"\u202e🦀';
  await rename(page, hostile);
  // Selected from the keyboard (Tab reaches it; Enter selects).
  await page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' }).focus();
  await page.keyboard.press('Enter');
  const vpcName = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name', { exact: true });
  await vpcName.fill(hostile);
  await vpcName.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Canvas' })).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.getByRole('region', { name: 'Terraform' })).toContainText('$${var.x}');
  expect(await page.locator('img[src="x"], body script:not([src])').count()).toBe(0);
  // It survives a reload (the autosave) and a share link.
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Canvas' })).toContainText('<img src=x onerror=alert(1)><script>ale…');
  await page.getByRole('option', { name: /^VPC <img src=x/ }).focus();
  await page.keyboard.press('Enter');
  await expect(vpcName).toHaveValue(hostile);
  // A 100,000-character name: drawn clipped, kept whole, and the page still answers.
  const long = 'ab<i>'.repeat(20_000);
  await vpcName.fill(long);
  await vpcName.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Canvas' })).toContainText('ab<i>ab<i>');
  await expect(page.getByRole('region', { name: /Problems/ })).toContainText('100000 characters');
  await page.reload();
  await page.getByRole('option', { name: /^VPC ab<i>/ }).focus();
  await page.keyboard.press('Enter');
  expect((await vpcName.inputValue()).length).toBe(100_000);
  expect(dialogs).toBe(0);
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('an edit made just before the page is left is saved, and offered back', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  // The opened design's link is in the address bar (the background worker writes it).
  await page.waitForURL(/#v4\./);
  // The change and the reload in one task: the deferred autosave has not run yet when the page
  // is left, so only the pagehide flush can keep it.
  await page.evaluate(() => {
    const field = document.getElementById('design-name') as HTMLInputElement;
    field.value = 'Saved on the way out';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    location.reload();
  });
  // The address bar still held the link from before the edit, so the page reopens that; the
  // edit was saved and is one click away.
  const notice = page.getByRole('status').filter({ hasText: 'Your previous work' });
  await expect(notice).toContainText('"Saved on the way out"');
  await notice.getByRole('button', { name: 'Restore it' }).click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name')).toHaveValue('Saved on the way out');
});
