// The template gallery: from the toolbar and from an empty canvas; every template opens as one
// undoable step, shows its items and analyses without a single error.
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers';

const TITLES = [
  'S3 gateway and Secrets Manager interface endpoints, NAT for the rest',
  'Private S3 data pipeline',
  'Secrets Manager and STS over interface endpoints with private DNS',
  'EKS in VPC A to a service in VPC B through PrivateLink',
  'Hybrid: on-premises over VPN and a transit gateway, Resolver endpoints both ways',
  'Hybrid DNS over a VPN to a virtual private gateway',
  'Centralised interface endpoints in a shared-services VPC',
  'S3 Express One Zone directory bucket for ML training',
  'Serverless without internet: DynamoDB, SQS and STS endpoints',
];

test('every template opens from the gallery, analyses cleanly, and Undo brings the design back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const before = await canvas.getByRole('option').count();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  for (const title of TITLES) {
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await expect(gallery.getByRole('button')).toHaveCount(TITLES.length + 1);
    await gallery.getByRole('button', { name: new RegExp('^' + title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect(gallery).toHaveCount(0);
    await expect(page.getByRole('status')).toContainText(`Template “${title}” opened`);
    await expect(canvas.getByRole('option', { name: /^VPC / }).first()).toBeVisible();
    // The model's verdict on the whole template: no errors, every flow traced, none dropped.
    await expect(page.getByRole('region', { name: /Problems \(0 errors/ })).toBeVisible();
    const flows = canvas.getByRole('option', { name: /^Flow / });
    expect(await flows.count()).toBeGreaterThan(0);
    for (const d of await flows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-description') || ''))) {
      expect(d).toMatch(/Path: (private|internet)/);
    }
  }
  // Each opening was one step: as many Undos bring back the first design.
  for (let i = 0; i < TITLES.length; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await expect(canvas.getByRole('option')).toHaveCount(before);
  expect(errors).toEqual([]);
});

test('an empty canvas offers the templates; Escape closes the gallery', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('button', { name: 'Browse templates' }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await expect(gallery).toBeVisible();
  // The first card takes the focus, so Enter opens it.
  await expect(gallery.getByRole('button', { name: /^S3 gateway and Secrets Manager/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
  await page.getByRole('button', { name: 'Browse templates' }).click();
  await gallery.getByRole('button', { name: /^Centralised interface endpoints/ }).click();
  await expect(page.getByRole('option', { name: 'VPC shared-services 10.0.0.0/16' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Transit gateway hub-tgw' })).toBeVisible();
});

test('a template that cannot be fetched leaves the design as it was, with a message', async ({ page }) => {
  await page.route('**/examples/s3-data-pipeline.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: /^Private S3 data pipeline/ }).click();
  await expect(page.getByRole('alert')).toContainText('could not be opened: the server answered 404');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
});
