// A citizen without an account: opens /abk, goes to a unit and a jabatan, tries the simulasi, downloads the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { openBrowser, watchTraffic } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

describe.each([
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
])('ABK in Chromium ($name)', ({ name, viewport }) => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, viewport);
  });
  afterAll(() => browser?.close());

  it('when a citizen opens /abk without an account, then it is light, needs no cookie, and leads to a jabatan whose need can be simulated', async () => {
    const { page, base, context } = browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const traffic = watchTraffic(page);
    await page.goto(`${base}/abk`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByRole('heading', { name: 'Analisis Beban Kerja (ABK)' }).isVisible()).toBe(true);
    expect(traffic.requests.length).toBeLessThanOrEqual(10);
    expect(traffic.total()).toBeLessThanOrEqual(150 * 1024);
    expect(await context.cookies()).toEqual([]);
    await browser.screenshot(`abk-${name}`);

    await page.getByRole('link', { name: 'Dinas Komunikasi dan Informatika' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Dinas Komunikasi dan Informatika' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Kepala Dinas Komunikasi dan Informatika' }).click();
    await expect.poll(() => page.getByText('34.320,00 menit ÷ 60').first().isVisible()).toBe(true);

    // the first task (6 × 1.200 menit) doubled: 41.520 ÷ 75.000 = 0,55
    const volume = page.locator('#simulasi input').first();
    await volume.fill('12');
    await page.getByRole('button', { name: 'Hitung' }).click();
    await expect.poll(() => page.getByText('Hasil simulasi (tidak disimpan)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('41.520,00 ÷ 75.000 =').isVisible()).toBe(true);
    await browser.screenshot(`abk-jabatan-${name}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await context.cookies()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('when a pegawai reads the Anjab of their jabatan, then every section is there and the print layout shows only the document', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pegawai);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/anjab?q=sistem`);
    await page.getByRole('link', { name: 'Anjab jabatan saya: Pengelola Sistem Informasi' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '12. Prestasi Kerja yang Diharapkan' }).isVisible()).toBe(true);
    await browser.screenshot(`anjab-${name}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Unduh PDF' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: '3. Uraian Tugas' }).isVisible()).toBe(true);
    await browser.screenshot(`anjab-print-${name}`);
    await page.emulateMedia({ media: 'screen' });
  });
});
