// Issue 24: a pegawai's month is one figure on every output — the pegawai's own page, the Dashboard, the Rekap Unit
// workbook, the penetapan, the Laporan PDF — and history decides it, never today's row. Each case of the issue's
// report as a regression test through the app's interfaces (HTTP, the pegawai import), on October 2026 with the clock
// at the suite's 18 November 2026.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hitungSatu, segarkan } from '../../src/services/bulan-pegawai.service.ts';
import { importPegawaiCsv } from '../../src/services/import/pegawai.ts';
import { periksaBulan } from '../../src/services/rekap-periksa.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { atInstant } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const OKT = '2026-10';
/** A response body as bytes (the workbook, the PDF). */
const binary = (res: import('node:http').IncomingMessage, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const rp = (v: number) => `Rp ${v.toLocaleString('id-ID')}`;

/** The TPP total a pegawai's own page shows for a month (as the admin reads it). */
async function halaman(pegawaiId: number, bulan = OKT): Promise<number> {
  const res = await (await as(DEMO_ACCOUNTS.admin)).get(`/tpp/pegawai/${pegawaiId}?bulan=${bulan}`);
  expect(res.status).toBe(200);
  const m = /data-tpp-total>Rp ([\d.]+)</.exec(res.text);
  return Number(m![1].replaceAll('.', ''));
}

/** The Rekap Unit workbook's rows of a unit (NIP → TPP total). */
async function workbook(unitId: number, bulan = OKT): Promise<Map<string, number>> {
  const res = await (await as(DEMO_ACCOUNTS.admin))
    .get(`/laporan/unit/${unitId}.xlsx?bulan=${bulan}`)
    .buffer(true)
    .parse(binary as never);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as never);
  const ws = wb.worksheets[0];
  const out = new Map<string, number>();
  ws.eachRow((row, n) => {
    const nip = String(row.getCell(1).value ?? '');
    if (n > 1 && /^\d{18}$/.test(nip)) out.set(nip, Number(row.getCell(18).value)); // TPP total
  });
  return out;
}

/** The Dashboard's TPP of the pegawai directly in a unit (name → TPP), and its total. */
async function dashboard(unitId: number, bulan = OKT) {
  const res = await (await as(DEMO_ACCOUNTS.admin)).get(`/dashboard?unit=${unitId}&bulan=${bulan}`);
  expect(res.status).toBe(200);
  const total = Number(/data-ringkas="Total TPP">Rp ([\d.]+)</.exec(res.text)![1].replaceAll('.', ''));
  return { text: res.text, total };
}

const pegawaiDemo = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip }, include: { jabatan: true } });

describe('one figure on every output', () => {
  it('when a pegawai has no presensi row in a covered month, then the page, the dashboard, the workbook and the penetapan all cut every working day alike', async () => {
    const p = await pegawaiDemo(DEMO_ACCOUNTS.pegawai);
    await prisma.$executeRaw`DELETE FROM presensi WHERE pegawai_id = ${p.id} AND tanggal BETWEEN '2026-10-01' AND '2026-10-31'`;
    const own = await halaman(p.id);
    const settings = await getSettings();
    const b = (await hitungSatu(p.id, 2026, 10, settings))!;
    expect(b.presensi.ringkasan.alpa).toBe(b.presensi.ringkasan.hariKerja); // every working day absent
    expect(own).toBe(b.tpp.total);
    expect((await workbook(p.unitId!)).get(p.nip)).toBe(own);
    expect((await dashboard(p.unitId!)).text).toContain(rp(own));
  });

  it('when a new pegawai is imported in November with a TMT of 1 November, then October is not theirs on any output (no absent days, no pay)', async () => {
    const atasan = await pegawaiDemo(DEMO_ACCOUNTS.atasan);
    const unit = await prisma.unitKerja.findUniqueOrThrow({ where: { id: atasan.unitId! } });
    const nip = '199805052026111002';
    const csv = `nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran,tmt\n${nip},Pegawai Baru November,III/a,${unit.nama},,${atasan.nip},pegawai,2026-11-01`;
    const res = await importPegawaiCsv(csv, { actorId: null, tmt: '2026-11-18' });
    expect(res.errors).toEqual([]);
    const baru = await prisma.pegawai.findUniqueOrThrow({ where: { nip } });
    expect(baru.tmt?.toISOString().slice(0, 10)).toBe('2026-11-01');
    const page = await (await as(DEMO_ACCOUNTS.admin)).get(`/presensi/pegawai/${baru.id}?bulan=${OKT}`);
    expect(page.text).toContain('Di luar masa dinas');
    expect(page.text).not.toContain('Tanpa keterangan</span>');
    expect(await halaman(baru.id)).toBe(0);
    expect((await workbook(unit.id)).has(nip)).toBe(false);
    // November is theirs from the 1st
    const nov = (await hitungSatu(baru.id, 2026, 11, await getSettings()))!;
    expect(nov.presensi.days[0].status.jenis).not.toBe('bukan-masa-dinas');
  });

  it('when a mutasi moves a pegawai to a higher kelas with TMT 15 October, then September keeps the old pagu, unit and atasan on every output, and October is paid pro rata', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const p = await pegawaiDemo('199405182020121005');
    const settings = await getSettings();
    const sebelum = { sep: await halaman(p.id, '2026-09'), sepWb: (await workbook(p.unitId!, '2026-09')).get(p.nip) };
    expect(sebelum.sepWb).toBe(sebelum.sep);
    // a higher post in another unit of the Pemda
    const tujuan = await prisma.jabatan.findFirstOrThrow({
      where: { kelas: { gt: p.jabatan!.kelas }, unitId: { not: p.unitId! }, aktif: true },
      orderBy: { kelas: 'asc' },
    });
    const riwayat = await admin.get(`/admin/pegawai/${p.id}/riwayat`);
    const versi = /name="versi" value="([^"]+)"/.exec(riwayat.text)![1];
    // recorded in early November, while October is still open (it closes after the 10th)
    const res = await atInstant('2026-11-05T10:00', () =>
      postForm(admin, `/admin/pegawai/${p.id}/mutasi`, {
        tmt: '2026-10-15',
        unitId: String(tujuan.unitId),
        jabatanId: String(tujuan.id),
        nipAtasan: '',
        alasan: 'SK Bupati 821/123/2026',
        versi,
      }),
    );
    expect(res.status, res.text.match(/invalid-feedback[^>]*>([^<]+)/)?.[1]).toBe(303);
    // September: unchanged everywhere, and still listed under the old unit
    expect(await halaman(p.id, '2026-09')).toBe(sebelum.sep);
    expect((await workbook(p.unitId!, '2026-09')).get(p.nip)).toBe(sebelum.sep);
    expect((await workbook(tujuan.unitId, '2026-09')).has(p.nip)).toBe(false);
    const pdf = await admin
      .get(`/laporan/pegawai/${p.id}.pdf?bulan=2026-09`)
      .buffer(true)
      .parse(binary as never);
    expect(pdf.status).toBe(200);
    // September's report names September's atasan and unit, not today's (the mutasi left her without an atasan)
    const atasanLama = await pegawaiDemo(DEMO_ACCOUNTS.atasan);
    const teks = pdfText(pdf.body as Buffer);
    expect(teks).toContain(atasanLama.nama);
    expect(teks).toContain((await prisma.unitKerja.findUniqueOrThrow({ where: { id: p.unitId! } })).nama);
    // the atasan who supervised September keeps that month's TPP, presensi and report; not the months after
    const lama = await as(DEMO_ACCOUNTS.atasan);
    expect(p.atasanId).toBe((await pegawaiDemo(DEMO_ACCOUNTS.atasan)).id);
    expect((await lama.get(`/tpp/pegawai/${p.id}?bulan=2026-09`)).status).toBe(200);
    expect((await lama.get(`/presensi/pegawai/${p.id}?bulan=2026-09`)).status).toBe(200);
    expect((await lama.get(`/laporan/pegawai/${p.id}.pdf?bulan=2026-09`)).status).toBe(200);
    expect((await lama.get(`/tpp/pegawai/${p.id}?bulan=2026-11`)).status).toBe(404);
    // October: both jabatan for their share of the working days, on the page, the workbook of the new unit and the rows
    const okt = (await hitungSatu(p.id, 2026, 10, settings))!;
    expect(okt.bagianPagu.map((b) => b.kelas)).toEqual([p.jabatan!.kelas, tujuan.kelas]);
    expect(await halaman(p.id)).toBe(okt.tpp.total);
    expect((await workbook(tujuan.unitId)).get(p.nip)).toBe(okt.tpp.total);
    expect((await workbook(p.unitId!)).has(p.nip)).toBe(false);
    // her old targets ended at the TMT: in November only the new jabatan's work counts
    const nov = (await hitungSatu(p.id, 2026, 11, settings))!;
    expect(nov.capaian.targets.every((t) => t.berakhir === null || t.berakhir > '2026-11-01')).toBe(true);
  });

  it('when a pegawai is deactivated with a last day of 31 October, then the months served stay on every output and in the penetapan', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const p = await pegawaiDemo('199601092022032004');
    const before = await halaman(p.id);
    const res = await postForm(admin, `/admin/pegawai/${p.id}/nonaktifkan`, { berhenti: '2026-10-31' });
    expect(res.status).toBe(303);
    const row = await prisma.pegawai.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.aktif).toBe(false);
    expect(row.berhenti?.toISOString().slice(0, 10)).toBe('2026-10-31');
    expect(await halaman(p.id)).toBe(before);
    expect((await workbook(p.unitId!)).get(p.nip)).toBe(before);
    expect((await workbook(p.unitId!, '2026-11')).has(p.nip)).toBe(false);
  });

  it('when an Anjab task’s norma waktu changes, then the dashboard and the workbook follow the page at once', async () => {
    const p = await pegawaiDemo(DEMO_ACCOUNTS.pegawai);
    await dashboard(p.unitId!); // computed once
    const t = await prisma.targetTahunan.findFirstOrThrow({ where: { pegawaiId: p.id, tahun: 2026 }, include: { uraianTugas: true } });
    await prisma.uraianTugas.update({ where: { id: t.uraianTugasId }, data: { normaWaktu: t.uraianTugas.normaWaktu * 3 } });
    const own = await halaman(p.id);
    expect((await workbook(p.unitId!)).get(p.nip)).toBe(own);
    const { total } = await dashboard(p.unitId!);
    const rows = await prisma.bulanPegawai.findMany({ where: { tahun: 2026, bulan: 10, unitId: p.unitId! } });
    expect(total).toBe(rows.reduce((s, r) => s + r.total, 0));
  });
});

describe('a ditetapkan month never moves', () => {
  it('when October is ditetapkan and data are recorded afterwards, then every output keeps the frozen figures with their dates, Selisih lists the change, and rekap:periksa finds no drift', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const settings = await getSettings();
    const p = await pegawaiDemo(DEMO_ACCOUNTS.atasan);
    const res = await postForm(admin, '/admin/tpp/tetapkan?tahun=2026', { bulan: OKT });
    expect(res.status).toBe(303);
    const frozenPage = await halaman(p.id);
    const frozenWb = await workbook(p.unitId!);
    const frozenDash = await dashboard(p.unitId!);
    const tetap = await prisma.tppTetap.findUniqueOrThrow({
      where: { tahun_bulan_pegawaiId: { tahun: 2026, bulan: 10, pegawaiId: p.id } },
    });
    expect(tetap.total).toBe(frozenPage);
    expect(frozenDash.text).toContain(rp(frozenPage));
    // the stored breakdown is whole: its cut lines keep their dates
    const rincian = tetap.rincian as { tpp: { potongan: { tanggal: string }[] } };
    expect(rincian.tpp.potongan.every((c) => /^2026-10-\d\d$/.test(c.tanggal))).toBe(true);

    // afterwards: a new hari libur on a working day with lateness, and a presensi row for an absent day
    await postForm(admin, '/admin/hari-libur', { tanggal: '2026-10-28', nama: 'Libur daerah susulan', jenis: 'LIBUR_DAERAH' });
    await prisma.$executeRaw`DELETE FROM presensi WHERE pegawai_id = ${p.id} AND tanggal = '2026-10-05'`;

    expect(await halaman(p.id)).toBe(frozenPage);
    expect(await workbook(p.unitId!)).toEqual(frozenWb);
    // the Dashboard's statement, planned once per connection while October was open (the tests above), reads the
    // frozen row, not the month's live one the changes moved
    const dash = await dashboard(p.unitId!);
    expect(dash.total).toBe(frozenDash.total);
    expect(dash.text).toContain(rp(frozenPage));
    const page = await admin.get(`/tpp/pegawai/${p.id}?bulan=${OKT}`);
    expect(page.text).toContain('Ditetapkan pada');
    expect(page.text).toContain('dicatat setelah penetapan');
    const presensi = await admin.get(`/presensi/pegawai/${p.id}?bulan=${OKT}`);
    expect(presensi.text).not.toContain('Libur daerah susulan'); // the frozen calendar

    // the admin sees the difference (the input of next month's kekurangan/kelebihan bayar), also as Excel
    const selisih = await admin.get(`/admin/tpp/selisih?bulan=${OKT}`);
    expect(selisih.status).toBe(200);
    expect(selisih.text).toContain(`data-selisih="${p.nip}"`);
    const xlsx = await admin.get(`/admin/tpp/selisih?bulan=${OKT}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    const periksa = await periksaBulan(2026, 10, settings);
    expect(periksa.drift).toEqual([]);
    expect(periksa.setelahPenetapan.map((s) => s.nip)).toContain(p.nip);
    // only Batalkan penetapan changes a frozen figure
    await postForm(admin, '/admin/tpp/batal?tahun=2026', { bulan: OKT, alasan: 'Koreksi libur daerah' });
    expect(await halaman(p.id)).toBe((await hitungSatu(p.id, 2026, 10, settings))!.tpp.total);
  });

  it('when the month rows are checked against their sources for a month of the demo, then rekap:periksa reports no difference', async () => {
    const settings = await getSettings();
    await segarkan(2026, 9, settings);
    const hasil = await periksaBulan(2026, 9, settings);
    expect(hasil.pegawai).toBeGreaterThan(0);
    expect(hasil.drift).toEqual([]);
  });
});

describe('the lists find every pegawai of a month without searching for them on each view', () => {
  /** The statements `fn` sends through the pg driver. */
  async function statements(fn: () => Promise<unknown>): Promise<string[]> {
    const { default: pg } = await import('pg');
    const original = pg.Client.prototype.query;
    const seen: string[] = [];
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      seen.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await fn();
    } finally {
      pg.Client.prototype.query = original;
    }
    return seen;
  }
  const stamps = () => prisma.bulanLengkap.findMany({ where: { tahun: 2026, bulan: 11 }, orderBy: { unitId: 'asc' } });

  it('when a unit’s month was read once, then the next read is one statement; a pegawai imported into the unit afterwards is on the next read', async () => {
    const settings = await getSettings();
    const atasan = await pegawaiDemo(DEMO_ACCOUNTS.atasan);
    const unit = await prisma.unitKerja.findUniqueOrThrow({ where: { id: atasan.unitId! } });
    await segarkan(2026, 11, settings, { unitIds: [unit.id] });
    expect((await stamps()).find((s) => s.unitId === unit.id)).toMatchObject({ siap: true });
    expect(await statements(() => segarkan(2026, 11, settings, { unitIds: [unit.id] }))).toHaveLength(1);

    const nip = '199805052026111003';
    const csv = `nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran,tmt\n${nip},Pegawai Baru Tengah November,III/a,${unit.nama},,${atasan.nip},pegawai,2026-11-02`;
    expect((await importPegawaiCsv(csv, { actorId: null, tmt: '2026-11-18' })).errors).toEqual([]);
    expect(await stamps()).toEqual([]); // a new history row: who is in service may have changed in every month
    expect((await workbook(unit.id, '2026-11')).has(nip)).toBe(true);
    expect((await stamps()).find((s) => s.unitId === unit.id)).toMatchObject({ siap: true });
  });

  it('when a pegawai’s name changes, then the stamps stay; when a TMT or a history row changes, then every stamp goes', async () => {
    const settings = await getSettings();
    await segarkan(2026, 11, settings);
    expect((await stamps()).map((s) => [s.unitId, s.siap])).toContainEqual([0, true]);
    const n = (await stamps()).length;
    const p = await pegawaiDemo(DEMO_ACCOUNTS.pegawai);
    const baris = () =>
      prisma.bulanPegawai.findUniqueOrThrow({ where: { pegawaiId_tahun_bulan: { pegawaiId: p.id, tahun: 2026, bulan: 11 } } });
    const sebelum = await baris();
    await prisma.pegawai.update({ where: { id: p.id }, data: { nama: `${p.nama} ` } });
    expect(await stamps()).toHaveLength(n);
    await prisma.pegawai.update({ where: { id: p.id }, data: { tmt: new Date('2026-11-03T00:00:00Z') } });
    expect(await stamps()).toEqual([]);
    await segarkan(2026, 11, settings);
    // November 2 (a Monday) is no longer in service: the row follows, and equals the month computed from its sources
    const sesudah = await baris();
    expect(sesudah.hariDinas).toBe(sebelum.hariDinas - 1);
    expect((await hitungSatu(p.id, 2026, 11, settings))!.hariDinas).toBe(sesudah.hariDinas);
    await segarkan(2026, 11, settings);
    expect(await stamps()).toHaveLength(1);
    await prisma.$executeRaw`UPDATE riwayat_jabatan SET updated_at = updated_at WHERE pegawai_id = ${p.id}`;
    expect(await stamps()).toEqual([]);
  });
});
