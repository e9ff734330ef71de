// Umpan balik berkelanjutan and the monthly evaluation in a real browser (issue 19): the demo atasan opens Umpan Balik, picks the demo pegawai,
// writes a feedback on an RHK; the pegawai sees it announced on the Beranda, reads it under its month and answers;
// the atasan finds the answer under the feedback. Desktop width, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { openBrowser, visible } from '../helpers/browser.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

describe('umpan balik between the atasan and the pegawai in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, { width: 1280, height: 900 });
  });
  afterAll(() => browser?.close());

  const masuk = async (nip: string) => {
    const { page, base } = browser;
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(nip);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);
  };
  const keluar = () =>
    Promise.all([
      browser.page.waitForURL(`${browser.base}/login`),
      browser.page.getByRole('button', { name: 'Logout', exact: true }).click(),
    ]);

  it('when the atasan writes a feedback on an RHK, then the pegawai reads it from the Beranda and answers, and the atasan sees the answer', async () => {
    const { page } = browser;
    const pegawai = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });

    await masuk(DEMO_ACCOUNTS.atasan);
    await page.locator('#menu').getByRole('link', { name: 'Umpan Balik' }).click();
    await page.getByRole('link', { name: pegawai.nama }).click();
    await visible(page.getByRole('heading', { name: `Umpan Balik · ${pegawai.nama}` }));
    const pilihan = page.getByLabel('Tentang');
    const rhk = await pilihan.locator('option[value^="rhk:"]').first().getAttribute('value');
    await pilihan.selectOption(rhk!);
    await page.getByLabel('Umpan balik', { exact: true }).fill('Dokumentasi uji modul sudah baik, lanjutkan untuk rilis berikutnya.');
    await browser.screenshot('umpan-balik-atasan');
    await page.getByRole('button', { name: 'Kirim umpan balik' }).click();
    await visible(page.getByText('Umpan balik terkirim kepada pegawai.'));
    await keluar();

    await masuk(DEMO_ACCOUNTS.pegawai);
    await page.getByRole('link', { name: 'Baca dan jawab' }).click();
    const item = page.locator('article', { hasText: 'Dokumentasi uji modul sudah baik' });
    await visible(item.getByRole('heading', { name: /^Rencana Hasil Kerja:/ }));
    await item.getByLabel('Jawaban').fill('Terima kasih, Pak. Saya lanjutkan.');
    await browser.screenshot('umpan-balik-pegawai');
    await item.getByRole('button', { name: 'Kirim jawaban' }).click();
    await visible(page.getByText('Jawaban terkirim.'));
    await visible(page.locator('article', { hasText: 'Dokumentasi uji modul sudah baik' }).getByText('Terima kasih, Pak. Saya lanjutkan.'));
    await keluar();

    await masuk(DEMO_ACCOUNTS.atasan);
    await visible(page.getByText(/jawaban baru atas umpan balik yang Anda tulis/));
    await page.goto(`${browser.base}/skp/umpan-balik/pegawai/${pegawai.id}`);
    const thread = page.locator('article', { hasText: 'Dokumentasi uji modul sudah baik' });
    await visible(thread.getByText(`${pegawai.nama} (pegawai)`));
    expect(await db.prisma!.umpanBalik.count({ where: { pegawaiId: pegawai.id, isi: 'Terima kasih, Pak. Saya lanjutkan.' } })).toBe(1);
  });

  it('when the atasan rates last month (reopened by the admin), then the pegawai reads the predikat and the note on Evaluasi Kinerja', async () => {
    const { page, base } = browser;
    const prisma = db.prisma!;
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    // Arrange: last month of the pinned day is past its tutup bulan; the admin reopened it for the pegawai's OPD, and
    // the demo's rating of that month is not there yet
    const [y, m] = TEST_TODAY.split('-').map(Number);
    const [tahun, bulan] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const opd = await prisma.$queryRaw<{ id: number }[]>`SELECT unit_opd(${pegawai.unitId}::int) AS id`;
    await prisma.bukaBulan.upsert({
      where: { unitId_tahun_bulan: { unitId: opd[0].id, tahun, bulan } },
      create: { unitId: opd[0].id, tahun, bulan, alasan: 'Uji: penilaian susulan' },
      update: { aktif: true },
    });
    await prisma.evaluasiKinerja.deleteMany({ where: { pegawaiId: pegawai.id, tahun, bulan } });
    await page.context().clearCookies(); // the test before ends signed in

    await masuk(DEMO_ACCOUNTS.atasan);
    await page.goto(`${base}/evaluasi?tahun=${tahun}&bulan=${bulan}`);
    await page.getByRole('link', { name: `Nilai: ${pegawai.nama}` }).click();
    await visible(page.getByRole('heading', { name: /^Evaluasi Kinerja/ }));
    await page.getByLabel('Rating hasil kerja').selectOption('DI_ATAS');
    await page.getByLabel('Predikat perilaku kerja (BerAKHLAK)').selectOption('DI_ATAS');
    await page.getByLabel('Catatan untuk pegawai (boleh kosong)').fill('Rilis modul tepat waktu dan rapi. Pertahankan.');
    await browser.screenshot('evaluasi-atasan');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    // a rating beyond the OPD's curve asks for confirmation first (the demo's curve decides whether it does)
    const tetap = page.getByRole('button', { name: 'Tetap simpan' });
    if (await tetap.isVisible()) await tetap.click();
    await page.waitForURL((u) => u.pathname === '/evaluasi');
    const row = await prisma.evaluasiKinerja.findFirstOrThrow({ where: { pegawaiId: pegawai.id, tahun, bulan } });
    expect(row).toMatchObject({ hasilKerja: 'DI_ATAS', perilakuKerja: 'DI_ATAS', predikat: 'Sangat Baik' });
    await keluar();

    await masuk(DEMO_ACCOUNTS.pegawai);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/evaluasi'),
      page.locator('#menu').getByRole('link', { name: 'Evaluasi Kinerja' }).click(),
    ]);
    await page.goto(`${base}/evaluasi?tahun=${tahun}&bulan=${bulan}`);
    await visible(page.getByRole('row', { name: /Sangat Baik/ }).first());
    await page.goto(`${base}/evaluasi/pegawai/${pegawai.id}?tahun=${tahun}&bulan=${bulan}`);
    await visible(page.getByText('Rilis modul tepat waktu dan rapi. Pertahankan.'));
    await browser.screenshot('evaluasi-pegawai');
  });
});
