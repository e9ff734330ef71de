import { z } from 'zod';
import { type ImportError, readCsv } from '../lib/csv.ts';
import { teks } from './common.ts';

const rupiah = (label: string) =>
  z
    .preprocess((v) => v ?? '', z.string())
    .transform((v) => v.trim())
    .transform((v) => v.replace(/[.\s]/g, ''))
    .refine((v) => v === '' || /^\d{1,10}$/.test(v), `${label}: tulis angka rupiah tanpa koma (contoh 5000000).`)
    .transform((v) => (v === '' ? null : Number(v)));

/** The pagu form: one field per kelas 1–17 (empty = not set). */
export const paguFormSchema = z.object(
  Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`kelas${i + 1}`, rupiah(`Kelas ${i + 1}`)])),
);

export const penetapanSchema = z.object({
  bulan: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Pilih bulan.'),
});
export const batalPenetapanSchema = penetapanSchema.extend({ alasan: teks('Alasan', 500) });

/** CSV kelas,tahun,pagu → rows, or errors by row and column (all or nothing). */
export function parsePaguCsv(text: string): { rows: { kelas: number; tahun: number; pagu: number }[]; errors: ImportError[] } {
  const { rows, errors } = readCsv(text, ['kelas', 'tahun', 'pagu'] as const);
  const out: { kelas: number; tahun: number; pagu: number }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const kelas = Number(r.values.kelas);
    const tahun = Number(r.values.tahun);
    const pagu = Number(r.values.pagu.replace(/[.\s]/g, ''));
    if (!/^\d+$/.test(r.values.kelas) || kelas < 1 || kelas > 17)
      errors.push({ baris: r.baris, kolom: 'kelas', pesan: 'Kelas jabatan 1–17.' });
    if (!/^\d{4}$/.test(r.values.tahun)) errors.push({ baris: r.baris, kolom: 'tahun', pesan: 'Tahun 4 digit.' });
    if (!/^\d{1,10}$/.test(r.values.pagu.replace(/[.\s]/g, '')))
      errors.push({ baris: r.baris, kolom: 'pagu', pesan: 'Pagu dalam rupiah, angka bulat.' });
    if (seen.has(`${kelas}|${tahun}`))
      errors.push({ baris: r.baris, kolom: 'kelas', pesan: `Kelas ${kelas} tahun ${tahun} sudah ada di berkas.` });
    seen.add(`${kelas}|${tahun}`);
    out.push({ kelas, tahun, pagu });
  }
  return { rows: errors.length ? [] : out, errors };
}
