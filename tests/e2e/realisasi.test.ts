// The article's steps 1–8 in a real browser, as the demo pegawai: Login → Realisasi Kinerja → Input Realisasi on a
// row → Simpan → "Belum diverifikasi"; Tambah Realisasi; Realisasi Tahunan → Tambah Target Baru → the new target
// appears and takes a realisasi. At desktop and phone (360 px) widths, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { openBrowser, visible } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

describe.each([
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 360, height: 780 } },
])('the pegawai’s day in Chromium ($name)', ({ name, viewport }) => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, viewport);
  });
  afterAll(() => browser?.close());

  const menu = async (label: string) => {
    const { page } = browser;
    if (name === 'phone') await page.getByRole('button', { name: 'Buka menu' }).click();
    // the link's name may carry a badge ("Verifikasi 12")
    await page
      .locator('#menu')
      .getByRole('link', { name: new RegExp(`^${label}( \\d+)?$`) })
      .click();
  };

  it('when the pegawai walks steps 1–8, then every entry is saved once and shows "Belum diverifikasi"', async () => {
    const { page, base } = browser;
    // 1–2: Login
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pegawai);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);

    // 3: Realisasi Kinerja from the side menu
    await menu('Realisasi Kinerja');
    await page.waitForURL(/\/realisasi(\?|$)/);
    await visible(page.getByRole('heading', { name: 'Realisasi Kinerja' }));
    await browser.screenshot(`realisasi-${name}`);

    // 4–5: Input Realisasi on the first target row, quantity, Simpan
    await page
      .getByRole('link', { name: /^Input Realisasi:/ })
      .first()
      .click();
    await page.getByLabel(/^Jumlah/).fill('2');
    await page.getByLabel(/^Uraian/).fill(`Langkah 5 ${name}`);
    await browser.screenshot(`input-realisasi-${name}`);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/realisasi\?bulan=/);
    await visible(page.getByText('Realisasi berhasil disimpan'));
    const entry = page.locator('li', { hasText: `Langkah 5 ${name}` }).first();
    await visible(entry.getByText('Belum diverifikasi'));

    // 6: Tambah Realisasi (work outside this month's targets)
    await page.getByRole('link', { name: 'Tambah Realisasi' }).click();
    await page.getByLabel('Pekerjaan', { exact: true }).fill(`Narasumber rapat koordinasi ${name}`);
    await page.getByLabel('Satuan').fill('Kegiatan');
    await page.getByLabel(/^Jumlah/).fill('1');
    await page.getByLabel(/^Waktu/).fill('120');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/realisasi\?bulan=/);
    await visible(
      page
        .locator('li', { hasText: `Narasumber rapat koordinasi ${name}` })
        .first()
        .getByText('Belum diverifikasi'),
    );

    // 7–8: Realisasi Tahunan → Tambah Target Baru (at the bottom) → kegiatan tugas jabatan, pekerjaan, Simpan
    await menu('Realisasi Tahunan');
    await page.waitForURL(/\/realisasi-tahunan/);
    await page.getByRole('link', { name: 'Tambah Target Baru' }).click();
    const select = page.getByLabel('Kegiatan Tugas Jabatan');
    const firstTask = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(firstTask!);
    await page.getByLabel('Pekerjaan').fill(`Integrasi aplikasi kepegawaian ${name}`);
    await page.getByLabel(/^Target kuantitas/).fill('12');
    await browser.screenshot(`target-baru-${name}`);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/realisasi-tahunan\?tahun=/);
    await visible(page.getByText('Target baru berhasil disimpan'));
    await visible(page.getByRole('heading', { name: `Integrasi aplikasi kepegawaian ${name}` }));
    await browser.screenshot(`realisasi-tahunan-${name}`);

    // the new target is a row of this month in Realisasi Kinerja and takes a realisasi
    await menu('Realisasi Kinerja');
    await page.getByRole('link', { name: `Input Realisasi: Integrasi aplikasi kepegawaian ${name}` }).click();
    await page.getByLabel(/^Jumlah/).fill('1');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/realisasi\?bulan=/);
    await visible(
      page
        .locator('li', { hasText: `Integrasi aplikasi kepegawaian ${name}` })
        .last()
        .getByText('Belum diverifikasi'),
    );
    await browser.screenshot(`realisasi-akhir-${name}`);

    for (const path of ['/realisasi', '/realisasi-tahunan', '/realisasi/tambah', '/realisasi-tahunan/target-baru']) {
      await page.goto(`${base}${path}`);
      // nothing wider than the screen (a 360 px phone must not scroll sideways)
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter(
            (el) =>
              el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 &&
              !el.closest('.table-responsive, .offcanvas-lg'),
          )
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 3),
      );
      expect(wide, path).toEqual([]);
    }
    const pegawai = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    expect(await db.prisma!.realisasi.count({ where: { pegawaiId: pegawai.id, uraian: `Langkah 5 ${name}` } })).toBe(1);
    expect(
      await db.prisma!.realisasi.count({
        where: { pegawaiId: pegawai.id, pekerjaan: `Integrasi aplikasi kepegawaian ${name}`, status: 0 },
      }),
    ).toBe(1);
  });

  it('when the atasan verifies one entry, verifies another with "Verifikasi terpilih" and returns one, then the pegawai sees check marks and the note', async () => {
    const { page, base } = browser;
    const logout = async () => {
      await page.getByRole('button', { name: 'Logout' }).click();
      await page.waitForURL(`${base}/login`);
    };
    const login = async (nip: string) => {
      await page.getByLabel('NIP').fill(nip);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL(`${base}/`);
    };
    await logout();
    await login(DEMO_ACCOUNTS.atasan);
    await menu('Verifikasi');
    await page.waitForURL(/\/verifikasi/);
    await browser.screenshot(`verifikasi-${name}`);
    const item = (text: string) => page.locator('li.list-group-item', { hasText: text });

    // one singly
    await item(`Langkah 5 ${name}`).getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await visible(page.getByText('1 realisasi diverifikasi.'));
    // one returned with a note
    await item(`Narasumber rapat koordinasi ${name}`).getByRole('link', { name: 'Kembalikan' }).click();
    await page.getByLabel('Catatan untuk pegawai').fill(`Lampirkan undangan rapat ${name}`);
    await page.getByRole('button', { name: 'Kembalikan' }).click();
    await visible(page.getByText('Realisasi dikembalikan kepada pegawai dengan catatan.'));
    // the rest with "Verifikasi terpilih"
    for (const row of await item(`Integrasi aplikasi kepegawaian ${name}`).all()) await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Verifikasi terpilih' }).click();
    await visible(page.getByText(/realisasi diverifikasi\./));
    await browser.screenshot(`verifikasi-selesai-${name}`);

    await logout();
    await login(DEMO_ACCOUNTS.pegawai);
    await menu('Realisasi Kinerja');
    const day = page.locator('section', { has: page.getByRole('heading', { name: /^Realisasi tanggal/ }) });
    const entry = (text: string) => day.locator('li', { hasText: text });
    await visible(entry(`Langkah 5 ${name}`).locator('.badge.text-bg-success', { hasText: 'Diverifikasi' }));
    await visible(entry(`Langkah 5 ${name}`).getByText(/Diverifikasi oleh Budi Santoso/));
    await visible(entry(`Integrasi aplikasi kepegawaian ${name}`).locator('.badge.text-bg-success', { hasText: 'Diverifikasi' }));
    await visible(entry(`Narasumber rapat koordinasi ${name}`).getByText(`Catatan atasan: Lampirkan undangan rapat ${name}`));
    await browser.screenshot(`realisasi-diverifikasi-${name}`);
  });
});
