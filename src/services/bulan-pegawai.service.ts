import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import { pool } from '../db/prisma.ts';
import type { StatusPtkp, VersiAturan } from '../domain/aturan-tpp.ts';
import { type BulanPegawai, hitungBulan, type Segmen, type SumberBulan, VERSI_RINCIAN } from '../domain/bulan-pegawai.ts';
import { monthRange } from '../domain/periode.ts';
import type { Settings } from '../domain/settings.ts';
import * as clock from '../lib/clock.ts';
import { segarkanUnit } from './bulan-unit.service.ts';
import { settingsNow } from './settings.service.ts';

// A pegawai's month (src/domain/bulan-pegawai.ts) from its source rows, set-based: a few statements for any number of
// pegawai, never one per pegawai. Every output takes the month from here:
//   - one pegawai's page (TPP, Presensi, Laporan PDF): computed from the sources as it is read (`bulanSatu`);
//   - the lists (Dashboard, Rekap Unit, penetapan): the rows of `bulan_pegawai`, first recomputed — with the same
//     function — for every pegawai-month a trigger marked as changed, or that was never computed (`segarkan`).
// So both read the same figure; `npm run rekap:periksa` proves it for a whole month.

const BATCH = 2000;

type Ids = number[];

/** A query on the pool; `name`: a named statement, planned once per connection (for a statement every view sends). */
async function q<T>(text: string, values: unknown[], name?: string): Promise<T[]> {
  return (await pool.query<T & object>({ text, values, name })).rows as T[];
}

type BarisSumber = {
  id: number;
  tmt: string | null;
  berhenti: string | null;
  segmen: Segmen[];
  presensi: SumberBulan['presensi'];
  izin: SumberBulan['ketidakhadiran'];
  targets: SumberBulan['targets'];
  entri: (SumberBulan['entri'][number] & { tambahan: number })[];
  libur: SumberBulan['libur'];
  tugas: SumberBulan['tugas'];
  sampai: string | null;
  pagu: { kelas: number; pagu: number }[];
  hukdis: SumberBulan['hukdis'];
  penundaan: SumberBulan['penundaan'];
  predikat: string | null;
  gaji: number | null;
  status_ptkp: StatusPtkp | null;
  /** the month's rule set, on the first row only (the same for every pegawai; a batch does not repeat it 2,000 times) */
  aturan: VersiAturan | null;
  tetap: {
    rincian: unknown;
    pagu: number;
    capaian: number | null;
    kinerja: number;
    disiplin: number;
    total: number;
    ditetapkan_at: string;
  } | null;
  /** a pegawai's page only (issue 22): this month held and paid as a rapel by a later list, and the rapel this month's list pays */
  rapel_ditahan: RapelDitahan | null;
  rapel_dibayar: RapelDibayar[];
};

/** A held month paid as a rapel: the month whose daftar pembayaran paid it, and the release date. */
export type RapelDitahan = { bayarTahun: number; bayarBulan: number; dilepas: string };
/** A rapel line a month's daftar pembayaran pays the pegawai: the held month, the release date, its frozen neto. */
export type RapelDibayar = { tahun: number; bulan: number; dilepas: string; neto: number };

/**
 * The month's source rows of these pegawai, in ONE statement whatever their number (a pegawai's page costs the
 * session and this): each source as a JSON column per pegawai, read through its (pegawai_id, date) index; the
 * month's hari libur, coverage and pagu once. With the frozen figure of the month when it is ditetapkan.
 */
const SUMBER_SQL = `
  SELECT p.id, p.tmt::text AS tmt, p.berhenti::text AS berhenti, p.gaji, p.status_ptkp,
    (SELECT e.predikat FROM evaluasi_kinerja e WHERE e.pegawai_id = p.id AND e.tahun = $4 AND e.bulan = $5) AS predikat,
    CASE WHEN row_number() OVER (ORDER BY p.id) = 1 THEN coalesce(
      (SELECT tp.aturan FROM tpp_penetapan tp WHERE tp.tahun = $4 AND tp.bulan = $5),
      (SELECT json_build_object('id', a.id, 'tahun', a.tahun, 'versi', a.versi, 'nama', a.nama, 'dasarHukum', a.dasar_hukum, 'isi', a.isi)::jsonb
         FROM aturan_tpp a WHERE a.tahun = $4 ORDER BY a.versi DESC LIMIT 1)) END AS aturan,
    (SELECT coalesce(json_agg(json_build_object('mulai', h.tmt_awal::text, 'akhir', h.tmt_akhir::text, 'jabatanId', h.jabatan_id,
              'jabatanNama', j.nama, 'kelas', j.kelas, 'unitId', h.unit_id, 'unitNama', u.nama, 'atasanId', h.atasan_id,
              'atasanNama', a.nama, 'atasanNip', a.nip) ORDER BY h.tmt_awal NULLS FIRST), '[]')
       FROM riwayat_jabatan h
       LEFT JOIN jabatan j ON j.id = h.jabatan_id
       LEFT JOIN unit_kerja u ON u.id = h.unit_id
       LEFT JOIN pegawai a ON a.id = h.atasan_id
      WHERE h.pegawai_id = p.id AND (h.tmt_awal IS NULL OR h.tmt_awal <= $3::date) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > $2::date)) AS segmen,
    (SELECT coalesce(json_agg(json_build_object('tanggal', tanggal::text, 'jamMasuk', to_char(jam_masuk, 'HH24:MI:SS'),
              'jamPulang', to_char(jam_pulang, 'HH24:MI:SS'))), '[]')
       FROM presensi WHERE pegawai_id = p.id AND tanggal BETWEEN $2::date AND $3::date) AS presensi,
    (SELECT coalesce(json_agg(json_build_object('mulai', mulai::text, 'selesai', selesai::text, 'jenis', jenis::text)), '[]')
       FROM ketidakhadiran WHERE pegawai_id = p.id AND mulai <= $3::date AND selesai >= $2::date) AS izin,
    (SELECT coalesce(json_agg(json_build_object('id', tt.id, 'pekerjaan', tt.pekerjaan, 'satuan', tt.satuan, 'asal', tt.asal::text,
              'target', tb.kuantitas::text, 'terverifikasi', coalesce(v.terverifikasi, 0)::text, 'semua', coalesce(v.semua, 0)::text,
              'normaWaktu', ut.norma_waktu, 'berakhir', tt.berakhir::text) ORDER BY tt.id), '[]')
       FROM target_tahunan tt
       JOIN target_bulanan tb ON tb.target_tahunan_id = tt.id AND tb.bulan = $5
       JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
       LEFT JOIN LATERAL (SELECT sum(r.jumlah) FILTER (WHERE r.status = 1) AS terverifikasi, sum(r.jumlah) AS semua
                            FROM realisasi r WHERE r.pegawai_id = p.id AND r.target_tahunan_id = tt.id
                             AND r.tanggal BETWEEN $2::date AND $3::date) v ON true
      WHERE tt.pegawai_id = p.id AND tt.tahun = $4 AND (tt.berakhir IS NULL OR tt.berakhir > $2::date)) AS targets,
    (SELECT coalesce(json_agg(x), '[]') FROM (
       SELECT tanggal::text AS tanggal, status::int AS status, count(*)::int AS n, coalesce(sum(menit), 0)::int AS menit,
              count(*) FILTER (WHERE target_tahunan_id IS NULL)::int AS tambahan
       FROM realisasi WHERE pegawai_id = p.id AND tanggal BETWEEN $2::date AND $3::date GROUP BY 1, 2) x) AS entri,
    (SELECT coalesce(json_agg(json_build_object('tanggal', tanggal::text, 'nama', nama) ORDER BY tanggal), '[]')
       FROM hari_libur WHERE tanggal BETWEEN $2::date AND $3::date) AS libur,
    (SELECT coalesce(json_agg(json_build_object('jenis', pa.jenis::text, 'mulai', pa.mulai::text, 'selesai', pa.selesai::text,
              'kelas', coalesce(jp.kelas, ja.kelas), 'jabatanNama', coalesce(jp.nama, ja.nama))), '[]')
       FROM penugasan_atasan pa
       LEFT JOIN jabatan jp ON jp.id = pa.jabatan_id
       LEFT JOIN pegawai x ON x.id = pa.pegawai_id
       LEFT JOIN jabatan ja ON ja.id = x.jabatan_id
      WHERE pa.pelaksana_id = p.id AND pa.aktif AND pa.mulai <= $3::date AND pa.selesai >= $2::date) AS tugas,
    (SELECT sampai::text FROM presensi_cakupan WHERE tahun = $4 AND bulan = $5) AS sampai,
    (SELECT coalesce(json_agg(json_build_object('kelas', kelas, 'pagu', pagu)), '[]') FROM tpp_pagu WHERE tahun = $4) AS pagu,
    (SELECT coalesce(json_agg(json_build_object('jenis', jenis, 'peraturan', peraturan, 'nomorSk', nomor_sk, 'mulai', mulai::text,
              'selesai', selesai::text, 'persen', persen::text) ORDER BY mulai), '[]')
       FROM hukuman_disiplin WHERE pegawai_id = p.id AND mulai <= $3::date AND selesai >= $2::date) AS hukdis,
    (SELECT coalesce(json_agg(json_build_object('alasan', alasan, 'mulai', mulai::text, 'dilepas', dilepas::text) ORDER BY mulai), '[]')
       FROM penundaan_tpp WHERE pegawai_id = p.id AND mulai <= $3::date AND (dilepas IS NULL OR dilepas >= $2::date)) AS penundaan,
    (SELECT json_build_object('rincian', t.rincian, 'pagu', t.pagu, 'capaian', t.capaian, 'kinerja', t.kinerja, 'disiplin', t.disiplin,
                              'total', t.total, 'ditetapkan_at', tp.ditetapkan_at)
       FROM tpp_tetap t JOIN tpp_penetapan tp ON tp.tahun = t.tahun AND tp.bulan = t.bulan
      WHERE $6 AND t.tahun = $4 AND t.bulan = $5 AND t.pegawai_id = p.id) AS tetap,
    (SELECT json_build_object('bayarTahun', r.bayar_tahun, 'bayarBulan', r.bayar_bulan, 'dilepas', r.dilepas::text)
       FROM tpp_rapel r WHERE $6 AND r.tahun = $4 AND r.bulan = $5 AND r.pegawai_id = p.id) AS rapel_ditahan,
    (SELECT coalesce(json_agg(json_build_object('tahun', r.tahun, 'bulan', r.bulan, 'dilepas', r.dilepas::text, 'neto', h.neto)
              ORDER BY r.tahun, r.bulan), '[]')
       FROM tpp_rapel r JOIN tpp_tetap h ON h.tahun = r.tahun AND h.bulan = r.bulan AND h.pegawai_id = r.pegawai_id
      WHERE $6 AND r.bayar_tahun = $4 AND r.bayar_bulan = $5 AND r.pegawai_id = p.id) AS rapel_dibayar
  FROM pegawai p WHERE p.id = ANY($1::int[]) ORDER BY p.id`;

function dariBaris(r: BarisSumber, tahun: number, bulan: number, aturan: VersiAturan | null): SumberBulan {
  return {
    pegawaiId: r.id,
    tahun,
    bulan,
    tmt: r.tmt,
    berhenti: r.berhenti,
    segmen: r.segmen,
    presensi: r.presensi,
    libur: r.libur,
    ketidakhadiran: r.izin,
    cakupanSampai: r.sampai,
    targets: r.targets,
    entri: r.entri.map(({ tanggal, status, n, menit }) => ({ tanggal, status, n, menit })),
    tambahan: r.entri.reduce((s, e) => s + e.tambahan, 0),
    tugas: r.tugas,
    pagu: new Map(r.pagu.map((p) => [p.kelas, p.pagu])),
    hukdis: r.hukdis,
    penundaan: r.penundaan,
    aturan,
    predikatSkp: r.predikat,
    gaji: r.gaji,
    ptkp: r.status_ptkp,
  };
}

/** The month's rule set as the first source row carries it (a stored version, a penetapan's copy, or none: the default). */
const aturanDari = (rows: BarisSumber[]): VersiAturan | null => rows[0]?.aturan ?? null;

async function bacaSumber(ids: Ids, tahun: number, bulan: number, denganTetap: boolean): Promise<BarisSumber[]> {
  const { awal, akhir } = monthRange(tahun, bulan);
  if (ids.length === 0) return [];
  return q<BarisSumber>(SUMBER_SQL, [ids, awal, akhir, tahun, bulan, denganTetap]);
}

/** The month's source rows of these pegawai. */
export async function sumberBulan(ids: Ids, tahun: number, bulan: number): Promise<Map<number, SumberBulan>> {
  const rows = await bacaSumber(ids, tahun, bulan, false);
  const aturan = aturanDari(rows);
  return new Map(rows.map((r) => [r.id, dariBaris(r, tahun, bulan, aturan)]));
}

/**
 * One pegawai's month as their page shows it, in one statement: computed from the sources now, and, when the month
 * is ditetapkan, the frozen month (whose figures the page shows) with when it was frozen.
 */
export async function bulanSatu(pegawaiId: number, tahun: number, bulan: number, settings: Settings) {
  const [r] = await bacaSumber([pegawaiId], tahun, bulan, true);
  if (!r) return null;
  const kini = hitungBulan(dariBaris(r, tahun, bulan, r.aturan), settings);
  const t = r.tetap;
  let tetap: BulanPegawai | null = null;
  if (t && (t.rincian as { versi?: number }).versi === VERSI_RINCIAN) tetap = t.rincian as BulanPegawai;
  else if (t)
    // frozen before the whole month was stored (issue 24): its totals, beside today's breakdown
    tetap = {
      ...kini,
      tpp: { ...kini.tpp, pagu: t.pagu, capaian: Number(t.capaian ?? 0), kinerja: t.kinerja, disiplin: t.disiplin, total: t.total },
    };
  return {
    kini,
    tetap,
    ditetapkanAt: t ? new Date(t.ditetapkan_at) : null,
    rapel: { ditahan: r.rapel_ditahan, dibayar: r.rapel_dibayar },
  };
}

/** One pegawai's month, computed from its sources as it is read (their own page, the PDF): no write. */
export async function hitungSatu(pegawaiId: number, tahun: number, bulan: number, settings: Settings): Promise<BulanPegawai | null> {
  return (await bulanSatu(pegawaiId, tahun, bulan, settings))?.kini ?? null;
}

/** Whether any day of the month lies in the pegawai's service (else the month is not theirs: no row, no pay). */
export const diDalamDinas = (b: BulanPegawai): boolean => b.presensi.days.some((d) => d.status.jenis !== 'bukan-masa-dinas');

/** The pegawai in service for some day of the month whose history puts them in one of these units on some day of it. */
const CALON_SQL = `
  SELECT DISTINCT h.pegawai_id FROM riwayat_jabatan h JOIN pegawai p ON p.id = h.pegawai_id
  WHERE (h.tmt_awal IS NULL OR h.tmt_awal <= $2::date) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > $1::date)
    AND (p.tmt IS NULL OR p.tmt <= $2::date) AND (p.berhenti IS NULL OR p.berhenti >= $1::date)
    AND ($3::int[] IS NULL OR h.unit_id = ANY($3::int[]))
    AND ($4::int[] IS NULL OR h.pegawai_id = ANY($4::int[]))`;

/** The marked pegawai-months whose row lies in the scope: what a complete month needs recomputed (index lookups only). */
// Driven from the marks (few) to each one's row by its key, whatever the statistics say: a join left to the planner
// read every month row of the scope to find none marked when bulan_pegawai had not been analyzed since it was filled
// (≈50 ms a view on a Kabupaten).
const TANDA_SQL = `
  SELECT coalesce(array_agg(k.pegawai_id ORDER BY k.pegawai_id), '{}') AS ids
  FROM bulan_pegawai_kotor k
  CROSS JOIN LATERAL (SELECT b.unit_id FROM bulan_pegawai b
                       WHERE b.pegawai_id = k.pegawai_id AND b.tahun = k.tahun AND b.bulan = k.bulan LIMIT 1) b
  WHERE k.tahun = $1 AND k.bulan = $2 AND ($3::int[] IS NULL OR b.unit_id = ANY($3::int[]))`;

/** The stamps of a scope: the whole Pemda is unit 0; a list of units is complete when each of them is (or the Pemda). */
const stampOf = (unitIds: number[] | undefined): number[] => unitIds ?? [0];

/**
 * Brings `bulan_pegawai` up to date for the month and scope (unit ids, pegawai ids, or the whole Pemda): the months
 * marked as changed and those of pegawai in service that were never computed are computed now, in batches. Returns
 * how many were computed (0 on almost every call).
 *
 * Looking for never-computed months means reading every pegawai of the scope's history (a third of a second for a
 * Kabupaten), so it is done once per month and unit: afterwards the unit's stamp in `bulan_lengkap` says no row is
 * missing, and a view reads only the change marks. A change of history or service dates deletes the stamps.
 *
 * `perUnit`: also the month's sums per unit (bulan_unit, the Dashboard's), computed again where their rows changed.
 */
export async function segarkan(
  tahun: number,
  bulan: number,
  settings: Settings,
  scope: { unitIds?: number[]; pegawaiIds?: number[]; perUnit?: boolean } = {},
): Promise<number> {
  const { awal, akhir } = monthRange(tahun, bulan);
  const stamps = scope.pegawaiIds ? null : stampOf(scope.unitIds);
  const [cepat] = await q<{ semua: boolean; lengkap: boolean; ids: number[]; unit_kotor: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM bulan_kotor WHERE tahun = $1 AND bulan = $2) AS semua,
            EXISTS (SELECT 1 FROM bulan_unit_kotor WHERE tahun = $1 AND bulan = $2) AS unit_kotor,
            $4::int[] IS NOT NULL AND (
              EXISTS (SELECT 1 FROM bulan_lengkap WHERE tahun = $1 AND bulan = $2 AND unit_id = 0 AND siap)
              OR (SELECT count(*) FROM bulan_lengkap WHERE tahun = $1 AND bulan = $2 AND unit_id = ANY($4::int[]) AND siap)
                 = cardinality($4::int[])) AS lengkap,
            (${TANDA_SQL}) AS ids`,
    [tahun, bulan, scope.unitIds ?? null, stamps],
    'segarkan_cepat',
  );
  if (!cepat.semua && cepat.lengkap) {
    for (let i = 0; i < cepat.ids.length; i += BATCH) await hitungDanSimpan(cepat.ids.slice(i, i + BATCH), tahun, bulan, settings);
    // the sums per unit (the Dashboard): the rows just computed marked their units
    if (scope.perUnit && (cepat.unit_kotor || cepat.ids.length > 0)) await segarkanUnit(tahun, bulan);
    return cepat.ids.length;
  }
  // A change of the whole month (hari libur, settings, pagu) computes the whole Pemda, once (seluruhBulan); then what
  // this scope still needs (a change of one pegawai committed since) as on any other view.
  if (cepat.semua) {
    const n = await seluruhBulan(tahun, bulan);
    return n + (await segarkan(tahun, bulan, settings, scope));
  }
  // The search reads who is in service: its stamps are written before it starts, so that a change of history committed
  // during it deletes them and the next view searches again.
  const token = stamps ? await tandaiLengkap(tahun, bulan, stamps) : null;
  const [state] = await q<{ ids: number[] }>(
    `WITH calon AS (${CALON_SQL})
     SELECT coalesce((SELECT array_agg(DISTINCT s.id ORDER BY s.id) FROM (
              SELECT c.pegawai_id AS id FROM calon c
               WHERE NOT EXISTS (SELECT 1 FROM bulan_pegawai b WHERE b.pegawai_id = c.pegawai_id AND b.tahun = $5 AND b.bulan = $6)
              UNION
              -- a marked month: recomputed if the pegawai is in scope now, or was when it was computed (it may have to go)
              SELECT k.pegawai_id FROM bulan_pegawai_kotor k
               WHERE k.tahun = $5 AND k.bulan = $6
                 AND (k.pegawai_id IN (SELECT pegawai_id FROM calon)
                      OR EXISTS (SELECT 1 FROM bulan_pegawai b WHERE b.pegawai_id = k.pegawai_id AND b.tahun = $5 AND b.bulan = $6
                                   AND ($3::int[] IS NULL OR b.unit_id = ANY($3::int[])) AND ($4::int[] IS NULL OR b.pegawai_id = ANY($4::int[]))))
            ) s), '{}') AS ids`,
    [awal, akhir, scope.unitIds ?? null, scope.pegawaiIds ?? null, tahun, bulan],
  );
  const ids = state.ids;
  for (let i = 0; i < ids.length; i += BATCH) await hitungDanSimpan(ids.slice(i, i + BATCH), tahun, bulan, settings);
  if (token) await selesaiLengkap(tahun, bulan, token);
  if (scope.perUnit && (cepat.unit_kotor || ids.length > 0)) await segarkanUnit(tahun, bulan);
  return ids.length;
}

/** The advisory lock class of a whole month's recompute (the second key is tahun × 100 + bulan). */
const KUNCI_SELURUH = 20_261_224;
/**
 * How long a reader waits for a whole month another process is computing before it answers "sedang sibuk" (503 with
 * Retry-After; the tests shorten it).
 */
export const tungguSeluruh = { ms: 20_000 };
const seluruhDihitung = new Map<string, Promise<number>>();
/** lock_not_available: the error handler's 503 "sedang sibuk" with Retry-After. */
const SIBUK = '55P03';

/**
 * A month marked whole, computed for every pegawai of the Pemda one process at a time (migration
 * 20261224000000_bulan_kotor_versi): the readers of this process share the computation under way; those of another
 * process wait for its lock, up to `tungguSeluruh` (then 503 "sedang sibuk", with Retry-After). The mark stays while
 * the month is computed, so no reader takes the rows not reached yet for the month's figures, and a process that stops
 * halfway leaves the mark for the next reader; the computation that finished removes it only at the version it began
 * with (a change committed meanwhile leaves it for the next reader). It reads the settings itself: a change of them is
 * what most often marks a month whole, and the caller's may be a few seconds old. Returns how many pegawai-months it
 * computed.
 */
function seluruhBulan(tahun: number, bulan: number, tunggu = true): Promise<number> {
  const key = `${tahun}-${bulan}`;
  let run = seluruhDihitung.get(key);
  if (!run) {
    run = hitungSeluruhBulan(tahun, bulan, tunggu).finally(() => seluruhDihitung.delete(key));
    seluruhDihitung.set(key, run);
  }
  return run;
}

/**
 * The months marked whole computed in the background (server.ts, every few seconds), newest first: the first list view
 * after a change of the settings, a hari libur or a pagu then finds its month done or under way instead of starting it.
 * A month another process is computing is left to that process. Returns how many pegawai-months it computed.
 */
export async function segarkanLatar(): Promise<number> {
  const { rows } = await pool.query<{ tahun: number; bulan: number }>(
    'SELECT tahun, bulan FROM bulan_kotor ORDER BY tahun DESC, bulan DESC',
  );
  let n = 0;
  // a reader of this process may already be waiting for another process's computation: the background shares that
  // wait, and its giving up ("sedang sibuk") only means the month is that process's
  for (const m of rows)
    n += await seluruhBulan(m.tahun, m.bulan, false).catch((err: { code?: string }) => {
      if (err?.code === SIBUK) return 0;
      throw err;
    });
  return n;
}

/** `tunggu`: wait for another process computing the month (a reader), or leave it to that process (the background). */
async function hitungSeluruhBulan(tahun: number, bulan: number, tunggu: boolean): Promise<number> {
  const kunci = [KUNCI_SELURUH, tahun * 100 + bulan];
  const sampai = performance.now() + tungguSeluruh.ms;
  let client: PoolClient;
  for (;;) {
    client = await pool.connect();
    const ok = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', kunci).then(
      (r) => r.rows[0].ok,
      (err: Error) => {
        client.release(err);
        throw err;
      },
    );
    if (ok) break;
    client.release();
    if (!tunggu) return 0;
    if (performance.now() > sampai)
      throw Object.assign(new Error(`bulan ${tahun}-${bulan} sedang dihitung oleh proses lain`), { code: SIBUK });
    await sleep(200);
    // computed meanwhile by the process that holds the lock: nothing left to do
    const { rowCount } = await pool.query('SELECT 1 FROM bulan_kotor WHERE tahun = $1 AND bulan = $2', [tahun, bulan]);
    if (rowCount === 0) return 0;
  }
  let lepas: Error | boolean = false;
  try {
    const [tanda] = (await client.query<{ versi: number }>('SELECT versi FROM bulan_kotor WHERE tahun = $1 AND bulan = $2', [tahun, bulan]))
      .rows;
    if (!tanda) return 0; // computed by another process before this one had the lock
    // the settings as they are now, not as an instance keeps them for a few seconds (settings.service.ts): read after
    // the mark's version, so a change of them this computation does not see has moved that version
    const settings = await settingsNow();
    const { awal, akhir } = monthRange(tahun, bulan);
    const token = await tandaiLengkap(tahun, bulan, [0]);
    // every pegawai of the Pemda in that month, and every row computed for it before (one no longer in service goes)
    const ids = (
      await q<{ pegawai_id: number }>(
        `SELECT pegawai_id FROM (${CALON_SQL}) c UNION SELECT pegawai_id FROM bulan_pegawai WHERE tahun = $5 AND bulan = $6 ORDER BY 1`,
        [awal, akhir, null, null, tahun, bulan],
      )
    ).map((r) => r.pegawai_id);
    for (let i = 0; i < ids.length; i += BATCH) await hitungDanSimpan(ids.slice(i, i + BATCH), tahun, bulan, settings);
    await selesaiLengkap(tahun, bulan, token);
    await client.query('DELETE FROM bulan_kotor WHERE tahun = $1 AND bulan = $2 AND versi = $3', [tahun, bulan, tanda.versi]);
    await segarkanUnit(tahun, bulan); // the month's sums per unit, from the rows just written
    return ids.length;
  } finally {
    // a connection that cannot give the lock back is closed, never returned to the pool still holding it
    await client.query('SELECT pg_advisory_unlock($1, $2)', kunci).catch((err: Error) => {
      lepas = err;
    });
    client.release(lepas);
  }
}

/** Writes the scope's stamps, not yet ready, under a token of this search; returns the token. */
async function tandaiLengkap(tahun: number, bulan: number, units: number[]): Promise<string> {
  const token = randomUUID();
  await pool.query(
    `INSERT INTO bulan_lengkap (tahun, bulan, unit_id, siap, token) SELECT $1, $2, u, false, $4 FROM unnest($3::int[]) u
     ON CONFLICT (tahun, bulan, unit_id) DO UPDATE SET siap = false, token = excluded.token`,
    [tahun, bulan, units, token],
  );
  return token;
}

/** The search of this token found and computed every missing row: its stamps that no change deleted are ready. */
async function selesaiLengkap(tahun: number, bulan: number, token: string): Promise<void> {
  await pool.query('UPDATE bulan_lengkap SET siap = true WHERE tahun = $1 AND bulan = $2 AND token = $3', [tahun, bulan, token]);
}

/** What the lists read of a month beyond its columns: the entries waiting per atasan of their day (the Dashboard's queue). */
export const rincianDaftar = (b: BulanPegawai) => ({ capaian: { menungguPerAtasan: b.capaian.menungguPerAtasan } });

/** The columns of bulan_pegawai (and of a frozen month's `ringkas`) from a computed month. */
export function ringkasBulan(b: BulanPegawai) {
  const r = b.presensi.ringkasan;
  return {
    unit_id: b.jabatan.unitId,
    jabatan_id: b.jabatan.jabatanId,
    atasan_id: b.jabatan.atasanId,
    kelas: b.jabatan.kelas,
    hari_dinas: b.hariDinas,
    hari_kerja: r.hariKerja,
    hadir: r.hadir,
    terlambat: r.tl[1] + r.tl[2] + r.tl[3] + r.tl[4],
    pulang_cepat: r.psw[1] + r.psw[2] + r.psw[3] + r.psw[4],
    alpa: r.alpa,
    menit_tl: r.menitTl,
    entri: b.capaian.entri,
    terverifikasi: b.capaian.terverifikasi,
    menunggu: b.capaian.menunggu,
    menunggu_tertua: b.capaian.menungguTertua,
    menit_terverifikasi: b.capaian.menitTerverifikasi,
    capaian: b.capaian.nilai,
    pagu: b.tpp.pagu,
    kinerja: b.tpp.kinerja,
    disiplin: b.tpp.disiplin,
    total: b.tpp.total,
    hukdis: b.tpp.hukdis ?? 0,
    // owed but not paid yet: a penundaan covers the month and is not released
    ditunda: Boolean(b.tpp.penundaan && !b.tpp.penundaan.dilepas),
    skp: b.tpp.skp ?? 0,
    plt: b.tpp.plt,
    potongan: b.tpp.potonganTotal ?? 0,
    tidak_dibayar: b.tpp.tidakDibayar ?? 0,
    tambahan: b.tpp.neto?.tambahan ?? 0,
    bpjs_pegawai: b.tpp.neto?.bpjsPegawai ?? 0,
    bpjs_pemda: b.tpp.neto?.bpjsPemda ?? 0,
    pph21: b.tpp.neto?.pph ?? 0,
    tunjangan_pph: b.tpp.neto?.tunjanganPph ?? 0,
    neto: b.tpp.neto?.neto ?? b.tpp.total,
  };
}

/** Computes these pegawai's month and stores it, taking their change marks in the same transaction. */
export async function hitungDanSimpan(ids: Ids, tahun: number, bulan: number, settings: Settings): Promise<BulanPegawai[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // claim the marks first: a change committed while we compute marks the month again, and the next read recomputes it
    await client.query('DELETE FROM bulan_pegawai_kotor WHERE tahun = $1 AND bulan = $2 AND pegawai_id = ANY($3::int[])', [
      tahun,
      bulan,
      ids,
    ]);
    const sumber = await sumberBulan(ids, tahun, bulan);
    const list = [...sumber.values()].map((s) => hitungBulan(s, settings)).filter(diDalamDinas);
    // the lists need the summed columns and the queue; the whole month (days, cut lines, targets) is computed again
    // from the sources for a pegawai's page or a penetapan: kept slim, 10,000 pegawai × 12 months stay small
    const rows = list.map((b) => ({ pegawai_id: b.pegawaiId, ...ringkasBulan(b), rincian: rincianDaftar(b) }));
    await client.query(
      `INSERT INTO bulan_pegawai AS t (pegawai_id, tahun, bulan, unit_id, jabatan_id, atasan_id, kelas, hari_dinas, hari_kerja, hadir,
         terlambat, pulang_cepat, alpa, menit_tl, entri, terverifikasi, menunggu, menunggu_tertua, menit_terverifikasi, capaian,
         pagu, kinerja, disiplin, total, hukdis, ditunda, skp, plt, potongan, tidak_dibayar, tambahan, bpjs_pegawai, bpjs_pemda,
         pph21, tunjangan_pph, neto, rincian, dihitung_at)
       SELECT x.pegawai_id, $2, $3, x.unit_id, x.jabatan_id, x.atasan_id, x.kelas, x.hari_dinas, x.hari_kerja, x.hadir,
         x.terlambat, x.pulang_cepat, x.alpa, x.menit_tl, x.entri, x.terverifikasi, x.menunggu, x.menunggu_tertua,
         x.menit_terverifikasi, x.capaian, x.pagu, x.kinerja, x.disiplin, x.total, x.hukdis, x.ditunda, x.skp, x.plt, x.potongan,
         x.tidak_dibayar, x.tambahan, x.bpjs_pegawai, x.bpjs_pemda, x.pph21, x.tunjangan_pph, x.neto, x.rincian, $4
       FROM jsonb_to_recordset($1::jsonb) AS x(pegawai_id int, unit_id int, jabatan_id int, atasan_id int, kelas int, hari_dinas int,
         hari_kerja int, hadir int, terlambat int, pulang_cepat int, alpa int, menit_tl int, entri int, terverifikasi int,
         menunggu int, menunggu_tertua date, menit_terverifikasi int, capaian numeric, pagu int, kinerja int, disiplin int,
         total int, hukdis int, ditunda boolean, skp int, plt int, potongan int, tidak_dibayar int, tambahan int, bpjs_pegawai int,
         bpjs_pemda int, pph21 int, tunjangan_pph int, neto int, rincian jsonb)
       ORDER BY x.pegawai_id
       ON CONFLICT (pegawai_id, tahun, bulan) DO UPDATE SET
         unit_id = excluded.unit_id, jabatan_id = excluded.jabatan_id, atasan_id = excluded.atasan_id, kelas = excluded.kelas,
         hari_dinas = excluded.hari_dinas, hari_kerja = excluded.hari_kerja, hadir = excluded.hadir, terlambat = excluded.terlambat,
         pulang_cepat = excluded.pulang_cepat, alpa = excluded.alpa, menit_tl = excluded.menit_tl, entri = excluded.entri,
         terverifikasi = excluded.terverifikasi, menunggu = excluded.menunggu, menunggu_tertua = excluded.menunggu_tertua,
         menit_terverifikasi = excluded.menit_terverifikasi, capaian = excluded.capaian, pagu = excluded.pagu,
         kinerja = excluded.kinerja, disiplin = excluded.disiplin, total = excluded.total, hukdis = excluded.hukdis,
         ditunda = excluded.ditunda, skp = excluded.skp, plt = excluded.plt, potongan = excluded.potongan,
         tidak_dibayar = excluded.tidak_dibayar, tambahan = excluded.tambahan, bpjs_pegawai = excluded.bpjs_pegawai,
         bpjs_pemda = excluded.bpjs_pemda, pph21 = excluded.pph21, tunjangan_pph = excluded.tunjangan_pph, neto = excluded.neto,
         rincian = excluded.rincian,
         dihitung_at = excluded.dihitung_at`,
      [JSON.stringify(rows), tahun, bulan, clock.now()],
    );
    // a pegawai-month with no day of service has no row
    const kosong = ids.filter((id) => !list.some((b) => b.pegawaiId === id));
    if (kosong.length > 0)
      await client.query('DELETE FROM bulan_pegawai WHERE tahun = $1 AND bulan = $2 AND pegawai_id = ANY($3::int[])', [
        tahun,
        bulan,
        kosong,
      ]);
    await client.query('COMMIT');
    return list;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
