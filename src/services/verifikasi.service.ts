import { pool, prisma } from '../db/prisma.ts';
import { sisaHariBatas } from '../domain/batas-input.ts';
import { monthRange } from '../domain/periode.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import type { AuditEntry } from './audit.service.ts';
import { ENTRI_JSON, entriDariJson, entrySelect } from './realisasi.service.ts';
import { getSettings, timezone } from './settings.service.ts';

/**
 * Verifikasi (article steps 9–10): the pegawai's current direct atasan turns status 0 into 1, or returns the entry
 * with a note. An admin may act on behalf of the atasan (recorded as such). Every transition is one conditional
 * UPDATE (… WHERE status = 0 AND the pegawai's atasan is me AND the entry is the version the atasan saw) and its audit
 * rows, in one transaction: racing requests produce exactly one transition.
 */
/** Who acts, and when by the app's clock (verified_at and returned_at are the request's instant). */
export type Verifikator = { id: number; isAdmin: boolean; now: Date; audit: Pick<AuditEntry, 'ip' | 'requestId'> };
/** An entry as the atasan saw it: its id and its updated_at (ISO). */
export type Dilihat = { id: number; versi: string };

const PER_HALAMAN = 100;

export type FilterAntrian = {
  atasanId: number;
  bulan?: { tahun: number; bulan: number };
  pegawaiId?: number;
  status: 0 | 1 | 'semua';
  halaman: number;
};

/** The queue: direct subordinates' entries (pending by default), oldest first, grouped by pegawai and date. */
export async function antrian(f: FilterAntrian, bulanRingkas: { tahun: number; bulan: number }) {
  const range = f.bulan ? monthRange(f.bulan.tahun, f.bulan.bulan) : null;
  const ringkas = monthRange(bulanRingkas.tahun, bulanRingkas.bulan);
  // Issue 12: the whole page in ONE statement (the page of entries, their count, the subordinates and the month's
  // summary per subordinate). Unnamed on purpose: the optional filters ($2 … $5 may be NULL) get a plan for their
  // actual values each time. The queue's scope is the WHERE on `p.atasan_id = $1` (the same in every region).
  const antri = `realisasi r JOIN pegawai p ON p.id = r.pegawai_id
     WHERE p.atasan_id = $1 AND ($2::int IS NULL OR r.pegawai_id = $2) AND ($3::int IS NULL OR r.status = $3)
       AND ($4::date IS NULL OR r.tanggal BETWEEN $4::date AND $5::date)`;
  const { rows } = await pool.query<AntrianRow>(
    `SELECT
       (SELECT COALESCE(json_agg(${ENTRI_JSON} ORDER BY r.pegawai_id, r.tanggal, r.id), '[]')
          FROM (SELECT r.* FROM ${antri} ORDER BY r.pegawai_id, r.tanggal, r.id OFFSET $6 LIMIT ${PER_HALAMAN}) r) AS items,
       (SELECT count(*)::int FROM ${antri}) AS total,
       (SELECT COALESCE(json_agg(json_build_object('id', b.id, 'nama', b.nama, 'nip', b.nip, 'aktif', b.aktif,
                 'jabatan', (SELECT json_build_object('nama', j.nama) FROM jabatan j WHERE j.id = b.jabatan_id)) ORDER BY b.nama), '[]')
          FROM pegawai b WHERE b.atasan_id = $1) AS bawahan,
       (SELECT COALESCE(json_agg(x), '[]') FROM (
          SELECT r.pegawai_id AS "pegawaiId", count(*) FILTER (WHERE r.status = 0)::int AS belum,
                 count(*) FILTER (WHERE r.status = 1)::int AS diverifikasi,
                 COALESCE(sum(r.menit) FILTER (WHERE r.status = 1), 0)::int AS "menitDiverifikasi"
            FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
           WHERE p.atasan_id = $1 AND r.tanggal BETWEEN $7::date AND $8::date
           GROUP BY r.pegawai_id) x) AS ringkas`,
    [
      f.atasanId,
      f.pegawaiId ?? null,
      f.status === 'semua' ? null : f.status,
      range?.awal ?? null,
      range?.akhir ?? null,
      (f.halaman - 1) * PER_HALAMAN,
      ringkas.awal,
      ringkas.akhir,
    ],
  );
  const { total, bawahan } = rows[0];
  const items = rows[0].items.map(entriDariJson);
  const byId = new Map(bawahan.map((b) => [b.id, b]));
  const kelompok: { pegawai: Bawahan; tanggal: { tanggal: Date; entri: typeof items }[] }[] = [];
  for (const e of items) {
    let g = kelompok.at(-1);
    if (!g || g.pegawai.id !== e.pegawaiId) {
      g = { pegawai: byId.get(e.pegawaiId)!, tanggal: [] };
      kelompok.push(g);
    }
    let d = g.tanggal.at(-1);
    if (!d || d.tanggal.getTime() !== e.tanggal.getTime()) {
      d = { tanggal: e.tanggal, entri: [] };
      g.tanggal.push(d);
    }
    d.entri.push(e);
  }
  const perPegawai = new Map(rows[0].ringkas.map((r) => [r.pegawaiId, r]));
  const bulanPegawai = (pegawaiId: number) => {
    const r = perPegawai.get(pegawaiId);
    return { belum: r?.belum ?? 0, diverifikasi: r?.diverifikasi ?? 0, menitDiverifikasi: r?.menitDiverifikasi ?? 0 };
  };
  return { kelompok, total, halaman: f.halaman, halamanTotal: Math.max(1, Math.ceil(total / PER_HALAMAN)), bawahan, bulanPegawai };
}

type Bawahan = { id: number; nama: string; nip: string; aktif: boolean; jabatan: { nama: string } | null };
type AntrianRow = {
  items: Parameters<typeof entriDariJson>[0][];
  total: number;
  bawahan: Bawahan[];
  ringkas: { pegawaiId: number; belum: number; diverifikasi: number; menitDiverifikasi: number }[];
};

type Row = { id: number; pegawai_id: number; atasan_id: number | null };

/**
 * Verifies entries, all or nothing. Every id must be an entry of one of the actor's direct subordinates (an admin:
 * of anyone but themself), else NotFound and nothing changes. Entries already verified, or changed by their owner
 * since the atasan saw them, are left alone and reported.
 */
export async function verifikasi(actor: Verifikator, dilihat: Dilihat[]) {
  const ids = [...new Set(dilihat.map((d) => d.id))];
  if (ids.length === 0) return { diverifikasi: 0, sudah: 0, berubah: 0 };
  return prisma.$transaction(async (tx) => {
    const scope = await tx.$queryRaw<{ id: number; pegawai_id: number; atasan_id: number | null; status: number }[]>`
      SELECT r.id, r.pegawai_id, p.atasan_id, r.status
      FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
      WHERE r.id = ANY(${ids}::int[])`;
    const mine = scope.filter((r) => r.pegawai_id !== actor.id && (actor.isAdmin || r.atasan_id === actor.id));
    if (mine.length !== ids.length) {
      // One's own entry is known to exist: 403; anything else out of reach: 404 (its existence is not revealed).
      if (scope.some((r) => r.pegawai_id === actor.id)) throw new ForbiddenError('Anda tidak dapat memverifikasi realisasi Anda sendiri.');
      throw new NotFoundError('Realisasi tidak ditemukan di antara realisasi bawahan langsung Anda.');
    }
    const versi = dilihat.map((d) => d.versi);
    const rows = await tx.$queryRaw<Row[]>`
      UPDATE realisasi r
      SET status = 1, verified_by_id = ${actor.id}, verified_at = ${actor.now}, catatan_atasan = NULL, returned_at = NULL, updated_at = now()
      FROM pegawai p, unnest(${dilihat.map((d) => d.id)}::int[], ${versi}::timestamptz[]) AS seen(id, versi)
      WHERE r.id = seen.id AND r.updated_at = seen.versi AND r.status = 0
        AND p.id = r.pegawai_id AND r.pegawai_id <> ${actor.id}
        AND (${actor.isAdmin}::boolean OR p.atasan_id = ${actor.id})
      RETURNING r.id, r.pegawai_id, p.atasan_id`;
    await tulisAudit(tx, actor, rows, 'realisasi.verifikasi', { status: 0 }, { status: 1 });
    const sudah = mine.filter((r) => r.status === 1).length;
    return { diverifikasi: rows.length, sudah, berubah: ids.length - rows.length - sudah };
  });
}

/** Returns an entry to its pegawai with a note: it stays status 0, editable again. */
export async function kembalikan(
  actor: Verifikator,
  seen: Dilihat,
  catatan: string,
): Promise<'dikembalikan' | 'sudah-diverifikasi' | 'berubah'> {
  await dalamJangkauan(actor, seen.id);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      UPDATE realisasi r
      SET catatan_atasan = ${catatan}, returned_at = ${actor.now}, updated_at = now()
      FROM pegawai p
      WHERE r.id = ${seen.id} AND r.updated_at = ${seen.versi}::timestamptz AND r.status = 0
        AND p.id = r.pegawai_id AND r.pegawai_id <> ${actor.id} AND (${actor.isAdmin}::boolean OR p.atasan_id = ${actor.id})
      RETURNING r.id, r.pegawai_id, p.atasan_id`;
    if (rows.length === 0) {
      const now = await tx.realisasi.findUnique({ where: { id: seen.id }, select: { status: true } });
      return now?.status === 1 ? 'sudah-diverifikasi' : 'berubah';
    }
    await tulisAudit(tx, actor, rows, 'realisasi.kembalikan', { status: 0 }, { status: 0, catatanAtasan: catatan });
    return 'dikembalikan';
  });
}

/** Admin only, with a reason: the one way back from status 1 (the database trigger allows exactly this change). */
export async function batalkanVerifikasi(actor: Verifikator, id: number, alasan: string): Promise<boolean> {
  if (!actor.isAdmin) throw new ForbiddenError('Pembatalan verifikasi hanya dapat dilakukan admin kepegawaian.');
  return prisma.$transaction(async (tx) => {
    const before = await tx.realisasi.findUnique({ where: { id }, select: { verifiedById: true, verifiedAt: true, status: true } });
    if (!before) throw new NotFoundError('Realisasi tidak ditemukan.');
    const rows = await tx.$queryRaw<Row[]>`
      UPDATE realisasi r SET status = 0, verified_by_id = NULL, verified_at = NULL, updated_at = now()
      FROM pegawai p WHERE r.id = ${id} AND r.status = 1 AND p.id = r.pegawai_id
      RETURNING r.id, r.pegawai_id, p.atasan_id`;
    await tulisAudit(tx, actor, rows, 'realisasi.batal-verifikasi', before, { status: 0, verifiedById: null, verifiedAt: null }, alasan);
    return rows.length === 1;
  });
}

async function tulisAudit(
  tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0],
  actor: Verifikator,
  rows: Row[],
  action: string,
  before: unknown,
  after: unknown,
  reason?: string,
) {
  if (rows.length === 0) return;
  // One INSERT for the whole batch (500 entries → one statement), in the transaction of the change.
  await tx.auditLog.createMany({
    data: rows.map((r) => ({
      actorId: actor.id,
      onBehalfOfId: r.atasan_id !== actor.id ? r.atasan_id : null,
      action,
      objectType: 'realisasi',
      objectId: String(r.id),
      before: before as object,
      after: after as object,
      reason: reason ?? null,
      ip: actor.audit.ip ?? null,
      requestId: actor.audit.requestId ?? null,
    })),
  });
}

/** 404 unless the entry belongs to a direct subordinate (or the actor is an admin); 403 for one's own entry. */
async function dalamJangkauan(actor: Verifikator, id: number) {
  const r = await prisma.realisasi.findUnique({ where: { id }, select: { pegawaiId: true, pegawai: { select: { atasanId: true } } } });
  if (!r) throw new NotFoundError('Realisasi tidak ditemukan.');
  if (r.pegawaiId === actor.id) throw new ForbiddenError('Anda tidak dapat memverifikasi realisasi Anda sendiri.');
  if (!actor.isAdmin && r.pegawai.atasanId !== actor.id) throw new NotFoundError('Realisasi tidak ditemukan.');
}

/** One entry as the atasan sees it, for the "Kembalikan" form. */
export async function entriUntukAtasan(actor: Verifikator, id: number) {
  await dalamJangkauan(actor, id);
  return prisma.realisasi.findUniqueOrThrow({
    where: { id },
    select: { ...entrySelect, pegawai: { select: { nama: true, nip: true } } },
  });
}

/** Number of entries waiting for the atasan (the menu badge). */
export function jumlahMenunggu(atasanId: number): Promise<number> {
  return prisma.realisasi.count({ where: { status: 0, pegawai: { atasanId } } });
}

/** Beranda: what waits for the atasan (count, oldest, months whose deadline is ≤ 3 days away) and the pegawai's returned entries. */
export async function peringatanBeranda(userId: number, now: Date, fallbackTz: string) {
  const [settings, tz] = await Promise.all([getSettings(), timezone(fallbackTz)]);
  const [menunggu, dikembalikan] = await Promise.all([
    prisma.$queryRaw<{ tahun: number; bulan: number; jumlah: number; tertua: string }[]>`
      SELECT extract(year FROM r.tanggal)::int AS tahun, extract(month FROM r.tanggal)::int AS bulan, count(*)::int AS jumlah, min(r.tanggal) AS tertua
      FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
      WHERE p.atasan_id = ${userId} AND r.status = 0
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<{ tahun: number; bulan: number; jumlah: number }[]>`
      SELECT extract(year FROM tanggal)::int AS tahun, extract(month FROM tanggal)::int AS bulan, count(*)::int AS jumlah
      FROM realisasi WHERE pegawai_id = ${userId} AND status = 0 AND returned_at IS NOT NULL
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  const dekat = (r: { tahun: number; bulan: number }) => {
    const sisa = sisaHariBatas(r.tahun, r.bulan, now, tz, settings.batasInputHari);
    return sisa >= 0 && sisa <= 3 ? sisa : null;
  };
  return {
    menunggu: {
      jumlah: menunggu.reduce((s, r) => s + r.jumlah, 0),
      tertua: menunggu[0]?.tertua ?? null,
      mendesak: menunggu.flatMap((r) => (dekat(r) === null ? [] : [{ ...r, sisaHari: dekat(r)! }])),
    },
    dikembalikan: {
      jumlah: dikembalikan.reduce((s, r) => s + r.jumlah, 0),
      mendesak: dikembalikan.flatMap((r) => (dekat(r) === null ? [] : [{ ...r, sisaHari: dekat(r)! }])),
    },
  };
}
