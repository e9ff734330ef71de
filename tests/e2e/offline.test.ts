// Issue 14: a day's work saved in a dead zone reaches the server once back in signal. With the network cut
// (context.setOffline) the pegawai saves three realisasi, reloads, comes back online: the two valid ones are on the
// server exactly once, listed "Belum diverifikasi"; the one the server refuses stays on the device with its message,
// is corrected and re-sent. Logout with an entry still waiting asks, then leaves nothing of the user behind.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { openBrowser, visible } from '../helpers/browser.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

const kept = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ key: string; status: string; pesan: string | null; fields: [string, unknown][]; action: string }[]>((ok, fail) => {
        const r = indexedDB.open('ekinerja', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('antrian', { keyPath: 'key' });
        r.onerror = () => fail(r.error);
        r.onsuccess = () => {
          const q = r.result.transaction('antrian').objectStore('antrian').getAll();
          q.onsuccess = () => {
            r.result.close();
            ok(q.result);
          };
        };
      }),
  );

describe('offline entry in Chromium (phone)', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, { width: 360, height: 780 }, { persistent: true }); // installability is checked
  });
  afterAll(() => browser?.close());

  it('when a phone opens the app for the first time, then the app is installable and its service worker keeps the visit within 150 KB and 10 requests', async () => {
    const { page, base, context } = browser;
    // counted on the whole browser context, so the worker's own downloads are included
    const requests: { url: string; bytes: number }[] = [];
    // each request's size is read asynchronously: the count waits for every lookup, not for the machine to be quick
    const pending: Promise<void>[] = [];
    context.on('requestfinished', (req) => {
      pending.push(
        req
          .sizes()
          .catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }))
          .then((sizes) => {
            requests.push({ url: req.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
          }),
      );
    });
    await page.goto(`${base}/abk`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // the worker has installed: its shell is in the cache (an event, not a sleep), then the network is idle
    await page.waitForFunction(async () => (await (await caches.open('ekinerja-shell')).keys()).length >= 4);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    // the worker's install copies the shell from the browser's HTTP cache: those requests put 0 bytes on the wire
    const onWire = requests.filter((r) => r.bytes > 0);
    const total = onWire.reduce((sum, r) => sum + r.bytes, 0);
    console.log(`first visit of /abk with the service worker: ${onWire.length} requests, ${(total / 1024).toFixed(1)} KB on the wire`);
    expect(onWire.length).toBeLessThanOrEqual(10);
    expect(total).toBeLessThanOrEqual(150 * 1024);
    expect(requests.length - onWire.length).toBeGreaterThan(0);
    // installable: Chromium itself finds nothing missing (manifest, icons, a worker that serves the pages)
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    // and the shell is cached for the next visit without signal
    expect(await page.evaluate(async () => (await (await caches.open('ekinerja-shell')).keys()).length)).toBeGreaterThanOrEqual(4);
  });

  it('when two realisasi and one invalid are saved without signal, then after reload and reconnect exactly two are on the server and the refused one stays with its message', async () => {
    const { page, base, context } = browser;
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pegawai);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);

    // online once: the app installs its service worker, which keeps the pages needed offline
    await page.goto(`${base}/realisasi`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // the next page view is the worker's (a real pegawai opens the app more than once before the dead zone)
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const inputUrl = await page
      .getByRole('link', { name: /^Input Realisasi:/ })
      .first()
      .getAttribute('href');
    for (const path of ['/realisasi', inputUrl!, '/realisasi/tambah']) await page.goto(`${base}${path}`);

    await context.setOffline(true);
    // 1: Input Realisasi on a target row
    await page.goto(`${base}${inputUrl}`);
    await page.getByLabel(/^Jumlah/).fill('3');
    await page.getByLabel(/^Uraian/).fill('Dikerjakan di puskesmas tanpa sinyal');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await visible(page.getByRole('heading', { name: 'Menunggu dikirim (1)' }));
    await visible(page.locator('#antrian').getByText('Dikerjakan di puskesmas tanpa sinyal'));
    // 2 and 3: Tambah Realisasi, a valid one and one dated in a month long closed
    await page.goto(`${base}/realisasi/tambah`);
    for (const [pekerjaan, tanggal] of [
      ['Sosialisasi aplikasi di sekolah', TEST_TODAY],
      ['Rapat yang tanggalnya salah', '2020-01-15'],
    ]) {
      await page.getByLabel('Tanggal', { exact: true }).fill(tanggal);
      await page.getByLabel('Pekerjaan', { exact: true }).fill(pekerjaan);
      await page.getByLabel('Satuan').fill('Kegiatan');
      await page.getByLabel(/^Jumlah/).fill('1');
      await page.getByLabel(/^Waktu/).fill('90');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await visible(page.locator('#antrian').getByText(pekerjaan));
    }
    await visible(page.getByRole('heading', { name: 'Menunggu dikirim (3)' }));
    const before = await kept(page);
    expect(before).toHaveLength(3);
    expect(new Set(before.map((e) => e.key)).size).toBe(3);

    // reload without signal: still on the device
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Menunggu dikirim (3)' }));
    await browser.screenshot('offline-antrian');

    // back in signal: sent, the page shows the entries as the server has them
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await visible(page.getByText('realisasi yang tersimpan di perangkat telah terkirim ke server'));
    await visible(page.getByRole('heading', { name: 'Menunggu dikirim (1)' }));
    const refused = page.locator('#antrian li', { hasText: 'Rapat yang tanggalnya salah' });
    // January 2020 is long closed (tutup bulan, issue 11): the server's 409 page says so, and the entry keeps that message
    await visible(refused.getByText(/^Ditolak server: Bulan Januari 2020 sudah ditutup/));
    const [left] = await kept(page);
    expect(left.status).toBe('ditolak');
    expect(left.pesan).toMatch(/^Bulan Januari 2020 sudah ditutup \(sejak berakhirnya .+\)\./);

    const pegawai = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    const count = (where: object) => db.prisma!.realisasi.count({ where: { pegawaiId: pegawai.id, ...where } });
    expect(await count({ uraian: 'Dikerjakan di puskesmas tanpa sinyal', status: 0 })).toBe(1);
    expect(await count({ pekerjaan: 'Sosialisasi aplikasi di sekolah', status: 0 })).toBe(1);
    expect(await count({ pekerjaan: 'Rapat yang tanggalnya salah' })).toBe(0);
    await page.goto(`${base}/realisasi?bulan=${TEST_TODAY.slice(0, 7)}&tanggal=${TEST_TODAY}`);
    for (const text of ['Dikerjakan di puskesmas tanpa sinyal', 'Sosialisasi aplikasi di sekolah'])
      await visible(page.locator('li', { hasText: text }).getByText('Belum diverifikasi'));

    // the same kept entry sent once more (a reply lost on the way): its key still makes one entry
    const first = before.find((e) => e.fields.some(([, v]) => v === 'Dikerjakan di puskesmas tanpa sinyal'))!;
    const status = await page.evaluate(async (e) => {
      const body = new FormData();
      for (const [k, v] of e.fields) body.append(k, v as string);
      const token = (document.querySelector('input[name="_csrf"]') as HTMLInputElement).value;
      body.set('_csrf', token);
      const url = new URL(e.action, location.origin);
      url.searchParams.set('_csrf', token);
      return (await fetch(url.pathname + url.search, { method: 'POST', body })).status;
    }, first);
    expect(status).toBe(200);
    expect(await count({ uraian: 'Dikerjakan di puskesmas tanpa sinyal' })).toBe(1);

    // the refused one: Ubah opens its form filled in; corrected, it is saved once
    await page.locator('#antrian').getByRole('link', { name: /^Ubah/ }).click();
    await expect.poll(() => page.getByLabel('Pekerjaan', { exact: true }).inputValue()).toBe('Rapat yang tanggalnya salah');
    await page.getByLabel('Tanggal', { exact: true }).fill(TEST_TODAY);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await visible(page.getByText('Realisasi berhasil disimpan'));
    expect(await count({ pekerjaan: 'Rapat yang tanggalnya salah', status: 0 })).toBe(1);
    expect(await kept(page)).toEqual([]);
    await expect.poll(() => page.locator('#antrian').count()).toBe(0);
  });

  it('when the pegawai logs out, then waiting entries go first, a refused one is deleted only when the user agrees, and nothing of the user stays', async () => {
    const { page, base, context } = browser;
    const pegawai = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    const onServer = (pekerjaan: string) => db.prisma!.realisasi.count({ where: { pegawaiId: pegawai.id, pekerjaan } });
    await page.goto(`${base}/realisasi/tambah`);
    await context.setOffline(true);
    for (const [pekerjaan, tanggal] of [
      ['Entri yang menunggu saat logout', TEST_TODAY],
      ['Entri yang ditolak saat logout', '2020-02-03'],
    ]) {
      await page.getByLabel('Tanggal', { exact: true }).fill(tanggal);
      await page.getByLabel('Pekerjaan', { exact: true }).fill(pekerjaan);
      await page.getByLabel('Satuan').fill('Kegiatan');
      await page.getByLabel(/^Jumlah/).fill('1');
      await page.getByLabel(/^Waktu/).fill('30');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await visible(page.locator('#antrian').getByText(pekerjaan));
    }

    // without signal nothing can go first: the app asks before deleting; "no" keeps both and stays signed in
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('button', { name: 'Logout', exact: true }).click();
    await expect.poll(() => asked).toMatch(/^2 realisasi belum terkirim/);
    expect(await kept(page)).toHaveLength(2);

    // back in signal: Logout sends what it can first, then asks about the refused one only
    await context.setOffline(false);
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await Promise.all([page.waitForURL(`${base}/login`), page.getByRole('button', { name: 'Logout', exact: true }).click()]);
    expect(asked).toMatch(/^1 realisasi belum terkirim/);
    expect(await onServer('Entri yang menunggu saat logout')).toBe(1);
    expect(await onServer('Entri yang ditolak saat logout')).toBe(0);
    expect(await kept(page)).toEqual([]);
    expect(await page.evaluate(() => caches.has('ekinerja-halaman'))).toBe(false);
  });

  it('when the session has expired by the time the signal returns, then the entry asks for Login and is sent right after it', async () => {
    const { page, base, context } = browser;
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pegawai);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/realisasi/tambah`);
    await context.setOffline(true);
    await page.getByLabel('Pekerjaan', { exact: true }).fill('Entri setelah sesi berakhir');
    await page.getByLabel('Satuan').fill('Kegiatan');
    await page.getByLabel(/^Jumlah/).fill('1');
    await page.getByLabel(/^Waktu/).fill('45');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await visible(page.getByRole('heading', { name: 'Menunggu dikirim (1)' }));

    // the server forgets the session while the phone is in the dead zone
    await db.pool!.query('DELETE FROM session');
    await context.setOffline(false);
    const item = page.locator('#antrian li', { hasText: 'Entri setelah sesi berakhir' });
    await visible(item.getByText(/Sesi Anda berakhir/));
    expect((await kept(page))[0].status).toBe('login');

    await item.getByRole('link', { name: 'Login' }).click();
    await page.getByLabel('NIP').fill(DEMO_ACCOUNTS.pegawai);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await visible(page.getByText('1 realisasi yang tersimpan di perangkat telah terkirim ke server.'));
    const pegawai = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    expect(
      await db.prisma!.realisasi.count({ where: { pegawaiId: pegawai.id, pekerjaan: 'Entri setelah sesi berakhir', status: 0 } }),
    ).toBe(1);
    expect(await kept(page)).toEqual([]);
  });
});
