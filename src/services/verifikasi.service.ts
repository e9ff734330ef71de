import { queryGeneric } from '../db/generic-plan.ts';
import { oneByOne } from '../db/one-by-one.ts';
import { pool, prisma } from '../db/prisma.ts';
import { monthRange } from '../domain/periode.ts';
import { type Jendela, jendelaUntuk, tandaSebagai, unikPerRiwayat } from '../domain/riwayat.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import type { AuditEntry } from './audit.service.ts';
import { ENTRI_JSON, entriDariJson, entrySelect } from './realisasi.service.ts';
import { lingkupSqlWith, lingkupVerifikasi } from './riwayat.service.ts';
import { getSettings } from './settings.service.ts';
import { wajibBulanTerbuka } from './tutup-bulan.service.ts';

/**
 * Verifikasi (article steps 9–10): the atasan responsible for the pegawai on the entry's date (riwayat jabatan, or a
 * Plt/Plh in force, or the pejabat puncak — see riwayat.service.ts) turns status 0 into 1, or returns the entry with
 * a note. An admin may act on behalf of the atasan (recorded as such). The actor's reach is read inside the
 * transaction; every transition is then one conditional UPDATE (… WHERE status = 0 AND the entry is the version the
 * atasan saw) and its audit rows: racing requests produce exactly one transition.
 */
/** Who acts, and when by the app's clock (verified_at and returned_at are the request's instant; `today` is its date). */
export type Verifikator = {
  id: number;
  isAdmin: boolean;
  now: Date;
  today: string;
  /** the Pemda's time zone: months close by its calendar */
  tz: string;
  audit: Pick<AuditEntry, 'ip' | 'requestId'>;
};
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
export async function antrian(f: FilterAntrian & { today: string }, bulanRingkas: { tahun: number; bulan: number }) {
  const range = f.bulan ? monthRange(f.bulan.tahun, f.bulan.bulan) : null;
  const ringkas = monthRange(bulanRingkas.tahun, bulanRingkas.bulan);
  // Issue 11: the queue's scope is the actor's windows (riwayat jabatan on the entry's date, Plt/Plh, pejabat
  // puncak), read first in one indexed statement; one window per history row, so no entry is reached twice.
  const jendela = unikPerRiwayat(await lingkupVerifikasi(f.atasanId, f.today));
  // Issue 12: the whole page in ONE statement (the page of entries, their count, the subordinates and the month's
  // summary per subordinate). The queue's scope is the join on the windows $1, $5, $6 (the same in every region); the
  // optional filters are written into the statement only when given, so each combination is its own statement, with a
  // plan for what it filters.
  const values: unknown[] = [
    jendela.map((j) => j.pegawaiId),
    (f.halaman - 1) * PER_HALAMAN,
    ringkas.awal,
    ringkas.akhir,
    jendela.map((j) => j.awal),
    jendela.map((j) => j.akhir),
  ];
  const types = ['int[]', 'int', 'date', 'date', 'date[]', 'date[]'];
  const filters: string[] = [];
  const param = (v: unknown, type: string) => {
    types.push(type);
    return `$${values.push(v)}`;
  };
  if (f.pegawaiId) filters.push(`r.pegawai_id = ${param(f.pegawaiId, 'int')}::int`);
  if (f.status !== 'semua') filters.push(`r.status = ${param(f.status, 'int')}::int`);
  if (range) filters.push(`r.tanggal BETWEEN ${param(range.awal, 'date')}::date AND ${param(range.akhir, 'date')}::date`);
  const lingkup = `JOIN unnest($1::int[], $5::date[], $6::date[]) AS w(pegawai_id, awal, akhir)
       ON r.pegawai_id = w.pegawai_id AND (w.awal IS NULL OR r.tanggal >= w.awal) AND (w.akhir IS NULL OR r.tanggal < w.akhir)`;
  const antri = `realisasi r ${lingkup}${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''}`;
  // Run with its generic plan (src/db/generic-plan.ts): PostgreSQL planned it again on every view (≈0.8 ms), its
  // generic plan answers the same rows in half the time of one execution with planning.
  const { rows } = await queryGeneric<AntrianRow>(pool, {
    name: `verifikasi_antrian_${f.pegawaiId ? 'p' : ''}${f.status !== 'semua' ? 's' : ''}${range ? 'b' : ''}`,
    types,
    text: `SELECT
       (SELECT COALESCE(json_agg(${ENTRI_JSON} ORDER BY r.pegawai_id, r.tanggal, r.id), '[]')
          FROM (SELECT r.* FROM ${antri} ORDER BY r.pegawai_id, r.tanggal, r.id OFFSET $2 LIMIT ${PER_HALAMAN}) r) AS items,
       (SELECT count(*)::int FROM ${antri}) AS total,
       (SELECT COALESCE(json_agg(json_build_object('id', b.id, 'nama', b.nama, 'nip', b.nip, 'aktif', b.aktif,
                 'jabatan', (SELECT json_build_object('nama', j.nama) FROM jabatan j WHERE j.id = b.jabatan_id)) ORDER BY b.nama), '[]')
          FROM pegawai b WHERE b.id = ANY($1::int[])) AS bawahan,
       (SELECT COALESCE(json_agg(x), '[]') FROM (
          SELECT r.pegawai_id AS "pegawaiId", count(*) FILTER (WHERE r.status = 0)::int AS belum,
                 count(*) FILTER (WHERE r.status = 1)::int AS diverifikasi,
                 COALESCE(sum(r.menit) FILTER (WHERE r.status = 1), 0)::int AS "menitDiverifikasi"
            FROM realisasi r ${lingkup}
           WHERE r.tanggal BETWEEN $3::date AND $4::date
           GROUP BY r.pegawai_id) x) AS ringkas`,
    values,
  });
  const { total } = rows[0];
  // unnest of several windows of one pegawai lists them once each in `bawahan` (ANY, not a join)
  const bawahan = rows[0].bawahan;
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
  // The Plt/Plh mark of each entry shown, so the page says in which capacity the actor verifies it.
  const sebagai = (e: { pegawaiId: number; tanggal: Date }) =>
    tandaSebagai(jendelaUntuk(jendela, e.pegawaiId, e.tanggal.toISOString().slice(0, 10)));
  return { kelompok, total, halaman: f.halaman, halamanTotal: Math.max(1, Math.ceil(total / PER_HALAMAN)), bawahan, bulanPegawai, sebagai };
}

type Bawahan = { id: number; nama: string; nip: string; aktif: boolean; jabatan: { nama: string } | null };
type AntrianRow = {
  items: Parameters<typeof entriDariJson>[0][];
  total: number;
  bawahan: Bawahan[];
  ringkas: { pegawaiId: number; belum: number; diverifikasi: number; menitDiverifikasi: number }[];
};

type Row = { id: number; pegawai_id: number; atasan_id: number | null; sebagai: string | null };
type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
type Dijangkau = { id: number; pegawai_id: number; tanggal: string; status: number; jendela: Jendela | undefined };

/**
 * The entries among `ids`, each with the window through which the actor reaches it (undefined: out of reach; an admin
 * reaches everything but their own entries). Read in the caller's transaction.
 */
async function jangkau(tx: Tx, actor: Verifikator, ids: number[]): Promise<Dijangkau[]> {
  const [rows, jendela] = await oneByOne([
    () => tx.$queryRaw<{ id: number; pegawai_id: number; tanggal: Date; status: number; atasan_id: number | null }[]>`
      SELECT r.id, r.pegawai_id, r.tanggal, r.status, h.atasan_id
      FROM realisasi r LEFT JOIN riwayat_jabatan h ON h.pegawai_id = r.pegawai_id
        AND (h.tmt_awal IS NULL OR h.tmt_awal <= r.tanggal) AND (h.tmt_akhir IS NULL OR r.tanggal < h.tmt_akhir)
      WHERE r.id = ANY(${ids}::int[])`,
    () => lingkupVerifikasi(actor.id, actor.today, tx),
  ]);
  return rows.map((r) => {
    const j = jendelaUntuk(jendela, r.pegawai_id, r.tanggal.toISOString().slice(0, 10));
    const admin: Jendela | undefined =
      !j && actor.isAdmin && r.pegawai_id !== actor.id
        ? { riwayatId: 0, pegawaiId: r.pegawai_id, awal: null, akhir: null, atasanId: r.atasan_id, sebagai: 'atasan' }
        : undefined;
    return { id: r.id, pegawai_id: r.pegawai_id, tanggal: r.tanggal.toISOString().slice(0, 10), status: r.status, jendela: j ?? admin };
  });
}

function wajibDalamJangkauan(actor: Verifikator, ids: number[], scope: Dijangkau[]): Dijangkau[] {
  const mine = scope.filter((r) => r.jendela && r.pegawai_id !== actor.id);
  if (mine.length !== ids.length) {
    // One's own entry is known to exist: 403; anything else out of reach: 404 (its existence is not revealed).
    if (scope.some((r) => r.pegawai_id === actor.id)) throw new ForbiddenError('Anda tidak dapat memverifikasi realisasi Anda sendiri.');
    throw new NotFoundError('Realisasi tidak ditemukan di antara realisasi bawahan langsung Anda.');
  }
  return mine;
}

/**
 * Verifies entries, all or nothing. Every id must be an entry of one of the actor's direct subordinates (an admin:
 * of anyone but themself), else NotFound and nothing changes. Entries already verified, or changed by their owner
 * since the atasan saw them, are left alone and reported.
 */
export async function verifikasi(actor: Verifikator, dilihat: Dilihat[]) {
  const ids = [...new Set(dilihat.map((d) => d.id))];
  if (ids.length === 0) return { diverifikasi: 0, sudah: 0, berubah: 0 };
  return prisma.$transaction(async (tx) => {
    const mine = wajibDalamJangkauan(actor, ids, await jangkau(tx, actor, ids));
    await wajibBulanTerbuka(tx, terbukaDari(mine.filter((m) => m.status === 0)), actor.now, actor.tz);
    const byId = new Map(mine.map((m) => [m.id, m]));
    const sebagai = dilihat.map((d) => tandaSebagai(byId.get(d.id)?.jendela));
    const versi = dilihat.map((d) => d.versi);
    const rows = await tx.$queryRaw<Row[]>`
      UPDATE realisasi r
      SET status = 1, verified_by_id = ${actor.id}, verified_at = ${actor.now}, catatan_atasan = NULL, returned_at = NULL,
          verifikasi_sebagai = seen.sebagai, updated_at = now()
      FROM unnest(${dilihat.map((d) => d.id)}::int[], ${versi}::timestamptz[], ${sebagai}::text[]) AS seen(id, versi, sebagai)
      WHERE r.id = seen.id AND r.updated_at = seen.versi AND r.status = 0 AND r.pegawai_id <> ${actor.id}
      RETURNING r.id, r.pegawai_id, seen.sebagai`;
    await tulisAudit(tx, actor, withAtasan(rows, byId), 'realisasi.verifikasi', { status: 0 }, (r) => ({ status: 1, sebagai: r.sebagai }));
    const sudah = mine.filter((r) => r.status === 1).length;
    return { diverifikasi: rows.length, sudah, berubah: ids.length - rows.length - sudah };
  });
}

const terbukaDari = (list: Dijangkau[]) => list.map((m) => ({ pegawaiId: m.pegawai_id, tanggal: m.tanggal }));

const withAtasan = (rows: Omit<Row, 'atasan_id'>[], byId: Map<number, Dijangkau>): Row[] =>
  rows.map((r) => ({ ...r, atasan_id: byId.get(r.id)?.jendela?.atasanId ?? null }));

/** Returns an entry to its pegawai with a note: it stays status 0, editable again. */
export async function kembalikan(
  actor: Verifikator,
  seen: Dilihat,
  catatan: string,
): Promise<'dikembalikan' | 'sudah-diverifikasi' | 'berubah'> {
  return prisma.$transaction(async (tx) => {
    const mine = wajibDalamJangkauan(actor, [seen.id], await jangkau(tx, actor, [seen.id]));
    await wajibBulanTerbuka(tx, terbukaDari(mine), actor.now, actor.tz);
    const sebagai = tandaSebagai(mine[0].jendela);
    // Issue 19: the note is also an umpan balik in the pegawai's history (the RHK of the entry's target, the SKP of
    // its date), written by the same statement so the return and its history row exist together or not at all.
    const penulisSebagai = sebagai ?? (mine[0].jendela?.riwayatId === 0 ? 'admin' : null);
    const rows = await tx.$queryRaw<Omit<Row, 'atasan_id'>[]>`
      WITH r AS (
        UPDATE realisasi r
        SET catatan_atasan = ${catatan}, returned_at = ${actor.now}, updated_at = now()
        WHERE r.id = ${seen.id} AND r.updated_at = ${seen.versi}::timestamptz AND r.status = 0 AND r.pegawai_id <> ${actor.id}
        RETURNING r.id, r.pegawai_id, r.tanggal, r.target_tahunan_id),
      ub AS (
        INSERT INTO umpan_balik (pegawai_id, skp_id, rhk_id, realisasi_id, penulis_id, penulis_sebagai, isi, dibuat_at)
        SELECT r.pegawai_id,
               (SELECT s.id FROM skp s WHERE s.pegawai_id = r.pegawai_id AND r.tanggal BETWEEN s.mulai AND s.selesai ORDER BY s.mulai LIMIT 1),
               (SELECT t.rhk_id FROM target_tahunan t WHERE t.id = r.target_tahunan_id),
               r.id, ${actor.id}, ${penulisSebagai}, ${catatan}, ${actor.now}
        FROM r)
      SELECT r.id, r.pegawai_id, ${sebagai}::text AS sebagai FROM r`;
    if (rows.length === 0) return mine[0].status === 1 ? 'sudah-diverifikasi' : 'berubah';
    const byId = new Map(mine.map((m) => [m.id, m]));
    await tulisAudit(tx, actor, withAtasan(rows, byId), 'realisasi.kembalikan', { status: 0 }, (r) => ({
      status: 0,
      catatanAtasan: catatan,
      sebagai: r.sebagai,
    }));
    return 'dikembalikan';
  });
}

/** Admin only, with a reason: the one way back from status 1 (the database trigger allows exactly this change). */
export async function batalkanVerifikasi(actor: Verifikator, id: number, alasan: string): Promise<boolean> {
  if (!actor.isAdmin) throw new ForbiddenError('Pembatalan verifikasi hanya dapat dilakukan admin kepegawaian.');
  return prisma.$transaction(async (tx) => {
    const before = await tx.realisasi.findUnique({
      where: { id },
      select: { verifiedById: true, verifiedAt: true, status: true, pegawaiId: true, tanggal: true },
    });
    if (!before) throw new NotFoundError('Realisasi tidak ditemukan.');
    await wajibBulanTerbuka(tx, [{ pegawaiId: before.pegawaiId, tanggal: before.tanggal.toISOString().slice(0, 10) }], actor.now, actor.tz);
    const rows = await tx.$queryRaw<Row[]>`
      UPDATE realisasi r SET status = 0, verified_by_id = NULL, verified_at = NULL, verifikasi_sebagai = NULL, updated_at = now()
      WHERE r.id = ${id} AND r.status = 1
      RETURNING r.id, r.pegawai_id, NULL::int AS atasan_id, NULL::text AS sebagai`;
    await tulisAudit(
      tx,
      actor,
      rows,
      'realisasi.batal-verifikasi',
      before,
      () => ({ status: 0, verifiedById: null, verifiedAt: null }),
      alasan,
    );
    return rows.length === 1;
  });
}

async function tulisAudit(
  tx: Tx,
  actor: Verifikator,
  rows: Row[],
  action: string,
  before: unknown,
  after: (r: Row) => unknown,
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
      after: after(r) as object,
      reason: reason ?? null,
      ip: actor.audit.ip ?? null,
      requestId: actor.audit.requestId ?? null,
    })),
  });
}

/** One entry as the atasan sees it, for the "Kembalikan" form. */
export async function entriUntukAtasan(actor: Verifikator, id: number) {
  wajibDalamJangkauan(actor, [id], await prisma.$transaction((tx) => jangkau(tx, actor, [id])));
  return prisma.realisasi.findUniqueOrThrow({
    where: { id },
    select: { ...entrySelect, pegawai: { select: { nama: true, nip: true } } },
  });
}

/**
 * Whether the actor verifies anyone today, and how many entries wait (the menu and its badge): ONE statement (issue 12's
 * budget per page), the windows and the indexed count of pending entries through them.
 */
export async function menuVerifikasi(atasanId: number, today: string): Promise<{ ada: boolean; menunggu: number; target: number }> {
  const [r] = await prisma.$queryRaw<{ jendela: number; menunggu: number; target: number }[]>(
    menuVerifikasiSql(atasanId, today, (await getSettings()).pejabatPuncak),
  );
  return { ada: r.jendela > 0, menunggu: r.menunggu, target: r.target };
}

/**
 * The menu's figures as one SELECT (`jendela`: windows through which the actor verifies today; `menunggu`: the
 * entries waiting in them; `target`: annual targets waiting for approval). `actor` may be an SQL expression: the session read adds it to its own statement.
 */
export function menuVerifikasiSql(actor: number | Prisma.Sql, today: string, pejabatPuncak: { unitId: number; nip: string }[]): Prisma.Sql {
  return Prisma.sql`
    WITH w AS (${lingkupSqlWith(actor, today, pejabatPuncak)}),
      u AS (SELECT DISTINCT riwayat_id, pegawai_id, tmt_awal, tmt_akhir FROM w WHERE pegawai_id <> ${actor})
    SELECT (SELECT count(*)::int FROM u) AS jendela,
      -- whose entries these badges count: an instance keeping them drops them when one of these changes (session-cache.ts)
      (SELECT coalesce(array_agg(DISTINCT pegawai_id), '{}') FROM u) AS pegawai,
      (SELECT count(*)::int FROM u JOIN realisasi r ON r.pegawai_id = u.pegawai_id AND r.status = 0
         AND (u.tmt_awal IS NULL OR r.tanggal >= u.tmt_awal) AND (u.tmt_akhir IS NULL OR r.tanggal < u.tmt_akhir)) AS menunggu,
      -- the annual targets waiting for approval (Persetujuan Target) of the pegawai reached today
      (SELECT count(*)::int FROM target_tahunan t WHERE t.status = 'DIAJUKAN' AND t.pegawai_id IN (
         SELECT pegawai_id FROM u WHERE (tmt_awal IS NULL OR tmt_awal <= ${today}::date)
           AND (tmt_akhir IS NULL OR ${today}::date < tmt_akhir)))
      -- and the SKP waiting (issue 19), each reached on its own date (src/features/skp/skp.policy.ts tanggalAkses)
      + (SELECT count(DISTINCT s.id)::int FROM u JOIN skp s ON s.pegawai_id = u.pegawai_id AND s.status = 'DIAJUKAN'
           AND (u.tmt_awal IS NULL OR u.tmt_awal <= LEAST(GREATEST(${today}::date, s.mulai), s.selesai))
           AND (u.tmt_akhir IS NULL OR LEAST(GREATEST(${today}::date, s.mulai), s.selesai) < u.tmt_akhir)) AS target`;
}
