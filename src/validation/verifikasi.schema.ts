import { z } from 'zod';
import { idWajib, teks, versi } from './common.ts';

// A checkbox or button value "id|versi": the entry and the version (updated_at) the atasan saw.
const dilihat = z
  .string()
  .regex(/^\d{1,10}\|[^|]{1,40}$/, 'Pilihan tidak valid.')
  .transform((v): { id: unknown; versi: string } => {
    const [id, versi] = v.split('|');
    return { id, versi };
  })
  .pipe(z.object({ id: idWajib('Pilihan tidak valid.'), versi: versi('Pilihan tidak valid.') }));

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** "Verifikasi terpilih" (checkboxes `pilih`) or one entry's own "Verifikasi" button (`satu`). */
export const verifikasiSchema = z
  .object({
    pilih: z.preprocess(asList, z.array(dilihat).max(2000, 'Paling banyak 2.000 realisasi sekali verifikasi.')),
    satu: dilihat.optional(),
  })
  .transform((v) => (v.satu ? [v.satu] : v.pilih));

export const kembalikanSchema = z.object({
  versi: versi(),
  catatan: teks('Catatan', 1000),
});

export const batalVerifikasiSchema = z.object({
  alasan: teks('Alasan pembatalan', 1000).refine((v) => v.length >= 10, 'Alasan pembatalan minimal 10 karakter, agar tercatat jelas.'),
});
