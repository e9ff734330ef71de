import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { csrfFrom, DEMO_ACCOUNTS, loginAs, postMultipart } from '../helpers/app.ts';
import { atInstant } from '../helpers/clock.ts';
import { DEWI, KASI_EGOV, targetFixtures } from './fixtures/target.ts';

// Issue 11, targets over a year, on any day: edit and delete, Persetujuan Target by the atasan, realisasi on a target not
// yet approved, and next year's planning from October with "Salin target tahun lalu". Open and closed months counted
// from today and a mutasi from today are in target-tanggal.test.ts (the date matrix).
const { db, prisma, app, today, Y, M, pegawai, atasan, tugas, as, post, target, entri, bulanan, auditOf, setting } = await targetFixtures();

describe('edit and delete a target while no realisasi of it is verified', () => {
  it('when the months typed do not add up, then 422 with the message next to the months and the form still filled', async () => {
    const t = await target({ bulan: { [M]: 6 } });
    const res = await post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: 'Isian yang tidak pas',
      kuantitas: '10',
      [`b${M}`]: '7',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('harus sama dengan target kuantitas');
    expect(res.text).toContain('Isian yang tidak pas');
    expect(Number((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).kuantitas)).toBe(6);
  });

  it('when a realisasi of the target is verified, then pekerjaan and kuantitas are locked (409) but the open months can be rearranged', async () => {
    const t = await target({ bulan: { [M]: 4 } });
    await entri(t, today, { status: 1, verifiedById: atasan.id, verifiedAt: new Date(`${today}T03:00:00Z`) });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const res = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: t.pekerjaan, kuantitas: '9', [`b${M}`]: '9' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('sudah memiliki realisasi yang diverifikasi');
    expect(Number((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).kuantitas)).toBe(4);
    // The same total, spread otherwise (all months blank: spread evenly over the open months from this month on).
    const ok = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: t.pekerjaan, kuantitas: '4', satuan: 'Dokumen' });
    expect(ok.status).toBe(303);
    expect((await bulanan(t.id)).reduce((s, v) => s + v, 0)).toBeCloseTo(4, 2);
  });

  it('when the atasan verifies an entry of the target at the moment the pegawai changes its kuantitas, then the verification wins and the edit gets 409', async () => {
    const t = await target({ bulan: { [M]: 5 } });
    const e = await entri(t, today);
    // The atasan's verification, held uncommitted on its own connection while the edit arrives.
    const rival = new pg.Client({ connectionString: db.url });
    await rival.connect();
    try {
      await rival.query('BEGIN');
      await rival.query('UPDATE realisasi SET status = 1, verified_by_id = $1, verified_at = now() WHERE id = $2', [atasan.id, e.id]);
      const pid = (await rival.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const answer = post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/ubah`, {
        pekerjaan: t.pekerjaan,
        kuantitas: '9',
        satuan: 'Dokumen',
        [`b${M}`]: '9',
      });
      // the edit waits on the entry the verification holds; then the verification commits
      await expect
        .poll(async () => {
          const { rows } = await db.pool!.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
            [pid],
          );
          return rows[0].n;
        })
        .toBe(1);
      await rival.query('COMMIT');
      const res = await answer;
      expect(res.status).toBe(409);
      expect(res.text).toContain('sudah memiliki realisasi yang diverifikasi');
      expect(Number((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).kuantitas)).toBe(5);
    } finally {
      await rival.end();
    }
  });

  it('when the pegawai deletes a target without realisasi, then it is gone with its months, audited', async () => {
    const t = await target({ bulan: { [M]: 3 } });
    const res = await post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/hapus`, {});
    expect(res.status).toBe(303);
    expect(await prisma.targetTahunan.findUnique({ where: { id: t.id } })).toBeNull();
    expect(await prisma.targetBulanan.count({ where: { targetTahunanId: t.id } })).toBe(0);
    expect(await auditOf('target.hapus', t.id)).toBe(1);
  });

  it('when the target carries realisasi (verified or not), then delete is refused with 409 and says why', async () => {
    const belum = await target({ bulan: { [M]: 3 } });
    await entri(belum, today);
    const sudah = await target({ bulan: { [M]: 3 } });
    await entri(sudah, today, { status: 1, verifiedById: atasan.id, verifiedAt: new Date(`${today}T03:00:00Z`) });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const a = await post(p, `/realisasi-tahunan/target/${belum.id}/hapus`, {});
    expect(a.status).toBe(409);
    expect(a.text).toContain('1 realisasi yang belum diverifikasi');
    const b = await post(p, `/realisasi-tahunan/target/${sudah.id}/hapus`, {});
    expect(b.status).toBe(409);
    expect(b.text).toContain('diverifikasi atasan: tidak dapat dihapus');
    expect(await prisma.targetTahunan.count({ where: { id: { in: [belum.id, sudah.id] } } })).toBe(2);
  });

  it("when another pegawai opens, edits or deletes someone's target, then 404 and nothing changes", async () => {
    const t = await target({ bulan: { [M]: 2 } });
    const other = await as(DEWI);
    expect((await other.get(`/realisasi-tahunan/target/${t.id}/ubah`)).status).toBe(404);
    expect((await post(other, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: 'x', kuantitas: '2', [`b${M}`]: '2' })).status).toBe(
      404,
    );
    expect((await post(other, `/realisasi-tahunan/target/${t.id}/hapus`, {})).status).toBe(404);
    expect(await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ pekerjaan: t.pekerjaan });
  });
});

describe('Persetujuan Target: the atasan approves or returns, the pegawai corrects and submits again', () => {
  it('when a pegawai adds a target, then it waits for their atasan, who sees it (with the menu badge) and returns it with a note', async () => {
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const form = await p.get('/realisasi-tahunan/target-baru');
    const res = await p
      .post('/realisasi-tahunan/target-baru')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        idempotencyKey: randomUUID(),
        tahun: String(Y),
        uraianTugasId: String(tugas.id),
        pekerjaan: 'Target untuk disetujui atasan',
        kuantitas: '12',
      });
    expect(res.status).toBe(303);
    const t = await prisma.targetTahunan.findFirstOrThrow({ where: { pekerjaan: 'Target untuk disetujui atasan' } });
    expect(t.status).toBe('DIAJUKAN');

    const a = await as(DEMO_ACCOUNTS.atasan);
    const list = await a.get('/persetujuan-target');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Target untuk disetujui atasan');
    expect(list.text).toContain(pegawai.nama);
    const menunggu = await prisma.targetTahunan.count({
      where: { status: 'DIAJUKAN', pegawai: { atasanId: atasan.id } },
    });
    expect(list.text).toMatch(new RegExp(`Persetujuan Target</span>\\s*<span[^>]*>${menunggu}</span>`));

    const kosong = await post(a, `/persetujuan-target/${t.id}/kembalikan`, { versi: t.updatedAt.toISOString(), catatan: '' });
    expect(kosong.status).toBe(422);
    expect(kosong.text).toContain('Catatan wajib diisi');
    const back = await post(a, `/persetujuan-target/${t.id}/kembalikan`, {
      versi: t.updatedAt.toISOString(),
      catatan: 'Rinci keluaran per triwulan',
    });
    expect(back.status).toBe(303);
    expect(await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({
      status: 'DIKEMBALIKAN',
      catatanAtasan: 'Rinci keluaran per triwulan',
      diputusOlehId: atasan.id,
    });
    expect(await auditOf('target.kembalikan', t.id)).toBe(1);

    // The pegawai sees the state and the note, corrects the target (which submits it again), the atasan approves.
    const page = await p.get(`/realisasi-tahunan?tahun=${Y}`);
    expect(page.text).toContain('dikembalikan atasan');
    expect(page.text).toContain('Rinci keluaran per triwulan');
    const koreksi = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: 'Target untuk disetujui atasan, per triwulan',
      kuantitas: '12',
    });
    expect(koreksi.status).toBe(303);
    const diajukan = await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } });
    expect(diajukan).toMatchObject({ status: 'DIAJUKAN', catatanAtasan: null });

    // A decision on a version the atasan did not see is refused.
    const basi = await post(a, `/persetujuan-target/${t.id}/setujui`, { versi: t.updatedAt.toISOString() });
    expect(basi.status).toBe(409);
    const ok = await post(a, `/persetujuan-target/${t.id}/setujui`, { versi: diajukan.updatedAt.toISOString() });
    expect(ok.status).toBe(303);
    expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('DISETUJUI');
    expect(await auditOf('target.setujui', t.id)).toBe(1);
    expect((await a.get('/persetujuan-target')).text).not.toContain('Target untuk disetujui atasan, per triwulan');
  });

  it('when a stranger atasan or the pegawai themself tries to decide, then 404 and the target still waits', async () => {
    const t = await target({ bulan: { [M]: 1 } });
    const versi = t.updatedAt.toISOString();
    const stranger = await as(KASI_EGOV);
    expect((await stranger.get('/persetujuan-target')).text).not.toContain(t.pekerjaan);
    expect((await post(stranger, `/persetujuan-target/${t.id}/setujui`, { versi })).status).toBe(404);
    expect((await stranger.get(`/persetujuan-target/${t.id}/kembalikan`)).status).toBe(404);
    expect((await post(stranger, `/persetujuan-target/${t.id}/kembalikan`, { versi, catatan: 'bukan wewenang' })).status).toBe(404);
    expect((await post(await as(DEMO_ACCOUNTS.pegawai), `/persetujuan-target/${t.id}/setujui`, { versi })).status).toBe(404);
    expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('DIAJUKAN');
  });

  it('when a draft is submitted with "Ajukan", then it waits for the atasan (a second click changes nothing)', async () => {
    const t = await target({ bulan: { [M]: 1 }, status: 'DRAF' });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    expect((await post(p, `/realisasi-tahunan/target/${t.id}/ajukan`, {})).status).toBe(303);
    expect((await post(p, `/realisasi-tahunan/target/${t.id}/ajukan`, {})).status).toBe(303);
    expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('DIAJUKAN');
    expect(await auditOf('target.ajukan', t.id)).toBe(1);
  });
});

describe('realisasi on a target not yet approved', () => {
  it('when approval is not required, then the row is marked; when the setting requires it, then the input is refused with 422', async () => {
    const t = await target({ bulan: { [M]: 5 } });
    const tb = t.bulanan.find((b) => b.bulan === M)!;
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const page = await p.get(`/realisasi?bulan=${today.slice(0, 7)}`);
    expect(page.text).toMatch(new RegExp(`${t.pekerjaan}[\\s\\S]{0,600}menunggu persetujuan atasan`));

    await setting('targetWajibDisetujui', true);
    try {
      const res = await postMultipart(p, `/realisasi/input/${tb.id}`, {
        idempotencyKey: randomUUID(),
        tanggal: today,
        jumlah: '1',
        konfirmasiLibur: '1',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Target ini belum disetujui atasan');
      expect(await prisma.realisasi.count({ where: { targetTahunanId: t.id } })).toBe(0);
      // Tambah Realisasi on a target with nothing this month: marked in the list, refused the same way.
      const tanpa = await target({ bulan: {} });
      expect((await p.get(`/realisasi/tambah?tanggal=${today}`)).text).toContain(`${tanpa.pekerjaan} (Dokumen) — belum disetujui atasan`);
      const tambah = await postMultipart(p, '/realisasi/tambah', {
        idempotencyKey: randomUUID(),
        sumber: `target:${tanpa.id}`,
        tanggal: today,
        jumlah: '1',
        konfirmasiLibur: '1',
      });
      expect(tambah.status).toBe(422);
      expect(tambah.text).toContain('Target ini belum disetujui atasan');
      expect(await prisma.realisasi.count({ where: { targetTahunanId: tanpa.id } })).toBe(0);
    } finally {
      await setting('targetWajibDisetujui', false);
    }
    const res = await postMultipart(p, `/realisasi/input/${tb.id}`, {
      idempotencyKey: randomUUID(),
      tanggal: today,
      jumlah: '1',
      konfirmasiLibur: '1',
    });
    expect(res.status).toBe(303);
    expect(await prisma.realisasi.count({ where: { targetTahunanId: t.id } })).toBe(1);
  });
});

describe("next year's targets from October, and Salin target tahun lalu", () => {
  it('when it is 30 September, then next year cannot be chosen (422); on 1 October it can, spread from January', async () => {
    await atInstant(`${Y}-09-30T20:00`, async () => {
      const p = await loginAs(app, DEMO_ACCOUNTS.pegawai);
      const form = await p.get('/realisasi-tahunan/target-baru');
      expect(form.text).not.toContain('rencana tahun depan');
      const res = await p
        .post('/realisasi-tahunan/target-baru')
        .type('form')
        .send({
          _csrf: csrfFrom(form.text),
          idempotencyKey: randomUUID(),
          tahun: String(Y + 1),
          uraianTugasId: String(tugas.id),
          pekerjaan: 'Terlalu awal',
          kuantitas: '12',
        });
      expect(res.status).toBe(422);
      expect(res.text).toContain(`Target dapat ditambahkan untuk tahun ${Y}.`);
      expect(res.text).toContain('Terlalu awal');
    });
    await atInstant(`${Y}-10-01T08:00`, async () => {
      const p = await loginAs(app, DEMO_ACCOUNTS.pegawai);
      const form = await p.get('/realisasi-tahunan/target-baru');
      expect(form.text).toContain('rencana tahun depan');
      const res = await p
        .post('/realisasi-tahunan/target-baru')
        .type('form')
        .send({
          _csrf: csrfFrom(form.text),
          idempotencyKey: randomUUID(),
          tahun: String(Y + 1),
          uraianTugasId: String(tugas.id),
          pekerjaan: 'Rencana tahun depan',
          kuantitas: '12',
        });
      expect(res.status).toBe(303);
      const t = await prisma.targetTahunan.findFirstOrThrow({ where: { pekerjaan: 'Rencana tahun depan' }, include: { bulanan: true } });
      expect(t).toMatchObject({ tahun: Y + 1, status: 'DIAJUKAN' });
      expect(t.bulanan.map((b) => Number(b.kuantitas)).sort()).toEqual(Array(12).fill(1));
      const tahunan = await p.get(`/realisasi-tahunan?tahun=${Y + 1}`);
      expect(tahunan.text).toContain('Rencana tahun depan');
    });
  });

  it("when the pegawai copies last year's targets on 1 October (twice), then each target of their jabatan is copied once, as a draft", async () => {
    const lain = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: { not: pegawai.jabatanId! }, aktif: true } });
    const asing = await target({ bulan: { 1: 2 }, uraianTugasId: lain.id, status: 'DISETUJUI' });
    const sumber = await prisma.targetTahunan.findMany({
      where: { pegawaiId: pegawai.id, tahun: Y, uraianTugas: { jabatanId: pegawai.jabatanId!, aktif: true } },
      include: { bulanan: true },
    });
    expect(sumber.length).toBeGreaterThan(0);
    await atInstant(`${Y}-10-01T08:00`, async () => {
      const p = await loginAs(app, DEMO_ACCOUNTS.pegawai);
      const page = await p.get(`/realisasi-tahunan?tahun=${Y + 1}`);
      expect(page.text).toContain(`Salin target tahun ${Y}`);
      const _csrf = csrfFrom(page.text);
      const [a, b] = await Promise.all([
        p
          .post('/realisasi-tahunan/salin')
          .type('form')
          .send({ _csrf, tahun: String(Y + 1) }),
        p
          .post('/realisasi-tahunan/salin')
          .type('form')
          .send({ _csrf, tahun: String(Y + 1) }),
      ]);
      expect([a.status, b.status]).toEqual([303, 303]);
      const salinan = await prisma.targetTahunan.findMany({
        where: { pegawaiId: pegawai.id, tahun: Y + 1, disalinDariId: { not: null } },
        include: { bulanan: true },
      });
      expect(salinan.map((s) => s.disalinDariId).sort()).toEqual(sumber.map((s) => s.id).sort());
      expect(salinan.every((s) => s.status === 'DRAF')).toBe(true);
      expect(salinan.some((s) => s.disalinDariId === asing.id)).toBe(false);
      const s0 = salinan.find((s) => s.disalinDariId === sumber[0].id)!;
      expect(s0).toMatchObject({ pekerjaan: sumber[0].pekerjaan, satuan: sumber[0].satuan });
      expect(Number(s0.kuantitas)).toBe(Number(sumber[0].kuantitas));
      expect(s0.bulanan.map((x) => Number(x.kuantitas)).reduce((s, v) => s + v, 0)).toBeCloseTo(Number(sumber[0].kuantitas), 2);
      const again = await p
        .post('/realisasi-tahunan/salin')
        .type('form')
        .send({ _csrf, tahun: String(Y + 1) });
      expect(again.status).toBe(303);
      expect(await prisma.targetTahunan.count({ where: { pegawaiId: pegawai.id, tahun: Y + 1, disalinDariId: { not: null } } })).toBe(
        sumber.length,
      );
      // Two years ahead is no plan yet: 422 with the reason.
      const jauh = await p
        .post('/realisasi-tahunan/salin')
        .type('form')
        .send({ _csrf, tahun: String(Y + 2) });
      expect(jauh.status).toBe(422);
      expect(jauh.text).toContain('Target dapat disalin ke tahun');
    });
  });
});
