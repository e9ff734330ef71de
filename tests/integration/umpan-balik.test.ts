import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CATATAN_DIKEMBALIKAN } from '../../prisma/seed.ts';
import { type Agent, csrfFrom, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { addDays, TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { verifikasiFixtures } from './fixtures/verifikasi.ts';

// Umpan balik berkelanjutan (issue 19 §2): who reads and writes a pegawai's feedback, the answers under it, the
// returned realisasi in the same history, and the rules (CSRF, idempotency, 422 next to the field, audit, append-only).
const { prisma, app, byNip, pegawai, entri, as } = await verifikasiFixtures();
const atasan = await byNip(DEMO_ACCOUNTS.atasan);
const rekan = await byNip('199405182020121005'); // another subordinate of the same atasan
const atasanLain = await byNip('198307252009022002'); // Kasi E-Government: other subordinates
const unitLain = await byNip('199111112017082002'); // Dinas Kesehatan pelaksana
const tahun = Number(TEST_TODAY.slice(0, 4));

const halaman = `/skp/umpan-balik/pegawai/${pegawai.id}`;
/** An RHK of a pegawai's SKP in force today (the demo seed makes one per target). */
const rhkDari = async (pegawaiId: number) =>
  prisma.rhk.findFirstOrThrow({
    where: {
      skp: { pegawaiId, mulai: { lte: new Date(`${TEST_TODAY}T00:00:00Z`) }, selesai: { gte: new Date(`${TEST_TODAY}T00:00:00Z`) } },
    },
    orderBy: { id: 'asc' },
  });
const rhk = await rhkDari(pegawai.id);
const tulis = (agent: Agent, body: Record<string, string>, pegawaiId = pegawai.id) =>
  postForm(agent, `/skp/umpan-balik/pegawai/${pegawaiId}`, { idempotencyKey: randomUUID(), ...body });
const jumlah = (where: object = {}) => prisma.umpanBalik.count({ where: { pegawaiId: pegawai.id, ...where } });

describe('who reaches a pegawai’s feedback', () => {
  const pembaca = [
    { who: 'the atasan', nip: DEMO_ACCOUNTS.atasan, status: 200, form: true },
    { who: 'a pimpinan of the subtree', nip: DEMO_ACCOUNTS.pimpinan, status: 200, form: false },
    { who: 'the admin', nip: DEMO_ACCOUNTS.admin, status: 200, form: false },
    { who: 'another atasan', nip: '198307252009022002', status: 404, form: false },
    { who: 'a colleague', nip: '199405182020121005', status: 404, form: false },
    { who: 'a pegawai of another unit', nip: '199111112017082002', status: 404, form: false },
  ];
  it.each(pembaca)('when $who opens the pegawai’s history, then $status (form shown: $form)', async ({ nip, status, form }) => {
    const res = await (await as(nip)).get(halaman);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.text).toContain(pegawai.nama);
      expect(res.text.includes('Kirim umpan balik')).toBe(form);
    } else expect(res.text).not.toContain(pegawai.nip);
  });

  it('when the pegawai opens their own history by id, then they are sent to their own page', async () => {
    const res = await (await as(DEMO_ACCOUNTS.pegawai)).get(`${halaman}?tahun=${tahun}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/skp/umpan-balik?tahun=${tahun}`);
  });

  it('when the atasan opens their own page, then it lists the bawahan they give feedback to today, with links', async () => {
    const res = await (await as(DEMO_ACCOUNTS.atasan)).get('/skp/umpan-balik');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`href="/skp/umpan-balik/pegawai/${pegawai.id}"`);
    expect(res.text).toContain(`href="/skp/umpan-balik/pegawai/${rekan.id}"`);
    expect(res.text).not.toContain(`href="/skp/umpan-balik/pegawai/${unitLain.id}"`);
  });

  it.each([
    { who: 'the pegawai themself', nip: DEMO_ACCOUNTS.pegawai, status: 403 },
    { who: 'a pimpinan of the subtree', nip: DEMO_ACCOUNTS.pimpinan, status: 403 },
    { who: 'the admin (not at the top of a hierarchy)', nip: DEMO_ACCOUNTS.admin, status: 403 },
    { who: 'another atasan', nip: '198307252009022002', status: 404 },
    { who: 'a colleague', nip: '199405182020121005', status: 404 },
  ])('when $who writes a feedback to the pegawai, then $status and nothing is written', async ({ nip, status }) => {
    const before = await jumlah();
    const res = await tulis(await as(nip), { sasaran: `rhk:${rhk.id}`, isi: 'Tidak berhak' });
    expect(res.status).toBe(status);
    expect(await jumlah()).toBe(before);
  });
});

describe('writing and reading feedback', () => {
  it('when the atasan writes on an RHK, then the row, its audit and the pegawai’s page show it, dated now and under its month', async () => {
    const agent = await as(DEMO_ACCOUNTS.atasan);
    const form = await agent.get(halaman);
    expect(form.text).toContain(`value="rhk:${rhk.id}"`);
    const res = await tulis(agent, { sasaran: `rhk:${rhk.id}`, isi: 'Laporan bulan ini rapi.\nLampirkan hasil uji.' });
    expect(res.status).toBe(303);
    const row = await prisma.umpanBalik.findFirstOrThrow({
      where: { pegawaiId: pegawai.id, isi: 'Laporan bulan ini rapi.\nLampirkan hasil uji.' },
    });
    expect(row).toMatchObject({
      penulisId: atasan.id,
      rhkId: rhk.id,
      skpId: rhk.skpId,
      perilaku: null,
      indukId: null,
      penulisSebagai: null,
    });
    expect(row.dibuatAt.toISOString()).toBe(TEST_NOW.toISOString());
    expect(res.headers.location).toBe(`${halaman}?tahun=${tahun}#ub-${row.id}`);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'umpan-balik.tulis', objectId: String(row.id) } });
    expect(log).toMatchObject({ actorId: atasan.id, objectType: 'umpan_balik' });
    expect(log.after).toMatchObject({ pegawaiId: pegawai.id, rhkId: rhk.id, isi: row.isi });

    const page = await (await as(DEMO_ACCOUNTS.pegawai)).get(`/skp/umpan-balik?tahun=${tahun}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`id="ub-${row.id}"`);
    expect(page.text).toContain(`Rencana Hasil Kerja: ${rhk.uraian}`);
    expect(page.text).toContain('Laporan bulan ini rapi.<br>Lampirkan hasil uji.');
    expect(page.text).toMatch(/<h2[^>]*>\w+ \d{4}<\/h2>/);
    expect(page.text).toContain(atasan.nama);
  });

  it('when the atasan writes on a core value and on the SKP, then each names what it is about', async () => {
    const agent = await as(DEMO_ACCOUNTS.atasan);
    expect((await tulis(agent, { sasaran: 'perilaku:KOLABORATIF', isi: 'Kolaborasi lintas bidang baik.' })).status).toBe(303);
    expect((await tulis(agent, { sasaran: 'skp', isi: 'SKP berjalan sesuai rencana.' })).status).toBe(303);
    const [nilai, skp] = await Promise.all([
      prisma.umpanBalik.findFirstOrThrow({ where: { isi: 'Kolaborasi lintas bidang baik.' } }),
      prisma.umpanBalik.findFirstOrThrow({ where: { isi: 'SKP berjalan sesuai rencana.' } }),
    ]);
    expect(nilai).toMatchObject({ perilaku: 'KOLABORATIF', rhkId: null, skpId: rhk.skpId });
    expect(skp).toMatchObject({ perilaku: null, rhkId: null, skpId: rhk.skpId });
    const page = (await (await as(DEMO_ACCOUNTS.pimpinan)).get(halaman)).text;
    expect(page).toContain('Perilaku Kerja: Kolaboratif');
    expect(page).toContain('SKP secara keseluruhan');
    expect(page).not.toContain('Kirim jawaban'); // a pimpinan reads only
  });

  it('when “Kirim” is double-clicked (two requests with one key at once), then one feedback and one audit row', async () => {
    const agent = await as(DEMO_ACCOUNTS.atasan);
    const token = csrfFrom((await agent.get(halaman)).text);
    const body = { _csrf: token, idempotencyKey: randomUUID(), sasaran: 'skp', isi: 'Klik ganda' };
    const [a, b] = await Promise.all([agent.post(halaman).type('form').send(body), agent.post(halaman).type('form').send(body)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const rows = await prisma.umpanBalik.findMany({ where: { isi: 'Klik ganda' } });
    expect(rows).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: 'umpan-balik.tulis', objectId: String(rows[0].id) } })).toBe(1);
  });

  it('when the form is posted without a CSRF token, then 403 and nothing is written', async () => {
    const agent = await as(DEMO_ACCOUNTS.atasan);
    const before = await jumlah();
    const res = await agent.post(halaman).type('form').send({ idempotencyKey: randomUUID(), sasaran: 'skp', isi: 'Tanpa token' });
    expect(res.status).toBe(403);
    expect(await jumlah()).toBe(before);
    const anon = await request(app).post(halaman).type('form').send({ sasaran: 'skp', isi: 'x' });
    expect(anon.status).toBe(403);
  });

  const salah = [
    { kasus: 'an empty text', body: { sasaran: 'skp', isi: '   ' }, field: 'isi', pesan: 'Umpan balik wajib diisi.' },
    {
      kasus: 'a text over 2,000 characters',
      body: { sasaran: 'skp', isi: 'x'.repeat(2001) },
      field: 'isi',
      pesan: 'paling banyak 2.000 karakter',
    },
    { kasus: 'nothing chosen', body: { sasaran: '', isi: 'Isi' }, field: 'sasaran', pesan: 'Pilih hal yang diberi umpan balik' },
    {
      kasus: 'an unknown core value',
      body: { sasaran: 'perilaku:JUJUR', isi: 'Isi' },
      field: 'sasaran',
      pesan: 'Pilih hal yang diberi umpan balik',
    },
  ];
  it.each(salah)('when the atasan sends $kasus, then 422 with the message next to the field and the text kept', async ({
    body,
    field,
    pesan,
  }) => {
    const before = await jumlah();
    const res = await tulis(await as(DEMO_ACCOUNTS.atasan), body);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`id="${field}-error"`);
    expect(res.text).toContain(pesan);
    if (body.isi.trim()) expect(res.text).toContain(body.isi.slice(0, 50));
    expect(await jumlah()).toBe(before);
  });

  it('when the atasan picks an RHK of another pegawai’s SKP, then 422 next to the choice and nothing is written', async () => {
    const lain = await rhkDari(rekan.id);
    const before = await jumlah();
    const res = await tulis(await as(DEMO_ACCOUNTS.atasan), { sasaran: `rhk:${lain.id}`, isi: 'RHK orang lain' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('RHK itu bukan bagian dari SKP pegawai ini');
    expect(res.text).toContain('RHK orang lain');
    expect(await jumlah()).toBe(before);
  });

  it('when a Plh stands in for the absent atasan, then they write feedback recorded as Plh', async () => {
    const tugas = await prisma.penugasanAtasan.create({
      data: {
        jenis: 'PLH',
        pelaksanaId: atasanLain.id,
        pegawaiId: atasan.id,
        mulai: new Date(`${TEST_TODAY}T00:00:00Z`),
        selesai: new Date(`${addDays(TEST_TODAY, 3)}T00:00:00Z`),
        alasan: 'Cuti tahunan',
      },
    });
    try {
      const res = await tulis(await as('198307252009022002'), { sasaran: 'perilaku:AKUNTABEL', isi: 'Catatan dari Plh' });
      expect(res.status).toBe(303);
      const row = await prisma.umpanBalik.findFirstOrThrow({ where: { isi: 'Catatan dari Plh' } });
      expect(row).toMatchObject({ penulisId: atasanLain.id, penulisSebagai: 'Plh' });
      expect((await (await as(DEMO_ACCOUNTS.pegawai)).get('/skp/umpan-balik')).text).toContain(`${atasanLain.nama} (Plh)`);
    } finally {
      await prisma.penugasanAtasan.update({ where: { id: tugas.id }, data: { aktif: false } });
    }
  });
});

describe('answers', () => {
  const induk = async (isi: string) => {
    await tulis(await as(DEMO_ACCOUNTS.atasan), { sasaran: `rhk:${rhk.id}`, isi });
    return prisma.umpanBalik.findFirstOrThrow({ where: { isi } });
  };

  it('when the pegawai answers and the atasan replies, then both hang under the feedback, audited, and the atasan’s Beranda counts the answer', async () => {
    const u = await induk('Mohon percepat uji modul.');
    const pegawaiAgent = await as(DEMO_ACCOUNTS.pegawai);
    const res = await postForm(pegawaiAgent, `/skp/umpan-balik/${u.id}/jawab`, {
      idempotencyKey: randomUUID(),
      isi: 'Siap, minggu ini selesai.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/skp/umpan-balik?tahun=${tahun}#ub-${u.id}`);
    const j = await prisma.umpanBalik.findFirstOrThrow({ where: { indukId: u.id } });
    expect(j).toMatchObject({
      pegawaiId: pegawai.id,
      penulisId: pegawai.id,
      rhkId: null,
      penulisSebagai: null,
      isi: 'Siap, minggu ini selesai.',
    });
    expect(await prisma.auditLog.count({ where: { action: 'umpan-balik.jawab', objectId: String(j.id), actorId: pegawai.id } })).toBe(1);

    const atasanAgent = await as(DEMO_ACCOUNTS.atasan);
    expect((await atasanAgent.get('/')).text).toMatch(/\d+ jawaban baru atas umpan balik yang Anda tulis/);
    const balas = await postForm(atasanAgent, `/skp/umpan-balik/${u.id}/jawab`, { idempotencyKey: randomUUID(), isi: 'Terima kasih.' });
    expect(balas.headers.location).toBe(`${halaman}?tahun=${tahun}#ub-${u.id}`);
    const page = (await atasanAgent.get(halaman)).text;
    const thread = page.slice(page.indexOf(`id="ub-${u.id}"`));
    expect(thread.indexOf('Siap, minggu ini selesai.')).toBeLessThan(thread.indexOf('Terima kasih.'));
    expect(thread).toContain(`${pegawai.nama} (pegawai)`);
  });

  it.each([
    { who: 'a pimpinan of the subtree', nip: DEMO_ACCOUNTS.pimpinan, status: 403 },
    { who: 'a colleague', nip: '199405182020121005', status: 404 },
    { who: 'another atasan', nip: '198307252009022002', status: 404 },
  ])('when $who answers a feedback of the pegawai, then $status and nothing is written', async ({ nip, status }) => {
    const u = await induk(`Untuk dijawab ${nip}`);
    const res = await postForm(await as(nip), `/skp/umpan-balik/${u.id}/jawab`, { idempotencyKey: randomUUID(), isi: 'Bukan hak saya' });
    expect(res.status).toBe(status);
    expect(await prisma.umpanBalik.count({ where: { indukId: u.id } })).toBe(0);
  });

  it('when someone answers an answer, or a feedback that does not exist, then 404', async () => {
    const u = await induk('Induk jawaban');
    const agent = await as(DEMO_ACCOUNTS.pegawai);
    await postForm(agent, `/skp/umpan-balik/${u.id}/jawab`, { idempotencyKey: randomUUID(), isi: 'Jawaban pertama' });
    const j = await prisma.umpanBalik.findFirstOrThrow({ where: { indukId: u.id } });
    expect((await postForm(agent, `/skp/umpan-balik/${j.id}/jawab`, { idempotencyKey: randomUUID(), isi: 'x' })).status).toBe(404);
    expect((await postForm(agent, '/skp/umpan-balik/2147483647/jawab', { idempotencyKey: randomUUID(), isi: 'x' })).status).toBe(404);
  });

  it('when an empty answer is sent, then 422 with the message under that feedback’s answer box, and a double click answers once', async () => {
    const u = await induk('Jawab dengan kosong');
    const agent = await as(DEMO_ACCOUNTS.pegawai);
    const res = await postForm(agent, `/skp/umpan-balik/${u.id}/jawab`, { idempotencyKey: randomUUID(), isi: ' ' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(`id="jawab-${u.id}-error"`);
    expect(res.text).toContain('Jawaban wajib diisi.');
    const key = randomUUID();
    const token = csrfFrom(res.text);
    await Promise.all(
      [1, 2].map(() =>
        agent.post(`/skp/umpan-balik/${u.id}/jawab`).type('form').send({ _csrf: token, idempotencyKey: key, isi: 'Sekali saja' }),
      ),
    );
    expect(await prisma.umpanBalik.count({ where: { indukId: u.id } })).toBe(1);
  });
});

describe('the returned realisasi in the same history', () => {
  it('when the atasan returns an entry with a note, then the note is an umpan balik on its RHK, written in the same transaction', async () => {
    const target = await prisma.targetTahunan.findFirstOrThrow({ where: { rhkId: { not: null }, pegawaiId: pegawai.id, tahun } });
    const e = await entri(pegawai.id, { targetTahunanId: target.id, pekerjaan: 'Entri yang dikembalikan' });
    const res = await postForm(await as(DEMO_ACCOUNTS.atasan), `/verifikasi/${e.id}/kembalikan`, {
      versi: e.updatedAt.toISOString(),
      catatan: 'Lengkapi bukti dukung pengujian.',
    });
    expect(res.status).toBe(303);
    const row = await prisma.umpanBalik.findFirstOrThrow({ where: { realisasiId: e.id } });
    expect(row).toMatchObject({
      pegawaiId: pegawai.id,
      penulisId: atasan.id,
      rhkId: target.rhkId,
      isi: 'Lengkapi bukti dukung pengujian.',
    });
    const returned = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.dibuatAt).toEqual(returned.returnedAt);
    const page = (await (await as(DEMO_ACCOUNTS.pegawai)).get('/skp/umpan-balik')).text;
    expect(page).toContain('Realisasi dikembalikan dengan catatan: Entri yang dikembalikan');
    expect(page).toContain('Lengkapi bukti dukung pengujian.');
    // an entry that no longer waits is not returned: no history row either
    const again = await postForm(await as(DEMO_ACCOUNTS.atasan), `/verifikasi/${e.id}/kembalikan`, {
      versi: e.updatedAt.toISOString(),
      catatan: 'Versi lama',
    });
    expect(again.status).toBe(303);
    expect(await prisma.umpanBalik.count({ where: { realisasiId: e.id } })).toBe(1);
  });

  it('when the demo is read, then its returned entry is in the demo pegawai’s history, by the atasan of that date', async () => {
    const r = await prisma.realisasi.findFirstOrThrow({ where: { catatanAtasan: CATATAN_DIKEMBALIKAN } });
    const row = await prisma.umpanBalik.findFirstOrThrow({ where: { realisasiId: r.id } });
    expect(row).toMatchObject({ pegawaiId: pegawai.id, penulisId: atasan.id, isi: CATATAN_DIKEMBALIKAN });
    expect(row.dibuatAt).toEqual(r.returnedAt);
  });

  it('when returns recorded before feedback existed are backfilled, then each audited return and each returned entry becomes one row, once', async () => {
    const target = await prisma.targetTahunan.findFirstOrThrow({ where: { rhkId: { not: null }, pegawaiId: rekan.id, tahun } });
    const diaudit = await entri(rekan.id, { targetTahunanId: target.id, pekerjaan: 'Dikembalikan lalu diperbaiki' });
    const diEntri = await entri(rekan.id, {
      catatanAtasan: 'Catatan di entri saja',
      returnedAt: new Date('2026-02-10T09:00:00Z'),
      tanggal: new Date('2026-02-09T00:00:00Z'),
    });
    // a Plh's return, since corrected by the pegawai (the entry's own note cleared): only the audit log remembers it
    await prisma.auditLog.create({
      data: {
        actorId: atasanLain.id,
        onBehalfOfId: atasan.id,
        action: 'realisasi.kembalikan',
        objectType: 'realisasi',
        objectId: String(diaudit.id),
        before: { status: 0 },
        after: { status: 0, catatanAtasan: 'Catatan lama dari Plh', sebagai: 'Plh' },
      },
    });
    const [{ n }] = await prisma.$queryRaw<{ n: number }[]>`SELECT umpan_balik_dari_realisasi() AS n`;
    expect(n).toBe(2);
    expect(await prisma.umpanBalik.findFirstOrThrow({ where: { realisasiId: diaudit.id } })).toMatchObject({
      pegawaiId: rekan.id,
      penulisId: atasanLain.id,
      penulisSebagai: 'Plh',
      rhkId: target.rhkId,
      isi: 'Catatan lama dari Plh',
    });
    expect(await prisma.umpanBalik.findFirstOrThrow({ where: { realisasiId: diEntri.id } })).toMatchObject({
      pegawaiId: rekan.id,
      penulisId: atasan.id,
      isi: 'Catatan di entri saja',
      dibuatAt: new Date('2026-02-10T09:00:00Z'),
    });
    const [{ n: lagi }] = await prisma.$queryRaw<{ n: number }[]>`SELECT umpan_balik_dari_realisasi() AS n`;
    expect(lagi).toBe(0);
  });
});

describe('the history is a record', () => {
  it('when raw SQL changes or deletes a feedback, or hangs an answer under another pegawai’s feedback, then PostgreSQL refuses', async () => {
    const u = await prisma.umpanBalik.findFirstOrThrow({ where: { pegawaiId: pegawai.id, indukId: null } });
    await expect(prisma.$executeRaw`UPDATE umpan_balik SET isi = 'diubah' WHERE id = ${u.id}`).rejects.toThrow(/tidak dapat diubah/);
    await expect(prisma.$executeRaw`DELETE FROM umpan_balik WHERE id = ${u.id}`).rejects.toThrow(/tidak dapat dihapus/);
    await expect(
      prisma.$executeRaw`INSERT INTO umpan_balik (pegawai_id, induk_id, penulis_id, isi, dibuat_at) VALUES (${rekan.id}, ${u.id}, ${rekan.id}, 'x', now())`,
    ).rejects.toThrow(/harus di bawah umpan balik pegawai yang sama/);
    await expect(
      prisma.$executeRaw`INSERT INTO umpan_balik (pegawai_id, rhk_id, perilaku, penulis_id, isi, dibuat_at) VALUES (${pegawai.id}, ${rhk.id}, 'LOYAL', ${atasan.id}, 'x', now())`,
    ).rejects.toThrow(/umpan_balik_satu_sasaran/);
  });
});

describe('Beranda', () => {
  it('when the atasan wrote to the pegawai in the last 7 days, then the pegawai’s Beranda says so with a link; the admin’s does not', async () => {
    await tulis(await as(DEMO_ACCOUNTS.atasan), { sasaran: 'skp', isi: 'Untuk Beranda' });
    const home = (await (await as(DEMO_ACCOUNTS.pegawai)).get('/')).text;
    expect(home).toMatch(/\d+ umpan balik baru dari atasan dalam 7 hari terakhir/);
    expect(home).toContain('href="/skp/umpan-balik"');
    expect((await (await as(DEMO_ACCOUNTS.admin)).get('/')).text).not.toContain('umpan balik baru');
  });
});
