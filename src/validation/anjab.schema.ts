import { z } from 'zod';
import { ANJAB_BAGIAN, type AnjabBagianKey, JENIS_JABATAN } from '../domain/anjab.ts';
import { volumeField } from './abk.schema.ts';
import { CONTROL, CONTROL_LINE } from './common.ts';

const baris = (label: string, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .max(max, `${label} paling banyak ${max} karakter.`)
    .refine((v) => !CONTROL_LINE.test(v), `${label} berisi karakter yang tidak diizinkan.`);

const opsional = (label: string, max: number, multiline: boolean) =>
  z
    .string()
    .trim()
    .max(max, `${label} paling banyak ${max} karakter.`)
    .refine((v) => !(multiline ? CONTROL : CONTROL_LINE).test(v), `${label} berisi karakter yang tidak diizinkan.`)
    .optional()
    .transform((v) => (v ? v.replace(/\r\n/g, '\n') : null));

const bulat = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .regex(/^\d{1,7}$/, `${label} harus bilangan bulat.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} harus antara ${min} dan ${max}.`);

const bagian = Object.fromEntries(ANJAB_BAGIAN.map((b) => [b.key, opsional(b.label, 5000, true)])) as Record<
  AnjabBagianKey,
  ReturnType<typeof opsional>
>;

/** The Anjab edit form: identitas and every section. */
export const anjabSchema = z.object({
  nama: baris('Nama jabatan', 200),
  kode: opsional('Kode jabatan', 40, false),
  jenis: z.enum(JENIS_JABATAN, { error: 'Pilih jenis jabatan.' }),
  kelas: bulat('Kelas jabatan', 1, 17),
  ...bagian,
});
export type AnjabInput = z.infer<typeof anjabSchema>;

/** The uraian tugas form (add and edit). */
export const uraianTugasSchema = z.object({
  uraian: baris('Uraian tugas', 500),
  hasilKerja: baris('Hasil kerja', 200),
  satuanHasil: baris('Satuan hasil', 60),
  volumePerTahun: volumeField,
  normaWaktu: bulat('Norma waktu', 1, 1_000_000),
  urutan: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, 'Urutan harus bilangan bulat 0–9999.')
        .transform(Number)
        .optional(),
    ),
});
export type UraianTugasInput = z.infer<typeof uraianTugasSchema>;

/** The search box on /anjab. */
export const anjabCariSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});
