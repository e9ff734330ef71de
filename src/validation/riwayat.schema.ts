import { z } from 'zod';
import { optionalIdField } from './admin-unit-kerja.schema.ts';
import { idWajib, tanggal, teks } from './common.ts';

const nip = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .regex(/^\d{18}$/, `${label} terdiri dari 18 digit angka.`);

/** Mutasi: the new jabatan, unit and atasan from a TMT, with the reason (SK number) for the audit log. */
export const mutasiSchema = z.object({
  tmt: tanggal('TMT'),
  unitId: idWajib('Pilih unit kerja.'),
  jabatanId: optionalIdField.default(null),
  nipAtasan: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{18}$/.test(v), 'NIP atasan terdiri dari 18 digit angka.')
    .transform((v) => v || null),
  alasan: teks('Dasar mutasi (mis. nomor SK)', 500),
  versi: z.string({ error: 'Formulir tidak lengkap. Muat ulang halaman.' }).min(1, 'Formulir tidak lengkap. Muat ulang halaman.'),
});
export type MutasiForm = z.infer<typeof mutasiSchema>;

/** Plt (vacant post: a jabatan) or Plh (the holder is away: a pegawai), from mulai to selesai inclusive. */
export const penugasanSchema = z
  .object({
    jenis: z.enum(['PLT', 'PLH'], { error: 'Pilih Plt atau Plh.' }),
    nipPelaksana: nip('NIP pelaksana'),
    nipPegawai: z.string().trim().default(''),
    jabatanId: optionalIdField.default(null),
    mulai: tanggal('Tanggal mulai'),
    selesai: tanggal('Tanggal selesai'),
    alasan: teks('Dasar penunjukan (mis. nomor surat perintah)', 500),
    konfirmasi: z.preprocess((v) => v === 'ya' || v === 'on' || v === true, z.boolean()).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.selesai < v.mulai)
      ctx.addIssue({ code: 'custom', path: ['selesai'], message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.' });
    if (v.jenis === 'PLH' && !/^\d{18}$/.test(v.nipPegawai))
      ctx.addIssue({ code: 'custom', path: ['nipPegawai'], message: 'Untuk Plh, isi NIP pejabat yang berhalangan (18 digit).' });
    if (v.jenis === 'PLT' && v.jabatanId == null)
      ctx.addIssue({ code: 'custom', path: ['jabatanId'], message: 'Untuk Plt, pilih jabatan yang kosong.' });
  });
export type PenugasanForm = z.infer<typeof penugasanSchema>;
