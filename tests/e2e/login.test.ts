// Article steps 1–3 in a real browser: open the app, Login with NIP and password, see "Realisasi Kinerja" in the side menu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { openBrowser, visible, watchTraffic } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

describe.each([
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
])('login in Chromium ($name)', ({ name, viewport }) => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, viewport);
  });
  afterAll(() => browser?.close());

  it('when the demo pegawai logs in through the form, then Beranda shows the side menu with Realisasi Kinerja, light on the wire', async () => {
    const { page, base } = browser;
    const traffic = watchTraffic(page);
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/login`);
    await visible(page.getByRole('heading', { name: 'Login' }));
    // first visit of the login page: few requests, few bytes (mobile data in remote areas)
    await page.waitForLoadState('networkidle');
    expect(traffic.requests.length).toBeLessThanOrEqual(10);
    expect(traffic.total()).toBeLessThanOrEqual(150 * 1024);
    await browser.screenshot(`login-${name}`);

    traffic.reset();
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pegawai);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);
    await page.waitForLoadState('networkidle');
    await visible(page.getByRole('heading', { name: 'Beranda' }));
    if (name === 'phone') {
      // the side menu folds away on a phone; the ☰ button opens it
      await page.getByRole('button', { name: 'Buka menu' }).click();
    }
    const menuLink = page.locator('#menu').getByRole('link', { name: 'Realisasi Kinerja' });
    await visible(menuLink);
    await browser.screenshot(`beranda-${name}`);
    // no horizontal scrolling on a 360 px phone
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
