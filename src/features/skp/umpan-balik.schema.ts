import { z } from 'zod';
import { BERAKHLAK, type NilaiBerakhlak } from '../../domain/skp.ts';
import { CONTROL, INT4_MAX, idempotencyKey } from '../../validation/common.ts';

// Umpan balik berkelanjutan (issue 19 §2): the atasan's feedback and the answers under it.

export const ISI_MAKS = 2000;

/** The text of a feedback or an answer: several lines allowed, 1–2000 characters. */
const isi = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .max(ISI_MAKS, `${label} paling banyak ${ISI_MAKS.toLocaleString('id-ID')} karakter.`)
    .refine((v) => !CONTROL.test(v), `${label} berisi karakter yang tidak diizinkan.`);

export type Sasaran = { jenis: 'skp' } | { jenis: 'rhk'; rhkId: number } | { jenis: 'perilaku'; nilai: NilaiBerakhlak };

const PILIH = 'Pilih hal yang diberi umpan balik: SKP, salah satu RHK, atau salah satu nilai BerAKHLAK.';

/** What the feedback is about: "skp", "rhk:<id>" or "perilaku:<NILAI>". */
const sasaran = z.string({ error: PILIH }).transform((v, ctx): Sasaran => {
  if (v === 'skp') return { jenis: 'skp' };
  const rhk = /^rhk:([1-9]\d{0,9})$/.exec(v);
  if (rhk && Number(rhk[1]) <= INT4_MAX) return { jenis: 'rhk', rhkId: Number(rhk[1]) };
  const nilai = /^perilaku:([A-Z_]+)$/.exec(v)?.[1];
  if (nilai && (BERAKHLAK as readonly string[]).includes(nilai)) return { jenis: 'perilaku', nilai: nilai as NilaiBerakhlak };
  ctx.addIssue({ code: 'custom', message: PILIH });
  return z.NEVER;
});

/** "Tulis umpan balik" (the atasan, on a bawahan's page). */
export const umpanBalikSchema = z.object({ sasaran, isi: isi('Umpan balik'), idempotencyKey });
export type UmpanBalikInput = z.infer<typeof umpanBalikSchema>;

/** "Jawab" under a feedback (the pegawai, or the atasan again). */
export const jawabanSchema = z.object({ isi: isi('Jawaban'), idempotencyKey });
export type JawabanInput = z.infer<typeof jawabanSchema>;

/** ?tahun= of the history pages. */
export const tahunSchema = z.object({
  tahun: z.coerce.number({ error: 'Pilih tahun.' }).int('Pilih tahun.').min(2000, 'Pilih tahun.').max(2100, 'Pilih tahun.').optional(),
});
