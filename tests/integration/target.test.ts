import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { formatTanggal } from '../../src/domain/periode.ts';
import { invalidateSettings } from '../../src/services/settings.service.ts';
import { agentsOf, buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs, postForm, postMultipart } from '../helpers/app.ts';
import { atInstant, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

// Issue 11, targets over a year: edit and delete, the monthly spread in open months, Persetujuan Target by the atasan,
// next year's planning from October with "Salin target tahun lalu", and the end of the old jabatan's targets at a
// mutasi's TMT. Every date is computed from the pinned today (the file runs in the date matrix): today's month is always
// open, the month three months back always closed.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const today = TEST_TODAY;
const Y = Number(today.slice(0, 4));
const M = Number(today.slice(5, 7));
const geser = (bulan: number) => {
  const t = Y * 12 + (M - 1) + bulan;
  return { tahun: Math.floor(t / 12), bulan: (t % 12) + 1 };
};
const lalu3 = geser(-3);
const depan = geser(1);
const ym = (p: { tahun: number; bulan: number }) => `${p.tahun}-${String(p.bulan).padStart(2, '0')}`;
const KASI_EGOV = '198307252009022002'; // an atasan, but not the demo pegawai's
const DEWI = '199601092022032004'; // under the demo atasan

const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });
const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
const atasan = await byNip(DEMO_ACCOUNTS.atasan);
const tugasDari = (jabatanId: number | null) =>
  prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: jabatanId!, aktif: true }, orderBy: { id: 'asc' } });
const tugas = await tugasDari(pegawai.jabatanId);

const as = agentsOf(app);
const post = postForm;

/** A target of `pegawaiId` in `tahun` with the given month values (months not named: 0), straight in the database. */
async function target(o: {
  tahun?: number;
  bulan: Record<number, number>;
  pegawaiId?: number;
  status?: 'DRAF' | 'DIAJUKAN' | 'DISETUJUI';
  uraianTugasId?: number;
}) {
  const kuantitas = Object.values(o.bulan).reduce((s, v) => s + v, 0);
  return prisma.targetTahunan.create({
    data: {
      pegawaiId: o.pegawaiId ?? pegawai.id,
      tahun: o.tahun ?? Y,
      uraianTugasId: o.uraianTugasId ?? tugas.id,
      pekerjaan: `Uji target ${randomUUID().slice(0, 8)}`,
      kuantitas: kuantitas || 1,
      satuan: 'Dokumen',
      asal: 'TAMBAHAN',
      status: o.status ?? 'DIAJUKAN',
      bulanan: { create: Array.from({ length: 12 }, (_, i) => ({ bulan: i + 1, kuantitas: o.bulan[i + 1] ?? 0 })) },
    },
    include: { bulanan: true },
  });
}
async function entri(t: { id: number }, tanggal: string, extra: object = {}) {
  return prisma.realisasi.create({
    data: {
      pegawaiId: pegawai.id,
      tanggal: new Date(`${tanggal}T00:00:00Z`),
      targetTahunanId: t.id,
      pekerjaan: 'Uji realisasi target',
      jumlah: 1,
      satuan: 'Dokumen',
      menit: 30,
      idempotencyKey: randomUUID(),
      ...extra,
    },
  });
}
const bulanan = async (id: number) =>
  (await prisma.targetBulanan.findMany({ where: { targetTahunanId: id }, orderBy: { bulan: 'asc' } })).map((b) => Number(b.kuantitas));
const auditOf = (action: string, id: number) =>
  prisma.auditLog.count({ where: { action, objectType: 'target_tahunan', objectId: String(id) } });
async function setting(key: string, value: unknown) {
  await prisma.setting.upsert({ where: { key }, create: { key, value: value as object }, update: { value: value as object } });
  invalidateSettings();
}

describe('edit and delete a target while no realisasi of it is verified', () => {
  it('when the pegawai edits their target, then the new values are saved, it goes back to the atasan, and it is audited', async () => {
    const t = await target({ bulan: { [M]: 6 }, status: 'DISETUJUI' });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const form = await p.get(`/realisasi-tahunan/target/${t.id}/ubah`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(t.pekerjaan);
    const res = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: 'Menyusun laporan bulanan (diubah)',
      kuantitas: '8',
      satuan: 'Laporan',
      [`b${M}`]: '8',
    });
    expect(res.status).toBe(303);
    const row = await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } });
    expect(row).toMatchObject({ pekerjaan: 'Menyusun laporan bulanan (diubah)', satuan: 'Laporan', status: 'DIAJUKAN' });
    expect(Number(row.kuantitas)).toBe(8);
    expect((await bulanan(t.id))[M - 1]).toBe(8);
    expect(await auditOf('target.ubah', t.id)).toBe(1);
  });

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

describe('the monthly spread changes in open months only', () => {
  it('when a closed month is given another value, then 409 (tutup bulan) and the month keeps its value', async () => {
    const t = await target({ tahun: lalu3.tahun, bulan: { [lalu3.bulan]: 5 } });
    const res = await post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: t.pekerjaan,
      kuantitas: '5',
      [`b${lalu3.bulan}`]: '2',
      [`b${lalu3.bulan === 12 ? 11 : 12}`]: '3',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('sudah ditutup');
    expect((await bulanan(t.id))[lalu3.bulan - 1]).toBe(5);
  });

  it('when the pegawai edits a target whose month is closed without touching it, then the closed month keeps its value', async () => {
    const t = await target({ tahun: lalu3.tahun, bulan: { [lalu3.bulan]: 5 } });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const form = await p.get(`/realisasi-tahunan/target/${t.id}/ubah`);
    expect(form.text).toMatch(new RegExp(`id="b${lalu3.bulan}"[^>]*readonly`));
    const res = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: 'Judul baru, sebaran tetap', kuantitas: '5' });
    expect(res.status).toBe(303);
    expect((await bulanan(t.id))[lalu3.bulan - 1]).toBe(5);
    // Less than what the closed months already hold cannot be spread: 422 on the quantity.
    const kurang = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: 'Judul baru, sebaran tetap', kuantitas: '4' });
    expect(kurang.status).toBe(422);
    expect(kurang.text).toMatch(/sudah ditutup/);
  });

  it("when an admin reopened the closed month for the pegawai's unit, then Ubah Target offers it and saves its value; closed again, read-only again", async () => {
    const t = await target({ tahun: lalu3.tahun, bulan: { [lalu3.bulan]: 5 } });
    const ubah = `/realisasi-tahunan/target/${t.id}/ubah`;
    const readonly = new RegExp(`id="b${lalu3.bulan}"[^>]*readonly`);
    const admin = await as(DEMO_ACCOUNTS.admin);
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const dibuka = await post(admin, '/admin/tutup-bulan', {
      unitId: String(pegawai.unitId),
      bulan: ym(lalu3),
      alasan: 'Koreksi target triwulan',
    });
    expect(dibuka.status).toBe(303);
    const buka = await prisma.bukaBulan.findFirstOrThrow({ where: { unitId: pegawai.unitId!, tahun: lalu3.tahun, bulan: lalu3.bulan } });
    try {
      const form = await p.get(ubah);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`id="b${lalu3.bulan}"`);
      expect(form.text).not.toMatch(readonly);
      const res = await post(p, ubah, { pekerjaan: t.pekerjaan, kuantitas: '2', [`b${lalu3.bulan}`]: '2' });
      expect(res.status).toBe(303);
      expect((await bulanan(t.id))[lalu3.bulan - 1]).toBe(2);
    } finally {
      expect((await post(admin, `/admin/tutup-bulan/${buka.id}/tutup`, {})).status).toBe(303);
    }
    expect((await p.get(ubah)).text).toMatch(readonly);
  });

  it("when this month's target goes from 0 to a quantity, then this month's entries of that target link to it (their version unchanged)", async () => {
    const t = await target({ bulan: {} });
    const e = await entri(t, today);
    expect(e.targetBulananId).toBeNull();
    const res = await post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: t.pekerjaan,
      kuantitas: '3',
      [`b${M}`]: '3',
    });
    expect(res.status).toBe(303);
    const tb = await prisma.targetBulanan.findUniqueOrThrow({ where: { targetTahunanId_bulan: { targetTahunanId: t.id, bulan: M } } });
    const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(after.targetBulananId).toBe(tb.id);
    expect(after.updatedAt.toISOString()).toBe(e.updatedAt.toISOString());
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

describe("the old jabatan's targets end at the TMT of a mutasi", () => {
  it('when a pegawai moves to another jabatan from today, then their old targets are not offered after the TMT and realisasi on them is refused', async () => {
    const dewi = await byNip(DEWI);
    const kasi = await byNip(KASI_EGOV);
    const jabatanBaru = await prisma.jabatan.findFirstOrThrow({
      where: { unitId: kasi.unitId!, id: { not: dewi.jabatanId! }, aktif: true },
    });
    const lama = await target({
      pegawaiId: dewi.id,
      tahun: depan.tahun,
      bulan: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, 1])),
      uraianTugasId: (await tugasDari(dewi.jabatanId)).id,
      status: 'DISETUJUI',
    });
    const bulanIni = await target({
      pegawaiId: dewi.id,
      bulan: { [M]: 4 },
      uraianTugasId: (await tugasDari(dewi.jabatanId)).id,
      status: 'DISETUJUI',
    });
    const d = await as(DEWI);
    expect((await d.get(`/realisasi?bulan=${ym(depan)}`)).text).toContain(lama.pekerjaan);

    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/admin/pegawai/${dewi.id}/riwayat`);
    const res = await admin
      .post(`/admin/pegawai/${dewi.id}/mutasi`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        versi: /name="versi" value="([^"]*)"/.exec(page.text)![1],
        tmt: today,
        unitId: String(kasi.unitId),
        jabatanId: String(jabatanBaru.id),
        nipAtasan: KASI_EGOV,
        alasan: 'SK Bupati 821/200',
      });
    expect(res.status).toBe(303);
    for (const t of [lama, bulanIni]) {
      expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).berakhir?.toISOString().slice(0, 10)).toBe(today);
    }
    expect((await d.get(`/realisasi?bulan=${ym(depan)}`)).text).not.toContain(lama.pekerjaan);
    const tb = bulanIni.bulanan.find((b) => b.bulan === M)!;
    const input = await postMultipart(d, `/realisasi/input/${tb.id}`, {
      idempotencyKey: randomUUID(),
      tanggal: today,
      jumlah: '1',
      konfirmasiLibur: '1',
    });
    expect(input.status).toBe(422);
    expect(input.text).toContain('(TMT mutasi jabatan)');
    expect(await prisma.realisasi.count({ where: { targetTahunanId: bulanIni.id } })).toBe(0);
    expect((await d.get(`/realisasi-tahunan?tahun=${Y}`)).text).toContain(`berakhir ${formatTanggal(today)} (mutasi jabatan)`);
    // The pegawai adds targets for the new jabatan.
    expect((await d.get('/realisasi-tahunan/target-baru')).text).toContain(jabatanBaru.nama);
  });
});
