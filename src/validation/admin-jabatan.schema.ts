import { z } from 'zod';
import { JENIS_JABATAN } from '../domain/kepegawaian.ts';
import { optionalIdField } from './admin-unit-kerja.schema.ts';
import { idWajib, teks } from './common.ts';

export const jabatanSchema = z.object({
  nama: teks('Nama jabatan', 200).refine((v) => v.length >= 3, 'Nama jabatan minimal 3 karakter.'),
  jenis: z.enum(JENIS_JABATAN, { error: 'Pilih jenis jabatan.' }),
  kelas: z
    .string({ error: 'Kelas jabatan wajib diisi.' })
    .trim()
    .regex(/^\d{1,2}$/, 'Kelas jabatan berupa angka 1–17.')
    .transform(Number)
    .refine((k) => k >= 1 && k <= 17, 'Kelas jabatan berupa angka 1–17.'),
  unitId: idWajib('Pilih unit kerja.'),
  atasanJabatanId: optionalIdField.default(null),
});
export type JabatanInput = z.infer<typeof jabatanSchema>;
