import { parse } from 'csv-parse/sync';

/** One problem of an imported file, as the admin reads it: "baris 7, kolom nip: …". Row 1 is the header. */
export type ImportError = { baris: number; kolom: string | null; pesan: string };

export type CsvRow<C extends string> = { baris: number; values: Record<C, string> };

/**
 * Reads a CSV exported by a spreadsheet: UTF-8 with or without BOM, comma or semicolon separated (Indonesian Excel
 * writes semicolons), header row with exactly `columns` (any order, any case) and any of `optional` (an absent optional
 * column reads as ''). Values are trimmed; blank lines skipped.
 */
export function readCsv<C extends string, O extends string = never>(
  text: string,
  columns: readonly C[],
  optional: readonly O[] = [],
): { rows: CsvRow<C | O>[]; errors: ImportError[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const headerLine = clean.split(/\r?\n/, 1)[0] ?? '';
  if (headerLine.trim() === '')
    return { rows: [], errors: [{ baris: 1, kolom: null, pesan: 'Berkas kosong: baris judul kolom tidak ada.' }] };
  const delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ baris: line, kolom: null, pesan: 'Format CSV rusak (tanda kutip tidak ditutup?).' }] };
  }

  const header = records[0].record.map((h) => h.toLowerCase());
  const errors: ImportError[] = [];
  for (const c of columns) {
    if (!header.includes(c)) errors.push({ baris: 1, kolom: c, pesan: `Kolom "${c}" tidak ada pada baris judul.` });
  }
  for (const h of header) {
    if (!(columns as readonly string[]).includes(h) && !(optional as readonly string[]).includes(h))
      errors.push({ baris: 1, kolom: h, pesan: `Kolom "${h}" tidak dikenal.` });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: CsvRow<C | O>[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((v) => v === '')) continue; // a row of empty cells, as spreadsheets leave at the end
    if (record.length !== header.length) {
      errors.push({ baris: info.lines, kolom: null, pesan: `Jumlah kolom ${record.length}, seharusnya ${header.length}.` });
      continue;
    }
    const values = {} as Record<C | O, string>;
    for (const o of optional) values[o] = '';
    header.forEach((h, i) => {
      values[h as C] = record[i];
    });
    rows.push({ baris: info.lines, values });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ baris: 2, kolom: null, pesan: 'Berkas tidak berisi data.' });
  return { rows, errors };
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** Values → one CSV line (semicolon separated, quoted where needed), for the files we hand out. */
export function csvLine(values: (string | number | null)[], delimiter = ';'): string {
  return values
    .map((v) => {
      const s = v == null ? '' : String(v);
      return /["\r\n;,]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(delimiter);
}
