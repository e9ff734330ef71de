import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NAMA_BULAN } from '../../src/domain/periode.ts';
import { SIASN_KOLOM } from '../../src/features/skp/siasn-format.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

// The period's file for SIASN (issue 19 §3; docs/siasn.md): its columns are the documented ones, its values follow
// the codes for hand-made evaluations (incl. a Plt penilai and the top of the hierarchy rated on behalf), a name
// cannot run as a formula, and only the admin reaches it.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const byNip = (nip: string) =>
  prisma.pegawai.findUniqueOrThrow({ where: { nip }, include: { jabatan: { include: { unit: true } }, unit: true } });

const rina = await byNip(DEMO_ACCOUNTS.pegawai);
const fajar = await byNip('199405182020121005');
const budi = await byNip(DEMO_ACCOUNTS.atasan);
const sri = await byNip('198307252009022002'); // III/c: golongan 33
const sekda = await byNip('196805201993031004');
const admin = await byNip(DEMO_ACCOUNTS.admin);
const nakal = await prisma.pegawai.create({
  data: {
    nip: '199001012015011002',
    nama: '=HYPERLINK("http://contoh.invalid","klik")',
    passwordHash: rina.passwordHash,
    unitId: rina.unitId,
  },
});

// March 2025 (no demo evaluation there): Fajar rated by his atasan; Rina by Sri as Plt of the vacant post of the
// Kasi Pengembangan Aplikasi (Budi's jabatan), rated while the assignment ran; the pegawai named like a formula.
// The year 2025: the Sekda, rated by the Bupati (no ASN account), entered by the admin on behalf.
await prisma.penugasanAtasan.create({
  data: {
    jenis: 'PLT',
    pelaksanaId: sri.id,
    jabatanId: budi.jabatanId,
    mulai: new Date('2025-03-01T00:00:00Z'),
    selesai: new Date('2025-04-30T00:00:00Z'),
    alasan: 'Jabatan kosong',
  },
});
await prisma.$executeRaw`
  INSERT INTO evaluasi_kinerja (pegawai_id, tahun, bulan, unit_id, hasil_kerja, perilaku_kerja, predikat, penilai_id, penilai_sebagai, updated_at)
  VALUES (${fajar.id}, 2025, 3, ${fajar.unitId}, 'SESUAI', 'DI_ATAS', 'Baik', ${budi.id}, NULL, '2025-04-03T03:00:00Z'),
         (${rina.id}, 2025, 3, ${rina.unitId}, 'DI_ATAS', 'DI_BAWAH', 'Kurang/Misconduct', ${sri.id}, 'Plt', '2025-04-04T03:00:00Z'),
         (${nakal.id}, 2025, 3, ${rina.unitId}, 'DI_BAWAH', 'DI_BAWAH', 'Sangat Kurang', ${budi.id}, NULL, '2025-04-04T03:00:00Z'),
         (${sekda.id}, 2025, NULL, ${sekda.unitId}, 'DI_ATAS', 'DI_ATAS', 'Sangat Baik', ${admin.id}, 'admin', '2026-01-10T03:00:00Z')`;

/** The first column of the table under "## Kolom" in docs/siasn.md. */
function kolomDokumen(): string[] {
  const doc = readFileSync(resolve(import.meta.dirname, '../../docs/siasn.md'), 'utf8');
  const bagian = doc.slice(doc.indexOf('\n## Kolom'), doc.indexOf('\n## ', doc.indexOf('\n## Kolom') + 5));
  return [...bagian.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
}

const binary = (res: import('node:stream').Readable, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const unduh = async (path: string) => {
  const res = await (await as(DEMO_ACCOUNTS.admin)).get(path);
  expect(res.status).toBe(200);
  return res;
};
const csvMaret = async () =>
  parse((await unduh('/admin/siasn/kinerja.csv?tahun=2025&bulan=3')).text, { columns: true, bom: true }) as Record<string, string>[];

describe('the columns', () => {
  it('when the docs’ table of columns is read, then it is the export’s list, and the CSV header and the JSON keys follow it in order', async () => {
    const doc = kolomDokumen();
    expect(doc.length).toBeGreaterThan(15);
    expect(doc).toEqual([...SIASN_KOLOM]);
    const csv = await unduh('/admin/siasn/kinerja.csv?tahun=2025&bulan=3');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('siasn-kinerja-2025-03.csv');
    expect(csv.text.split('\r\n')[0]).toBe(doc.join(','));
    const json = JSON.parse((await unduh('/admin/siasn/kinerja.json?tahun=2025&bulan=3')).text) as Record<string, unknown>[];
    expect(json).toHaveLength(3);
    for (const r of json) expect(Object.keys(r)).toEqual(doc);
  });
});

describe('the values', () => {
  it('when an atasan rated a month, then the record carries the month, the codes and the penilai of the period', async () => {
    const r = (await csvMaret()).find((x) => x.nipBaru === fajar.nip)!;
    expect(r).toEqual({
      nipBaru: fajar.nip,
      nama: fajar.nama,
      tahun: '2025',
      periodikId: '1',
      bulanMulaiPenilaian: '3',
      tahunMulaiPenilaian: '2025',
      bulanSelesaiPenilaian: '3',
      tahunSelesaiPenilaian: '2025',
      hasilKinerjaNilai: '2',
      perilakuKerjaNilai: '1',
      kuadranKinerjaNilai: '2',
      predikat: 'Baik',
      statusPenilai: 'ASN',
      penilaiNipNrp: budi.nip,
      penilaiNama: budi.nama,
      penilaiGolongan: '34',
      penilaiJabatanNama: budi.jabatan!.nama,
      penilaiUnorNama: budi.jabatan!.unit.nama,
      koefisienId: '',
    });
  });

  it('when a Plt rated, then the penilai is the Plt with “Plt.” and the vacant post, and Kurang/Misconduct is kuadran 4', async () => {
    const json = JSON.parse((await unduh('/admin/siasn/kinerja.json?tahun=2025&bulan=3')).text) as Record<string, unknown>[];
    expect(json.find((x) => x.nipBaru === rina.nip)).toEqual({
      nipBaru: rina.nip,
      nama: rina.nama,
      tahun: 2025,
      periodikId: 1,
      bulanMulaiPenilaian: 3,
      tahunMulaiPenilaian: 2025,
      bulanSelesaiPenilaian: 3,
      tahunSelesaiPenilaian: 2025,
      hasilKinerjaNilai: 1,
      perilakuKerjaNilai: 3,
      kuadranKinerjaNilai: 4,
      predikat: 'Kurang/Misconduct',
      statusPenilai: 'ASN',
      penilaiNipNrp: sri.nip,
      penilaiNama: sri.nama,
      penilaiGolongan: '33',
      penilaiJabatanNama: `Plt. ${budi.jabatan!.nama}`,
      penilaiUnorNama: budi.jabatan!.unit.nama,
      koefisienId: null,
    });
  });

  it('when the year of the top of the hierarchy was entered by the admin on behalf, then it is one yearly record rated NON ASN, penilai empty', async () => {
    const json = JSON.parse((await unduh('/admin/siasn/kinerja.json?tahun=2025&bulan=tahunan')).text) as Record<string, unknown>[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({
      nipBaru: sekda.nip,
      periodikId: null,
      bulanMulaiPenilaian: 1,
      bulanSelesaiPenilaian: 12,
      hasilKinerjaNilai: 1,
      perilakuKerjaNilai: 1,
      kuadranKinerjaNilai: 1,
      statusPenilai: 'NON ASN',
      penilaiNipNrp: null,
      penilaiNama: null,
      penilaiGolongan: null,
    });
  });

  it('when a name starts with “=”, then the CSV cell is neutralised with a quote mark (never a formula) and quoted as RFC 4180 asks', async () => {
    const text = (await unduh('/admin/siasn/kinerja.csv?tahun=2025&bulan=3')).text;
    expect(text).toContain(`${nakal.nip},"'=HYPERLINK(""http://contoh.invalid"",""klik"")",2025`);
    expect(text.endsWith('\r\n')).toBe(true);
    const r = (await csvMaret()).find((x) => x.nipBaru === nakal.nip)!;
    expect(r.nama.startsWith("'=")).toBe(true);
    expect(r.kuadranKinerjaNilai).toBe('5');
  });

  it('when the year’s workbook is downloaded, then it has a sheet per month and one for the year, in the report’s layout, NIP as text', async () => {
    const res = await (await as(DEMO_ACCOUNTS.admin)).get('/admin/siasn/laporan.xlsx?tahun=2025').parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('laporan-penilaian-skp-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...NAMA_BULAN, 'Tahunan']);
    const maret = wb.getWorksheet('Maret')!;
    expect(maret.getCell('A1').value).toBe('LAPORAN PENILAIAN SKP');
    expect(maret.getCell('A3').value).toBe('Periode penilaian: Maret 2025');
    expect(maret.getRow(5).values).toContain('Predikat Kinerja');
    const rows = [6, 7, 8].map((n) => maret.getRow(n));
    const fajarRow = rows.find((r) => r.getCell(2).value === fajar.nip)!;
    expect(typeof fajarRow.getCell(2).value).toBe('string');
    expect(fajarRow.getCell(9).value).toBe('Sesuai ekspektasi');
    expect(fajarRow.getCell(11).value).toBe('Baik');
    expect(wb.getWorksheet('Tahunan')!.getRow(6).getCell(2).value).toBe(sekda.nip);
    expect(wb.getWorksheet('Januari')!.getRow(6).getCell(2).value).toBe('Belum ada penilaian pada periode ini.');
  });
});

describe('the admin page', () => {
  it('when the admin opens a period, then it counts and lists the evaluations and says sending is not configured', async () => {
    const res = await (await as(DEMO_ACCOUNTS.admin)).get('/admin/siasn?tahun=2025&bulan=3');
    expect(res.status).toBe(200);
    expect(res.text).toContain('3 pegawai dengan penilaian pada periode Maret 2025');
    expect(res.text).toContain(fajar.nama);
    expect(res.text).toContain('belum dikonfigurasi');
    expect(res.text).toContain('href="/admin/siasn/kinerja.csv?tahun=2025&amp;bulan=3"');
    expect(res.text).not.toContain('action="/admin/siasn/kirim"');
  });

  it.each([
    { query: 'tahun=dua-ribu', field: 'tahun', pesan: 'Pilih tahun.' },
    { query: 'tahun=2025&bulan=13', field: 'bulan', pesan: 'Pilih bulan (1–12) atau Tahunan.' },
  ])('when the period is $query, then 422 with the message next to the field', async ({ query, field, pesan }) => {
    const res = await (await as(DEMO_ACCOUNTS.admin)).get(`/admin/siasn?${query}`);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`id="${field}-error"`);
    expect(res.text).toContain(pesan);
    expect((await (await as(DEMO_ACCOUNTS.admin)).get(`/admin/siasn/kinerja.csv?${query}`)).status).toBe(422);
  });

  it('when “Kirim ke SIASN” is posted while sending is not configured, then 409 and no send starts', async () => {
    const res = await postForm(await as(DEMO_ACCOUNTS.admin), '/admin/siasn/kirim', {
      tahun: '2025',
      bulan: '3',
      idempotencyKey: '8a1c3c8e-2f8b-4d5e-9a40-6d7b1b2c3d4e',
    });
    expect(res.status).toBe(409);
    expect(await prisma.siasnPengiriman.count()).toBe(0);
  });

  it.each([
    { who: 'a pegawai', nip: DEMO_ACCOUNTS.pegawai },
    { who: 'an atasan', nip: DEMO_ACCOUNTS.atasan },
    { who: 'a pimpinan', nip: DEMO_ACCOUNTS.pimpinan },
  ])('when $who asks for the page, a file or a send, then 403', async ({ nip }) => {
    const agent = await as(nip);
    for (const path of [
      '/admin/siasn',
      '/admin/siasn/kinerja.csv?tahun=2025&bulan=3',
      '/admin/siasn/kinerja.json',
      '/admin/siasn/laporan.xlsx',
    ])
      expect((await agent.get(path)).status, path).toBe(403);
    const post = await postForm(agent, '/admin/siasn/kirim', {
      tahun: '2025',
      bulan: '3',
      idempotencyKey: '0b6f5a52-3a55-4d0f-8a1f-1a2b3c4d5e6f',
    });
    expect(post.status).toBe(403);
    expect(await prisma.siasnPengiriman.count()).toBe(0);
  });
});
