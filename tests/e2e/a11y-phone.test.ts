import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { openBrowser } from '../helpers/browser.ts';
import { a11ySuite } from './a11y-suite.ts';

const app = await a11ySuite('phone');

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
