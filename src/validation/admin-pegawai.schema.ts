import { z } from 'zod';
import { STATUS_PTKP } from '../domain/aturan-tpp.ts';
import { GOLONGAN, PERAN } from '../domain/kepegawaian.ts';
import { decodeNip } from '../domain/nip.ts';
import { nomorRekening, salahNomorRekening } from '../domain/rekening.ts';
import { optionalIdField } from './admin-unit-kerja.schema.ts';
import { idWajib, tanggal, teks } from './common.ts';

export const pegawaiSchema = z.object({
  nip: z
    .string({ error: 'NIP wajib diisi.' })
    .trim()
    .min(1, 'NIP wajib diisi.')
    .max(40, 'NIP terdiri dari 18 digit angka.')
    .superRefine((nip, ctx) => {
      const decoded = decodeNip(nip);
      if (!decoded.ok) ctx.addIssue({ code: 'custom', message: decoded.error });
    }),
  nama: teks('Nama', 150),
  // TMT in this Pemda: empty = the TMT CPNS the NIP encodes (the 1st of that month)
  tmt: z.preprocess((v) => (v === '' || v == null ? undefined : v), tanggal('TMT di Pemda ini').optional()).transform((v) => v ?? null),
  // where TPP is paid (issue 22): both or neither; the number as digits (spaces typed between groups are dropped)
  bankNama: z
    .string()
    .trim()
    .max(60, 'Nama bank paling banyak 60 huruf.')
    .default('')
    .transform((v) => v || null),
  rekening: z
    .string()
    .default('')
    .transform(nomorRekening)
    .superRefine((v, ctx) => {
      const salah = v === '' ? null : salahNomorRekening(v);
      if (salah) ctx.addIssue({ code: 'custom', message: salah });
    })
    .transform((v) => v || null),
  // bruto → neto of TPP (issue 22): the monthly gaji from the gaji payroll (bruto) and the status PTKP (TER category)
  gaji: z
    .string({ error: 'Gaji ditulis dalam rupiah, angka bulat, mis. 4500000.' })
    .default('')
    .transform((v) => v.replace(/[.\s]/g, ''))
    .refine((v) => v === '' || /^\d{1,10}$/.test(v), 'Gaji ditulis dalam rupiah, angka bulat tanpa koma, mis. 4500000.')
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || v <= 1_000_000_000, 'Gaji paling besar Rp 1.000.000.000.'),
  statusPtkp: z
    .union([z.literal(''), z.enum(STATUS_PTKP)], { error: 'Pilih status PTKP TK/0 … K/3.' })
    .default('')
    .transform((v) => v || null),
  golongan: z
    .union([z.literal(''), z.enum(GOLONGAN)], { error: 'Pilih golongan I/a … IV/e.' })
    .default('')
    .transform((g) => g || null),
  unitId: idWajib('Pilih unit kerja.'),
  jabatanId: optionalIdField.default(null),
  nipAtasan: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{18}$/.test(v), 'NIP atasan terdiri dari 18 digit angka.')
    .transform((v) => v || null),
  // Checkboxes: absent, one value, or many. Every account is a pegawai.
  peran: z
    .preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(PERAN, { error: 'Peran tidak dikenal.' })))
    .transform((list) => PERAN.filter((p) => p === 'PEGAWAI' || list.includes(p))),
});
export type PegawaiInput = z.infer<typeof pegawaiSchema>;
