import { z } from 'zod';
import { parseAngka, tanggal, teks } from './common.ts';

/** A hukuman disiplin that cuts TPP (issue 22): its decision, its period and the cut. */
export const hukdisSchema = z
  .object({
    jenis: teks('Jenis hukuman', 150),
    peraturan: teks('Dasar peraturan', 120),
    nomorSk: teks('Nomor SK', 100),
    mulai: tanggal('Berlaku mulai'),
    selesai: tanggal('Berlaku sampai'),
    persen: z.preprocess(
      parseAngka,
      z
        .number({ error: 'Potongan ditulis sebagai angka persen, mis. 25.' })
        .gt(0, 'Potongan lebih dari 0%.')
        .max(100, 'Potongan paling banyak 100%.')
        .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'Potongan paling banyak dua angka di belakang koma.'),
    ),
  })
  .refine((v) => v.selesai >= v.mulai, { path: ['selesai'], message: 'Tanggal akhir tidak boleh sebelum tanggal mulai.' });
export type HukdisInput = z.infer<typeof hukdisSchema>;

/** A penundaan: TPP is owed but not paid from `mulai` until it is released. */
export const penundaanSchema = z.object({
  alasan: teks('Alasan penundaan', 200),
  mulai: tanggal('Ditunda mulai'),
});
export type PenundaanInput = z.infer<typeof penundaanSchema>;

export const lepasSchema = z.object({ dilepas: tanggal('Tanggal dilepas') });
