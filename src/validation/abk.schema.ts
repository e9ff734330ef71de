import { z } from 'zod';

/**
 * Volume per tahun as typed: "12", "12,5", "1.250,5" (comma = decimal separator, dots group thousands) or "12.50".
 * At most 2 decimals and 10 digits before them (the column is NUMERIC(12,2)); "1.250" is refused, not guessed.
 * The result is a plain decimal string with a dot ("1250.5").
 */
export const volumeField = z
  .string({ error: 'Volume wajib diisi.' })
  .trim()
  .min(1, 'Volume wajib diisi.')
  .transform((v) => (v.includes(',') ? v.replace(/\./g, '').replace(',', '.') : v))
  .refine((v) => /^\d{1,10}(\.\d{1,2})?$/.test(v), 'Volume harus angka 0 atau lebih, paling banyak 2 desimal (mis. 12 atau 12,5).');

/** The "simulasi" form on /abk/jabatan/:id: one volume per task (field name v<tugasId>). */
export const simulasiSchema = z.record(z.string().regex(/^v\d+$/), volumeField);

export type SimulasiInput = z.infer<typeof simulasiSchema>;
