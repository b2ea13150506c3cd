// Transit gateways from the palette: the new icon on the canvas, and its attachments (one subnet
// per Availability Zone) and route tables edited in the inspector, with problems at the field.
import { test, expect } from '@playwright/test';
import { dragFromPalette, watchErrors } from './helpers';

test('a transit gateway from the palette attaches the VPC and is edited in the inspector', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const canvas = page.getByRole('listbox', { name: 'Canvas' });

  await dragFromPalette(page, 'VPC', { x: 360, y: 260 });
  await expect(canvas.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' })).toBeVisible();
  await dragFromPalette(page, 'Subnet', { x: 360, y: 260 });
  await expect(canvas.getByRole('option', { name: 'Subnet subnet-1 10.0.0.0/24' })).toBeVisible();

  // Pressed, not dragged: it goes outside every VPC and attaches the VPC at once.
  await page.getByRole('button', { name: 'Transit gateway', exact: true }).click();
  const tgw = canvas.getByRole('option', { name: 'Transit gateway tgw-1' });
  await expect(tgw).toBeVisible();
  await expect(tgw).toHaveAttribute('aria-selected', 'true');

  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Transit gateway tgw-1' })).toBeVisible();
  const attached = inspector.getByRole('checkbox', { name: 'VPC vpc-1 attached' });
  await expect(attached).toBeChecked();
  const subnet = inspector.getByRole('checkbox', { name: /^subnet-1 \(/ });
  await expect(subnet).toBeChecked();

  // Taking the only subnet away is allowed, and explained right there.
  await subnet.uncheck();
  await expect(inspector.getByText('needs a subnet in each Availability Zone')).toBeVisible();
  await subnet.check();
  await expect(inspector.getByText('needs a subnet in each Availability Zone')).toHaveCount(0);

  // The first route table takes over the default table's association and propagation.
  await inspector.getByRole('button', { name: 'Add route table' }).click();
  const ends = inspector.getByRole('checkbox', { name: 'VPC vpc-1', exact: true });
  await expect(ends).toHaveCount(2);
  await expect(ends.nth(0)).toBeChecked();
  await expect(ends.nth(1)).toBeChecked();

  // A static route with an impossible destination is flagged at the table.
  await inspector.getByRole('button', { name: 'Add static route' }).click();
  const destination = inspector.getByLabel('Route 1 destination');
  await destination.fill('10.0.0.300/8');
  await destination.press('Enter');
  await expect(inspector.getByText(/route table tgw-1-rt-1: .*10\.0\.0\.300\/8/)).toBeVisible();
  await expect(destination).toHaveValue('10.0.0.300/8');

  // Detaching the VPC in one step; undo brings the attachment back.
  await attached.uncheck();
  await expect(inspector.getByRole('checkbox', { name: /^subnet-1 \(/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByRole('checkbox', { name: 'VPC vpc-1 attached' })).toBeChecked();

  await page.screenshot({ path: 'e2e/screenshots/transit-gateway.png' });
  expect(errors).toEqual([]);
});
