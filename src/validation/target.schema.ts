import { z } from 'zod';
import { idempotencyKey, idWajib, jumlah, parseAngka, teks, teksOpsional } from './common.ts';

const bulanField = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : parseAngka(v)),
  z
    .number({ error: 'Isi dengan angka.' })
    .min(0, 'Tidak boleh negatif.')
    .max(100_000, 'Terlalu besar.')
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'Paling banyak 2 angka di belakang koma.')
    .optional(),
);

/** "Tambah Target Baru" (Realisasi Tahunan). Month fields b1…b12 are optional: empty = spread evenly. */
export const targetBaruSchema = z.object({
  uraianTugasId: idWajib('Pilih kegiatan tugas jabatan.'),
  pekerjaan: teks('Pekerjaan', 500),
  kuantitas: jumlah('Target kuantitas'),
  satuan: teksOpsional('Satuan', 60).transform((v) => v ?? undefined),
  idempotencyKey,
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`b${i + 1}`, bulanField])),
});

export type TargetBaru = z.infer<typeof targetBaruSchema> & Partial<Record<`b${number}`, number | undefined>>;
