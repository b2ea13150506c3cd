// Cost on the built site: the Cost tab shows the monthly total and its breakdown, updates as the
// design changes, and applies advice in one undoable step; a flow's tooltip says what it costs.
// The amounts are us-east-1 prices from the catalogue (aws-networking.md §5), worked out in
// tests/scenarios/cost.
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers';

test('deleting the S3 gateway endpoint shows the NAT cost, and the advice puts it back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  await expect(canvas.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await page.getByRole('tab', { name: 'Cost' }).click();
  const panel = page.getByRole('region', { name: 'Cost' });
  // NAT $32.85 + its IP $3.65, Secrets Manager endpoint 2 AZ $14.60 + $0.01, SaaS flow through NAT $2.25 + cross-AZ $1.00.
  await expect(panel.getByRole('status')).toHaveText('$54.36 / month');
  await expect(panel.getByRole('list', { name: 'By category' })).toContainText('NAT gateways');

  // Without the gateway endpoint, 700 GB to S3 pay NAT processing ($31.50) and app-b's 200 GB
  // cross into the NAT gateway's AZ (200 × 2 × $0.01 = $4.00).
  await canvas.getByRole('option', { name: /^Gateway endpoint s3-gateway/ }).click();
  await page.keyboard.press('Delete');
  await expect(panel.getByRole('status')).toHaveText('$89.86 / month');
  await expect(canvas.getByRole('option', { name: /^Flow app-b to s3/ }).locator('title')).toContainText('Cost: $13.00 a month');
  const advice = panel.getByRole('list', { name: 'Advice' });
  await expect(advice).toContainText('Add a gateway endpoint for Amazon S3 to VPC prod');
  await expect(advice).toContainText('saves $35.50 / month');

  await panel.getByRole('button', { name: 'Apply: Add a gateway endpoint for Amazon S3 to VPC prod' }).click();
  await expect(panel.getByRole('status')).toHaveText('$54.36 / month');
  await expect(canvas.getByRole('option', { name: /^Gateway endpoint s3-gateway/ })).toBeVisible();
  await page.screenshot({ path: 'target/cost-panel.png' });
  // One step each: undo brings the NAT cost back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByRole('status')).toHaveText('$89.86 / month');

  // A Region the catalogue has no prices for says so instead of guessing.
  await panel.getByLabel('Region').selectOption('sa-east-1');
  await expect(panel).toContainText('not in the price catalogue');
  await expect(panel.getByRole('status')).toHaveText('$0.00 / month');
  expect(errors).toEqual([]);
});
