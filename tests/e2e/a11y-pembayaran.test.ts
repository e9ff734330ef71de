// WCAG 2.1 AA (issue 14) of the daftar pembayaran with its rows (issue 22): the demo has no ditetapkan month, so the
// suite of every page (a11y-pages.ts) sees only its "belum ditetapkan" state. Here October is ditetapkan with a
// pegawai held by a penundaan, released on 20 November, and November is ditetapkan: November's list carries the rapel
// line, October's the held row; both, and the pegawai's Capaian & TPP of both months, at desktop and phone widths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSettings } from '../../src/services/settings.service.ts';
import { tetapkanTpp } from '../../src/services/tpp.service.ts';
import { buildApp, DEMO_ACCOUNTS } from '../helpers/app.ts';
import { openBrowser } from '../helpers/browser.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { findings, masuk, VIEWPORTS } from './a11y-suite.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const rina = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Dinas Komunikasi dan Informatika' } });

beforeAll(async () => {
  await prisma.pegawai.update({ where: { id: rina.id }, data: { bankNama: 'Bank Kalsel', rekening: '001234567890', gaji: 4_500_000 } });
  const t = await prisma.penundaanTpp.create({
    data: { pegawaiId: rina.id, alasan: 'LHKASN belum dilaporkan', mulai: new Date('2026-10-10T00:00:00Z') },
  });
  const o = { now: TEST_NOW, settings: await getSettings(), who: { actorId: null } };
  await tetapkanTpp(2026, 10, { ...o, today: '2026-11-18' });
  await prisma.penundaanTpp.update({ where: { id: t.id }, data: { dilepas: new Date('2026-11-20T00:00:00Z') } });
  await tetapkanTpp(2026, 11, { ...o, today: '2026-12-15' });
  expect(await prisma.tppRapel.count()).toBe(1);
});

const PAGES = [
  { name: 'Daftar Pembayaran dengan rapel', path: `/pembayaran?bulan=2026-11&unit=${kominfo.id}`, marker: 'tr[data-rapel]' },
  {
    name: 'Daftar Pembayaran dengan baris ditunda',
    path: `/pembayaran?bulan=2026-10&unit=${kominfo.id}`,
    marker: '[data-pembayaran-ditunda]',
  },
  { name: 'Capaian & TPP bulan yang dirapel', path: `/tpp/pegawai/${rina.id}?bulan=2026-10`, marker: '[data-tpp-ditunda]' },
  { name: 'Capaian & TPP bulan yang membayar rapel', path: `/tpp/pegawai/${rina.id}?bulan=2026-11`, marker: '[data-tpp-rapel]' },
];

describe.each(['desktop', 'phone'] as const)('axe-core WCAG 2.1 AA of the daftar pembayaran (%s)', (size) => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser(app, VIEWPORTS[size]);
    await masuk(browser.page, browser.base, DEMO_ACCOUNTS.admin);
  });
  afterAll(() => browser?.close());

  it.each(PAGES)('when $name is opened, then axe reports no violation and nothing is wider than the screen', async (p) => {
    const { page, base } = browser;
    await page.goto(`${base}${p.path}`);
    expect(await page.locator(p.marker).count(), p.name).toBeGreaterThan(0);
    expect(await findings(page, p)).toEqual([]);
  });
});
