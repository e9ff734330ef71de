import { z } from 'zod';

const tanggal = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Tanggal ditulis TTTT-BB-HH.');

/** The filter form of the audit log (GET query). */
export const auditFilterSchema = z.object({
  nip: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{18}$/.test(v), 'NIP pelaku terdiri dari 18 digit angka.'),
  aksi: z.string().trim().max(60).default(''),
  objek: z.string().trim().max(40).default(''),
  idObjek: z.string().trim().max(40).default(''),
  dari: tanggal,
  sampai: tanggal,
  hal: z.coerce.number().int().min(1).max(100_000).catch(1),
});
