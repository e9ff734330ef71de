import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { keptPerDatabase } from '../db/per-database.ts';
import { pool, prisma } from '../db/prisma.ts';
import { onReplica } from '../db/replicas.ts';
import {
  type AbkFigures,
  type AbkJabatanRow,
  type AbkPemda,
  type AbkSettings,
  type AbkUnit,
  hitungJabatan,
  hitungPemda,
  type UnitInput,
} from '../domain/abk.ts';
import { abkCsv, abkJson, abkRecords, unitLabels } from '../domain/abk-opendata.ts';
import { resolveSettings } from '../domain/settings.ts';
import { NotFoundError } from '../lib/errors.ts';

// The public ABK pages read one snapshot of the whole Pemda, kept per app instance and keyed by the stamp in
// setting 'abk_versi'. Database triggers replace that stamp in the same transaction as any change to units,
// jabatan, uraian tugas, jabatan holders or settings (migration 20261124043708_abk_versi), so each request only
// compares the stamp (a primary-key read) and every instance sees an edit at its next request, whoever made it.

export type AbkTugas = { id: number; uraian: string; hasilKerja: string; satuanHasil: string; volume: string; normaWaktu: number };
export type AbkJabatan = {
  id: number;
  nama: string;
  kode: string | null;
  jenis: string;
  kelas: number;
  unitId: number;
  bezetting: number;
  tugas: AbkTugas[];
};
export type AbkParams = AbkSettings & { namaPemda: string };
export type AbkSnapshot = {
  versi: string | null;
  params: AbkParams;
  pemda: AbkPemda<AbkJabatan>;
  unitById: Map<number, AbkUnit>;
  jabatanById: Map<number, AbkJabatanRow<AbkJabatan>>;
  labels: Map<number, string>;
  /** rendered pages and files of this snapshot (dropped with it) */
  memo: Map<string, string>;
};

type Row = { versi: string | null; settings: { key: string; value: unknown }[]; units: UnitInput[]; jabatan: AbkJabatan[] };

// One statement, so the stamp, the settings and the data come from the same database snapshot. `from` is a replica
// (DATABASE_REPLICA_URLS) or the primary; the caller compares the snapshot's stamp with the primary's.
async function load(from: 'replica' | 'primary'): Promise<AbkSnapshot> {
  const read = from === 'replica' ? onReplica : <T>(q: (db: typeof prisma) => Promise<T>) => q(prisma);
  const [row] = await read(
    (db) => db.$queryRaw<Row[]>`
    SELECT
      (SELECT value #>> '{}' FROM setting WHERE key = 'abk_versi') AS versi,
      (SELECT COALESCE(json_agg(json_build_object('key', key, 'value', value)), '[]') FROM setting) AS settings,
      (SELECT COALESCE(json_agg(json_build_object('id', id, 'nama', nama, 'indukId', induk_id) ORDER BY id), '[]')
         FROM unit_kerja WHERE aktif) AS units,
      (SELECT COALESCE(json_agg(json_build_object(
                'id', j.id, 'nama', j.nama, 'kode', j.kode, 'jenis', j.jenis, 'kelas', j.kelas, 'unitId', j.unit_id,
                'bezetting', COALESCE(b.n, 0), 'tugas', COALESCE(t.list, '[]'))
              ORDER BY j.kelas DESC, j.nama), '[]')
         FROM jabatan j
         LEFT JOIN (SELECT jabatan_id, count(*)::int AS n FROM pegawai WHERE aktif AND jabatan_id IS NOT NULL GROUP BY jabatan_id) b
           ON b.jabatan_id = j.id
         LEFT JOIN (SELECT jabatan_id,
                           json_agg(json_build_object('id', id, 'uraian', uraian, 'hasilKerja', hasil_kerja, 'satuanHasil', satuan_hasil,
                                                      'volume', volume_per_tahun::text, 'normaWaktu', norma_waktu) ORDER BY urutan, id) AS list
                      FROM uraian_tugas WHERE aktif GROUP BY jabatan_id) t
           ON t.jabatan_id = j.id
        WHERE j.aktif) AS jabatan`,
  );
  const s = resolveSettings(row.settings);
  const params: AbkParams = {
    wkeMenitPerTahun: s.wkeMenitPerTahun,
    pjBatas: s.pjBatas,
    pembulatanKebutuhan: s.pembulatanKebutuhan,
    namaPemda: s.namaPemda,
  };
  const pemda = hitungPemda(row.units, row.jabatan, params);
  return {
    versi: row.versi,
    params,
    pemda,
    unitById: new Map(pemda.units.map((u) => [u.id, u])),
    jabatanById: new Map(pemda.jabatan.map((j) => [j.id, j])),
    labels: unitLabels(pemda),
    memo: new Map(),
  };
}

let cached: AbkSnapshot | undefined;
let building: Promise<AbkSnapshot> | undefined;

// The stamp is read on every public request, so it takes the shortest path: a named (prepared) statement on the pg
// pool under Prisma. Requests that arrive while a read is running share the next read, never the running one: that
// one may have started before a change the visitor already saw committed (e.g. the admin's own edit).
let stampRunning: Promise<string | null> | undefined;
let stampQueued: Promise<string | null> | undefined;
keptPerDatabase(() => {
  cached = undefined;
  building = undefined;
  stampRunning = undefined;
  stampQueued = undefined;
});

function readStamp(): Promise<string | null> {
  const p = pool
    .query<{ versi: string }>({ name: 'abk_versi', text: "SELECT value #>> '{}' AS versi FROM setting WHERE key = 'abk_versi'" })
    .then((r) => r.rows[0]?.versi ?? null)
    .finally(() => {
      if (stampRunning === p) stampRunning = undefined;
    });
  stampRunning = p;
  return p;
}

export function currentStamp(): Promise<string | null> {
  if (!stampRunning) return readStamp();
  stampQueued ??= stampRunning
    .catch(() => undefined)
    .then(() => {
      stampQueued = undefined;
      return readStamp();
    });
  return stampQueued;
}

/** The ABK of the whole Pemda as of now: from the cache when the stamp has not moved, else rebuilt once. */
export async function abkSnapshot(): Promise<AbkSnapshot> {
  const stamp = await currentStamp();
  if (cached && stamp !== null && cached.versi === stamp) return cached;
  // Concurrent requests share one rebuild; a rebuild that began before a newer stamp is not good enough. The stamp
  // comes from the primary, the rebuild from a replica when there is one: a replica that has not replayed the change
  // yet gives an older stamp, and then the primary builds it (an admin sees their edit on the public page at once).
  building ??= load('replica').finally(() => {
    building = undefined;
  });
  let snap = await building;
  if (stamp !== null && snap.versi !== stamp) snap = await load('primary');
  cached = snap;
  return snap;
}

/** Forget the snapshot (tests). */
export function invalidateAbk(): void {
  cached = undefined;
}

export type AbkUnitView = {
  unit: AbkUnit;
  ancestors: AbkUnit[];
  children: AbkUnit[];
  groups: { unit: AbkUnit; jabatan: AbkJabatanRow<AbkJabatan>[] }[];
};

/** One unit: its ancestors (breadcrumb), direct sub-units, and every jabatan under it grouped by unit. */
export function abkUnit(snap: AbkSnapshot, id: number): AbkUnitView {
  const unit = snap.unitById.get(id);
  if (!unit) throw new NotFoundError('Unit kerja tidak ditemukan.');
  const ancestors = ancestorsOf(snap, unit);
  const { units, jabatan } = snap.pemda;
  const start = units.indexOf(unit);
  let end = start + 1;
  while (end < units.length && units[end].depth > unit.depth) end++;
  const subtree = units.slice(start, end);
  const byUnit = new Map<number, AbkJabatanRow<AbkJabatan>[]>();
  for (const j of jabatan) {
    const list = byUnit.get(j.unitId);
    if (list) list.push(j);
    else byUnit.set(j.unitId, [j]);
  }
  return {
    unit,
    ancestors,
    children: subtree.filter((u) => u.indukId === unit.id),
    groups: subtree.filter((u) => byUnit.has(u.id)).map((u) => ({ unit: u, jabatan: byUnit.get(u.id)! })),
  };
}

function ancestorsOf(snap: AbkSnapshot, unit: AbkUnit): AbkUnit[] {
  const out: AbkUnit[] = [];
  for (let p = unit.indukId; p !== null; ) {
    const u = snap.unitById.get(p);
    if (!u) break;
    out.unshift(u);
    p = u.indukId;
  }
  return out;
}

export type AbkJabatanView = {
  jabatan: AbkJabatanRow<AbkJabatan>;
  unit: AbkUnit;
  ancestors: AbkUnit[];
  /** the figures with the volumes a visitor typed (not saved), when given */
  simulasi: AbkFigures | null;
};

/** One jabatan with its task-level arithmetic; `volumes` (tugas id → volume) gives a "what if" without saving. */
export function abkJabatan(snap: AbkSnapshot, id: number, volumes?: Map<number, string>): AbkJabatanView {
  const jabatan = snap.jabatanById.get(id);
  if (!jabatan) throw new NotFoundError('Jabatan tidak ditemukan.');
  const unit = snap.unitById.get(jabatan.unitId)!;
  const simulasi = volumes
    ? hitungJabatan(
        jabatan.tugas.map((t) => ({ ...t, volume: volumes.get(t.id) ?? t.volume })),
        jabatan.bezetting,
        snap.params,
      )
    : null;
  return { jabatan, unit, ancestors: ancestorsOf(snap, unit), simulasi };
}

export const abkCsvOf = (snap: AbkSnapshot): string => memo(snap, 'csv', () => abkCsv(abkRecords(snap.pemda)));
export const abkJsonOf = (snap: AbkSnapshot): string => memo(snap, 'json', () => abkJson(abkRecords(snap.pemda)));

function memo(snap: AbkSnapshot, key: string, make: () => string): string {
  let v = snap.memo.get(key);
  if (v === undefined) {
    v = make();
    snap.memo.set(key, v);
  }
  return v;
}

const compressedMemo = new WeakMap<AbkSnapshot, Map<string, Buffer>>();

/** A page or file of this snapshot, compressed once (brotli or gzip) and kept with the snapshot. */
export function compressed(snap: AbkSnapshot, key: string, body: string, encoding: 'br' | 'gzip'): Buffer {
  let store = compressedMemo.get(snap);
  if (!store) {
    store = new Map();
    compressedMemo.set(snap, store);
  }
  const k = `${encoding}:${key}`;
  let buf = store.get(k);
  if (!buf) {
    buf =
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 9 });
    store.set(k, buf);
  }
  return buf;
}
