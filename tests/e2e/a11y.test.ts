// WCAG 2.1 AA (issue 14): axe-core, injected into each page, reports no violation on any page of any role, at desktop
// and phone widths — including a form in its 422 state and the phone menu opened. The pages are listed in a11y-pages.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { openBrowser } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { A11Y_PAGES, type A11yPage, type A11yRole } from './a11y-pages.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);
async function open(page: Page, base: string, p: A11yPage): Promise<void> {
  await page.goto(`${base}${p.path}`);
  for (const selector of p.follow ?? []) {
    const href = await page.locator(selector).first().getAttribute('href', { timeout: 10_000 });
    await page.goto(`${base}${href}`);
  }
  if (p.submitEmpty) {
    const form = page.locator('main form[method="post"]').last();
    await form.evaluate((f: HTMLFormElement) => {
      for (const el of f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        'input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]), textarea',
      ))
        el.value = '';
    });
    // the form may first ask the server whether it is reachable (app.js), then submit: wait for the new page itself
    const loaded = page.waitForEvent('load');
    await form.locator('button[type="submit"]').first().click();
    await loaded;
  }
}

const ACCOUNTS: Record<Exclude<A11yRole, 'anonim'>, string> = DEMO_ACCOUNTS;

describe.each([
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 360, height: 780 } },
  // a 1280 px screen with text zoomed to 200% lays out like 640 CSS px
  { name: 'zoom 200%', viewport: { width: 640, height: 450 } },
])('axe-core WCAG 2.1 AA ($name)', ({ viewport }) => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, viewport);
  });
  afterAll(() => browser?.close());

  it.each(Object.keys(A11Y_PAGES) as A11yRole[])('when %s opens each of its pages, then axe reports no violation', async (role) => {
    const { page, base, context } = browser;
    await context.clearCookies();
    if (role !== 'anonim') {
      await page.goto(`${base}/login`);
      await page.getByLabel('NIP').fill(ACCOUNTS[role]);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL(`${base}/`);
    }
    const found: string[] = [];
    for (const p of A11Y_PAGES[role]) {
      await open(page, base, p);
      // a signed-in role must not have been sent to Login (that page would be checked instead)
      if (role !== 'anonim') expect(new URL(page.url()).pathname, p.name).not.toBe('/login');
      for (const v of await axeViolations(page)) found.push(`${p.name} ${new URL(page.url()).pathname}: ${v}`);
      // nothing wider than the screen: a wide table scrolls inside its own labelled region, never the page
      for (const el of await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter(
            (el) =>
              el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 &&
              !el.closest('.table-responsive[role="region"], .offcanvas-lg, .skip-link, .visually-hidden'),
          )
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 3),
      ))
        found.push(`${p.name}: lebih lebar dari layar: ${el}`);
      if (viewport.width < 992 && role !== 'anonim' && p === A11Y_PAGES[role][0]) {
        // the phone menu, opened
        await page.getByRole('button', { name: 'Buka menu' }).click();
        await page.locator('#menu.show').waitFor();
        for (const v of await axeViolations(page)) found.push(`${p.name} (menu terbuka): ${v}`);
        await page.keyboard.press('Escape');
      }
    }
    expect(found).toEqual([]);
  });
});

// A 1×1 PNG (content-checked like any upload): what matters is the header with an uploaded logo instead of the default.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('axe-core WCAG 2.1 AA with the Pemda’s own logo (phone)', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, { width: 360, height: 780 });
  });
  afterAll(() => browser?.close());

  it('when the admin has uploaded a logo, then the header, Login and ABK still report no violation', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.admin);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/admin/pengaturan/logo`);
    await page.getByLabel('Berkas logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/admin\/pengaturan/);
    const found: string[] = [];
    for (const path of ['/', '/realisasi', '/abk']) {
      await page.goto(`${base}${path}`);
      expect(await page.locator('header img.app-logo').getAttribute('src')).toMatch(/^\/logo\//);
      for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
    }
    await page.getByRole('button', { name: 'Logout', exact: true }).click();
    await page.waitForURL(`${base}/login`);
    expect(await page.locator('img.app-logo').getAttribute('src')).toMatch(/^\/logo\//);
    for (const v of await axeViolations(page)) found.push(`/login: ${v}`);
    expect(found).toEqual([]);
  });
});
