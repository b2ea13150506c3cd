// The Terraform panel: main.tf as shown, written by the background worker after the first paint,
// and the split export downloaded as one .zip.
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { watchErrors } from './helpers';

test('the Terraform tab downloads main.tf and a .zip of main.tf, variables.tf and outputs.tf', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('listbox', { name: 'Canvas' }).getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  const code = page.getByLabel('main.tf');
  await expect(code).toContainText('resource "aws_vpc" "prod"');

  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  expect(zip.suggestedFilename()).toBe('terraform.zip');
  const bytes = fs.readFileSync((await zip.path())!);
  // A zip starts with a local file header and ends with the end-of-central-directory record.
  expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
  expect(bytes.subarray(bytes.length - 22, bytes.length - 18).toString('binary')).toBe('PK\u0005\u0006');
  const text = bytes.toString('utf8');
  for (const name of ['main.tf', 'variables.tf', 'outputs.tf']) expect(text).toContain(name);
  expect(text).toContain('resource "aws_vpc" "prod"');
  expect(text).toContain('variable "region"');

  const [tf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download main.tf' }).click()]);
  expect(tf.suggestedFilename()).toBe('main.tf');
  expect(fs.readFileSync((await tf.path())!, 'utf8')).toBe(await code.textContent());
  expect(errors).toEqual([]);
});

test('the background worker is fetched after the first canvas paint, not before it', async ({ page }) => {
  let workerFetched = 0;
  await page.route('**/vpc-planner-worker_bg.wasm', (route) => {
    workerFetched = Date.now();
    return route.continue();
  });
  await page.goto('/');
  await expect(page.getByLabel('main.tf')).toContainText('resource "aws_vpc" "prod"');
  const painted = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('vpc-planner:canvas')[0].startTime);
  expect(workerFetched).toBeGreaterThan(0);
  expect(workerFetched).toBeGreaterThanOrEqual(Math.floor(painted));
  // The panel's text comes from the worker: the page measured the round trip.
  expect(await page.evaluate(() => performance.getEntriesByName('vpc-planner:terraform').length)).toBeGreaterThan(0);
});

test('main.tf warns of the errors the app found, in the panel and in the .zip, and stops warning once they are fixed', async ({ page }) => {
  // The worker carries no validation: the app tells it how many errors there are.
  await page.goto('/');
  const canvas = page.getByRole('listbox', { name: 'Canvas' });
  const code = page.getByLabel('main.tf');
  await expect(code).toContainText('resource "aws_vpc" "prod"');
  await expect(code).not.toContainText('# WARNING');
  await canvas.getByRole('option', { name: 'VPC prod 10.0.0.0/16' }).click();
  const block = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('CIDR block', { exact: true });
  await block.fill('10.0.0.0/33');
  await block.press('Enter');
  await expect(code).toContainText('# WARNING: the design has 1 problem; AWS will refuse parts of this until they are fixed.');
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  expect(fs.readFileSync((await zip.path())!, 'utf8')).toContain('# WARNING: the design has 1 problem;');
  await block.fill('10.0.0.0/16');
  await block.press('Enter');
  await expect(code).toContainText('resource "aws_vpc" "prod"');
  await expect(code).not.toContainText('# WARNING');
});
