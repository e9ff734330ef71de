import type { z } from 'zod';
import type { Settings } from '../../domain/settings.ts';
import { LABEL_PREDIKAT_ORGANISASI, PREDIKAT_ORGANISASI } from '../../domain/skp.ts';

/**
 * The settings of the distribution curve and of the organisation's predikat (issue 19), as fields of the Pengaturan
 * form (src/validation/admin-pengaturan.schema.ts spreads them in and calls `kurvaDariForm`): flat names
 * ("kurvaDistribusi.BAIK.maksBaik", "predikatOrganisasiBatas.baik"), each with its message next to it.
 */

type Angka = (label: string, opts: { int?: boolean; min: number; max: number }) => z.ZodType<number, string>;

const BATAS_ORGANISASI = [
  ['istimewa', 'Istimewa'],
  ['baik', 'Baik'],
  ['butuhPerbaikan', 'Butuh Perbaikan'],
  ['kurang', 'Kurang'],
] as const;
const KOLOM_KURVA = [
  ['maksSangatBaik', 'Sangat Baik paling banyak (%)'],
  ['maksBaik', 'Baik paling banyak (%)'],
  ['minDiBawahBaik', 'Di bawah Baik paling sedikit (orang)'],
] as const;

/** The fields, built with the form's own number helper. */
export function kurvaFields(angka: Angka) {
  const out: Record<string, z.ZodType<number, string>> = {};
  for (const [k, label] of BATAS_ORGANISASI) out[`predikatOrganisasiBatas.${k}`] = angka(`Batas ${label}`, { min: 0, max: 1000 });
  for (const p of PREDIKAT_ORGANISASI)
    for (const [k, label] of KOLOM_KURVA)
      out[`kurvaDistribusi.${p}.${k}`] =
        k === 'minDiBawahBaik'
          ? angka(`${LABEL_PREDIKAT_ORGANISASI[p]}: ${label}`, { int: true, min: 0, max: 1000 })
          : angka(`${LABEL_PREDIKAT_ORGANISASI[p]}: ${label}`, { min: 0, max: 100 });
  return out;
}

/** The flat values → the two settings; a rule across fields is reported next to its field. */
export function kurvaDariForm(
  f: Record<string, unknown>,
  ctx: z.RefinementCtx,
): Pick<Settings, 'predikatOrganisasiBatas' | 'kurvaDistribusi'> {
  const n = (k: string) => f[k] as number;
  const predikatOrganisasiBatas = {
    istimewa: n('predikatOrganisasiBatas.istimewa'),
    baik: n('predikatOrganisasiBatas.baik'),
    butuhPerbaikan: n('predikatOrganisasiBatas.butuhPerbaikan'),
    kurang: n('predikatOrganisasiBatas.kurang'),
  };
  const b = predikatOrganisasiBatas;
  if (!(b.istimewa > b.baik && b.baik > b.butuhPerbaikan && b.butuhPerbaikan > b.kurang))
    ctx.addIssue({
      code: 'custom',
      path: ['predikatOrganisasiBatas.baik'],
      message: 'Batas harus menurun: Istimewa > Baik > Butuh Perbaikan > Kurang.',
    });
  const kurvaDistribusi = Object.fromEntries(
    PREDIKAT_ORGANISASI.map((p) => [
      p,
      {
        maksSangatBaik: n(`kurvaDistribusi.${p}.maksSangatBaik`),
        maksBaik: n(`kurvaDistribusi.${p}.maksBaik`),
        minDiBawahBaik: n(`kurvaDistribusi.${p}.minDiBawahBaik`),
      },
    ]),
  ) as Settings['kurvaDistribusi'];
  return { predikatOrganisasiBatas, kurvaDistribusi };
}

/** The two settings → the form's flat strings. */
export function kurvaKeForm(s: Settings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k] of BATAS_ORGANISASI) out[`predikatOrganisasiBatas.${k}`] = String(s.predikatOrganisasiBatas[k]);
  for (const p of PREDIKAT_ORGANISASI) for (const [k] of KOLOM_KURVA) out[`kurvaDistribusi.${p}.${k}`] = String(s.kurvaDistribusi[p][k]);
  return out;
}

/** What the form's section lays out (views/skp/kurva/_pengaturan.ejs). */
export const KURVA_FORM = {
  batasOrganisasi: BATAS_ORGANISASI,
  kolom: KOLOM_KURVA,
  predikat: PREDIKAT_ORGANISASI,
  label: LABEL_PREDIKAT_ORGANISASI,
};
