import { z } from 'zod';
import { idWajib, teks } from './common.ts';

/** Buka kembali one month for one unit, with the reason recorded in the audit log. */
export const bukaBulanSchema = z.object({
  unitId: idWajib('Pilih unit kerja.'),
  bulan: z
    .string({ error: 'Bulan wajib diisi.' })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan wajib diisi (format tahun-bulan, mis. 2026-10).'),
  alasan: teks('Alasan membuka kembali', 500),
});
