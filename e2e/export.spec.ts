// The diagram as a picture: SVG and PNG of the whole design (not just what is in view), with
// nothing of the editor in them (selection, handles), styled by their own rules.
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { newestAutosave, watchErrors } from './helpers';

test('SVG and PNG downloads hold the whole diagram', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('option', { name: 'VPC prod 10.0.0.0/16' })).toBeVisible();
  // Zoomed in and scrolled, with an item selected: the picture must not care.
  await page.getByRole('toolbar', { name: 'Zoom' }).getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('toolbar', { name: 'Zoom' }).getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('option', { name: 'EC2 instance app-a' }).click();

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the diagram as SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  const svg = fs.readFileSync((await svgDownload.path())!, 'utf8');
  // Parsed by the browser's XML parser: well-formed, an <svg> root with its own styles. In a
  // blank page: the app's Content-Security-Policy (rightly) refuses the <style> of a parsed SVG.
  const scratch = await page.context().newPage();
  const facts = await scratch.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const [x, y, w, h] = (root.getAttribute('viewBox') || '').split(' ').map(Number);
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.tagName,
      viewBox: { x, y, w, h },
      width: Number(root.getAttribute('width')),
      style: root.querySelector('style')?.textContent ?? '',
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      selected: doc.querySelectorAll('.selected, [aria-selected], [tabindex], .connect, .resize, .band').length,
    };
  }, svg);
  expect(facts.error).toBeNull();
  expect(facts.root).toBe('svg');
  // The rules that colour the boxes and label the icons came along (without them, all is black).
  expect(facts.style).toContain('.vpc-box');
  expect(facts.style).toContain('.node-label');
  expect(facts.style).not.toContain('.selected');
  expect(facts.selected).toBe(0);
  expect(facts.width).toBe(facts.viewBox.w);
  // Every item of the design is drawn, by name, and inside the picture's box.
  await scratch.close();
  const design = await newestAutosave(page);
  for (const n of design.nodes) expect(facts.texts).toContain(n.name);
  for (const v of design.vpcs) {
    expect(v.layout.x).toBeGreaterThanOrEqual(facts.viewBox.x);
    expect(v.layout.x + v.layout.w).toBeLessThanOrEqual(facts.viewBox.x + facts.viewBox.w);
    expect(v.layout.y + v.layout.h).toBeLessThanOrEqual(facts.viewBox.y + facts.viewBox.h);
  }
  for (const n of design.nodes) {
    expect(n.at.x).toBeGreaterThan(facts.viewBox.x);
    expect(n.at.x).toBeLessThan(facts.viewBox.x + facts.viewBox.w);
  }

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the diagram as PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
  const png = fs.readFileSync((await pngDownload.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, twice the picture's size.
  expect(png.readUInt32BE(16)).toBe(2 * facts.viewBox.w);
  expect(png.readUInt32BE(20)).toBe(2 * facts.viewBox.h);
  fs.mkdirSync('e2e/screenshots', { recursive: true });
  fs.writeFileSync('e2e/screenshots/export.png', png);
  fs.writeFileSync('e2e/screenshots/export.svg', svg);
  expect(errors).toEqual([]);
});
