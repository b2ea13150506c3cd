// Smoke test: the release bundle loads in Chromium, names itself, and logs no errors.
import { test, expect } from '@playwright/test';

test('the app loads without console errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));

  const wasm = page.waitForResponse((res) => res.url().endsWith('.wasm'));
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  expect((await wasm).status()).toBe(200);

  await expect(page).toHaveTitle(/VPC Planner/);
  // Let the wasm start and render; a panic would show up as a console error.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('body *:visible').first()).toBeVisible();

  await page.screenshot({ path: 'e2e/screenshots/smoke.png', fullPage: true });
  expect(problems, problems.join('\n')).toEqual([]);
});

test('the app\'s frame shows while the wasm loads, says so when loading is slow, and goes when the app starts', async ({ page }) => {
  // The app's wasm never arrives: the page's frame stays, with the word that it is loading.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'VPC Planner' })).toHaveCount(0); // the frame's toolbar is decoration
  await expect(page.getByRole('status')).toContainText('Loading VPC Planner…');
  await expect.poll(() => page.getByText('Loading VPC Planner…').evaluate((el) => getComputedStyle(el).opacity), { timeout: 5000 }).toBe('1');
  // With the wasm, the app takes the frame's place: one toolbar, no loading word.
  await page.unroute('**/*.wasm');
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Canvas' }).getByRole('option').first()).toBeVisible();
  await expect(page.getByText('Loading VPC Planner…')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
});
