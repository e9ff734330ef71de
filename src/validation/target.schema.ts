import { z } from 'zod';
import { idempotencyKey, idOpsional, idWajib, jumlah, parseAngka, teks, teksOpsional, versi } from './common.ts';

const bulanField = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : parseAngka(v)),
  z
    .number({ error: 'Isi dengan angka.' })
    .min(0, 'Tidak boleh negatif.')
    .max(100_000, 'Terlalu besar.')
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'Paling banyak 2 angka di belakang koma.')
    .optional(),
);

/** "Tambah Target Baru" (Realisasi Tahunan). Month fields b1…b12 are optional: empty = spread evenly. */
export const targetBaruSchema = z.object({
  uraianTugasId: idWajib('Pilih kegiatan tugas jabatan.'),
  pekerjaan: teks('Pekerjaan', 500),
  kuantitas: jumlah('Target kuantitas'),
  satuan: teksOpsional('Satuan', 60).transform((v) => v ?? undefined),
  // issue 19: the RHK of the pegawai's SKP this target supports (optional)
  rhkId: idOpsional('Pilih RHK dari daftar.').optional(),
  idempotencyKey,
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`b${i + 1}`, bulanField])),
});

export type TargetBaru = z.infer<typeof targetBaruSchema> & { tahun?: number } & Partial<Record<`b${number}`, number | undefined>>;

const tahunField = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : v),
  z.coerce.number({ error: 'Pilih tahun.' }).int('Pilih tahun.').min(2000, 'Pilih tahun.').max(2100, 'Pilih tahun.').optional(),
);

/** "Tambah Target Baru" with the year (this year, or next year from the planning month). */
export const targetBaruTahunSchema = targetBaruSchema.extend({ tahun: tahunField });

/** "Ubah Target": the same fields as Tambah Target Baru but the kegiatan (delete and add again to change it). */
export const ubahTargetSchema = z.object({
  pekerjaan: teks('Pekerjaan', 500),
  kuantitas: jumlah('Target kuantitas'),
  satuan: teksOpsional('Satuan', 60).transform((v) => v ?? undefined),
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`b${i + 1}`, bulanField])),
});
export type UbahTarget = z.infer<typeof ubahTargetSchema> & Partial<Record<`b${number}`, number | undefined>>;

/** "Salin target tahun lalu": the year to copy into. */
export const salinTargetSchema = z.object({ tahun: z.coerce.number({ error: 'Pilih tahun.' }).int('Pilih tahun.').min(2000).max(2100) });

/** Persetujuan Target: approve (the version the atasan saw) or return with a note. */
export const setujuiTargetSchema = z.object({ versi: versi() });
export const kembalikanTargetSchema = z.object({ versi: versi(), catatan: teks('Catatan', 500) });
