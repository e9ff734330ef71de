import { z } from 'zod';
import { idempotencyKey, idWajib, jumlah, parseAngka, tanggal, teks, teksPanjang } from './common.ts';

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
  // the pegawai confirms work on a hari libur (setting realisasiHariLibur = konfirmasi)
  konfirmasiLibur: z.preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean()),
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
    sumber: z.string().regex(/^(tambahan|target:\d+)$/, 'Pilih pekerjaan dari daftar.'),
    pekerjaan: z.string().optional(),
    satuan: z.string().optional(),
    idempotencyKey,
    ...base,
  })
  .superRefine((v, ctx) => {
    if (v.sumber !== 'tambahan') return;
    for (const [field, label, max] of [
      ['pekerjaan', 'Pekerjaan', 500],
      ['satuan', 'Satuan', 60],
    ] as const) {
      const r = teks(label, max).safeParse(v[field] ?? '');
      if (!r.success) ctx.addIssue({ code: 'custom', path: [field], message: r.error.issues[0].message });
    }
  })
  .transform((v) => ({
    ...v,
    targetTahunanId: v.sumber === 'tambahan' ? null : Number(v.sumber.slice('target:'.length)),
    pekerjaan: v.pekerjaan?.trim() || null,
    satuan: v.satuan?.trim() || null,
  }));

/** Edit of an entry of status 0: what the pegawai may change. */
export const ubahRealisasiSchema = z.object({
  ...base,
  hapusBukti: z.literal('1').optional(),
});

export type InputRealisasi = z.infer<typeof inputRealisasiSchema>;
export type TambahRealisasi = z.infer<typeof tambahRealisasiSchema>;
export type UbahRealisasi = z.infer<typeof ubahRealisasiSchema>;
