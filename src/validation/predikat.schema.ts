import { z } from 'zod';
import { EKSPEKTASI, PERIODE_PREDIKAT } from '../domain/predikat.ts';
import { teksPanjang } from './common.ts';

export const predikatSchema = z.object({
  tahun: z.coerce.number({ error: 'Tahun tidak valid.' }).int().min(2000, 'Tahun tidak valid.').max(2100, 'Tahun tidak valid.'),
  periode: z.enum(PERIODE_PREDIKAT, { error: 'Pilih periode penilaian.' }),
  hasilKerja: z.enum(EKSPEKTASI, { error: 'Pilih rating hasil kerja.' }),
  perilakuKerja: z.enum(EKSPEKTASI, { error: 'Pilih predikat perilaku kerja.' }),
  catatan: teksPanjang('Catatan', 1000),
});
