// WCAG 2.1 AA (issue 14): axe-core, injected into each page, reports no violation on any page of any role, at desktop
// and phone widths — including a form in its 422 state and the phone menu opened. The pages are listed in a11y-pages.ts;
// a11y-desktop/-phone/-zoom.test.ts run this suite at one size each.
import type { Express } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { openBrowser } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { A11Y_PAGES, type A11yPage, type A11yRole } from './a11y-pages.ts';

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

/** What axe-core finds on the open page, and what is wider than the screen (a11y-pembayaran.test.ts uses it too). */
export async function findings(page: Page, p: Pick<A11yPage, 'name'>): Promise<string[]> {
  const found: string[] = [];
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
  return found;
}

/** Logs in through the login form. */
export async function masuk(page: Page, base: string, nip: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('NIP').fill(nip);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(`${base}/`);
}

// One page per test (issue 21): a slow machine makes each test slower, never the whole walk of a role longer than
// one test's time limit. Each role logs in once per screen size, in a browser context of its own.
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 360, height: 780 },
  // a 1280 px screen with text zoomed to 200% lays out like 640 CSS px
  'zoom 200%': { width: 640, height: 450 },
} as const;

/** Every page of every role at one screen size, one test per page (a file per size, so the sizes run in parallel). */
export async function a11ySuite(name: keyof typeof VIEWPORTS): Promise<Express> {
  // the file's own database and app (a worker runs several files: nothing of one may be kept for the next)
  const db = await useTestDatabase();
  const app = buildApp(db.pool!);
  const viewport = VIEWPORTS[name];
  describe(`axe-core WCAG 2.1 AA (${name})`, () => {
    describe.each(Object.keys(A11Y_PAGES) as A11yRole[])('as %s', (role) => {
      let browser: Awaited<ReturnType<typeof openBrowser>>;
      beforeAll(async () => {
        browser = await openBrowser(app, viewport);
        if (role !== 'anonim') await masuk(browser.page, browser.base, ACCOUNTS[role]);
      });
      afterAll(() => browser?.close());

      it.each(A11Y_PAGES[role])('when $name is opened, then axe reports no violation and nothing is wider than the screen', async (p) => {
        const { page, base } = browser;
        await open(page, base, p);
        // a signed-in role must not have been sent to Login (that page would be checked instead)
        if (role !== 'anonim') expect(new URL(page.url()).pathname, p.name).not.toBe('/login');
        expect(await findings(page, p)).toEqual([]);
      });

      if (viewport.width < 992 && role !== 'anonim')
        it('when the phone menu is opened, then axe reports no violation', async () => {
          const { page, base } = browser;
          const first = A11Y_PAGES[role][0];
          await open(page, base, first);
          await page.getByRole('button', { name: 'Buka menu' }).click();
          await page.locator('#menu.show').waitFor();
          const found = (await axeViolations(page)).map((v) => `${first.name} (menu terbuka): ${v}`);
          await page.keyboard.press('Escape');
          expect(found).toEqual([]);
        });
    });
  });
  return app;
}
