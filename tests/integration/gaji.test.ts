// Issue 22, what bruto → neto needs of a pegawai: the monthly gaji and the status PTKP, on the pegawai form (422 next to
// the field, the form kept, nothing saved), by CSV on the admin's TPP page and as optional columns of the pegawai import
// (all or nothing, errors by row and column, audited); a change recomputes the pegawai's months (BPJS and PPh 21 on
// Capaian & TPP and the lists).
import { describe, expect, it } from 'vitest';
import { golonganFromEnum, normalisePeran } from '../../src/domain/kepegawaian.ts';
import { csvLine } from '../../src/lib/csv.ts';
import { importPegawaiCsv } from '../../src/services/import/pegawai.ts';
import { periksaBulan } from '../../src/services/rekap-periksa.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { agentsOf, buildApp, csrfFrom, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, include: { atasan: true } });
const rupiah = (text: string, attr: string) =>
  Number((new RegExp(`${attr}>(?:[−+] )?Rp ([\\d.]+)<`).exec(text)?.[1] ?? 'NaN').replaceAll('.', ''));

/** The pegawai form as the admin would send it, with these fields changed. */
async function simpan(fields: Record<string, string>) {
  const admin = await as(DEMO_ACCOUNTS.admin);
  const form = await admin.get(`/admin/pegawai/${pegawai.id}/ubah`);
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.text)?.[1] ?? '';
  const selected = (name: string) => new RegExp(`name="${name}"[\\s\\S]*?<option value="([^"]*)" selected`).exec(form.text)?.[1] ?? '';
  return postForm(admin, `/admin/pegawai/${pegawai.id}`, {
    nip: pegawai.nip,
    nama: value('nama'),
    tmt: value('tmt'),
    golongan: selected('golongan'),
    unitId: selected('unitId'),
    jabatanId: selected('jabatanId'),
    nipAtasan: pegawai.atasan!.nip,
    ...fields,
  });
}

async function impor(csv: string) {
  const admin = await as(DEMO_ACCOUNTS.admin);
  const token = csrfFrom((await admin.get('/admin/tpp')).text);
  return admin.post(`/admin/tpp/gaji/impor?_csrf=${encodeURIComponent(token)}`).attach('berkas', Buffer.from(csv), 'gaji.csv');
}

describe('gaji and status PTKP on the pegawai form', () => {
  it.each([
    [{ gaji: '4,5 juta' }, 'gaji', 'angka bulat tanpa koma'],
    [{ gaji: '2000000000' }, 'gaji', 'paling besar'],
    [{ statusPtkp: 'K/4' }, 'statusPtkp', 'Pilih status PTKP'],
  ])('when %o is sent, then 422 next to %s with the form kept, and nothing saved', async (fields, field, pesan) => {
    const res = await simpan(fields);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="f-${field}-error"[^>]*>[^<]*${pesan}`));
    if ('gaji' in fields) expect(res.text).toMatch(new RegExp(`name="gaji"[^>]*value="${fields.gaji}"`));
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { id: pegawai.id } })).toMatchObject({ gaji: null, statusPtkp: null });
  });

  it('when the admin records 4.500.000 and K/1, then they are saved and audited, and October’s BPJS follows on the page and the list', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`); // the month's row exists before the change
    const tanpa = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    expect(tanpa).toContain('Gaji pegawai ini belum dicatat');
    const res = await simpan({ gaji: '4.500.000', statusPtkp: 'K/1' });
    expect(res.status).toBe(303);
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { id: pegawai.id } })).toMatchObject({ gaji: 4_500_000, statusPtkp: 'K/1' });
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'pegawai.ubah', objectId: String(pegawai.id) },
      orderBy: { id: 'desc' },
    });
    expect(log.after).toMatchObject({ gaji: 4_500_000, statusPtkp: 'K/1' });
    const page = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    expect(page).not.toContain('Gaji pegawai ini belum dicatat');
    const tpp = rupiah(page, 'data-tpp-total');
    // the base is what the gaji left of the 12,000,000 cap: all of the TPP here
    expect(rupiah(page, 'data-tpp-bpjs')).toBe(Math.floor((tpp * 1) / 100 + 0.5));
    expect(page).toContain('TER kategori B, K/1');
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`);
    const row = await prisma.bulanPegawai.findUniqueOrThrow({
      where: { pegawaiId_tahun_bulan: { pegawaiId: pegawai.id, tahun: 2026, bulan: 10 } },
    });
    expect([row.bpjsPegawai, row.neto]).toEqual([rupiah(page, 'data-tpp-bpjs'), rupiah(page, 'data-tpp-neto')]);
    expect((await periksaBulan(2026, 10, await getSettings())).drift).toEqual([]);
  });
});

describe('gaji and status PTKP by CSV', () => {
  it('when a file has a bad row, then nothing is written and each error names its row and column', async () => {
    const res = await impor(
      `nip,gaji,status_ptkp\n${DEMO_ACCOUNTS.atasan},12.000.000,K/2\n${DEMO_ACCOUNTS.pegawai},empat juta,K/9\n123,1,TK/0\n`,
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Baris 3, kolom gaji: Gaji dalam rupiah');
    expect(res.text).toContain('Baris 3, kolom status_ptkp');
    expect(res.text).toContain('Baris 4, kolom nip');
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } })).gaji).toBeNull();
    const tidakAda = await impor('nip,gaji,status_ptkp\n199001012015011001,1000000,TK/0\n');
    expect(tidakAda.status).toBe(422);
    expect(tidakAda.text).toContain('Tidak ada pegawai dengan NIP ini.');
  });

  it('when a good file is imported, then the values are written and audited; an empty cell keeps the value; again changes nothing', async () => {
    const res = await impor(`nip;gaji;status_ptkp\n${DEMO_ACCOUNTS.atasan};12.000.000;k/2\n${DEMO_ACCOUNTS.pegawai};;TK/1\n`);
    expect(res.status).toBe(303);
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } })).toMatchObject({
      gaji: 12_000_000,
      statusPtkp: 'K/2',
    });
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { id: pegawai.id } })).toMatchObject({ gaji: 4_500_000, statusPtkp: 'TK/1' });
    expect(await prisma.auditLog.count({ where: { action: 'pegawai.gaji-impor' } })).toBe(2);
    // the atasan's gaji fills the cap: no BPJS on their TPP
    const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    const page = (await (await as(DEMO_ACCOUNTS.admin)).get(`/tpp/pegawai/${atasan.id}?bulan=2026-10`)).text;
    expect(rupiah(page, 'data-tpp-bpjs')).toBe(0);
    await impor(`nip;gaji;status_ptkp\n${DEMO_ACCOUNTS.atasan};12.000.000;k/2\n`);
    expect(await prisma.auditLog.count({ where: { action: 'pegawai.gaji-impor' } })).toBe(2);
  });

  it('when a pegawai posts the import, then 403', async () => {
    const agent = await as(DEMO_ACCOUNTS.pegawai);
    const token = csrfFrom((await agent.get('/akun/password')).text);
    const res = await agent
      .post(`/admin/tpp/gaji/impor?_csrf=${encodeURIComponent(token)}`)
      .attach('berkas', Buffer.from('nip,gaji,status_ptkp\n'), 'g.csv');
    expect(res.status).toBe(403);
  });
});

describe('gaji and status PTKP through the pegawai import (optional columns gaji, status_ptkp)', () => {
  const SRI = '198307252009022002'; // Sri Handayani, no gaji recorded
  const kepala = 'nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran,gaji,status_ptkp';
  /** Sri's row as recorded, with these two cells. */
  async function baris(gaji: string, ptkp: string) {
    const p = await prisma.pegawai.findUniqueOrThrow({ where: { nip: SRI }, include: { unit: true, jabatan: true, atasan: true } });
    const peran = normalisePeran(p.peran).map((x) => x.toLowerCase());
    return csvLine(
      [
        p.nip,
        p.nama,
        golonganFromEnum(p.golongan) ?? '',
        p.unit!.nama,
        p.jabatan?.nama ?? '',
        p.atasan?.nip ?? '',
        peran.join('|'),
        gaji,
        ptkp,
      ],
      ',',
    );
  }
  const sri = () => prisma.pegawai.findUniqueOrThrow({ where: { nip: SRI } });

  it('when a row gives a gaji with cents and an unknown status PTKP, then the file is refused by row and column and nothing changes', async () => {
    const res = await importPegawaiCsv(`${kepala}\n${await baris('4.750.000,50', 'K/4')}`, { actorId: null });
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { baris: 2, kolom: 'gaji', pesan: 'Gaji dalam rupiah, angka bulat tanpa koma (paling besar 1.000.000.000).' },
      { baris: 2, kolom: 'status_ptkp', pesan: 'Status PTKP salah satu dari TK/0 … TK/3, K/0 … K/3.' },
    ]);
    expect(await sri()).toMatchObject({ gaji: null, statusPtkp: null });
  });

  it('when a row gives both, then they are saved and audited; a later row with one changes that one; empty cells keep both', async () => {
    const { id } = await sri();
    const ok = await importPegawaiCsv(`${kepala}\n${await baris('4.750.000', 'k/2')}`, { actorId: null });
    expect(ok.errors).toEqual([]);
    expect(ok.counts.pegawai).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await sri()).toMatchObject({ gaji: 4_750_000, statusPtkp: 'K/2' });
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'pegawai.impor', objectId: String(id) },
      orderBy: { id: 'desc' },
    });
    expect([log.before, log.after]).toMatchObject([
      { gaji: null, statusPtkp: null },
      { gaji: 4_750_000, statusPtkp: 'K/2' },
    ]);

    expect((await importPegawaiCsv(`${kepala}\n${await baris('', 'K/3')}`, { actorId: null })).errors).toEqual([]);
    expect(await sri()).toMatchObject({ gaji: 4_750_000, statusPtkp: 'K/3' });
    const kosong = await importPegawaiCsv(`${kepala}\n${await baris('', '')}`, { actorId: null });
    expect(kosong.counts.pegawai).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await sri()).toMatchObject({ gaji: 4_750_000, statusPtkp: 'K/3' });
    // the pegawai's months follow: October's PPh 21 now reads category C
    const page = (await (await as(DEMO_ACCOUNTS.admin)).get(`/tpp/pegawai/${id}?bulan=2026-10`)).text;
    expect(page).toContain('TER kategori C, K/3');
    expect(page).not.toContain('Gaji pegawai ini belum dicatat');
  });
});
