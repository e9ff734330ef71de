// CSV import of the Anjab (analisis jabatan), behind both the upload page and the command line (scripts/import-csv.ts):
// induk_unit_kerja,unit_kerja,jabatan,jenis_jabatan,kelas_jabatan,uraian_tugas,hasil_kerja,satuan_hasil,
// volume_per_tahun,norma_waktu_menit — one row per task (a jabatan without tasks: the task columns empty; an empty
// induk_unit_kerja is a root unit).
// All or nothing: one transaction; any error in any row and nothing is written. Re-importing the same file changes
// nothing: unit kerja matched by induk + nama, jabatan by unit + nama, uraian tugas by jabatan + uraian.
import { oneByOne } from '../../db/one-by-one.ts';
import { type JenisJabatanValue, parseJenisJabatan } from '../../domain/kepegawaian.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AuditEntry } from '../audit.service.ts';
import {
  checkEachRow,
  csvFile,
  failed,
  type ImportError,
  type ImportFile,
  type ImportOptions,
  type ImportResult,
  norm,
  parseAngka,
  readImportFile,
  unreadable,
} from './reader.ts';
import { auditBy, auditInBatches, chunks, IMPORT_LOCK, importTransaction } from './transaction.ts';

export const ANJAB_COLUMNS = [
  'induk_unit_kerja',
  'unit_kerja',
  'jabatan',
  'jenis_jabatan',
  'kelas_jabatan',
  'uraian_tugas',
  'hasil_kerja',
  'satuan_hasil',
  'volume_per_tahun',
  'norma_waktu_menit',
] as const;
type Kolom = (typeof ANJAB_COLUMNS)[number];
type Err = (kolom: Kolom, pesan: string) => void;

/** The downloadable template builds its own small tree: a root, a dinas, a bidang, a seksi; one row per task. */
export const TEMPLATE_ANJAB = csvFile([
  [...ANJAB_COLUMNS],
  ['', 'Pemerintah Kabupaten Sukamaju', 'Sekretaris Daerah', 'JPT', 15, '', '', '', '', ''],
  [
    'Pemerintah Kabupaten Sukamaju',
    'Dinas Komunikasi dan Informatika',
    'Kepala Dinas Komunikasi dan Informatika',
    'JPT',
    14,
    '',
    '',
    '',
    '',
    '',
  ],
  [
    'Dinas Komunikasi dan Informatika',
    'Bidang Aplikasi Informatika',
    'Kepala Bidang Aplikasi Informatika',
    'Administrator',
    11,
    '',
    '',
    '',
    '',
    '',
  ],
  [
    'Bidang Aplikasi Informatika',
    'Seksi Pengembangan Aplikasi',
    'Pengelola Sistem Informasi',
    'Pelaksana',
    7,
    'Melakukan pemeliharaan aplikasi perangkat daerah',
    'Laporan pemeliharaan aplikasi',
    'Laporan',
    48,
    180,
  ],
]);

type Tugas = { uraian: string; hasilKerja: string; satuanHasil: string; volume: number; norma: number };
type AnjabRow = {
  baris: number;
  induk: string;
  unit: string;
  jabatan: string;
  jenis: JenisJabatanValue;
  kelas: number;
  tugas: Tugas | null;
};
type FileUnit = { induk: string; nama: string; baris: number };
type Who = ReturnType<typeof auditBy>;

/** A unit is (induk name, name); a jabatan is (unit, name). */
const unitKey = (induk: string, nama: string) => `${norm(induk)}|${norm(nama)}`;
const jabatanKey = (r: AnjabRow) => `${unitKey(r.induk, r.unit)}|${norm(r.jabatan)}`;

export async function importAnjabCsv(text: string, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const file = readImportFile(text, ANJAB_COLUMNS);
  if (unreadable(file)) return failed(0, file.errors, started);
  const rows = checkEachRow(file, checkRow);
  opts.onProgress?.('periksa', file.rows.length / 2, file.rows.length);

  return importTransaction(IMPORT_LOCK.kepegawaian, async (tx) => {
    const data = await readData(tx);
    const units = checkUnits(file, rows, data.units);
    const jabatanOfFile = checkJabatan(file, rows);
    opts.onProgress?.('periksa', file.rows.length, file.rows.length);
    if (file.errors.length > 0) return failed(file.rows.length, file.errors, started);

    // a loop of induk names is found before anything is written: all or nothing
    const order = unitLevels(units.missing, data.units);
    if ('loop' in order) return failed(file.rows.length, order.loop, started);

    const who = auditBy(opts);
    const entries: AuditEntry[] = [];
    const unitIdByKey = await createUnits(tx, units, order.levels, who, entries);
    const jabatan = await writeJabatan(tx, jabatanOfFile, data.jabatan, unitIdByKey, who, entries);
    const tugas = await writeTugas(tx, rows, data.tugas, jabatan.idOf, who, entries);
    const counts = {
      unitKerja: { created: units.created, updated: 0, unchanged: units.inFile.size - units.created },
      jabatan: { created: jabatan.created, updated: jabatan.updated, unchanged: jabatanOfFile.size - jabatan.created - jabatan.updated },
      uraianTugas: tugas,
    };
    entries.push({ ...who, action: 'impor.anjab', objectType: 'impor', after: { baris: rows.length, ...counts } });
    await auditInBatches(tx, entries);
    opts.onProgress?.('simpan', 1, 1);
    return { ok: true, rows: rows.length, errors: [], counts, passwords: [], durationMs: performance.now() - started };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Every row on its own
// ---------------------------------------------------------------------------------------------------------------

function checkRow(v: Record<Kolom, string>, err: Err, baris: number): AnjabRow {
  if (!v.unit_kerja) err('unit_kerja', 'Unit kerja wajib diisi.');
  else if (v.unit_kerja.length > 200) err('unit_kerja', 'Nama unit kerja paling panjang 200 karakter.');
  if (!v.jabatan) err('jabatan', 'Jabatan wajib diisi.');
  else if (v.jabatan.length > 200) err('jabatan', 'Nama jabatan paling panjang 200 karakter.');
  const jenis = parseJenisJabatan(v.jenis_jabatan);
  if (!jenis)
    err(
      'jenis_jabatan',
      `Jenis jabatan "${v.jenis_jabatan}" tidak dikenal; pilih JPT, Administrator, Pengawas, Pelaksana atau Fungsional.`,
    );
  const kelas = /^\d{1,2}$/.test(v.kelas_jabatan) ? Number(v.kelas_jabatan) : Number.NaN;
  if (!(kelas >= 1 && kelas <= 17)) err('kelas_jabatan', 'Kelas jabatan harus bilangan bulat 1–17.');
  const taskCells = [v.uraian_tugas, v.hasil_kerja, v.satuan_hasil, v.volume_per_tahun, v.norma_waktu_menit];
  const tugas = taskCells.some(Boolean) ? checkTugas(v, err) : null;
  return { baris, induk: v.induk_unit_kerja, unit: v.unit_kerja, jabatan: v.jabatan, jenis: jenis!, kelas, tugas };
}

/** The task columns, when any of them is filled. */
function checkTugas(v: Record<Kolom, string>, err: Err): Tugas {
  if (!v.uraian_tugas) err('uraian_tugas', 'Uraian tugas wajib diisi bila kolom tugas lain diisi.');
  else if (v.uraian_tugas.length > 500) err('uraian_tugas', 'Uraian tugas paling panjang 500 karakter.');
  if (!v.hasil_kerja) err('hasil_kerja', 'Hasil kerja wajib diisi.');
  else if (v.hasil_kerja.length > 200) err('hasil_kerja', 'Hasil kerja paling panjang 200 karakter.');
  if (!v.satuan_hasil) err('satuan_hasil', 'Satuan hasil wajib diisi.');
  else if (v.satuan_hasil.length > 60) err('satuan_hasil', 'Satuan hasil paling panjang 60 karakter.');
  const volume = parseAngka(v.volume_per_tahun);
  if (volume == null || volume >= 1e10) err('volume_per_tahun', `Volume per tahun "${v.volume_per_tahun}" bukan angka ≥ 0.`);
  const norma = /^\d{1,6}$/.test(v.norma_waktu_menit) ? Number(v.norma_waktu_menit) : 0;
  if (norma < 1) err('norma_waktu_menit', `Norma waktu "${v.norma_waktu_menit}" harus bilangan bulat menit ≥ 1.`);
  return { uraian: v.uraian_tugas, hasilKerja: v.hasil_kerja, satuanHasil: v.satuan_hasil, volume: volume ?? 0, norma };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Rows against each other and the database
// ---------------------------------------------------------------------------------------------------------------

/** The units, jabatan and uraian tugas already there, read once. */
async function readData(tx: Prisma.TransactionClient) {
  const [units, jabatan, tugas] = await oneByOne([
    () => tx.unitKerja.findMany({ select: { id: true, nama: true, indukId: true } }),
    () => tx.jabatan.findMany({ select: { id: true, nama: true, unitId: true, jenis: true, kelas: true } }),
    () =>
      tx.uraianTugas.findMany({
        select: {
          id: true,
          jabatanId: true,
          uraian: true,
          hasilKerja: true,
          satuanHasil: true,
          volumePerTahun: true,
          normaWaktu: true,
          urutan: true,
        },
      }),
  ]);
  return { units, jabatan, tugas };
}
type Data = Awaited<ReturnType<typeof readData>>;

/** The file's units against the data: an induk name must name exactly one unit, in the data or in the file. */
function checkUnits(file: ImportFile<Kolom>, rows: AnjabRow[], units: Data['units']) {
  const unitNameById = new Map(units.map((u) => [u.id, u.nama]));
  const existing = new Map(units.map((u) => [unitKey(u.indukId ? unitNameById.get(u.indukId)! : '', u.nama), u.id]));
  const inFile = new Map<string, FileUnit>();
  for (const r of rows) {
    const k = unitKey(r.induk, r.unit);
    if (!inFile.has(k)) inFile.set(k, { induk: r.induk, nama: r.unit, baris: r.baris });
  }
  const holdersOf = new Map<string, Set<string>>(); // name → unit keys carrying it
  const addName = (nama: string, key: string) => holdersOf.set(norm(nama), (holdersOf.get(norm(nama)) ?? new Set()).add(key));
  for (const [k, id] of existing) addName(unitNameById.get(id)!, k);
  for (const [k, u] of inFile) addName(u.nama, k);
  for (const u of inFile.values()) {
    if (!u.induk) continue;
    const holders = holdersOf.get(norm(u.induk));
    if (!holders) file.error(u.baris, 'induk_unit_kerja', `Induk unit kerja "${u.induk}" tidak ditemukan di data maupun di berkas.`);
    else if (holders.size > 1) file.error(u.baris, 'induk_unit_kerja', `Nama "${u.induk}" dipakai lebih dari satu unit kerja.`);
  }
  const missing = [...inFile.entries()].filter(([k]) => !existing.has(k));
  return { existing, inFile, missing, created: missing.length, unitNameById };
}

/** Rows of one jabatan agree on jenis and kelas; a task appears once per jabatan. The file's jabatan: key → first row. */
function checkJabatan(file: ImportFile<Kolom>, rows: AnjabRow[]): Map<string, AnjabRow> {
  const jabatanOfFile = new Map<string, AnjabRow>();
  const taskSeen = new Map<string, number>();
  for (const r of rows) {
    const jk = jabatanKey(r);
    const first = jabatanOfFile.get(jk);
    if (!first) jabatanOfFile.set(jk, r);
    else if (first.jenis !== r.jenis) file.error(r.baris, 'jenis_jabatan', `Berbeda dengan baris ${first.baris} untuk jabatan yang sama.`);
    else if (first.kelas !== r.kelas) file.error(r.baris, 'kelas_jabatan', `Berbeda dengan baris ${first.baris} untuk jabatan yang sama.`);
    if (r.tugas) {
      const tk = `${jk}|${r.tugas.uraian}`;
      if (taskSeen.has(tk)) file.error(r.baris, 'uraian_tugas', `Uraian tugas ini sudah ada pada baris ${taskSeen.get(tk)}.`);
      else taskSeen.set(tk, r.baris);
    }
  }
  return jabatanOfFile;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Writing: units, then jabatan, then uraian tugas, each set-based; the audit rows collected in `entries`
// ---------------------------------------------------------------------------------------------------------------

type MissingUnit = ReturnType<typeof checkUnits>['missing'][number];

/**
 * The missing units in the order they can be created (an induk before its children), one list per tree level; or, when
 * induk names form a loop, an error for each unit of it. In memory, before anything is written.
 */
function unitLevels(missing: MissingUnit[], existing: Data['units']): { levels: MissingUnit[][] } | { loop: ImportError[] } {
  const known = new Set(existing.map((u) => norm(u.nama)));
  const levels: MissingUnit[][] = [];
  let pending = missing;
  while (pending.length > 0) {
    const ready = pending.filter(([, u]) => !u.induk || known.has(norm(u.induk)));
    if (ready.length === 0) {
      return {
        loop: pending.map(([, u]) => ({
          baris: u.baris,
          kolom: 'induk_unit_kerja',
          pesan: `Induk unit kerja "${u.induk}" membentuk lingkaran.`,
        })),
      };
    }
    for (const [, u] of ready) known.add(norm(u.nama));
    levels.push(ready);
    pending = pending.filter((p) => !ready.includes(p));
  }
  return { levels };
}

/** Creates the missing units level by level (one query per tree level) and answers every unit's id by key. */
async function createUnits(
  tx: Prisma.TransactionClient,
  units: ReturnType<typeof checkUnits>,
  levels: MissingUnit[][],
  who: Who,
  entries: AuditEntry[],
): Promise<Map<string, number>> {
  const { unitNameById } = units;
  const unitIdByKey = new Map(units.existing);
  const unitIdByName = new Map([...unitNameById].map(([id, nama]) => [norm(nama), id]));
  for (const ready of levels) {
    const created = await tx.unitKerja.createManyAndReturn({
      data: ready.map(([, u]) => ({ nama: u.nama, indukId: u.induk ? unitIdByName.get(norm(u.induk))! : null })),
      select: { id: true, nama: true, indukId: true },
    });
    for (const c of created) {
      unitIdByKey.set(unitKey(c.indukId ? (unitNameById.get(c.indukId) ?? '') : '', c.nama), c.id);
      unitNameById.set(c.id, c.nama);
      unitIdByName.set(norm(c.nama), c.id);
      entries.push({ ...who, action: 'unitKerja.impor', objectType: 'unitKerja', objectId: c.id, after: c });
    }
  }
  return unitIdByKey;
}

/** New jabatan in one insert per batch; changed jenis/kelas in one update. Answers each file jabatan's id by key. */
async function writeJabatan(
  tx: Prisma.TransactionClient,
  jabatanOfFile: Map<string, AnjabRow>,
  jabatan: Data['jabatan'],
  unitIdByKey: Map<string, number>,
  who: Who,
  entries: AuditEntry[],
) {
  const byKey = new Map(jabatan.map((j) => [`${j.unitId}|${norm(j.nama)}`, j]));
  const idOf = new Map<string, number>();
  const fresh: { key: string; r: AnjabRow; unitId: number }[] = [];
  const changed: { id: number; jenis: JenisJabatanValue; kelas: number }[] = [];
  for (const [jk, r] of jabatanOfFile) {
    const unitId = unitIdByKey.get(unitKey(r.induk, r.unit))!;
    const found = byKey.get(`${unitId}|${norm(r.jabatan)}`);
    if (!found) {
      fresh.push({ key: jk, r, unitId });
      continue;
    }
    idOf.set(jk, found.id);
    if (found.jenis === r.jenis && found.kelas === r.kelas) continue;
    changed.push({ id: found.id, jenis: r.jenis, kelas: r.kelas });
    const diff = { before: { jenis: found.jenis, kelas: found.kelas }, after: { jenis: r.jenis, kelas: r.kelas } };
    entries.push({ ...who, action: 'jabatan.impor', objectType: 'jabatan', objectId: found.id, ...diff });
  }
  for (const batch of chunks(fresh)) {
    const created = await tx.jabatan.createManyAndReturn({
      data: batch.map(({ r, unitId }) => ({ nama: r.jabatan, jenis: r.jenis, kelas: r.kelas, unitId })),
      select: { id: true, nama: true, unitId: true, jenis: true, kelas: true },
    });
    const createdByKey = new Map(created.map((c) => [`${c.unitId}|${norm(c.nama)}`, c]));
    for (const { key, r, unitId } of batch) {
      const c = createdByKey.get(`${unitId}|${norm(r.jabatan)}`)!;
      idOf.set(key, c.id);
      entries.push({ ...who, action: 'jabatan.impor', objectType: 'jabatan', objectId: c.id, after: c });
    }
  }
  if (changed.length > 0) {
    await tx.$executeRaw`
      UPDATE jabatan AS j SET jenis = v.jenis::"JenisJabatan", kelas = v.kelas, updated_at = now()
      FROM unnest(${changed.map((c) => c.id)}::int[], ${changed.map((c) => c.jenis)}::text[],
                  ${changed.map((c) => c.kelas)}::int[]) AS v(id, jenis, kelas)
      WHERE j.id = v.id`;
  }
  return { idOf, created: fresh.length, updated: changed.length };
}

/** Uraian tugas matched by jabatan + uraian (exact text): new ones appended after the jabatan's last, changed ones updated. */
async function writeTugas(
  tx: Prisma.TransactionClient,
  rows: AnjabRow[],
  tugas: Data['tugas'],
  jabatanIdOf: Map<string, number>,
  who: Who,
  entries: AuditEntry[],
) {
  const byKey = new Map(tugas.map((t) => [`${t.jabatanId}|${t.uraian}`, t]));
  const nextUrutan = new Map<number, number>();
  for (const t of tugas) nextUrutan.set(t.jabatanId, Math.max(nextUrutan.get(t.jabatanId) ?? 0, t.urutan + 1));
  const fresh: Prisma.UraianTugasCreateManyInput[] = [];
  const changed: (Tugas & { id: number })[] = [];
  let unchanged = 0;
  for (const r of rows) {
    if (!r.tugas) continue;
    const jabatanId = jabatanIdOf.get(jabatanKey(r))!;
    const t = r.tugas;
    const found = byKey.get(`${jabatanId}|${t.uraian}`);
    if (!found) {
      const urutan = nextUrutan.get(jabatanId) ?? 0;
      nextUrutan.set(jabatanId, urutan + 1);
      fresh.push({
        jabatanId,
        uraian: t.uraian,
        hasilKerja: t.hasilKerja,
        satuanHasil: t.satuanHasil,
        volumePerTahun: t.volume,
        normaWaktu: t.norma,
        urutan,
      });
      continue;
    }
    const before = {
      hasilKerja: found.hasilKerja,
      satuanHasil: found.satuanHasil,
      volumePerTahun: Number(found.volumePerTahun),
      normaWaktu: found.normaWaktu,
    };
    const after = { hasilKerja: t.hasilKerja, satuanHasil: t.satuanHasil, volumePerTahun: t.volume, normaWaktu: t.norma };
    if (JSON.stringify(before) === JSON.stringify(after)) {
      unchanged++;
      continue;
    }
    changed.push({ id: found.id, ...t });
    entries.push({ ...who, action: 'uraianTugas.impor', objectType: 'uraianTugas', objectId: found.id, before, after });
  }
  for (const batch of chunks(fresh)) {
    const created = await tx.uraianTugas.createManyAndReturn({ data: batch, select: { id: true, jabatanId: true, uraian: true } });
    for (const c of created) entries.push({ ...who, action: 'uraianTugas.impor', objectType: 'uraianTugas', objectId: c.id, after: c });
  }
  for (const batch of chunks(changed)) {
    await tx.$executeRaw`
      UPDATE uraian_tugas AS t SET hasil_kerja = v.hasil, satuan_hasil = v.satuan, volume_per_tahun = v.volume,
        norma_waktu = v.norma, updated_at = now()
      FROM unnest(${batch.map((c) => c.id)}::int[], ${batch.map((c) => c.hasilKerja)}::text[], ${batch.map((c) => c.satuanHasil)}::text[],
                  ${batch.map((c) => c.volume)}::numeric[], ${batch.map((c) => c.norma)}::int[]) AS v(id, hasil, satuan, volume, norma)
      WHERE t.id = v.id`;
  }
  return { created: fresh.length, updated: changed.length, unchanged };
}
