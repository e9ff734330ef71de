import { z } from 'zod';
import { idOpsional, teks, teksOpsional } from './common.ts';

/** An optional id from a select ("" = none); kept under this name for the admin schemas that import it. */
export const optionalIdField = idOpsional();

export const unitKerjaSchema = z.object({
  nama: teks('Nama unit kerja', 200).refine((v) => v.length >= 3, 'Nama unit kerja minimal 3 karakter.'),
  singkatan: teksOpsional('Singkatan', 40),
  indukId: optionalIdField.default(null),
});
export type UnitKerjaInput = z.infer<typeof unitKerjaSchema>;
