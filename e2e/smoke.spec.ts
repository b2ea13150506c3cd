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
