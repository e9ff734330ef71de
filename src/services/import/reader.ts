// What every CSV import shares (pegawai, Anjab, presensi): the file read into rows that keep their line number
// (src/lib/csv.ts: UTF-8 with or without BOM, comma or semicolon, the header checked), the problems collected by row
// and column as the admin reads them ("baris 7, kolom nip: …"), and the result and files handed back. No I/O here;
// the one transaction per file is in ./transaction.ts.
//
// A new import reads like this:
//   const file = readImportFile(text, COLUMNS);                  // columns → rows with line numbers
//   if (unreadable(file)) return failed(0, file.errors, started);
//   const rows = checkEachRow(file, (v, err, baris) => …);       // each row on its own: err('kolom', 'pesan')
//   file.error(baris, 'kolom', 'pesan');                          // rows against each other and the database
//   if (file.errors.length > 0) return failed(file.rows.length, file.errors, started);
import { type CsvRow, csvLine, type ImportError, readCsv } from '../../lib/csv.ts';

export type { CsvRow, ImportError };

/** A CSV file as an import reads it. Every problem found, by the reader or by the import, lands in `errors`. */
export type ImportFile<C extends string> = {
  /** the data rows, each with its line number in the file (line 1 is the header) */
  rows: CsvRow<C>[];
  errors: ImportError[];
  /** records a problem of line `baris` in column `kolom` (null: the row as a whole) */
  error: (baris: number, kolom: C | null, pesan: string) => void;
};

/**
 * Reads `text` whose header holds exactly `columns` (any order, any case) and any of `optional` (an absent optional
 * column reads as ''). A bad header, an empty or broken file: `errors` on line 1 (or where the file breaks) and no rows.
 */
export function readImportFile<C extends string, O extends string = never>(
  text: string,
  columns: readonly C[],
  optional: readonly O[] = [],
): ImportFile<C | O> {
  const { rows, errors } = readCsv(text, columns, optional);
  return {
    rows,
    errors,
    error: (baris, kolom, pesan) => {
      errors.push({ baris, kolom, pesan });
    },
  };
}

/** Nothing in the file can be checked row by row (header wrong, file empty or broken). */
export const unreadable = <C extends string>(file: ImportFile<C>): boolean => file.errors.length > 0 && file.rows.length === 0;

/**
 * Checks every row on its own: `check` reports each problem with `err(kolom, pesan)` and returns what the row becomes.
 * A row with any problem is left out of the answer (its problems are in `file.errors`). `afterRow` is called after each
 * row with its index (e.g. a progress bar).
 */
export function checkEachRow<C extends string, T>(
  file: ImportFile<C>,
  check: (values: Record<C, string>, err: (kolom: C, pesan: string) => void, baris: number) => T,
  afterRow?: (index: number) => void,
): T[] {
  const out: T[] = [];
  for (const [i, { baris, values }] of file.rows.entries()) {
    const before = file.errors.length;
    const row = check(values, (kolom, pesan) => file.error(baris, kolom, pesan), baris);
    if (file.errors.length === before) out.push(row);
    afterRow?.(i);
  }
  return out;
}

/** Problems in file order (a stable sort: a row's own problems stay in the order of its columns' checks). */
export const byBaris = (errors: ImportError[]): ImportError[] => errors.sort((a, b) => a.baris - b.baris);

/** How names written in a file match names in the data: trimmed, inner spaces collapsed, any case. */
export const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** "1.250,5" (Indonesian) or "1250.5" → 1250.5; null when not a number. */
export function parseAngka(raw: string): number | null {
  let s = raw.replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replaceAll('.', '').replace(',', '.');
  else s = s.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// What an import is given and answers (pegawai and Anjab; presensi answers its own counts)
// ---------------------------------------------------------------------------------------------------------------

/** Who runs the import, for its audit rows. */
export type ImportBy = { actorId: number | null; ip?: string | null; requestId?: string | null };

export type ImportOptions = ImportBy & {
  /** e.g. a progress bar: called as rows are checked, passwords hashed, batches written */
  onProgress?: (phase: 'periksa' | 'password' | 'simpan', done: number, total: number) => void;
  /**
   * Pegawai file: the TMT (YYYY-MM-DD, the import's day) at which a changed jabatan, unit or atasan starts — the old
   * history row closes and a new one opens (issue 11). Without it a change corrects the current row in place.
   */
  tmt?: string;
};

export type Counts = { created: number; updated: number; unchanged: number };
export type TemporaryPassword = { nip: string; nama: string; password: string };
export type ImportResult = {
  ok: boolean;
  /** data rows read (header excluded) */
  rows: number;
  errors: ImportError[];
  /** by what the import writes; views/admin/impor/hasil.ejs names each */
  counts: Partial<Record<'pegawai' | 'unitKerja' | 'jabatan' | 'uraianTugas', Counts>>;
  /** the temporary passwords of the accounts this import created: handed to the admin once, never stored */
  passwords: TemporaryPassword[];
  durationMs: number;
};

/** The answer of an import that wrote nothing: its problems in file order. */
export const failed = (rows: number, errors: ImportError[], started: number): ImportResult => ({
  ok: false,
  rows,
  errors: byBaris(errors),
  counts: {},
  passwords: [],
  durationMs: performance.now() - started,
});

const BOM = '\uFEFF'; // Excel opens UTF-8 correctly only with it

/** Lines → a file handed to the admin (templates, passwords): semicolons, as Indonesian Excel writes and opens them. */
export const csvFile = (lines: (string | number | null)[][]): string => `${BOM + lines.map((l) => csvLine(l)).join('\r\n')}\r\n`;
