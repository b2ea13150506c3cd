// Helpers the end-to-end tests share: gestures on the canvas and console-error watching.
import { Page, Locator } from '@playwright/test';

/** Drags a palette button to a point given relative to the canvas's top-left corner. */
export async function dragFromPalette(page: Page, entry: string, to: { x: number; y: number }) {
  const button = page.getByRole('button', { name: entry, exact: true });
  // The palette scrolls on its own; an entry below its fold can't be grabbed where it isn't.
  await button.scrollIntoViewIfNeeded();
  const from = await button.boundingBox();
  const canvas = await page.getByRole('listbox', { name: 'Canvas' }).boundingBox();
  if (!from || !canvas) throw new Error('palette or canvas not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + to.x, canvas.y + to.y, { steps: 12 });
  await page.mouse.up();
}

export async function centreOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Opens a template from the gallery by its title and waits until it is on the canvas. */
export async function openTemplate(page: Page, title: string) {
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  const gallery = page.getByRole('dialog', { name: 'Templates' });
  await gallery.getByRole('button', { name: new RegExp('^' + title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  await gallery.waitFor({ state: 'detached' });
}

/** The newest autosaved version's design, as JSON (src/saves.rs: "<saved ms> <design json>"). */
export async function newestAutosave(page: Page): Promise<any> {
  return page.evaluate(() => {
    let best: { saved: number; json: string } | null = null;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (!key.startsWith('vpc-planner.save.')) continue;
      const value = localStorage.getItem(key)!;
      const space = value.indexOf(' ');
      const saved = Number(value.slice(0, space));
      if (!best || saved > best.saved) best = { saved, json: value.slice(space + 1) };
    }
    return best ? JSON.parse(best.json) : null;
  });
}

/** The keys of the autosaved versions in this page's storage. */
export async function versionKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('vpc-planner.save.')).sort());
}
