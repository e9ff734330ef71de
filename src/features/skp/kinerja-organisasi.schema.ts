import { z } from 'zod';
import { idWajib, teks } from '../../validation/common.ts';

/** Admin → Kinerja Organisasi: one OPD's capaian (%) and its source for the period in the URL. */
export const kinerjaOrganisasiSchema = z.object({
  unitId: idWajib('Pilih OPD.'),
  capaian: z
    .string({ error: 'Capaian organisasi wajib diisi.' })
    .trim()
    .min(1, 'Capaian organisasi wajib diisi.')
    .transform((v) => v.replace(',', '.'))
    .refine((v) => /^\d{1,4}(\.\d{1,2})?$/.test(v), 'Tulis capaian sebagai angka persen, paling banyak 2 desimal, mis. 97,5.')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 1000, 'Capaian organisasi antara 0 dan 1.000%.'),
  sumber: teks('Sumber data', 500),
});
