import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NIP_SKP_DIAJUKAN, RHK_TANPA_BAWAHAN, RHK_TANPA_INTERVENSI } from '../../prisma/demo-skp.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

// Issue 19, the SKP on the demo Pemda: reading it (who sees which), the cascade rules of an RHK, the workflow with
// Persetujuan Target and the atasan's ekspektasi. Cascade rules over history and mutasi are in skp-kaskade.test.ts.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const Y = Number(TEST_TODAY.slice(0, 4));
const KASI_EGOV = '198307252009022002';
const DEWI = '199601092022032004';
const KADIS_KOMINFO = '197004151996031002';
const KADIS_DINKES = '197101011997031007';

const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });
const skpOf = async (nip: string) => prisma.skp.findFirstOrThrow({ where: { pegawaiId: (await byNip(nip)).id, tahun: Y } });
const auditCount = (action: string, objectId: number) => prisma.auditLog.count({ where: { action, objectId: String(objectId) } });

describe('reading an SKP', () => {
  it('when the pegawai opens SKP, then they see their approved SKP of the year with its RHK, the atasan RHK each intervenes and the linked targets', async () => {
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const list = await p.get('/skp');
    expect(list.status).toBe(200);
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    expect(list.text).toContain(`/skp/${s.id}`);
    const page = await p.get(`/skp/${s.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('disetujui atasan');
    expect(page.text).toContain('Budi Santoso');
    const rhk = await prisma.rhk.findMany({ where: { skpId: s.id }, include: { rhkAtasan: true, target: true } });
    expect(rhk.length).toBeGreaterThan(0);
    for (const r of rhk) {
      expect(page.text).toContain(r.uraian);
      expect(r.rhkAtasan).not.toBeNull();
      expect(page.text).toContain(r.rhkAtasan!.uraian);
      expect(r.target.length).toBeGreaterThan(0);
    }
    expect(page.text).toContain('Berorientasi Pelayanan');
    expect(page.text).toContain('Menanggapi setiap permintaan perbaikan aplikasi');
  });

  it('when another pegawai opens that SKP, then 404; the atasan reads it, the Kepala OPD reads it, the admin reads it', async () => {
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    expect((await (await as(DEWI)).get(`/skp/${s.id}`)).status).toBe(404);
    expect((await (await as(KASI_EGOV)).get(`/skp/${s.id}`)).status).toBe(404);
    expect((await (await as(KADIS_DINKES)).get(`/skp/${s.id}`)).status).toBe(404);
    expect((await (await as(DEMO_ACCOUNTS.atasan)).get(`/skp/${s.id}`)).status).toBe(200);
    expect((await (await as(KADIS_KOMINFO)).get(`/skp/${s.id}`)).status).toBe(200);
    expect((await (await as(DEMO_ACCOUNTS.admin)).get(`/skp/${s.id}`)).status).toBe(200);
  });

  it('when the Kepala OPD (a pimpinan) tries to change or approve a subordinate SKP, then 403 and nothing changes', async () => {
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    const k = await as(KADIS_KOMINFO);
    const rhk = await prisma.rhk.findFirstOrThrow({ where: { skpId: s.id } });
    expect((await postForm(k, `/skp/${s.id}/rhk/${rhk.id}/hapus`, {})).status).toBe(403);
    expect((await postForm(k, `/skp/${s.id}/setujui`, { versi: String(s.versi) })).status).toBe(403);
    expect((await postForm(k, `/skp/${s.id}/ekspektasi`, { LOYAL: 'x' })).status).toBe(403);
    expect(await prisma.rhk.count({ where: { id: rhk.id } })).toBe(1);
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: s.id } })).versi).toBe(s.versi);
  });
});

describe('the RHK of the pegawai, cascaded from the atasan', () => {
  it('when the pegawai adds an RHK intervening an RHK of their atasan with two indicators, then it is saved with them, audited, and the approved SKP goes back to the atasan', async () => {
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    const atasanRhk = await prisma.rhk.findFirstOrThrow({
      where: { skp: { pegawaiId: (await byNip(DEMO_ACCOUNTS.atasan)).id, tahun: Y } },
    });
    const key = randomUUID();
    const body = {
      idempotencyKey: key,
      jenis: 'UTAMA',
      uraian: 'Tersedianya modul pelaporan daring',
      intervensi: `rhk:${atasanRhk.id}`,
      iki_KUANTITAS: 'Jumlah modul yang selesai diuji',
      angka_KUANTITAS: '2',
      satuan_KUANTITAS: 'Modul',
      iki_WAKTU: 'Ketepatan waktu',
      teks_WAKTU: 'Selesai sebelum Oktober',
    };
    const res = await postForm(p, `/skp/${s.id}/rhk/baru`, body);
    expect(res.status).toBe(303);
    // a double-clicked Simpan makes one RHK
    expect((await postForm(p, `/skp/${s.id}/rhk/baru`, body)).status).toBe(303);
    const rows = await prisma.rhk.findMany({ where: { skpId: s.id, uraian: body.uraian }, include: { indikator: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0].rhkAtasanId).toBe(atasanRhk.id);
    expect(rows[0].indikator.map((i) => [i.aspek, Number(i.targetAngka ?? 0), i.satuan, i.targetTeks]).sort()).toEqual([
      ['KUANTITAS', 2, 'Modul', null],
      ['WAKTU', 0, null, 'Selesai sebelum Oktober'],
    ]);
    const after = await prisma.skp.findUniqueOrThrow({ where: { id: s.id } });
    expect(after.status).toBe('DIAJUKAN');
    expect(after.versi).toBe(s.versi + 1);
    expect(await auditCount('rhk.buat', rows[0].id)).toBe(1);
  });

  it("when the RHK names an RHK that is not its atasan's, or an OPD goal, or no indicator, then 422 next to the field, the form kept, nothing written", async () => {
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    const bukanAtasan = await prisma.rhk.findFirstOrThrow({ where: { skp: { pegawaiId: (await byNip(KASI_EGOV)).id, tahun: Y } } });
    const tujuan = await prisma.tujuanOpd.findFirstOrThrow({ where: { tahun: Y } });
    const base = {
      idempotencyKey: randomUUID(),
      jenis: 'UTAMA',
      uraian: 'RHK yang salah sasaran',
      iki_KUANTITAS: 'Jumlah',
      angka_KUANTITAS: '1',
      satuan_KUANTITAS: 'Dokumen',
    };
    const a = await postForm(p, `/skp/${s.id}/rhk/baru`, { ...base, intervensi: `rhk:${bukanAtasan.id}` });
    expect(a.status).toBe(422);
    expect(a.text).toContain('bukan RHK atasan Anda');
    expect(a.text).toContain('RHK yang salah sasaran');
    const b = await postForm(p, `/skp/${s.id}/rhk/baru`, { ...base, intervensi: `tujuan:${tujuan.id}` });
    expect(b.status).toBe(422);
    expect(b.text).toContain('Tujuan OPD diintervensi oleh pimpinan tertinggi OPD');
    const c = await postForm(p, `/skp/${s.id}/rhk/baru`, { ...base, iki_KUANTITAS: '', angka_KUANTITAS: '', satuan_KUANTITAS: '' });
    expect(c.status).toBe(422);
    expect(c.text).toContain('Isi paling sedikit satu indikator');
    const d = await postForm(p, `/skp/${s.id}/rhk/baru`, { ...base, satuan_KUANTITAS: '' });
    expect(d.status).toBe(422);
    expect(d.text).toContain('Tulis satuan target angka ini');
    expect(await prisma.rhk.count({ where: { uraian: 'RHK yang salah sasaran' } })).toBe(0);
  });

  it('when the pegawai deletes an RHK their bawahan intervene, then 409 naming who, and it stays', async () => {
    const a = await as(DEMO_ACCOUNTS.atasan);
    const s = await skpOf(DEMO_ACCOUNTS.atasan);
    const r = await prisma.rhk.findFirstOrThrow({
      where: { skpId: s.id, rhkBawahan: { some: {} } },
      include: { rhkBawahan: { include: { skp: { include: { pegawai: true } } } } },
    });
    const res = await postForm(a, `/skp/${s.id}/rhk/${r.id}/hapus`, {});
    expect(res.status).toBe(409);
    expect(res.text).toContain(r.rhkBawahan[0].skp.pegawai.nama);
    expect(await prisma.rhk.count({ where: { id: r.id } })).toBe(1);
  });
});

describe('Persetujuan Target lists the SKP waiting, and the decision carries the version', () => {
  it('when the atasan of a submitted SKP opens Persetujuan Target, then it is listed and counted in the badge; Setujui approves it, audited', async () => {
    const s = await skpOf(NIP_SKP_DIAJUKAN);
    expect(s.status).toBe('DIAJUKAN');
    const a = await as(KASI_EGOV);
    const page = await a.get('/persetujuan-target');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/skp/${s.id}`);
    const targets = await prisma.targetTahunan.count({ where: { status: 'DIAJUKAN', pegawai: { atasanId: (await byNip(KASI_EGOV)).id } } });
    expect(page.text).toMatch(new RegExp(`Persetujuan Target</span>\\s*<span[^>]*>${targets + 1}</span>`));
    // the pegawai changed it after the page was opened: the decision on the old version is refused
    await prisma.skp.update({ where: { id: s.id }, data: { versi: { increment: 1 } } });
    const stale = await postForm(a, `/skp/${s.id}/setujui`, { versi: String(s.versi) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('baru saja diubah');
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('DIAJUKAN');
    const ok = await postForm(a, `/skp/${s.id}/setujui`, { versi: String(s.versi + 1), dari: 'persetujuan' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/persetujuan-target');
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('DISETUJUI');
    expect(await auditCount('skp.setujui', s.id)).toBe(1);
  });
});

describe('the demo cascade (prisma/demo-skp.ts)', () => {
  it('when the demo is seeded, then every pegawai has an SKP for the year, every target is under an RHK of its own SKP, and every RHK utama intervenes something but the marked ones', async () => {
    expect(await prisma.pegawai.count({ where: { aktif: true, skp: { none: { tahun: Y } } } })).toBe(0);
    expect(await prisma.targetTahunan.count({ where: { tahun: Y, rhkId: null } })).toBe(0);
    const salah = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM target_tahunan t JOIN rhk r ON r.id = t.rhk_id JOIN skp s ON s.id = r.skp_id
      WHERE s.pegawai_id <> t.pegawai_id OR s.tahun <> t.tahun`;
    expect(salah[0].n).toBe(0);
    expect(await prisma.rhk.count({ where: { skp: { tahun: Y }, rhkAtasanId: null, tujuanOpdId: null } })).toBe(1);
    expect(await prisma.rhk.count({ where: { uraian: RHK_TANPA_BAWAHAN, rhkBawahan: { none: {} } } })).toBe(1);
  });
});

describe('Matriks peran hasil', () => {
  it('when the Kepala OPD draws their OPD, then the goals, their RHK and each level below are nested, and the two marks are on the demo RHK', async () => {
    const k = await as(KADIS_KOMINFO);
    const res = await k.get(`/skp/matriks?tahun=${Y}`);
    expect(res.status).toBe(200);
    const goal = await prisma.tujuanOpd.findFirstOrThrow({ where: { tahun: Y, unitId: (await byNip(KADIS_KOMINFO)).unitId!, urutan: 1 } });
    expect(res.text).toContain(goal.uraian);
    // the demo pegawai's RHK sits below their atasan's, which sits below the Kabid's, below the Kadis's
    const rina = await prisma.rhk.findFirstOrThrow({
      where: { skp: { pegawaiId: (await byNip(DEMO_ACCOUNTS.pegawai)).id, tahun: Y } },
      include: { rhkAtasan: { include: { rhkAtasan: { include: { rhkAtasan: true } } } } },
    });
    const ids = [rina.rhkAtasan!.rhkAtasan!.rhkAtasan!.id, rina.rhkAtasan!.rhkAtasan!.id, rina.rhkAtasan!.id, rina.id];
    const pos = ids.map((id) => res.text.indexOf(`id="m-rhk-${id}"`));
    expect(pos.every((x) => x > 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
    const tanpaBawahan = await prisma.rhk.findFirstOrThrow({ where: { uraian: RHK_TANPA_BAWAHAN, skp: { tahun: Y } } });
    const li = res.text.slice(res.text.indexOf(`id="m-rhk-${tanpaBawahan.id}"`), res.text.indexOf(`id="m-rhk-${tanpaBawahan.id}"`) + 900);
    expect(li).toContain('belum ada bawahan yang mengintervensi');
    const lepas = await prisma.rhk.findFirstOrThrow({ where: { uraian: RHK_TANPA_INTERVENSI, skp: { tahun: Y } } });
    const li2 = res.text.slice(res.text.indexOf(`id="m-rhk-${lepas.id}"`), res.text.indexOf(`id="m-rhk-${lepas.id}"`) + 900);
    expect(li2).toContain('tidak mengintervensi apa pun');
    expect(res.text).toMatch(/<span class="badge text-bg-warning">1<\/span> RHK atasan belum ada bawahan/);
    expect(res.text).toMatch(/<span class="badge text-bg-danger">1<\/span> RHK tidak mengintervensi/);
  });

  it('when a Kepala OPD asks for another OPD, then 404; the admin draws any unit; an atasan sees only their team', async () => {
    const dinkes = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Dinkes' } });
    expect((await (await as(KADIS_KOMINFO)).get(`/skp/matriks?unit=${dinkes.id}`)).status).toBe(404);
    const admin = await (await as(DEMO_ACCOUNTS.admin)).get(`/skp/matriks?unit=${dinkes.id}&tahun=${Y}`);
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('dr. H. Ahmad Fauzi');
    const tim = await (await as(DEMO_ACCOUNTS.atasan)).get(`/skp/matriks?tahun=${Y}`);
    expect(tim.status).toBe(200);
    expect(tim.text).toContain('Rina Wulandari');
    expect(tim.text).not.toContain('Nur Aini');
    expect(tim.text).not.toContain('Dedi Kurniawan, S.Kom., M.M.</span> <span');
  });
});

describe('Dokumen SKP (PDF)', () => {
  const binary = (res: NodeJS.ReadableStream, cb: (e: Error | null, b: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  it('when the pegawai downloads their Dokumen SKP, then it reads back with the identity, the pejabat penilai, each RHK with what it intervenes, the perilaku with the ekspektasi, the Lampiran and page numbers', async () => {
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    const res = await (await as(DEMO_ACCOUNTS.pegawai))
      .get(`/skp/${s.id}/dokumen.pdf`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // a cell's text wraps: lines joined as the reader reads them
    const text = pdfText(res.body as Buffer).replace(/\s*\n\s*/g, ' ');
    const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
    const atasan = await byNip(DEMO_ACCOUNTS.atasan);
    for (const t of [
      'SASARAN KINERJA PEGAWAI',
      pegawai.nama,
      pegawai.nip,
      atasan.nama,
      atasan.nip,
      'A. HASIL KERJA',
      'B. PERILAKU KERJA',
      'Berorientasi Pelayanan',
      'LAMPIRAN SKP',
      'Dukungan sumber daya',
      'Pejabat penilai kinerja,',
      'Halaman 1 dari',
    ])
      expect(text).toContain(t);
    const r = await prisma.rhk.findFirstOrThrow({ where: { skpId: s.id }, include: { rhkAtasan: true } });
    expect(text).toContain(r.uraian.slice(0, 25));
    expect(text).toContain(r.rhkAtasan!.uraian.slice(0, 20));
    expect(text).toContain('Menanggapi setiap permintaan');
  });

  it('when someone out of reach asks for the Dokumen SKP, then 404', async () => {
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    expect((await (await as(DEWI)).get(`/skp/${s.id}/dokumen.pdf`)).status).toBe(404);
  });
});

describe("the targets are the RHK's targets", () => {
  it("when the pegawai adds a target supporting an RHK of their SKP, then it is linked; another pegawai's RHK is 422 next to the field; Realisasi Tahunan and Realisasi Kinerja show the RHK", async () => {
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const s = await skpOf(DEMO_ACCOUNTS.pegawai);
    const [r1, r2] = await prisma.rhk.findMany({ where: { skpId: s.id }, orderBy: { urutan: 'asc' }, take: 2 });
    const lain = await prisma.rhk.findFirstOrThrow({ where: { skp: { pegawaiId: (await byNip(DEWI)).id, tahun: Y } } });
    const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: pegawai.jabatanId!, aktif: true } });
    const form = await p.get('/realisasi-tahunan/target-baru');
    expect(form.text).toContain(`<option value="${r1.id}"`);
    expect(form.text).not.toContain(`<option value="${lain.id}"`);
    const body = { tahun: String(Y), uraianTugasId: String(tugas.id), pekerjaan: 'Target pendukung RHK', kuantitas: '12' };
    const salah = await postForm(p, '/realisasi-tahunan/target-baru', { ...body, idempotencyKey: randomUUID(), rhkId: String(lain.id) });
    expect(salah.status).toBe(422);
    expect(salah.text).toContain(`Pilih RHK dari SKP Anda tahun ${Y}.`);
    expect(salah.text).toContain('Target pendukung RHK');
    expect(await prisma.targetTahunan.count({ where: { pekerjaan: body.pekerjaan } })).toBe(0);
    expect(
      (await postForm(p, '/realisasi-tahunan/target-baru', { ...body, idempotencyKey: randomUUID(), rhkId: String(r1.id) })).status,
    ).toBe(303);
    const t = await prisma.targetTahunan.findFirstOrThrow({ where: { pekerjaan: body.pekerjaan } });
    expect(t.rhkId).toBe(r1.id);
    const tahunan = await p.get(`/realisasi-tahunan?tahun=${Y}`);
    expect(tahunan.text).toContain(`RHK: ${r1.uraian}`);
    const kinerja = await p.get('/realisasi');
    expect(kinerja.text).toContain(`RHK: ${r1.uraian}`);

    // the pegawai moves it to another RHK; the target itself does not change
    expect((await postForm(p, `/realisasi-tahunan/target/${t.id}/rhk`, { rhkId: String(lain.id) })).status).toBe(422);
    expect((await postForm(p, `/realisasi-tahunan/target/${t.id}/rhk`, { rhkId: String(r2.id) })).status).toBe(303);
    const after = await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } });
    expect(after).toMatchObject({ rhkId: r2.id, status: t.status, kuantitas: t.kuantitas });
    expect(await auditCount('target.rhk', t.id)).toBe(1);
    expect((await postForm(await as(DEWI), `/realisasi-tahunan/target/${t.id}/rhk`, { rhkId: '' })).status).toBe(404);
    expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).rhkId).toBe(r2.id);
  });
});
