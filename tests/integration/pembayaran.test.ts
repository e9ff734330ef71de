// Issue 22, the daftar pembayaran TPP: only for a ditetapkan month (else 409 with the reason), its totals equal the
// sum of the pegawai's own breakdowns to the rupiah (page, workbook formulas, PDF), the bank file (admin only) carries
// the accounts in full and is audited without them, and the bendahara sees their OPD with every account masked.
// October 2026 (ditetapkan here), the suite's clock at 18 November 2026.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSettings } from '../../src/services/settings.service.ts';
import { tppPegawai } from '../../src/services/tpp.service.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Dinas Komunikasi dan Informatika' } });
const bkpsdm = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'BKPSDM' } });
const BENDAHARA = '199405182020121005'; // Fajar Ramadhan, Diskominfo
const binary = (res: import('node:http').IncomingMessage, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const unduh = async (agent: Awaited<ReturnType<typeof as>>, path: string) =>
  agent
    .get(path)
    .buffer(true)
    .parse(binary as never);

beforeAll(async () => {
  // accounts, gaji and PTKP for the demo pegawai; one above the BPJS cap, one without an account
  await prisma.pegawai.update({
    where: { id: pegawai.id },
    data: { bankNama: 'Bank Kalsel', rekening: '001234567890', gaji: 4_500_000, statusPtkp: 'K/1' },
  });
  await prisma.pegawai.update({
    where: { nip: BENDAHARA },
    data: { peran: ['PEGAWAI', 'BENDAHARA'], bankNama: 'Bank BRI', rekening: '998877665544' },
  });
  await prisma.pegawai.update({
    where: { nip: DEMO_ACCOUNTS.atasan },
    data: { gaji: 11_000_000, statusPtkp: 'K/3', bankNama: 'Bank Kalsel', rekening: '5566778899' },
  });
  const admin = await as(DEMO_ACCOUNTS.admin);
  const res = await postForm(admin, '/admin/tpp/tetapkan?tahun=2026', { bulan: '2026-10' });
  expect(res.status).toBe(303);
});

describe('daftar pembayaran TPP', () => {
  it('when the month is not ditetapkan, then the page says so with 409 and every file answers 409 with the reason', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/pembayaran?bulan=2026-09&unit=${kominfo.id}`);
    expect(page.status).toBe(409);
    expect(page.text).toMatch(/data-pembayaran-belum>TPP Dinas Komunikasi dan Informatika bulan 09\/2026 belum ditetapkan/);
    for (const ext of ['xlsx', 'pdf', 'csv']) {
      const res = await admin.get(`/pembayaran/unit/${kominfo.id}.${ext}?bulan=2026-09`);
      expect([ext, res.status]).toEqual([ext, 409]);
      expect(res.text).toContain('belum ditetapkan');
    }
  });

  it('when the admin opens October for Diskominfo, then the totals equal the sum of every pegawai’s own breakdown to the rupiah', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/pembayaran?bulan=2026-10&unit=${kominfo.id}`);
    expect(page.status).toBe(200);
    const tetap = await prisma.tppTetap.findMany({ where: { tahun: 2026, bulan: 10 } });
    const ids = (
      await prisma.$queryRaw<{ id: number }[]>`
        WITH RECURSIVE b AS (SELECT ${kominfo.id}::int AS id UNION ALL SELECT u.id FROM unit_kerja u JOIN b ON u.induk_id = b.id) SELECT id FROM b`
    ).map((r) => r.id);
    const dalam = tetap.filter((t) => ids.includes(t.unitId!));
    expect(dalam.length).toBeGreaterThan(3);
    // each pegawai's own page (the frozen month) is the breakdown the list must add up
    const settings = await getSettings();
    const sum = { tpp: 0, bruto: 0, bpjs: 0, pph: 0, neto: 0 };
    for (const t of dalam) {
      const b = (await tppPegawai({ id: t.pegawaiId }, 2026, 10, settings)).bulan.tpp;
      sum.tpp += b.total;
      sum.bruto += b.neto!.bruto;
      sum.bpjs += b.neto!.bpjsPegawai;
      sum.pph += b.neto!.pph;
      sum.neto += b.neto!.neto;
    }
    const rp = (v: number) => `Rp ${v.toLocaleString('id-ID')}`;
    expect(page.text).toContain(`data-jumlah-tpp>${rp(sum.tpp)}<`);
    expect(page.text).toContain(`data-jumlah-bruto>${rp(sum.bruto)}<`);
    expect(page.text).toContain(`data-jumlah-bpjs>${rp(sum.bpjs)}<`);
    expect(page.text).toContain(`data-jumlah-pph>${rp(sum.pph)}<`);
    expect(page.text).toContain(`data-jumlah-neto>${rp(sum.neto)}<`);
    expect(sum.bpjs).toBeGreaterThan(0);
    // the admin sees the accounts in full
    expect(page.text).toContain('001234567890');

    // the workbook: every row, totals as SUM formulas whose values are the same sums
    const xlsx = await unduh(admin, `/pembayaran/unit/${kominfo.id}.xlsx?bulan=2026-10`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(4).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['No', 'NIP', 'Nama']);
    let total: ExcelJS.Row | undefined;
    let baris = 0;
    ws.eachRow((r, n) => {
      if (n > 4 && r.getCell(1).value === 'Jumlah') total = r;
      else if (n > 4) baris++;
    });
    expect(baris).toBe(dalam.length);
    const col = (h: string) => header.indexOf(h) + 1;
    const cell = (h: string) => total!.getCell(col(h)).value as { formula: string; result: number };
    expect(cell('Neto').formula).toBe(`SUM(M5:M${4 + dalam.length})`);
    expect([
      cell('TPP bulan ini').result,
      cell('Bruto').result,
      cell('Iuran BPJS 1%').result,
      cell('PPh 21').result,
      cell('Neto').result,
    ]).toEqual([sum.tpp, sum.bruto, sum.bpjs, sum.pph, sum.neto]);
    // a row's neto is the formula of its own lines
    expect((ws.getRow(5).getCell(col('Neto')).value as { formula: string }).formula).toBe('I5+L5-J5-K5');

    // the signed sheet: kop, totals, signature blocks, page numbers, every account masked
    const pdf = await unduh(admin, `/pembayaran/unit/${kominfo.id}.pdf?bulan=2026-10`);
    expect(pdf.status).toBe(200);
    const teks = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(teks).toContain('DAFTAR PEMBAYARAN TAMBAHAN PENGHASILAN PEGAWAI (TPP)');
    expect(teks).toContain('Bendahara Pengeluaran');
    expect(teks).toContain('Kepala Dinas Komunikasi dan Informatika');
    // the Kepala OPD of 31 October from the history, with their NIP
    expect(teks).toContain('Ir. Hendra Gunawan, M.Si. NIP 197004151996031002');
    expect(teks).not.toContain('Plt.');
    expect(teks).toContain('Fajar Ramadhan');
    expect(teks).toMatch(/Halaman 1 dari \d/);
    expect(teks).toContain(sum.neto.toLocaleString('id-ID'));
    expect(teks).not.toContain('001234567890');
    expect(teks).toContain('7890');
  });

  it('when the admin takes the bank file, then it lists the transfers with the accounts in full, and the audit row has no account number', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const res = await admin.get(`/pembayaran/unit/${kominfo.id}.csv?bulan=2026-10`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('nomor_rekening,nama_pemilik,bank,nominal,keterangan');
    const mine = lines.find((l) => l.startsWith('001234567890,'));
    const b = (await tppPegawai({ id: pegawai.id }, 2026, 10, await getSettings())).bulan.tpp.neto!;
    expect(mine).toBe(
      `001234567890,RINA WULANDARI, S.KOM.,BANK KALSEL,${b.neto},TPP 2026-10 ${pegawai.nip}`.replace(
        'RINA WULANDARI, S.KOM.',
        '"RINA WULANDARI, S.KOM."',
      ),
    );
    // a pegawai with no account is not in the file (the page names them)
    expect(lines.length - 1).toBe(3);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'pembayaran.file-bank' } });
    expect(log.after).toMatchObject({ unitId: kominfo.id, baris: 3 });
    expect(JSON.stringify(log, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('001234567890');
  });

  it('when the bendahara of Diskominfo opens the list, then the accounts are masked (their own in full), there is no bank file, and another OPD is 404', async () => {
    const bendahara = await as(BENDAHARA);
    const page = await bendahara.get('/pembayaran?bulan=2026-10');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dinas Komunikasi dan Informatika');
    expect(page.text).not.toContain('001234567890');
    expect(page.text).toContain('••••••••7890');
    expect(page.text).toContain('998877665544'); // their own row
    expect(page.text).not.toContain('.csv?bulan');
    expect((await bendahara.get(`/pembayaran/unit/${kominfo.id}.csv?bulan=2026-10`)).status).toBe(403);
    const xlsx = await unduh(bendahara, `/pembayaran/unit/${kominfo.id}.xlsx?bulan=2026-10`);
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).includes(Buffer.from('001234567890'))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const values: string[] = [];
    wb.worksheets[0].eachRow((r) => values.push(JSON.stringify(r.values)));
    expect(values.join('')).not.toContain('001234567890');
    expect(values.join('')).toContain('••••••••7890');
    expect((await bendahara.get(`/pembayaran?bulan=2026-10&unit=${bkpsdm.id}`)).status).toBe(404);
    expect((await bendahara.get(`/pembayaran/unit/${bkpsdm.id}.pdf?bulan=2026-10`)).status).toBe(404);
  });

  it('when a pegawai or an atasan without the role asks for the list or its files, then 403', async () => {
    for (const nip of [DEMO_ACCOUNTS.pegawai, DEMO_ACCOUNTS.atasan, DEMO_ACCOUNTS.pimpinan]) {
      const agent = await as(nip);
      for (const path of [
        '/pembayaran?bulan=2026-10',
        `/pembayaran/unit/${kominfo.id}.xlsx?bulan=2026-10`,
        `/pembayaran/unit/${kominfo.id}.csv?bulan=2026-10`,
      ])
        expect([nip, path, (await agent.get(path)).status]).toEqual([nip, path, 403]);
    }
  });

  it('when the Kepala OPD left before the month’s last day, then the PDF names the post’s Plt with "Plt."; with no Plt either, lines to sign by hand', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const kadis = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pimpinan } });
    const dedi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '197511202000121001' } }); // Kepala Bidang Aptika
    await prisma.pegawai.update({ where: { id: kadis.id }, data: { berhenti: new Date('2026-10-20T00:00:00Z') } });
    const plt = await prisma.penugasanAtasan.create({
      data: {
        jenis: 'PLT',
        pelaksanaId: dedi.id,
        jabatanId: kadis.jabatanId,
        mulai: new Date('2026-10-21T00:00:00Z'),
        selesai: new Date('2026-12-31T00:00:00Z'),
        alasan: 'Kepala Dinas pensiun',
      },
    });
    const sheet = async () =>
      pdfText((await unduh(admin, `/pembayaran/unit/${kominfo.id}.pdf?bulan=2026-10`)).body as Buffer).replace(/\s+/g, ' ');
    const denganPlt = await sheet();
    expect(denganPlt).toContain('Mengetahui, Plt. Kepala Dinas Komunikasi dan Informatika');
    expect(denganPlt).toContain('Dedi Kurniawan, S.Kom., M.M. NIP 197511202000121001');
    expect(denganPlt).not.toContain('Hendra Gunawan, M.Si. NIP'); // his row of October stays on the list
    // a list of a bidang is signed by the head of its OPD too
    const bidang = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Bidang Aplikasi Informatika' } });
    const teksBidang = pdfText((await unduh(admin, `/pembayaran/unit/${bidang.id}.pdf?bulan=2026-10`)).body as Buffer);
    expect(teksBidang.replace(/\s+/g, ' ')).toContain('Plt. Kepala Dinas Komunikasi dan Informatika');

    await prisma.penugasanAtasan.update({ where: { id: plt.id }, data: { aktif: false } });
    const kosong = await sheet();
    expect(kosong).toContain(
      'Mengetahui, Kepala Dinas Komunikasi dan Informatika (.................................................) NIP ...',
    );
    expect(kosong).not.toContain('Plt.');
    expect(kosong).not.toContain('Dedi Kurniawan, S.Kom., M.M. NIP');
  });
});
