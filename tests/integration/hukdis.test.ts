// Issue 22: hukuman disiplin and penundaan through the admin's page, and their line on every output of the month:
// the pegawai's Capaian & TPP page, the Rekap Unit workbook, the Dashboard's total, rekap:periksa. October 2026, the
// clock at the suite's 18 November 2026.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { periksaBulan } from '../../src/services/rekap-periksa.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const halaman = `/admin/pegawai/${pegawai.id}/disiplin`;
const rupiah = (text: string, attr: string) =>
  Number((new RegExp(`${attr}>(?:− )?Rp ([\\d.]+)<`).exec(text)?.[1] ?? 'NaN').replaceAll('.', ''));
const binary = (res: import('node:http').IncomingMessage, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const hukdis = { jenis: 'Pemotongan tunjangan 25% selama 6 bulan', peraturan: 'PP 94/2021', nomorSk: '800/12/BKPSDM/2026' };

describe('hukuman disiplin', () => {
  it('when someone other than the admin opens or posts the page, then 403 and nothing is recorded', async () => {
    for (const nip of [DEMO_ACCOUNTS.pegawai, DEMO_ACCOUNTS.atasan]) {
      const agent = await as(nip);
      expect((await agent.get(halaman)).status).toBe(403);
    }
    expect(await prisma.hukumanDisiplin.count()).toBe(0);
  });

  it.each([
    [{ persen: '150' }, 'persen', 'paling banyak 100%'],
    [{ persen: 'dua puluh' }, 'persen', 'angka persen'],
    [{ selesai: '2026-09-01' }, 'selesai', 'tidak boleh sebelum'],
    [{ nomorSk: '' }, 'nomorSk', 'wajib'],
  ])('when %o is sent, then 422 next to %s with the form still filled', async (change, field, pesan) => {
    const body = { ...hukdis, mulai: '2026-10-01', selesai: '2027-03-31', persen: '25', ...change };
    const res = await postForm(await as(DEMO_ACCOUNTS.admin), `/admin/pegawai/${pegawai.id}/hukdis`, body);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="f-${field}-error"[^>]*>[^<]*${pesan}`));
    expect(res.text).toContain(`value="${hukdis.jenis}"`);
    expect(await prisma.hukumanDisiplin.count()).toBe(0);
  });

  it('when a hukuman of 25 % from 1 October is recorded, then October’s TPP has its line on the page, the workbook and the dashboard, and rekap:periksa finds no drift', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const before = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    const bruto = rupiah(before, 'data-tpp-total');
    expect(bruto).toBeGreaterThan(0);
    const res = await postForm(admin, `/admin/pegawai/${pegawai.id}/hukdis`, {
      ...hukdis,
      mulai: '2026-10-01',
      selesai: '2027-03-31',
      persen: '25',
    });
    expect(res.status).toBe(303);
    expect((await admin.get(halaman)).text).toContain('800/12/BKPSDM/2026');

    const page = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    const cut = Math.floor((bruto * 25) / 100 + 0.5); // 25 % of the month's TPP, half up once
    expect(rupiah(page, 'data-tpp-hukdis')).toBe(cut);
    expect(rupiah(page, 'data-tpp-total')).toBe(bruto - cut);
    expect(page).toContain('Potongan hukuman disiplin: 25%');
    // September (before the hukuman) is untouched
    expect((await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-09`)).text).not.toContain('data-tpp-hukdis');

    const xlsx = await admin
      .get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`)
      .buffer(true)
      .parse(binary as never);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    let row: ExcelJS.Row | undefined;
    wb.worksheets[0].eachRow((r) => {
      if (String(r.getCell(1).value) === pegawai.nip) row = r;
    });
    expect(row!.getCell(16).value).toBe(0); // no Plt/Plh line: the cut is not taken for one
    expect(row!.getCell(17).value).toBe(cut);
    expect(row!.getCell(18).value).toBe(bruto - cut);
    const pdf = await admin
      .get(`/laporan/pegawai/${pegawai.id}.pdf?bulan=2026-10`)
      .buffer(true)
      .parse(binary as never);
    const teks = pdfText(pdf.body as Buffer);
    expect(teks).toContain('Potongan hukuman disiplin (25%');
    // the long label wraps: the amount may start a line of its own
    expect(teks.replace(/\s+/g, ' ')).toContain(`- Rp ${cut.toLocaleString('id-ID')}`);
    expect(teks).toContain(`Rp ${(bruto - cut).toLocaleString('id-ID')}`);
    const dash = (await admin.get(`/dashboard?unit=${pegawai.unitId}&bulan=2026-10`)).text;
    expect(dash).toContain(`Rp ${(bruto - cut).toLocaleString('id-ID')}`);
    expect((await periksaBulan(2026, 10, await getSettings())).drift).toEqual([]);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'hukdis.catat' } });
    expect(log.after).toMatchObject({ pegawaiId: pegawai.id, persen: 25 });
  });

  it('when a second hukuman overlaps the first, then 422 next to its dates and nothing is saved', async () => {
    const res = await postForm(await as(DEMO_ACCOUNTS.admin), `/admin/pegawai/${pegawai.id}/hukdis`, {
      ...hukdis,
      nomorSk: '800/99/BKPSDM/2026',
      mulai: '2027-01-01',
      selesai: '2027-06-30',
      persen: '10',
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-mulai-error"[^>]*>Bertumpang tindih dengan hukuman Pemotongan tunjangan/);
    expect(res.text).toContain('value="800/99/BKPSDM/2026"');
    expect(await prisma.hukumanDisiplin.count()).toBe(1);
    // and PostgreSQL holds the rule too
    await expect(
      prisma.$executeRaw`INSERT INTO hukuman_disiplin (pegawai_id, jenis, peraturan, nomor_sk, mulai, selesai, persen)
                         VALUES (${pegawai.id}, 'x', 'x', 'x', '2027-02-01', '2027-02-28', 10)`,
    ).rejects.toThrow(/hukuman_disiplin_tidak_tumpang/);
  });
});

describe('penundaan', () => {
  it('when TPP is postponed from 10 October, then October shows it owed and held; released on 20 November, it is paid', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const before = rupiah((await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text, 'data-tpp-total');
    expect((await postForm(admin, `/admin/pegawai/${pegawai.id}/penundaan`, { alasan: '', mulai: '2026-10-10' })).status).toBe(422);
    const res = await postForm(admin, `/admin/pegawai/${pegawai.id}/penundaan`, {
      alasan: 'LHKASN 2026 belum dilaporkan',
      mulai: '2026-10-10',
    });
    expect(res.status).toBe(303);
    const held = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    expect(held).toMatch(/data-tpp-ditunda><strong>Pembayaran ditunda<\/strong> sejak 10 Okt/);
    expect(rupiah(held, 'data-tpp-total')).toBe(before); // owed: the figure does not move
    const pdf = await admin
      .get(`/laporan/pegawai/${pegawai.id}.pdf?bulan=2026-10`)
      .buffer(true)
      .parse(binary as never);
    expect(pdfText(pdf.body as Buffer)).toContain('Pembayaran ditunda sejak 10 Okt');
    const row = () =>
      prisma.bulanPegawai.findUniqueOrThrow({ where: { pegawaiId_tahun_bulan: { pegawaiId: pegawai.id, tahun: 2026, bulan: 10 } } });
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`); // a list view brings the month's row up to date
    expect((await row()).ditunda).toBe(true);
    // a second one while this is open is refused
    const dua = await postForm(admin, `/admin/pegawai/${pegawai.id}/penundaan`, { alasan: 'SKP 2025 belum selesai', mulai: '2026-11-01' });
    expect(dua.status).toBe(422);
    expect(dua.text).toContain('belum dilepas');

    const t = await prisma.penundaanTpp.findFirstOrThrow({ where: { pegawaiId: pegawai.id } });
    expect((await postForm(admin, `/admin/pegawai/${pegawai.id}/penundaan/${t.id}/lepas`, { dilepas: '2026-10-01' })).status).toBe(422);
    expect((await postForm(admin, `/admin/pegawai/${pegawai.id}/penundaan/${t.id}/lepas`, { dilepas: '2026-11-20' })).status).toBe(303);
    expect((await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text).toMatch(/dilepas pada 20 Nov[^:]*: dibayarkan/);
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`);
    expect((await row()).ditunda).toBe(false);
    expect(await prisma.auditLog.count({ where: { action: { in: ['penundaan.catat', 'penundaan.lepas'] } } })).toBe(2);
  });
});
