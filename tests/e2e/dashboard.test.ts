// The pimpinan's walk in a real browser: sign in, open the Dashboard Pimpinan (charts drawn by the local Chart.js),
// drill down to one pegawai and a month, and download the PDF and the Excel report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { downloaded, openBrowser, visible, watchTraffic } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);
const pegawai = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, include: { unit: true } });

describe('Dashboard Pimpinan in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, { width: 1280, height: 900 });
  });
  afterAll(() => browser?.close());

  it('when the pimpinan opens the dashboard, drills down to one pegawai and downloads both reports, then each step shows its data', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pimpinan);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);

    const traffic = watchTraffic(page);
    await page.locator('#menu').getByRole('link', { name: 'Dashboard Pimpinan' }).click();
    await visible(page.getByRole('heading', { name: /Dashboard Pimpinan/ }));
    await page.waitForLoadState('networkidle');
    // Chart.js (from npm, served by the app) drew both charts; nothing came from another host
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');
    expect(traffic.requests.every((r) => r.url.startsWith(base))).toBe(true);
    await browser.screenshot('dashboard-pimpinan');

    // unit → sub-unit → pegawai → month → entries (the pegawai's seksi is two levels under the dinas)
    const unitIds = await db.prisma!.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE up AS (SELECT id, induk_id, 0 AS d FROM unit_kerja WHERE id = ${pegawai.unitId}
        UNION ALL SELECT u.id, u.induk_id, up.d + 1 FROM unit_kerja u JOIN up ON u.id = up.induk_id)
      SELECT id FROM up ORDER BY d DESC`;
    const names = await db.prisma!.unitKerja.findMany({ where: { id: { in: unitIds.map((u) => u.id) } } });
    const chain = unitIds.map((u) => names.find((n) => n.id === u.id)!.nama);
    // from the pimpinan's own unit (Diskominfo) down to the seksi
    for (const nama of chain.slice(chain.indexOf('Dinas Komunikasi dan Informatika') + 1)) {
      await page.getByRole('link', { name: nama, exact: true }).first().click();
      await visible(page.getByText(nama).first());
    }
    await visible(page.getByRole('link', { name: pegawai.nama }));
    await page.getByRole('link', { name: pegawai.nama }).click();
    await visible(page.getByRole('heading', { name: new RegExp(pegawai.nama) }));
    await page.getByRole('link', { name: 'Oktober' }).click();
    await visible(page.getByRole('heading', { name: /Entri Oktober/ }));
    await page.goBack();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).first().click()]);
    expect(pdf.suggestedFilename()).toMatch(/^laporan-kinerja-199203102019032001-\d{4}-01\.pdf$/);
    expect((await downloaded(pdf)).subarray(0, 5).toString()).toBe('%PDF-');

    await page.goto(`${base}/dashboard?unit=${pegawai.unitId}`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh Rekap Unit (Excel)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^rekap-unit-\d+-\d{4}-\d{2}\.xlsx$/);
    expect((await downloaded(xlsx)).subarray(0, 2).toString()).toBe('PK'); // a zip: the xlsx container
  });
});
