import { z } from 'zod';
import { tanggal, teks } from './common.ts';

export const hariLiburSchema = z.object({
  tanggal: tanggal('Tanggal'),
  nama: teks('Nama hari libur', 150),
  jenis: z.enum(['LIBUR_NASIONAL', 'CUTI_BERSAMA', 'LIBUR_DAERAH'], { error: 'Pilih jenis hari libur.' }),
});

export const hapusHariLiburSchema = z.object({ tanggal: tanggal('Tanggal') });
