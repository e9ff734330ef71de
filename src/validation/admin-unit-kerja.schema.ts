import { z } from 'zod';

const optionalId = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    if (!/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'Pilihan tidak valid.' });
      return z.NEVER;
    }
    return Number(v);
  });
export const optionalIdField = optionalId;

export const unitKerjaSchema = z.object({
  nama: z
    .string({ error: 'Nama unit kerja wajib diisi.' })
    .trim()
    .min(3, 'Nama unit kerja minimal 3 karakter.')
    .max(200, 'Nama paling panjang 200 karakter.'),
  singkatan: z
    .string()
    .trim()
    .max(40, 'Singkatan paling panjang 40 karakter.')
    .optional()
    .transform((v) => v || null),
  indukId: optionalId.default(null),
});
export type UnitKerjaInput = z.infer<typeof unitKerjaSchema>;
