import { z } from 'zod';
import { GOLONGAN, PERAN } from '../domain/kepegawaian.ts';
import { decodeNip } from '../domain/nip.ts';
import { optionalIdField } from './admin-unit-kerja.schema.ts';

export const pegawaiSchema = z.object({
  nip: z
    .string({ error: 'NIP wajib diisi.' })
    .trim()
    .min(1, 'NIP wajib diisi.')
    .superRefine((nip, ctx) => {
      const decoded = decodeNip(nip);
      if (!decoded.ok) ctx.addIssue({ code: 'custom', message: decoded.error });
    }),
  nama: z.string({ error: 'Nama wajib diisi.' }).trim().min(1, 'Nama wajib diisi.').max(150, 'Nama paling panjang 150 karakter.'),
  golongan: z
    .union([z.literal(''), z.enum(GOLONGAN)], { error: 'Pilih golongan I/a … IV/e.' })
    .default('')
    .transform((g) => g || null),
  unitId: z.string({ error: 'Pilih unit kerja.' }).regex(/^\d+$/, 'Pilih unit kerja.').transform(Number),
  jabatanId: optionalIdField.default(null),
  nipAtasan: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{18}$/.test(v), 'NIP atasan terdiri dari 18 digit angka.')
    .transform((v) => v || null),
  // Checkboxes: absent, one value, or many. Every account is a pegawai.
  peran: z
    .preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(PERAN, { error: 'Peran tidak dikenal.' })))
    .transform((list) => PERAN.filter((p) => p === 'PEGAWAI' || list.includes(p))),
});
export type PegawaiInput = z.infer<typeof pegawaiSchema>;
