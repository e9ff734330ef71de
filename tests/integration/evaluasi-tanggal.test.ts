// Evaluasi kinerja on whatever day it is (issue 19; in the date matrix, vitest.config.ts): the period to rate is the
// month that ended last (on 1 January, last year's December, and last year's annual rating opens); a period not ended
// yet is refused (422); last month stays open until tutup bulan (day 10 of this month, the demo's setting), then 409.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { periodeTerakhir } from '../../src/domain/skp.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const tahun = Number(TEST_TODAY.slice(0, 4));
const bulan = Number(TEST_TODAY.slice(5, 7));
const lalu = periodeTerakhir(TEST_TODAY);
/** Last month (and, in January, last year) is open until the end of day 10 of this month. */
const laluTerbuka = Number(TEST_TODAY.slice(8, 10)) <= DEFAULT_SETTINGS.tutupBulanHari;
const atasan = await loginAs(app, DEMO_ACCOUNTS.atasan);

async function nilai(q: string, body: Record<string, string>) {
  const page = await atasan.get(`/evaluasi/pegawai/${pegawai.id}?${q}`);
  const versi = /name="versi" value="(\d+)"/.exec(page.text)?.[1] ?? '0';
  return atasan
    .post(`/evaluasi/pegawai/${pegawai.id}?${q}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), versi, konfirmasiKurva: 'ya', ...body });
}

describe(`evaluasi on ${TEST_TODAY}`, () => {
  it("when Evaluasi Kinerja is opened without a period, then it is the month that ended last (on 1 January, last year's December)", async () => {
    expect(lalu).toEqual(bulan === 1 ? { tahun: tahun - 1, bulan: 12 } : { tahun, bulan: bulan - 1 });
    const page = await atasan.get('/evaluasi');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${lalu.tahun}"`);
    expect(page.text).toMatch(new RegExp(`<option value="${lalu.bulan}" selected>`));
    // while last month is open the demo atasan's team still waits to be rated (their desk), afterwards it is rated
    const row = await prisma.evaluasiKinerja.findFirst({ where: { pegawaiId: pegawai.id, tahun: lalu.tahun, bulan: lalu.bulan } });
    expect(row === null).toBe(laluTerbuka);
  });

  it('when this month is rated before it has ended, then 422 and nothing is written', async () => {
    const res = await nilai(`tahun=${tahun}&bulan=${bulan}`, { hasilKerja: 'SESUAI', perilakuKerja: 'SESUAI' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('belum berakhir');
    expect(await prisma.evaluasiKinerja.count({ where: { pegawaiId: pegawai.id, tahun, bulan } })).toBe(0);
  });

  it('when last month is rated, then it is saved until tutup bulan and refused (409) after it', async () => {
    const res = await nilai(`tahun=${lalu.tahun}&bulan=${lalu.bulan}`, {
      hasilKerja: 'SESUAI',
      perilakuKerja: 'DI_ATAS',
      catatan: 'Uji tanggal',
    });
    expect(res.status).toBe(laluTerbuka ? 303 : 409);
    const row = await prisma.evaluasiKinerja.findFirst({ where: { pegawaiId: pegawai.id, tahun: lalu.tahun, bulan: lalu.bulan } });
    if (laluTerbuka) expect(row).toMatchObject({ predikat: 'Baik', catatan: 'Uji tanggal' });
    else expect(row?.catatan ?? null).not.toBe('Uji tanggal');
  });

  it("when the annual rating is given, then this year's is refused (422) and last year's is open only until December closes (on 1 January, yes)", async () => {
    const ini = await nilai(`tahun=${tahun}&bulan=`, { hasilKerja: 'SESUAI', perilakuKerja: 'SESUAI' });
    expect(ini.status).toBe(422);
    expect(ini.text).toContain(`Tahun ${tahun} belum berakhir`);
    const tahunLalu = await nilai(`tahun=${tahun - 1}&bulan=`, { hasilKerja: 'DI_ATAS', perilakuKerja: 'DI_ATAS' });
    const terbuka = bulan === 1 && laluTerbuka;
    expect(tahunLalu.status).toBe(terbuka ? 303 : 409);
    const rows = await prisma.evaluasiKinerja.findMany({ where: { pegawaiId: pegawai.id, bulan: null } });
    expect(rows.map((r) => [r.tahun, r.predikat])).toEqual(terbuka ? [[tahun - 1, 'Sangat Baik']] : []);
  });
});
