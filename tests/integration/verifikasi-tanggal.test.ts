import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, postForm as post, postMultipart } from '../helpers/app.ts';
import { verifikasiFixtures } from './fixtures/verifikasi.ts';

// Verifikasi where the answer shows today's date: the pegawai sees the check mark with who verified and when, and a
// returned entry is corrected on today's page and verified again. The date matrix (vitest.config.ts) runs this file
// again at the edges of months, years and the input deadline.
const { prisma, today, pegawai, entri, seen, status, as } = await verifikasiFixtures();

describe('verifying', () => {
  it('when the atasan verifies, then the pegawai sees the check mark, who verified and when', async () => {
    const e = await entri(pegawai.id, { pekerjaan: 'Akan dicentang' });
    const res = await post(await as(DEMO_ACCOUNTS.atasan), '/verifikasi', { satu: seen(e) });
    expect(res.status).toBe(303);
    const page = await (await as(DEMO_ACCOUNTS.atasan)).get(res.headers.location);
    expect(page.text).toContain('1 realisasi diverifikasi.');
    const mine = await (await as(DEMO_ACCOUNTS.pegawai)).get(`/realisasi?tanggal=${today}`);
    const item = mine.text.slice(mine.text.indexOf('Akan dicentang'));
    expect(item).toMatch(/Diverifikasi oleh Budi Santoso, S\.T\., M\.T\., \d+ [A-Za-z]{3}/);
    expect(item.slice(0, 2000)).toContain('&#10003;');
  });
});

describe('returning', () => {
  it('when the atasan returns an entry, then the pegawai sees the note, edits it, and the atasan verifies the new version', async () => {
    const e = await entri(pegawai.id, { pekerjaan: 'Perlu perbaikan' });
    const atasanAgent = await as(DEMO_ACCOUNTS.atasan);
    const form = await atasanAgent.get(`/verifikasi/${e.id}/kembalikan`);
    expect(form.status).toBe(200);
    const empty = await post(atasanAgent, `/verifikasi/${e.id}/kembalikan`, { versi: e.updatedAt.toISOString(), catatan: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Catatan wajib diisi.');
    const res = await post(atasanAgent, `/verifikasi/${e.id}/kembalikan`, {
      versi: e.updatedAt.toISOString(),
      catatan: 'Jumlah tidak sesuai laporan',
    });
    expect(res.status).toBe(303);
    const owner = await as(DEMO_ACCOUNTS.pegawai);
    expect((await owner.get(`/realisasi?tanggal=${today}`)).text).toContain('Catatan atasan: Jumlah tidak sesuai laporan');
    expect((await postMultipart(owner, `/realisasi/${e.id}/ubah`, { tanggal: today, jumlah: '2' })).status).toBe(303);
    const edited = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(edited).toMatchObject({ status: 0, catatanAtasan: null });
    // the page the atasan had open is stale: verifying that version is refused and reported
    const stale = await post(atasanAgent, '/verifikasi', { satu: seen(e) });
    expect((await atasanAgent.get(stale.headers.location)).text).toContain('diubah pegawai setelah halaman ini dibuka');
    expect(await status(e.id)).toBe(0);
    await post(atasanAgent, '/verifikasi', { satu: seen(edited) });
    expect(await status(e.id)).toBe(1);
    expect(
      await prisma.auditLog.count({
        where: { objectId: String(e.id), action: { in: ['realisasi.kembalikan', 'realisasi.verifikasi', 'realisasi.ubah'] } },
      }),
    ).toBe(3);
  });
});
