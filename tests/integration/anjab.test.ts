import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs, tokenOf } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);

const PSI = 'Pengelola Sistem Informasi';
const jabatanOf = (nama: string) => prisma.jabatan.findFirstOrThrow({ where: { nama } });
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const bebanOf = async (jabatan: string) => {
  const res = await request(app).get('/abk.json');
  return (res.body as { jabatan: string; beban_kerja_menit: number }[]).find((r) => r.jabatan === jabatan)!.beban_kerja_menit;
};
const sectionForm = (j: Awaited<ReturnType<typeof jabatanOf>>) => ({
  nama: j.nama,
  kode: j.kode ?? '',
  jenis: j.jenis,
  kelas: String(j.kelas),
  ikhtisar: j.ikhtisar ?? '',
  bahanKerja: j.bahanKerja ?? '',
  perangkatKerja: j.perangkatKerja ?? '',
  tanggungJawab: j.tanggungJawab ?? '',
  wewenang: j.wewenang ?? '',
  korelasiJabatan: j.korelasiJabatan ?? '',
  kondisiLingkungan: j.kondisiLingkungan ?? '',
  risikoBahaya: j.risikoBahaya ?? '',
  syaratJabatan: j.syaratJabatan ?? '',
  prestasiDiharapkan: j.prestasiDiharapkan ?? '',
});

describe('Anjab access', () => {
  it('when anonymous, then every /anjab page redirects to login and a POST without a session is refused', async () => {
    const { id } = await jabatanOf(PSI);
    for (const path of ['/anjab', `/anjab/${id}`, `/anjab/${id}/pdf`, `/anjab/${id}/ubah`, `/anjab/${id}/tugas/baru`]) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toBe('/login');
    }
    const post = await request(app).post(`/anjab/${id}`).type('form').send({ ikhtisar: 'diretas' });
    expect(post.status).toBe(403);
    expect((await prisma.jabatan.findUniqueOrThrow({ where: { id } })).ikhtisar).not.toBe('diretas');
  });

  it('when a pegawai (not admin) posts an Anjab change with a valid token, then it is refused with 403 and nothing changes', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const j = await jabatanOf(PSI);
    expect((await agent.get(`/anjab/${j.id}/ubah`)).status).toBe(403);
    const token = await tokenOf(agent, `/anjab/${j.id}`);
    const res = await agent
      .post(`/anjab/${j.id}`)
      .type('form')
      .send({ _csrf: token, ...sectionForm(j), ikhtisar: 'diubah pegawai' });
    expect(res.status).toBe(403);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: j.id } });
    const del = await agent.post(`/anjab/${j.id}/tugas/${tugas.id}/nonaktifkan`).type('form').send({ _csrf: token });
    expect(del.status).toBe(403);
    expect((await prisma.jabatan.findUniqueOrThrow({ where: { id: j.id } })).ikhtisar).toBe(j.ikhtisar);
    expect((await prisma.uraianTugas.findUniqueOrThrow({ where: { id: tugas.id } })).aktif).toBe(true);
    expect(await prisma.auditLog.count({ where: { objectType: { in: ['jabatan', 'uraian_tugas'] } } })).toBe(0);
  });

  it('when an admin posts without a CSRF token, then it is refused with 403 and nothing changes', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const res = await agent
      .post(`/anjab/${j.id}`)
      .type('form')
      .send({ ...sectionForm(j), ikhtisar: 'tanpa token' });
    expect(res.status).toBe(403);
    expect((await prisma.jabatan.findUniqueOrThrow({ where: { id: j.id } })).ikhtisar).toBe(j.ikhtisar);
  });
});

describe('Anjab for ASN', () => {
  it('when a pegawai opens /anjab, then the jabatan are listed by unit and the search narrows them', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const all = await agent.get('/anjab');
    expect(all.status).toBe(200);
    expect(all.text).toContain(`${await prisma.jabatan.count({ where: { aktif: true } })} jabatan`);
    expect(all.text).toContain('Dinas Kesehatan / Bidang Pelayanan Kesehatan');
    const own = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    expect(all.text).toContain(`href="/anjab/${own.jabatanId}">Anjab jabatan saya: ${PSI}</a>`);
    const found = await agent.get('/anjab?q=sistem%20INFORMASI');
    expect(found.status).toBe(200);
    expect(found.text).toContain(PSI);
    expect(found.text).not.toContain('Kepala Dinas Kesehatan');
    const none = await agent.get('/anjab?q=tidak-ada-jabatan-ini');
    expect(none.text).toContain('Tidak ada jabatan yang cocok');
  });

  it('when a pegawai opens the Anjab of their jabatan, then every section and every task is there, without edit buttons', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const j = await jabatanOf(PSI);
    const res = await agent.get(`/anjab/${j.id}`);
    expect(res.status).toBe(200);
    for (const h of [
      '1. Identitas Jabatan',
      '2. Ikhtisar Jabatan',
      '3. Uraian Tugas',
      '4. Bahan Kerja',
      '5. Perangkat Kerja',
      '6. Tanggung Jawab',
      '7. Wewenang',
      '8. Korelasi Jabatan',
      '9. Kondisi Lingkungan Kerja',
      '10. Risiko Bahaya',
      '11. Syarat Jabatan',
      '12. Prestasi Kerja yang Diharapkan',
      '13. Beban Kerja dan Kebutuhan Pegawai (ABK)',
    ])
      expect(res.text, h).toContain(h);
    for (const t of await prisma.uraianTugas.findMany({ where: { jabatanId: j.id } })) expect(res.text).toContain(t.uraian);
    expect(res.text).toContain('<li>Komputer dan jaringan internet</li>');
    expect(res.text).not.toContain('Ubah Anjab');
    expect(res.text).not.toContain('/hapus');
    expect(res.text).toContain(`href="/anjab/${j.id}/pdf"`);
    expect((await agent.get('/anjab/999999')).status).toBe(404);
  });

  it('when the PDF is asked for, then it answers application/pdf starting with %PDF', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const j = await jabatanOf(PSI);
    const res = await agent
      .get(`/anjab/${j.id}/pdf`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(2000);
    expect(body.subarray(-6).toString('latin1')).toContain('%%EOF');
  });
});

describe('Anjab editing by the admin', () => {
  it('when the admin changes the sections, then the jabatan row, the page and an audit row show it', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const form = await agent.get(`/anjab/${j.id}/ubah`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${j.nama}"`);
    const res = await agent
      .post(`/anjab/${j.id}`)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        ...sectionForm(j),
        kode: 'PSI-07',
        wewenang: 'Menolak permintaan data tanpa dasar\r\nMengusulkan perbaikan aplikasi',
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/anjab/${j.id}`);
    const after = await prisma.jabatan.findUniqueOrThrow({ where: { id: j.id } });
    expect(after.kode).toBe('PSI-07');
    expect(after.wewenang).toBe('Menolak permintaan data tanpa dasar\nMengusulkan perbaikan aplikasi');
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: 'anjab.ubah', objectId: String(j.id) } });
    expect(row.before).toEqual({ kode: null, wewenang: j.wewenang });
    expect(row.after).toEqual({ kode: 'PSI-07', wewenang: after.wewenang });
    const page = await agent.get(`/anjab/${j.id}`);
    expect(page.text).toContain('Anjab berhasil disimpan.');
    expect(page.text).toContain('<li>Mengusulkan perbaikan aplikasi</li>');
  });

  it('when the admin sends an empty name and kelas 20, then the form comes back 422 with the messages and what was typed', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const token = await tokenOf(agent, `/anjab/${j.id}/ubah`);
    const res = await agent
      .post(`/anjab/${j.id}`)
      .type('form')
      .send({ _csrf: token, ...sectionForm(j), nama: '', kelas: '20', ikhtisar: 'Ikhtisar baru <b>tebal</b>' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nama jabatan wajib diisi.');
    expect(res.text).toContain('Kelas jabatan harus antara 1 dan 17.');
    expect(res.text).toContain('Ikhtisar baru &lt;b&gt;tebal&lt;/b&gt;</textarea>');
    expect(res.text).toContain('value="20"');
    expect((await prisma.jabatan.findUniqueOrThrow({ where: { id: j.id } })).ikhtisar).toBe(j.ikhtisar);
  });

  it('when the admin gives a jabatan the name of another in the same unit, then the name field says so (422)', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const other = await prisma.jabatan.findFirstOrThrow({ where: { unitId: j.unitId, id: { not: j.id } } });
    const token = await tokenOf(agent, `/anjab/${j.id}/ubah`);
    const res = await agent
      .post(`/anjab/${j.id}`)
      .type('form')
      .send({ _csrf: token, ...sectionForm(j), nama: other.nama });
    expect(res.status).toBe(422);
    expect(res.text).toContain('sudah dipakai jabatan lain di unit yang sama');
    expect((await prisma.jabatan.findUniqueOrThrow({ where: { id: j.id } })).nama).toBe(PSI);
  });

  it('when the admin adds a task, then it is stored last, audited, and /abk shows the new beban kerja at once', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const before = await bebanOf(PSI); // warms the ABK cache
    const token = await tokenOf(agent, `/anjab/${j.id}/tugas/baru`);
    const res = await agent.post(`/anjab/${j.id}/tugas`).type('form').send({
      _csrf: token,
      uraian: 'Melakukan pencadangan basis data aplikasi',
      hasilKerja: 'Laporan pencadangan',
      satuanHasil: 'Laporan',
      volumePerTahun: '52',
      normaWaktu: '45',
      urutan: '',
    });
    expect(res.status).toBe(303);
    const t = await prisma.uraianTugas.findFirstOrThrow({
      where: { jabatanId: j.id, uraian: 'Melakukan pencadangan basis data aplikasi' },
    });
    const max = await prisma.uraianTugas.aggregate({ where: { jabatanId: j.id, id: { not: t.id } }, _max: { urutan: true } });
    expect(t.urutan).toBe(max._max.urutan! + 1);
    expect(t.volumePerTahun.toString()).toBe('52');
    expect(await prisma.auditLog.count({ where: { action: 'uraianTugas.tambah', objectId: String(t.id) } })).toBe(1);
    expect(await bebanOf(PSI)).toBe(before + 52 * 45);
  });

  it('when the admin types an invalid task, then the form comes back 422 and nothing is stored', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const count = await prisma.uraianTugas.count({ where: { jabatanId: j.id } });
    const token = await tokenOf(agent, `/anjab/${j.id}/tugas/baru`);
    const res = await agent
      .post(`/anjab/${j.id}/tugas`)
      .type('form')
      .send({ _csrf: token, uraian: 'Tugas baru', hasilKerja: '', satuanHasil: 'Berkas', volumePerTahun: '1.234', normaWaktu: '0' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Hasil kerja wajib diisi.');
    expect(res.text).toContain('Volume harus angka 0 atau lebih');
    expect(res.text).toContain('Norma waktu harus antara 1 dan 1000000.');
    expect(res.text).toContain('value="1.234"');
    expect(await prisma.uraianTugas.count({ where: { jabatanId: j.id } })).toBe(count);
  });

  it('when the admin edits a task volume, then the row, the audit and the ABK change together', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const j = await jabatanOf(PSI);
    const t = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: j.id, aktif: true }, orderBy: { id: 'asc' } });
    const before = await bebanOf(PSI);
    const form = await agent.get(`/anjab/${j.id}/tugas/${t.id}/ubah`);
    expect(form.status).toBe(200);
    const res = await agent
      .post(`/anjab/${j.id}/tugas/${t.id}`)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        uraian: t.uraian,
        hasilKerja: t.hasilKerja,
        satuanHasil: t.satuanHasil,
        volumePerTahun: '10,5',
        normaWaktu: String(t.normaWaktu),
        urutan: String(t.urutan),
      });
    expect(res.status).toBe(303);
    expect((await prisma.uraianTugas.findUniqueOrThrow({ where: { id: t.id } })).volumePerTahun.toString()).toBe('10.5');
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: 'uraianTugas.ubah', objectId: String(t.id) } });
    expect((row.after as { volumePerTahun: string }).volumePerTahun).toBe('10.5');
    expect(await bebanOf(PSI)).toBeCloseTo(before + (10.5 - Number(t.volumePerTahun)) * t.normaWaktu, 2);
  });

  it('when a task that has targets is deleted, then it is refused and stays; retiring it takes it out of ABK, audited', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const t = await prisma.uraianTugas.findFirstOrThrow({
      where: { aktif: true, targetTahunan: { some: {} } },
      include: { jabatan: true },
    });
    const before = await bebanOf(t.jabatan.nama);
    const token = await tokenOf(agent, `/anjab/${t.jabatanId}`);
    const del = await agent.post(`/anjab/${t.jabatanId}/tugas/${t.id}/hapus`).type('form').send({ _csrf: token });
    expect(del.status).toBe(303);
    expect(await prisma.uraianTugas.findUnique({ where: { id: t.id } })).not.toBeNull();
    expect((await agent.get(`/anjab/${t.jabatanId}`)).text).toContain('tidak dapat dihapus. Nonaktifkan saja.');
    expect(await prisma.auditLog.count({ where: { action: 'uraianTugas.hapus', objectId: String(t.id) } })).toBe(0);

    const retire = await agent.post(`/anjab/${t.jabatanId}/tugas/${t.id}/nonaktifkan`).type('form').send({ _csrf: token });
    expect(retire.status).toBe(303);
    expect((await prisma.uraianTugas.findUniqueOrThrow({ where: { id: t.id } })).aktif).toBe(false);
    expect(await prisma.targetTahunan.count({ where: { uraianTugasId: t.id } })).toBeGreaterThan(0);
    expect(await bebanOf(t.jabatan.nama)).toBeCloseTo(before - Number(t.volumePerTahun) * t.normaWaktu, 2);
    // repeating it changes nothing and writes no second audit row
    await agent.post(`/anjab/${t.jabatanId}/tugas/${t.id}/nonaktifkan`).type('form').send({ _csrf: token });
    expect(await prisma.auditLog.count({ where: { action: 'uraianTugas.nonaktifkan', objectId: String(t.id) } })).toBe(1);

    await agent.post(`/anjab/${t.jabatanId}/tugas/${t.id}/aktifkan`).type('form').send({ _csrf: token });
    expect((await prisma.uraianTugas.findUniqueOrThrow({ where: { id: t.id } })).aktif).toBe(true);
    expect(await bebanOf(t.jabatan.nama)).toBe(before);
  });

  it('when a task without targets is deleted, then the row is gone and the audit keeps what it was', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const t = await prisma.uraianTugas.findFirstOrThrow({ where: { targetTahunan: { none: {} } } });
    const token = await tokenOf(agent, `/anjab/${t.jabatanId}`);
    const res = await agent.post(`/anjab/${t.jabatanId}/tugas/${t.id}/hapus`).type('form').send({ _csrf: token });
    expect(res.status).toBe(303);
    expect(await prisma.uraianTugas.findUnique({ where: { id: t.id } })).toBeNull();
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: 'uraianTugas.hapus', objectId: String(t.id) } });
    expect((row.before as { uraian: string }).uraian).toBe(t.uraian);
  });

  it('when a task is addressed under another jabatan id, then it is a 404 and nothing changes', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const t = await prisma.uraianTugas.findFirstOrThrow({ where: { aktif: true } });
    const other = await prisma.jabatan.findFirstOrThrow({ where: { id: { not: t.jabatanId } } });
    const token = await tokenOf(agent, `/anjab/${other.id}`);
    expect((await agent.get(`/anjab/${other.id}/tugas/${t.id}/ubah`)).status).toBe(404);
    const res = await agent.post(`/anjab/${other.id}/tugas/${t.id}/nonaktifkan`).type('form').send({ _csrf: token });
    expect(res.status).toBe(404);
    expect((await prisma.uraianTugas.findUniqueOrThrow({ where: { id: t.id } })).aktif).toBe(true);
  });
});
