import { prisma } from '../../db/prisma.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { byBaris, csvFile, type ImportBy, type ImportError, type ImportFile, readImportFile } from './reader.ts';
import { IMPORT_LOCK, importTransaction } from './transaction.ts';

// Import of the attendance-machine export: nip,tanggal,jam_masuk,jam_pulang (comma or semicolon, UTF-8 with or
// without BOM, HH:MM or HH:MM:SS, an empty time = no record). All or nothing: any bad row → nothing is written and
// every problem is listed by row and column. Idempotent: the same file again changes nothing; a changed time is
// updated and audited (before → after). Written set-based: one upsert of the whole file plus its audit rows, in one
// transaction with the monthly rekap (the presensi trigger recomputes the pegawai-months the file touches).

export const PRESENSI_COLUMNS = ['nip', 'tanggal', 'jam_masuk', 'jam_pulang'] as const;
export const TEMPLATE_PRESENSI = csvFile([[...PRESENSI_COLUMNS], ['199203102019032001', '2026-11-02', '07:28', '16:05']]);

export type PresensiImportResult = {
  ok: boolean;
  rows: number;
  errors: ImportError[];
  baru: number;
  diubah: number;
  tetap: number;
  durationMs: number;
};

export type PresensiImportOptions = ImportBy & {
  namaFile: string;
  /** the rows must fall in this year, and not after `today` */
  tahun: number;
  today: string;
  onProgress?: (phase: 'periksa' | 'simpan', done: number, total: number) => void;
};

type Kolom = (typeof PRESENSI_COLUMNS)[number];

const MAX_ERRORS = 200;
const JAM = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;
const TANGGAL = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date: 2026-13-01 or 2026-02-30 match the pattern but are not (and must be a 422, not a RangeError). */
const tanggalAda = (v: string) => {
  if (!TANGGAL.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
const normJam = (v: string) => (v.length === 5 ? `${v}:00` : v);

export async function importPresensiCsv(text: string, opts: PresensiImportOptions): Promise<PresensiImportResult> {
  const started = performance.now();
  const fail = (rows: number, errors: ImportError[]): PresensiImportResult => ({
    ok: false,
    rows,
    errors: byBaris(errors).slice(0, MAX_ERRORS),
    baru: 0,
    diubah: 0,
    tetap: 0,
    durationMs: performance.now() - started,
  });
  const file = readImportFile(text, PRESENSI_COLUMNS);
  const { rows, errors } = file;
  if (errors.length > 0) return fail(rows.length, errors);

  const nips = [...new Set(rows.map((r) => r.values.nip))];
  const known = new Map(
    (await prisma.$queryRaw<{ id: number; nip: string }[]>`SELECT id, nip FROM pegawai WHERE nip = ANY(${nips}::text[])`).map((p) => [
      p.nip,
      p.id,
    ]),
  );
  const src = checkRows(file, known, opts);
  if (errors.length > 0) return fail(rows.length, errors);
  opts.onProgress?.('periksa', rows.length, rows.length);

  opts.onProgress?.('simpan', 0, 1);
  const counts = await importTransaction(IMPORT_LOCK.presensi, (tx) => write(tx, src, rows.length, opts));
  opts.onProgress?.('simpan', 1, 1);
  return {
    ok: true,
    rows: rows.length,
    errors: [],
    baru: counts.baru,
    diubah: counts.diubah,
    tetap: src.pegawaiIds.length - counts.baru - counts.diubah,
    durationMs: performance.now() - started,
  };
}

/** Each row on its own and against the rows before it; the rows that hold a time, as the parallel arrays of one upsert. */
function checkRows(file: ImportFile<Kolom>, known: Map<string, number>, opts: PresensiImportOptions) {
  const { rows, errors } = file;
  const seen = new Map<string, number>();
  const pegawaiIds: number[] = [];
  const tanggal: string[] = [];
  const masuk: (string | null)[] = [];
  const pulang: (string | null)[] = [];
  const err = file.error;
  rows.forEach((r, i) => {
    if (i % 20_000 === 0) opts.onProgress?.('periksa', i, rows.length);
    const v = r.values;
    const before = errors.length;
    const id = known.get(v.nip);
    if (!/^\d{18}$/.test(v.nip)) err(r.baris, 'nip', `NIP "${v.nip}" harus 18 digit angka.`);
    else if (id === undefined) err(r.baris, 'nip', `NIP ${v.nip} tidak terdaftar.`);
    if (!tanggalAda(v.tanggal)) err(r.baris, 'tanggal', `Tanggal "${v.tanggal}" tidak valid; tulis TTTT-BB-HH.`);
    else if (Number(v.tanggal.slice(0, 4)) !== opts.tahun) err(r.baris, 'tanggal', `Tanggal ${v.tanggal} di luar tahun ${opts.tahun}.`);
    else if (v.tanggal > opts.today) err(r.baris, 'tanggal', `Tanggal ${v.tanggal} belum terjadi.`);
    for (const kolom of ['jam_masuk', 'jam_pulang'] as const) {
      if (v[kolom] !== '' && !JAM.test(v[kolom]))
        err(r.baris, kolom, `Jam "${v[kolom]}" tidak valid; tulis JJ:MM atau JJ:MM:DD (00:00–23:59).`);
    }
    if (errors.length > before) return;
    if (v.jam_masuk !== '' && v.jam_pulang !== '' && normJam(v.jam_pulang) < normJam(v.jam_masuk)) {
      err(r.baris, 'jam_pulang', `Jam pulang ${v.jam_pulang} sebelum jam masuk ${v.jam_masuk}.`);
      return;
    }
    const key = `${v.nip}|${v.tanggal}`;
    const first = seen.get(key);
    if (first !== undefined) {
      err(r.baris, 'tanggal', `NIP ${v.nip} tanggal ${v.tanggal} sudah ada di baris ${first}.`);
      return;
    }
    seen.set(key, r.baris);
    if (v.jam_masuk === '' && v.jam_pulang === '') return; // no record that day: nothing to store
    pegawaiIds.push(id as number);
    tanggal.push(v.tanggal);
    masuk.push(v.jam_masuk === '' ? null : normJam(v.jam_masuk));
    pulang.push(v.jam_pulang === '' ? null : normJam(v.jam_pulang));
  });
  return { pegawaiIds, tanggal, masuk, pulang };
}

/** The import batch, one upsert of the whole file with the audit rows of what changed, and the batch's counts. */
async function write(tx: Prisma.TransactionClient, src: ReturnType<typeof checkRows>, baris: number, opts: PresensiImportOptions) {
  const { pegawaiIds, tanggal, masuk, pulang } = src;
  const batch = await tx.importPresensi.create({
    data: { namaFile: opts.namaFile.slice(0, 200), baris, baru: 0, diubah: 0, actorId: opts.actorId },
  });
  // One statement: rows whose times differ are upserted; the changed ones get an audit row with before → after.
  const [c] = await tx.$queryRaw<{ baru: number; diubah: number }[]>`
    WITH src AS (
      SELECT * FROM unnest(${pegawaiIds}::int[], ${tanggal}::date[], ${masuk}::time[], ${pulang}::time[])
        AS s(pegawai_id, tanggal, jam_masuk, jam_pulang)
    ),
    lama AS (
      SELECT p.pegawai_id, p.tanggal, p.jam_masuk, p.jam_pulang
      FROM presensi p JOIN src USING (pegawai_id, tanggal)
      WHERE (p.jam_masuk, p.jam_pulang) IS DISTINCT FROM (src.jam_masuk, src.jam_pulang)
    ),
    up AS (
      INSERT INTO presensi AS p (pegawai_id, tanggal, jam_masuk, jam_pulang, sumber, import_id)
      SELECT pegawai_id, tanggal, jam_masuk, jam_pulang, 'MESIN', ${batch.id} FROM src
      ON CONFLICT (pegawai_id, tanggal) DO UPDATE
        SET jam_masuk = excluded.jam_masuk, jam_pulang = excluded.jam_pulang, import_id = excluded.import_id, updated_at = now()
        WHERE (p.jam_masuk, p.jam_pulang) IS DISTINCT FROM (excluded.jam_masuk, excluded.jam_pulang)
      RETURNING p.id, p.pegawai_id, p.tanggal, p.jam_masuk, p.jam_pulang, (xmax = 0) AS baru
    ),
    aud AS (
      INSERT INTO audit_log (actor_id, action, object_type, object_id, before, after, ip, request_id)
      SELECT ${opts.actorId}::int, 'presensi.ubah', 'presensi', up.id::text,
             jsonb_build_object('tanggal', lama.tanggal, 'jamMasuk', lama.jam_masuk, 'jamPulang', lama.jam_pulang),
             jsonb_build_object('tanggal', up.tanggal, 'jamMasuk', up.jam_masuk, 'jamPulang', up.jam_pulang, 'impor', ${batch.id}::int),
             ${opts.ip ?? null}, ${opts.requestId ?? null}
      FROM up JOIN lama USING (pegawai_id, tanggal)
      WHERE NOT up.baru
    )
    SELECT count(*) FILTER (WHERE baru)::int AS baru, count(*) FILTER (WHERE NOT baru)::int AS diubah FROM up`;
  await tx.importPresensi.update({ where: { id: batch.id }, data: { baru: c.baru, diubah: c.diubah } });
  await tx.auditLog.create({
    data: {
      actorId: opts.actorId,
      action: 'presensi.impor',
      objectType: 'import_presensi',
      objectId: String(batch.id),
      after: { namaFile: opts.namaFile, baris, baru: c.baru, diubah: c.diubah },
      ip: opts.ip ?? null,
      requestId: opts.requestId ?? null,
    },
  });
  return c;
}
