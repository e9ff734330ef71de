import { z } from 'zod';
import { idempotencyKey } from '../../validation/common.ts';

// The period of the SIASN page, its files and "Kirim ke SIASN": a year and a month (1–12), or "tahunan" for the year.

const tahun = z.coerce
  .number({ error: 'Pilih tahun.' })
  .int('Pilih tahun.')
  .min(2000, 'Tahun antara 2000 dan 2100.')
  .max(2100, 'Tahun antara 2000 dan 2100.');
const bulan = z
  .string({ error: 'Pilih bulan atau Tahunan.' })
  .trim()
  .regex(/^(?:[1-9]|1[0-2]|0[1-9]|tahunan)$/, 'Pilih bulan (1–12) atau Tahunan.')
  .transform((v) => (v === 'tahunan' ? null : Number(v)));

/** ?tahun=&bulan= (both optional: the previous month by default). */
export const periodeSiasnSchema = z.object({ tahun: tahun.optional(), bulan: bulan.optional() });

/** The workbook of a year: ?tahun= */
export const tahunSiasnSchema = z.object({ tahun: tahun.optional() });

/** "Kirim ke SIASN". */
export const kirimSiasnSchema = z.object({
  tahun,
  bulan,
  idempotencyKey,
  paksa: z.enum(['1']).optional(),
});
