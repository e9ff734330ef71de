import { z } from 'zod';
import { INT4_MAX, idempotencyKey, idWajib, jumlah, parseAngka, tanggal, teksOpsional, teksPanjang } from './common.ts';

const menit = z.preprocess(
  parseAngka,
  z
    .number({ error: 'Waktu harus berupa angka menit.' })
    .int('Waktu ditulis dalam menit bulat.')
    .min(0, 'Waktu tidak boleh negatif.')
    .max(1440, 'Waktu paling banyak 1.440 menit (24 jam) per entri.')
    .optional(),
);

const base = {
  tanggal: tanggal('Tanggal'),
  jumlah: jumlah('Jumlah'),
  uraian: teksPanjang('Uraian/keterangan', 2000),
  menit,
};

/** "Input Realisasi" on a monthly target row. Only these fields are read: status, pegawaiId … are ignored. */
export const inputRealisasiSchema = z.object({
  targetBulananId: idWajib('Target tidak dikenali. Pilih dari daftar Realisasi Kinerja.'),
  idempotencyKey,
  ...base,
});

/** "Tambah Realisasi": an annual target without a target this month, or a task outside the targets. */
export const tambahRealisasiSchema = z
  .object({
    sumber: z
      .string({ error: 'Pilih pekerjaan dari daftar.' })
      .regex(/^(tambahan|target:[1-9]\d{0,9})$/, 'Pilih pekerjaan dari daftar.')
      .refine((v) => v === 'tambahan' || Number(v.slice('target:'.length)) <= INT4_MAX, 'Pilih pekerjaan dari daftar.'),
    // Read with a target too (the pegawai may word the day's work differently), so bounded in both cases.
    pekerjaan: teksOpsional('Pekerjaan', 500),
    satuan: teksOpsional('Satuan', 60),
    idempotencyKey,
    ...base,
  })
  .superRefine((v, ctx) => {
    if (v.sumber !== 'tambahan') return;
    if (!v.pekerjaan) ctx.addIssue({ code: 'custom', path: ['pekerjaan'], message: 'Pekerjaan wajib diisi.' });
    if (!v.satuan) ctx.addIssue({ code: 'custom', path: ['satuan'], message: 'Satuan wajib diisi.' });
  })
  .transform((v) => ({
    ...v,
    targetTahunanId: v.sumber === 'tambahan' ? null : Number(v.sumber.slice('target:'.length)),
  }));

/** Edit of an entry of status 0: what the pegawai may change. */
export const ubahRealisasiSchema = z.object({
  ...base,
  hapusBukti: z.literal('1').optional(),
});

export type InputRealisasi = z.infer<typeof inputRealisasiSchema>;
export type TambahRealisasi = z.infer<typeof tambahRealisasiSchema>;
export type UbahRealisasi = z.infer<typeof ubahRealisasiSchema>;
