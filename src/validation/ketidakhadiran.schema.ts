import { z } from 'zod';
import { tanggal, teksPanjang } from './common.ts';

export const ketidakhadiranSchema = z
  .object({
    nip: z
      .string({ error: 'NIP wajib diisi.' })
      .trim()
      .regex(/^\d{18}$/, 'NIP terdiri dari 18 digit angka.'),
    jenis: z.enum(['IZIN', 'SAKIT', 'CUTI', 'DINAS_LUAR', 'TUGAS_BELAJAR'], { error: 'Pilih jenis ketidakhadiran.' }),
    mulai: tanggal('Tanggal mulai'),
    selesai: tanggal('Tanggal selesai'),
    catatan: teksPanjang('Catatan', 500),
  })
  .refine((v) => v.selesai >= v.mulai, { path: ['selesai'], message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.' });
