// Laporan: the monthly PDF per pegawai (text read back) and the Rekap Unit workbook (cells and formulas read back),
// with the access rules of the data. Fixed month: October 2026, before the pinned day.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hitungSatu } from '../../src/services/bulan-pegawai.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const PIMPINAN = DEMO_ACCOUNTS.pimpinan;
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, include: { jabatan: true } });
const rekan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '199405182020121005' } });

const binary = (res: import('node:stream').Readable, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

// A controlled October for the demo pegawai: pagu of the kelas 5,000,000; two TL1, one PSW2 and one day absent;
// capaian from the demo's verified entries (the one computation of the month, as an exact fraction).
await prisma.$executeRaw`DELETE FROM presensi WHERE tanggal BETWEEN '2026-10-01' AND '2026-10-31'`;
await prisma.$executeRaw`DELETE FROM ketidakhadiran WHERE mulai <= '2026-10-31' AND selesai >= '2026-10-01'`;
await prisma.$executeRaw`DELETE FROM hari_libur WHERE tanggal BETWEEN '2026-10-01' AND '2026-10-31'`;
await prisma.$executeRaw`DELETE FROM presensi_cakupan WHERE tahun = 2026 AND bulan = 10`;
await prisma.tppPagu.upsert({
  where: { kelas_tahun: { kelas: pegawai.jabatan!.kelas, tahun: 2026 } },
  create: { kelas: pegawai.jabatan!.kelas, tahun: 2026, pagu: 5_000_000 },
  update: { pagu: 5_000_000 },
});
// Working days of October 2026: 1–2, 5–9, 12–16, 19–23, 26–30 (22). Day 6 absent; 2 and 7 TL1; 8 PSW2.
const hari = ['01', '02', '05', '07', '08', '09', '12', '13', '14', '15', '16', '19', '20', '21', '22', '23', '26', '27', '28', '29', '30'];
await prisma.$executeRawUnsafe(`
  INSERT INTO presensi (pegawai_id, tanggal, jam_masuk, jam_pulang)
  SELECT ${pegawai.id}, ('2026-10-' || d)::date,
         CASE WHEN d IN ('02', '07') THEN time '07:45' ELSE time '07:20' END,
         CASE WHEN d = '08' THEN time '15:20' WHEN extract(isodow FROM ('2026-10-' || d)::date) = 5 THEN time '16:35' ELSE time '16:05' END
  FROM unnest(ARRAY['${hari.join("','")}']) AS d`);
const bulanIni = (await hitungSatu(pegawai.id, 2026, 10, await getSettings()))!;
const [num, den] = [BigInt(bulanIni.capaian.pembilang ?? '0'), BigInt(bulanIni.capaian.penyebut ?? '1')];
// Hand computation: cuts 0.5 + 0.5 + 1 + 3 = 5 %; disiplin 5,000,000 × 40 % × 95 % = 1,900,000;
// kinerja 5,000,000 × 60 % × capaian (capaian an exact fraction), rounded half up once.
const kinerja = Number((2n * 3_000_000n * num + den) / (2n * den));
const rp = (v: number) => `Rp ${v.toLocaleString('id-ID')}`;

describe('TPP breakdown page', () => {
  it('when the pegawai opens Capaian & TPP for October, then the figures match the hand computation, each cut with its date', async () => {
    const res = await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/tpp?bulan=2026-10');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`data-tpp-disiplin>${rp(1_900_000)}<`);
    expect(res.text).toContain(`data-tpp-kinerja>${rp(kinerja)}<`);
    expect(res.text).toContain(`data-tpp-total>${rp(kinerja + 1_900_000)}<`);
    for (const t of ['2 Oktober 2026', '6 Oktober 2026', '7 Oktober 2026', '8 Oktober 2026']) expect(res.text).toContain(t);
    expect(res.text).toContain('Tanpa keterangan');
    expect(res.text).toContain('PSW2');
  });
});

describe('Laporan Kinerja Bulanan (PDF)', () => {
  it('when the pegawai downloads the October PDF, then its text holds the identity, capaian, presensi and TPP figures, and page numbers', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent
      .get(`/laporan/pegawai/${pegawai.id}.pdf?bulan=2026-10`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('LAPORAN KINERJA BULANAN');
    expect(text).toContain('Periode Oktober 2026');
    expect(text).toContain(pegawai.nip);
    expect(text).toContain(pegawai.nama);
    expect(text).toContain(rp(5_000_000));
    expect(text).toContain(rp(1_900_000));
    expect(text).toContain(rp(kinerja + 1_900_000));
    expect(text).toContain('2 / 0 / 0 / 0'); // TL1–TL4
    expect(text).toContain('0 / 1 / 0 / 0'); // PSW1–PSW4
    expect(text).toMatch(/Halaman 1 dari \d/);
    expect(text).toContain('Atasan langsung,');
  });

  it('when another pegawai asks for the PDF, then 404; the atasan and the pimpinan of the unit get it', async () => {
    const path = `/laporan/pegawai/${pegawai.id}.pdf?bulan=2026-10`;
    expect((await (await loginAs(app, rekan.nip)).get(path)).status).toBe(404);
    expect((await (await loginAs(app, DEMO_ACCOUNTS.atasan)).get(path)).status).toBe(200);
    expect((await (await loginAs(app, PIMPINAN)).get(path)).status).toBe(200);
  });
});

describe('Rekap Unit (Excel)', () => {
  it('when the pimpinan downloads the unit workbook, then each pegawai is a row of numbers, totals are formulas and the header is frozen', async () => {
    const agent = await loginAs(app, PIMPINAN);
    const res = await agent
      .get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('Rekap Unit')!;
    expect(ws.getRow(1).getCell(1).value).toBe('NIP');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const n = await prisma.pegawai.count({ where: { unitId: pegawai.unitId, aktif: true } });
    let row = 0;
    for (let r = 2; r <= n + 1; r++) if (ws.getRow(r).getCell(1).value === pegawai.nip) row = r;
    expect(row).toBeGreaterThan(1);
    const cells = ws.getRow(row);
    expect(cells.getCell(13).value).toBe(5_000_000); // pagu, a number
    expect(cells.getCell(15).value).toBe(1_900_000); // TPP disiplin
    expect(cells.getCell(16).value).toBe(0); // no Plt/Plh line
    expect(cells.getCell(17).value).toBe(0); // no hukuman disiplin
    expect(cells.getCell(18).value).toBe(kinerja + 1_900_000);
    expect(cells.getCell(10).value).toBe(2); // terlambat
    expect(cells.getCell(12).value).toBe(1); // tanpa keterangan
    const total = ws.getRow(n + 2);
    expect(total.getCell(1).value).toBe('Jumlah');
    expect(total.getCell(18).value).toMatchObject({ formula: `SUM(R2:R${n + 1})` });
    expect(ws.getColumn(2).width).toBe(32);
  });

  it('when a pegawai asks for the workbook, then 403; a unit outside the pimpinan’s subtree is a 404', async () => {
    expect((await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get(`/laporan/unit/${pegawai.unitId}.xlsx`)).status).toBe(403);
    const luar = await prisma.unitKerja.findFirstOrThrow({
      where: { nama: { not: { contains: 'Komunikasi' } }, induk: { indukId: null } },
    });
    expect((await (await loginAs(app, PIMPINAN)).get(`/laporan/unit/${luar.id}.xlsx`)).status).toBe(404);
    const page = await (await loginAs(app, PIMPINAN)).get('/laporan?bulan=2026-10');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Unduh laporan saya');
    expect(page.text).toContain('Rekap Unit (Excel)');
  });
});

describe('TPP ditetapkan (admin)', () => {
  const form = async (agent: Awaited<ReturnType<typeof loginAs>>) => csrfFrom((await agent.get('/admin/tpp?tahun=2026')).text);

  it('when the admin enters a bad pagu, then 422 next to the field and nothing is saved; a good one is audited', async () => {
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const bad = await admin
      .post('/admin/tpp/pagu?tahun=2026')
      .type('form')
      .send({ _csrf: await form(admin), kelas3: 'lima juta' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Kelas 3: tulis angka rupiah tanpa koma');
    expect(bad.text).toContain('value="lima juta"');
    const ok = await admin
      .post('/admin/tpp/pagu?tahun=2026')
      .type('form')
      .send({ _csrf: await form(admin), kelas1: '1.250.000' });
    expect(ok.status).toBe(303);
    expect((await prisma.tppPagu.findUniqueOrThrow({ where: { kelas_tahun: { kelas: 1, tahun: 2026 } } })).pagu).toBe(1_250_000);
    expect(await prisma.auditLog.count({ where: { action: 'tpp.pagu', objectId: '2026-1' } })).toBe(1);
  });

  it('when October is ditetapkan, then later presensi changes do not move its TPP; an audited unfreeze lets it follow again', async () => {
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const early = await admin
      .post('/admin/tpp/tetapkan?tahun=2026')
      .type('form')
      .send({ _csrf: await form(admin), bulan: '2026-11' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('baru dapat ditetapkan setelah tanggal 10');
    const res = await admin
      .post('/admin/tpp/tetapkan?tahun=2026')
      .type('form')
      .send({ _csrf: await form(admin), bulan: '2026-10' });
    expect(res.status).toBe(303);
    const frozen = await prisma.tppTetap.findUniqueOrThrow({
      where: { tahun_bulan_pegawaiId: { tahun: 2026, bulan: 10, pegawaiId: pegawai.id } },
    });
    expect([frozen.disiplin, frozen.total]).toEqual([1_900_000, kinerja + 1_900_000]);
    // the absent day gets a record: the data says 1,960,000 now (cuts 2 %), the ditetapkan figure stays
    await prisma.$executeRaw`INSERT INTO presensi (pegawai_id, tanggal, jam_masuk, jam_pulang) VALUES (${pegawai.id}, '2026-10-06', '07:20', '16:05')`;
    const page = await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/tpp?bulan=2026-10');
    expect(page.text).toContain('Ditetapkan pada');
    expect(page.text).toContain(`data-tpp-disiplin>${rp(1_900_000)}<`);
    // the frozen month is shown whole: its presensi too (the day stays absent there), and the later record is noted
    expect(page.text).toContain('dicatat setelah penetapan');
    expect(page.text).toContain(rp(kinerja + 1_960_000)); // the TPP the data give now, beside the frozen one
    const noReason = await admin
      .post('/admin/tpp/batal?tahun=2026')
      .type('form')
      .send({ _csrf: await form(admin), bulan: '2026-10', alasan: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Alasan wajib diisi.');
    const batal = await admin
      .post('/admin/tpp/batal?tahun=2026')
      .type('form')
      .send({ _csrf: await form(admin), bulan: '2026-10', alasan: 'Koreksi presensi 6 Oktober' });
    expect(batal.status).toBe(303);
    const after = await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/tpp?bulan=2026-10');
    expect(after.text).toContain(`data-tpp-disiplin>${rp(1_960_000)}<`);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'tpp.batal-tetapkan', objectId: '2026-10' } });
    expect(log.reason).toBe('Koreksi presensi 6 Oktober');
  });

  it('when a pegawai posts to the admin TPP page, then 403', async () => {
    const peg = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    expect((await peg.get('/admin/tpp')).status).toBe(403);
  });
});
