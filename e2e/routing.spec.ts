// Routing on the built site: a selected flow shows its path hop by hop on the canvas and in the
// inspector, with its verdict; a flow drawn from a node's handle gets traced at once; a flow
// that AWS would drop says why.
// Locators use roles and accessible names, except the path overlay, which is drawing only
// (aria-hidden) and is checked by its class.
import { test, expect } from '@playwright/test';
import { centreOf, watchErrors } from './helpers';

test('a flow shows its path and verdict; a drawn flow is traced; a dropped flow says why', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(canvas.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();

  // The SaaS flow leaves through NAT and the internet gateway.
  await canvas.getByRole('option', { name: /^Flow app-b to the internet/ }).click();
  const path = inspector.getByRole('region', { name: 'Path' });
  await expect(path.getByRole('status')).toHaveText('Internet, via NAT gateway nat-a and internet gateway prod-igw');
  await expect(path.getByRole('listitem')).toHaveCount(5);
  await expect(path).toContainText('route 0.0.0.0/0 → NAT gateway nat-a');
  await expect(page.locator('svg .path.verdict-internet .path-line')).toHaveCount(1);
  // The drawn path has its steps in words too (the analysis traces without them): a tooltip
  // at each stop, and the route that decided beside it.
  await expect(page.locator('svg .path .hop title').first()).toContainText('app-b');
  await expect(page.locator('svg .path .hop title').first()).toContainText('sends TCP');
  await expect(page.locator('svg .path .hop-route').first()).toHaveText('0.0.0.0/0 → NAT gateway nat-a');

  // Draw a new flow from app-a's handle onto the S3 icon: it goes through the gateway endpoint.
  await canvas.getByRole('option', { name: 'EC2 instance app-a' }).click();
  const handle = page.getByRole('button', { name: 'Draw a flow from app-a' });
  const from = await centreOf(handle);
  const to = await centreOf(canvas.getByRole('option', { name: 'Amazon S3 s3' }));
  const before = await canvas.getByRole('option', { name: /^Flow / }).count();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
  await expect(canvas.getByRole('option', { name: /^Flow / })).toHaveCount(before + 1);
  await expect(inspector.getByRole('heading', { name: 'Flow' })).toBeVisible();
  await expect(path.getByRole('status')).toHaveText('Private');
  await expect(path).toContainText('gateway endpoint s3-gateway carries it to Amazon S3');
  await expect(page.locator('svg .path.verdict-private .path-line')).toHaveCount(1);
  await page.screenshot({ path: 'target/routing-path.png' });

  // Take the NAT route away from the private table: the SaaS flow is dropped, with the reason
  // on the flow and a red badge.
  await canvas.getByRole('option', { name: 'Subnet private-b 10.0.11.0/24' }).click();
  const routes = inspector.getByRole('table', { name: 'Effective routes of subnet private-b' });
  await expect(routes).toContainText('0.0.0.0/0');
  await expect(routes).toContainText('com.amazonaws.us-east-1.s3');
  await canvas.getByRole('option', { name: 'NAT gateway nat-a' }).click();
  await page.keyboard.press('Delete');
  const saas = canvas.getByRole('option', { name: /^Flow app-b to the internet/ });
  await expect(saas).toHaveAttribute('aria-description', /Path: dropped: route table private of subnet private-b has no route to the internet/);
  await saas.click();
  await expect(path.getByRole('status')).toHaveText(/^Dropped: route table private of subnet private-b has no route/);
  await expect(page.locator('svg .path.verdict-dropped')).toHaveCount(1);
  await page.screenshot({ path: 'target/routing-dropped.png' });

  // Undo brings the NAT gateway, its route and the internet path back.
  await page.keyboard.press('Control+z');
  await expect(saas).toHaveAttribute('aria-description', /Path: internet, via NAT gateway nat-a/);
  expect(errors).toEqual([]);
});
