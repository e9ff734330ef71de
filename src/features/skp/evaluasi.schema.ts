import { z } from 'zod';
import { EKSPEKTASI } from '../../domain/predikat.ts';
import { type PeriodeEvaluasi, periodeTerakhir } from '../../domain/skp.ts';
import { INT4_MAX, teksPanjang } from '../../validation/common.ts';

/**
 * The rating form (issue 19). The period is in the URL (`?tahun=&bulan=`, bulan empty = the year), like the page that
 * showed the form; the body holds the rating. For the head of an OPD the form sends no hasil kerja (it follows the
 * organisation: the service decides, whatever is posted).
 */
export const evaluasiSchema = z
  .object({
    hasilKerja: z.union([z.literal(''), z.enum(EKSPEKTASI)], { error: 'Pilih rating hasil kerja.' }).default(''),
    perilakuKerja: z.enum(EKSPEKTASI, { error: 'Pilih predikat perilaku kerja.' }),
    catatan: teksPanjang('Catatan', 2000),
    versi: z.coerce
      .number({ error: 'Muat ulang halaman.' })
      .int('Muat ulang halaman.')
      .min(0, 'Muat ulang halaman.')
      .max(INT4_MAX, 'Muat ulang halaman.'),
    // the form marks the head of an OPD (no hasil kerja field); the service checks it again
    hasilDariOrganisasi: z.enum(['1']).optional(),
    konfirmasiKurva: z.enum(['ya']).optional(),
  })
  // checked even when another field is wrong (`when`), so every missing choice is named at once
  .refine((v) => v.hasilDariOrganisasi === '1' || v.hasilKerja !== '', {
    path: ['hasilKerja'],
    message: 'Pilih rating hasil kerja.',
    when: () => true,
  })
  .transform((v) => ({
    hasilKerja: v.hasilKerja === '' ? null : v.hasilKerja,
    perilakuKerja: v.perilakuKerja,
    catatan: v.catatan ?? null,
    versi: v.versi,
    konfirmasiKurva: v.konfirmasiKurva === 'ya',
  }));

/**
 * `?tahun=&bulan=` → the period. Neither given: the month that ended last (on 1 January, last year's December).
 * `bulan` empty or absent with a year: the year. Anything unreadable falls back like a missing value (a bookmark
 * with a typo opens the usual page, as `?bulan=` does elsewhere).
 */
export function periodeParam(query: { tahun?: unknown; bulan?: unknown }, today: string): PeriodeEvaluasi {
  const bawaan = periodeTerakhir(today);
  const t = typeof query.tahun === 'string' && /^\d{4}$/.test(query.tahun) ? Number(query.tahun) : null;
  const tahun = t !== null && t >= 2000 && t <= 2100 ? t : null;
  const b = typeof query.bulan === 'string' && /^(0?[1-9]|1[0-2])$/.test(query.bulan) ? Number(query.bulan) : null;
  if (tahun === null) return b === null ? bawaan : { tahun: bawaan.tahun, bulan: b };
  if (b !== null) return { tahun, bulan: b };
  return query.bulan === undefined || query.bulan === '' ? { tahun, bulan: null } : { tahun, bulan: bawaan.bulan };
}

/** The query string of a period, for links and form actions. */
export const qsPeriode = (p: PeriodeEvaluasi): string => `tahun=${p.tahun}&bulan=${p.bulan ?? ''}`;
