// Issue 22: TPP rule sets per year through the admin's page — 422 next to the field with nothing saved, a version per
// save (a double submit writes one), audited; every output of a month follows a new version; a ditetapkan month keeps
// the version it was computed with; the SKP component follows the month's evaluasi kinerja. October and November 2026,
// the suite's clock at 18 November 2026.
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
const HALAMAN = '/admin/aturan-tpp?tahun=2026';

/** Every field of the rule set form as the browser would send it (inputs, selected options, textareas). */
function isiForm(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('id="form-aturan"'));
  const out: Record<string, string> = {};
  const decode = (s: string) =>
    s.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#34;', '"').replaceAll('&#39;', "'");
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (m[1] !== '_csrf') out[m[1]] = decode(m[2]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    out[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? /<option value="([^"]*)"/.exec(m[2])?.[1] ?? '';
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1]] = decode(m[2]);
  return out;
}
const rupiah = (text: string, attr: string) =>
  Number((new RegExp(`${attr}>(?:[−+] )?Rp ([\\d.]+)<`).exec(text)?.[1] ?? 'NaN').replaceAll('.', ''));

describe('aturan TPP: the admin page', () => {
  it('when someone other than the admin opens or posts the page, then 403 and no version is written', async () => {
    for (const nip of [DEMO_ACCOUNTS.pegawai, DEMO_ACCOUNTS.pimpinan]) {
      const agent = await as(nip);
      expect((await agent.get(HALAMAN)).status).toBe(403);
      expect((await postForm(agent, HALAMAN, { nama: 'x' })).status).toBe(403);
    }
    expect(await prisma.aturanTpp.count()).toBe(0);
  });

  it('when no version is stored, then the page shows the default from Pengaturan (60/40) and the form starts from it', async () => {
    const page = await (await as(DEMO_ACCOUNTS.admin)).get(HALAMAN);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-aturan-berlaku><strong>Bawaan \(dari Pengaturan\)<\/strong>/);
    const f = isiForm(page.text);
    expect([f['komponen.kinerja'], f['komponen.kehadiran'], f.dariVersi]).toEqual(['60', '40', '0']);
    expect(f['pph21.ter.A'].split('\n')[0]).toBe('5400000;0');
  });

  it.each([
    [{ 'komponen.kinerja': '70', 'komponen.kehadiran': '40' }, 'komponen', 'Bobot komponen harus berjumlah 100% \\(sekarang 110%\\)'],
    [{ 'potongan.9.pemicu': '', 'potongan.9.persen': '2' }, 'potongan-9-pemicu', 'Pilih pemicu potongan ini'],
    [{ 'potongan.9.pemicu': 'TL1', 'potongan.9.persen': '2' }, 'potongan-9-pemicu', 'Pemicu ini sudah ada di baris lain'],
    [{ 'bpjs.batas': 'dua belas juta' }, 'bpjs-batas', 'Isi dengan angka'],
    [{ 'pph21.ter.B': '6200000;0\n5000000;1\n-;34' }, 'pph21-ter-B', 'Batas atas harus naik'],
    [{ 'pph21.ter.C': '6600000;0\nenam;1\n-;34' }, 'pph21-ter-C', 'Baris 2: tulis batas atas dan tarif'],
    [{ nama: '' }, 'nama', 'Nama aturan wajib diisi'],
  ])('when %o is sent, then 422 next to %s, the form still filled, and nothing saved', async (ubah, field, pesan) => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const body = { ...isiForm((await admin.get(`${HALAMAN}&contoh=70-30`)).text), ...ubah };
    const res = await postForm(admin, HALAMAN, body);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="f-${field}-error"[^>]*>[^<]*${pesan}`));
    // what was typed is back in the form
    expect(isiForm(res.text)).toMatchObject(Object.fromEntries(Object.entries(ubah).filter(([k]) => !k.startsWith('pph21'))));
    expect(await prisma.aturanTpp.count()).toBe(0);
  });

  it('when the admin saves the 70/30 example, then it is version 1, audited, and October follows it on the page, the workbook and rekap:periksa', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const before = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    const kinerja60 = rupiah(before, 'data-tpp-kinerja');
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`); // the month's rows exist before the change
    const body = { ...isiForm((await admin.get(`${HALAMAN}&contoh=70-30`)).text), dasarHukum: 'Perbup Sukamaju Nomor 5 Tahun 2026' };
    const res = await postForm(admin, HALAMAN, body);
    expect(res.status).toBe(303);
    const v = await prisma.aturanTpp.findFirstOrThrow({ where: { tahun: 2026 } });
    expect(v).toMatchObject({ versi: 1, nama: 'Kinerja 70% dan kehadiran 30%', dasarHukum: 'Perbup Sukamaju Nomor 5 Tahun 2026' });
    expect(v.isi).toMatchObject({ komponen: { kinerja: 70, skp: 0, kehadiran: 30 } });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'aturan-tpp.simpan' } });
    expect(log.before).toMatchObject({ versi: 0, komponen: { kinerja: 60, kehadiran: 40 } });
    expect(log.after).toMatchObject({ versi: 1, komponen: { kinerja: 70, kehadiran: 30 } });
    expect(log.after).not.toHaveProperty('nilaiSkp'); // only what changed
    // the months of 2026 are marked: every output follows
    expect(await prisma.bulanKotor.count({ where: { tahun: 2026, bulan: 10 } })).toBe(1);
    const page = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    expect(page).toContain('Menurut aturan TPP 2026: Kinerja 70% dan kehadiran 30% (versi 1), Perbup Sukamaju Nomor 5 Tahun 2026.');
    expect(rupiah(page, 'data-tpp-kinerja')).toBe(Math.round((kinerja60 * 70) / 60));
    const row = () =>
      prisma.bulanPegawai.findUniqueOrThrow({ where: { pegawaiId_tahun_bulan: { pegawaiId: pegawai.id, tahun: 2026, bulan: 10 } } });
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-10`);
    expect((await row()).kinerja).toBe(rupiah(page, 'data-tpp-kinerja'));
    expect((await row()).neto).toBe(rupiah(page, 'data-tpp-neto'));
    expect((await periksaBulan(2026, 10, await getSettings())).drift).toEqual([]);
    // the history lists it, and the version page shows it
    const halaman = (await admin.get(HALAMAN)).text;
    expect(halaman).toContain('Perbup Sukamaju Nomor 5 Tahun 2026');
    expect((await admin.get(`/admin/aturan-tpp/versi/${v.id}`)).text).toContain('Izin (per hari kerja)');
    expect((await admin.get('/admin/aturan-tpp/versi/999999')).status).toBe(404);
  });

  it('when the same form is sent twice, then one version is written; a form opened on an older version is refused next to nothing but the form', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const body = { ...isiForm((await admin.get(HALAMAN)).text), 'komponen.kinerja': '65', 'komponen.kehadiran': '35' };
    const [a, b] = [await postForm(admin, HALAMAN, body), await postForm(admin, HALAMAN, body)];
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await prisma.aturanTpp.count({ where: { tahun: 2026 } })).toBe(2);
    const stale = await postForm(admin, HALAMAN, { ...body, 'komponen.kinerja': '50', 'komponen.kehadiran': '50' });
    expect(stale.status).toBe(422);
    expect(stale.text).toContain('baru saja disimpan orang lain (versi 2)');
    expect(await prisma.aturanTpp.count({ where: { tahun: 2026 } })).toBe(2);
    // and a version is never changed in place
    await expect(prisma.$executeRaw`UPDATE aturan_tpp SET nama = 'x' WHERE versi = 1`).rejects.toThrow(/aturan_tpp_tidak_diubah/);
    await expect(
      prisma.$executeRaw`INSERT INTO aturan_tpp (tahun, versi, nama, isi) VALUES (2027, 1, 'x', '{"komponen":{"kinerja":50,"skp":0,"kehadiran":40}}')`,
    ).rejects.toThrow(/aturan_tpp_bobot/);
  });

  it('when October is ditetapkan and a new version is saved, then October keeps its figures and rule set while November follows the new one', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    expect((await postForm(admin, '/admin/tpp/tetapkan?tahun=2026', { bulan: '2026-10' })).status).toBe(303);
    const penetapan = await prisma.tppPenetapan.findUniqueOrThrow({ where: { tahun_bulan: { tahun: 2026, bulan: 10 } } });
    expect(penetapan.aturan).toMatchObject({ versi: 2, isi: { komponen: { kinerja: 65 } } });
    const oktober = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    const novemberSebelum = rupiah((await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-11`)).text, 'data-tpp-kinerja');
    // version 3: SKP 20 % + harian 50 % + kehadiran 30 %
    const body = { ...isiForm((await admin.get(`${HALAMAN}&contoh=skp-harian-kehadiran`)).text), dariVersi: '2' };
    expect((await postForm(admin, HALAMAN, body)).status).toBe(303);
    const oktoberSesudah = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-10`)).text;
    for (const attr of ['data-tpp-kinerja', 'data-tpp-disiplin', 'data-tpp-total', 'data-tpp-neto'])
      expect([attr, rupiah(oktoberSesudah, attr)]).toEqual([attr, rupiah(oktober, attr)]);
    expect(oktoberSesudah).toContain('(versi 2)');
    // no "recorded after the penetapan" difference: the rule changed, not the data
    expect(oktoberSesudah).not.toContain('dicatat setelah penetapan');
    expect((await admin.get('/admin/tpp/selisih?bulan=2026-10')).text).not.toContain(pegawai.nip);
    const periksa = await periksaBulan(2026, 10, await getSettings());
    expect([periksa.drift, periksa.setelahPenetapan]).toEqual([[], []]);
    const november = (await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-11`)).text;
    expect(november).toContain('(versi 3)');
    expect(rupiah(november, 'data-tpp-kinerja')).not.toBe(novemberSebelum);
    // the history says which version the penetapan used
    expect((await admin.get(HALAMAN)).text).toMatch(/<td>1 bulan<\/td>/);
  });

  it('when the month’s evaluasi kinerja is recorded, then the SKP line of the month follows it on every output', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const skpLine = async () => rupiah((await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-11`)).text, 'data-tpp-skp');
    expect(await skpLine()).toBe(0); // not rated: 0 % under this rule set
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-11`);
    await prisma.$executeRaw`INSERT INTO evaluasi_kinerja (pegawai_id, tahun, bulan, hasil_kerja, perilaku_kerja, predikat, updated_at)
                             VALUES (${pegawai.id}, 2026, 11, 'DI_BAWAH', 'SESUAI', 'Butuh Perbaikan', now())`;
    const pagu = rupiah((await admin.get(`/tpp/pegawai/${pegawai.id}?bulan=2026-11`)).text, 'data-tpp-skp');
    expect(pagu).toBeGreaterThan(0);
    await admin.get(`/laporan/unit/${pegawai.unitId}.xlsx?bulan=2026-11`);
    const row = await prisma.bulanPegawai.findUniqueOrThrow({
      where: { pegawaiId_tahun_bulan: { pegawaiId: pegawai.id, tahun: 2026, bulan: 11 } },
    });
    expect(row.skp).toBe(pagu);
    expect((await periksaBulan(2026, 11, await getSettings())).drift).toEqual([]);
    // the Laporan PDF carries the same lines
    const pdf = await admin
      .get(`/laporan/pegawai/${pegawai.id}.pdf?bulan=2026-11`)
      .buffer(true)
      .parse(((res: import('node:http').IncomingMessage, cb: (e: Error | null, b: Buffer) => void) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }) as never);
    const teks = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(teks).toContain('Bagian SKP (20% x 75%, predikat Butuh Perbaikan)');
    expect(teks).toContain(`Rp ${pagu.toLocaleString('id-ID')}`);
    expect(teks).toContain('TPP neto dibayarkan');
    expect(teks).toContain('Tunjangan PPh (ditanggung Pemda)');
  });
});
