// The golden path on the built site: draw a VPC and a subnet, set a CIDR, see and download the
// Terraform, share the link, reopen it elsewhere, reload, and survive a broken link.
// Locators use roles and accessible names, never CSS classes.
import { test, expect } from '@playwright/test';
import { centreOf, dragFromPalette, watchErrors } from './helpers';
import * as fs from 'fs';

test('draw, export, share, reload and survive a broken link', async ({ page, browser, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const errors = watchErrors(page);
  await page.goto('/');
  // A fresh browser opens with the classic example.
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByRole('listbox', { name: 'Canvas' }).getByRole('option')).toHaveCount(0);

  await dragFromPalette(page, 'VPC', { x: 360, y: 260 });
  const vpc = page.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' });
  await expect(vpc).toBeVisible();

  const vpcCentre = await centreOf(vpc);
  const canvasBox = (await page.getByRole('listbox', { name: 'Canvas' }).boundingBox())!;
  await dragFromPalette(page, 'Subnet', { x: vpcCentre.x - canvasBox.x, y: vpcCentre.y - canvasBox.y });
  await expect(page.getByRole('option', { name: 'Subnet subnet-1 10.0.0.0/24' })).toBeVisible();

  // The new subnet is selected; a wrong CIDR is explained at the field and in the problems list.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const cidr = inspector.getByLabel('CIDR block');
  await cidr.fill('10.0.8.0/29');
  await cidr.press('Enter');
  await expect(inspector.getByText('10.0.8.0/29 is too small')).toBeVisible();
  await expect(page.getByRole('region', { name: /Problems \(1 error,/ })).toContainText('too small');
  await expect(cidr).toHaveAttribute('aria-invalid', 'true');

  await cidr.fill('10.0.8.0/22');
  await cidr.press('Enter');
  await expect(page.getByRole('option', { name: 'Subnet subnet-1 10.0.8.0/22' })).toBeVisible();
  await expect(cidr).toHaveAttribute('aria-invalid', 'false');

  const terraform = page.getByRole('region', { name: 'Terraform' });
  await expect(terraform).toContainText('resource "aws_subnet" "subnet_1"');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    terraform.getByRole('button', { name: 'Download main.tf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('main.tf');
  const hcl = fs.readFileSync((await download.path())!, 'utf8');
  expect(hcl).toContain('resource "aws_vpc" "vpc_1"');
  expect(hcl).toMatch(/resource "aws_subnet" "subnet_1" \{\n\s+vpc_id\s+= aws_vpc\.vpc_1\.id\n\s+cidr_block\s+= "10\.0\.8\.0\/22"/);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v4\./);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Another browser, with nothing saved, opens the same design from the link.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  const elsewhereErrors = watchErrors(elsewhere);
  await elsewhere.goto(link);
  await expect(elsewhere.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' })).toBeVisible();
  await expect(elsewhere.getByRole('option', { name: 'Subnet subnet-1 10.0.8.0/22' })).toBeVisible();
  await expect(elsewhere.getByRole('listbox', { name: 'Canvas' }).getByRole('option')).toHaveCount(2);
  expect(elsewhereErrors).toEqual([]);
  await other.close();

  // Reloading keeps the work.
  await page.reload();
  await expect(page.getByRole('option', { name: 'Subnet subnet-1 10.0.8.0/22' })).toBeVisible();

  // A broken link says so, and the autosaved design is still there.
  await page.goto('about:blank');
  await page.goto('/#v1.this-is-not-a-design');
  await expect(page.getByRole('alert')).toContainText('could not be opened');
  await expect(page.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Subnet subnet-1 10.0.8.0/22' })).toBeVisible();

  await page.screenshot({ path: 'e2e/screenshots/golden.png' });
  expect(errors).toEqual([]);
});

test('undo and redo step through edits, and Delete removes the selection', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dragFromPalette(page, 'VPC', { x: 360, y: 260 });
  const vpc = page.getByRole('option', { name: 'VPC vpc-1 10.0.0.0/16' });
  await expect(vpc).toBeVisible();

  await vpc.click({ position: { x: 40, y: 60 } });
  await page.keyboard.press('Delete');
  await expect(vpc).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(vpc).toBeVisible();
  await page.keyboard.press('Control+z'); // undoes the drop
  await expect(vpc).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(vpc).toBeVisible();
});

test('dropping a subnet outside any VPC explains why and adds nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dragFromPalette(page, 'Subnet', { x: 200, y: 200 });
  await expect(page.getByRole('alert')).toContainText('drop it onto a VPC');
  await expect(page.getByRole('listbox', { name: 'Canvas' }).getByRole('option')).toHaveCount(0);
});

test('the address bar follows each change: written by the background worker, or by the page when the worker fails', async ({ page, browser }) => {
  // The design a link opens, in a browser with nothing saved.
  const nameIn = async (url: string) => {
    const other = await browser.newPage();
    await other.goto(url);
    await expect(other.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
    const name = await other.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name').inputValue();
    await other.close();
    return name;
  };
  const rename = async (to: string) => {
    const field = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Design name');
    await field.fill(to);
    await field.press('Enter');
  };
  await page.route('**/vpc-planner-worker_bg.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await rename('Linked by the page');
  await expect.poll(() => nameIn(page.url())).toBe('Linked by the page');
  // The page has no compressor (the worker has it): its link holds the JSON uncompressed.
  expect(page.url()).toMatch(/#v1\./);

  await page.unroute('**/vpc-planner-worker_bg.wasm');
  await rename('Linked by the worker');
  await expect.poll(() => nameIn(page.url())).toBe('Linked by the worker');
  expect(page.url()).toMatch(/#v4\./);
});
