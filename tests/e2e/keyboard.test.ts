// Issue 14: the article's steps 1–10 with the keyboard only, on a 360 px phone: "Lewati ke konten" first, a visible focus
// on every stop, the phone menu opened and closed with the keyboard, and after a 422 the focus on the first field in
// error, which names its message (aria-describedby) — what a screen reader user needs.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { openBrowser, visible } from '../helpers/browser.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

type Focused = {
  style: string;
  tag: string;
  name: string;
  text: string;
  id: string;
  describedBy: string;
  invalid: string;
  shown: boolean;
  ring: boolean;
};

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const described = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim();
    return {
      style: `${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow} fv=${el.matches(':focus-visible')}`,
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('name') ?? '',
      text: (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' '),
      id: el.id,
      describedBy: described,
      invalid: el.getAttribute('aria-invalid') ?? '',
      shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight + 1 && r.right > 0,
      // a focus ring: an outline of at least 2 px, or a box shadow
      ring: (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
    };
  });

describe('keyboard only in Chromium (phone)', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const noRing: string[] = [];
  beforeAll(async () => {
    browser = await openBrowser(app, { width: 360, height: 780 });
  });
  afterAll(() => browser?.close());

  /** Tab (at most 80 times) until the focused element matches; every stop on the way must show its focus. */
  async function tabTo(match: (f: Focused) => boolean, what: string): Promise<Focused> {
    const { page } = browser;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.tag !== 'body' && f.tag !== 'main' && !f.ring)
        noRing.push(`${page.url()} ${f.tag}[name=${f.name}] "${f.text.slice(0, 40)}" ${f.style}`);
      if (match(f)) return f;
    }
    throw new Error(`Tab never reached ${what} on ${page.url()}`);
  }
  const tabToText = (text: string | RegExp) => tabTo((f) => (typeof text === 'string' ? f.text === text : text.test(f.text)), String(text));
  const tabToField = (name: string) => tabTo((f) => f.name === name, `field ${name}`);

  async function login(nip: string) {
    const { page } = browser;
    // Login puts the focus on NIP itself
    expect((await focused(page)).name).toBe('nip');
    await page.keyboard.type(nip);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${browser.base}/`);
  }
  async function menu(label: string) {
    const { page } = browser;
    await tabToText('Buka menu');
    await page.keyboard.press('Enter');
    await page.locator('#menu.show').waitFor();
    await tabTo((f) => f.text === label || f.text.startsWith(`${label} `), label);
    await page.keyboard.press('Enter');
  }

  // One page per test (issue 21), in the order of the article's steps; each starts from its own URL in the same
  // session, and every Tab stop on its way must show its focus.
  afterEach(() => {
    expect(noRing.splice(0)).toEqual([]);
  });

  it('when the pegawai logs in with the keyboard (steps 1–2), then the skip link is the first stop and moves the focus to the content', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/login`);
    await login(DEMO_ACCOUNTS.pegawai);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip.text).toBe('Lewati ke konten');
    expect(skip.shown).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('konten');
  });

  it('when the phone menu is used with the keyboard (step 3), then Enter opens it, Escape closes it with the focus back, and it leads to Realisasi Kinerja', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/`);
    await tabToText('Buka menu');
    await page.keyboard.press('Enter');
    await page.locator('#menu.show').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#menu.show').waitFor({ state: 'detached' });
    expect((await focused(page)).text).toBe('Buka menu');
    await page.keyboard.press('Enter');
    await page.locator('#menu.show').waitFor();
    await tabTo((f) => f.text === 'Realisasi Kinerja', 'Realisasi Kinerja');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/realisasi(\?|$)/);
  });

  it('when Input Realisasi is saved without a quantity (steps 4–5), then the focus is on Jumlah, which names its message, and the corrected entry is saved', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/realisasi`);
    await tabToText(/^Input Realisasi:/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/realisasi\/input\//);
    await tabToText('Simpan');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('alert'));
    const error = await focused(page);
    expect(error.name).toBe('jumlah');
    expect(error.invalid).toBe('true');
    expect(error.describedBy).toMatch(/\S/);
    await page.keyboard.type('2');
    await tabToText('Simpan');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('status').getByText('Realisasi berhasil disimpan'));
  });

  it('when Tambah Realisasi is filled with the keyboard (step 6), then the entry is saved', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/realisasi`);
    await tabToText('Tambah Realisasi');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/realisasi\/tambah/);
    await tabToField('pekerjaan');
    await page.keyboard.type('Pendampingan operator dengan papan ketik');
    await tabToField('satuan');
    await page.keyboard.type('Kegiatan');
    await tabToField('jumlah');
    await page.keyboard.type('1');
    await tabToField('menit');
    await page.keyboard.type('60');
    await tabToText('Simpan');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('status').getByText('Realisasi berhasil disimpan'));
  });

  it('when Tambah Target Baru is filled with the keyboard (steps 7–8), then the target is saved', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/realisasi`);
    await page.keyboard.press('Tab'); // skip link
    await menu('Realisasi Tahunan');
    await page.waitForURL(/\/realisasi-tahunan/);
    await tabToText('Tambah Target Baru');
    await page.keyboard.press('Enter');
    await page.waitForURL(/target-baru/);
    await tabToField('uraianTugasId');
    await page.keyboard.press('ArrowDown');
    await tabToField('pekerjaan');
    await page.keyboard.type('Target yang diisi dengan papan ketik');
    await tabToField('kuantitas');
    await page.keyboard.type('12');
    await tabToText('Simpan');
    await page.keyboard.press('Enter');
    await visible(page.getByText('Target baru berhasil disimpan'));
  });

  it('when the atasan verifies with the keyboard (steps 9–10), then the entry is verified', async () => {
    const { page, base } = browser;
    await page.goto(`${base}/realisasi-tahunan`);
    await tabToText('Logout');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/login`);
    await login(DEMO_ACCOUNTS.atasan);
    await menu('Verifikasi');
    await page.waitForURL(/\/verifikasi/);
    await tabToText('Verifikasi');
    await page.keyboard.press('Enter');
    await visible(page.getByText('1 realisasi diverifikasi.'));
  });
});
