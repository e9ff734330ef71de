// TPP (DOMAIN.md): kinerja part = pagu × porsi kinerja × capaian; disiplin part = pagu × porsi disiplin × (1 − Σ cuts),
// never below 0. Each part is computed exactly and rounded half up to whole rupiah once, at the end; TPP = the sum.
//
// Exactness: percentages (porsi, cuts) are taken in hundredths of a percent and capaian at six decimals (0.0001 %),
// all as integers, so the product is an exact fraction (BigInt) and only the final division rounds.

import type { Settings } from './settings.ts';

export type Potongan = { tanggal: string; jenis: 'TL' | 'PSW' | 'TK'; band: 0 | 1 | 2 | 3 | 4; persen: number };

export type RincianTpp = {
  pagu: number;
  capaian: number;
  kinerja: number;
  disiplin: number;
  total: number;
  potonganPersen: number;
  potongan: Potongan[];
};

const seperseratus = (persen: number) => BigInt(Math.round(persen * 100)); // % → hundredths of %
const CAPAIAN_SKALA = 1_000_000n;

/** Round a non-negative fraction num/den half up to an integer. */
function bulatkan(num: bigint, den: bigint): number {
  return Number((2n * num + den) / (2n * den));
}

/** The cut (%) of one TL/PSW occurrence of a band, or of one day tanpa keterangan. */
export function persenPotongan(p: Pick<Potongan, 'jenis' | 'band'>, tarif: Settings['tppPotongan']): number {
  if (p.jenis === 'TK') return tarif.alpa;
  return [0, tarif.band1, tarif.band2, tarif.band3, tarif.band4][p.band];
}

export function hitungTpp(input: {
  pagu: number;
  capaian: number | null; // 0…1; none (no target) counts as 0
  potongan: Omit<Potongan, 'persen'>[];
  settings: Pick<Settings, 'tppPorsiKinerja' | 'tppPorsiDisiplin' | 'tppPotongan'>;
}): RincianTpp {
  const { pagu, settings } = input;
  const capaian = Math.min(1, Math.max(0, input.capaian ?? 0));
  const potongan = input.potongan.map((p) => ({ ...p, persen: persenPotongan(p, settings.tppPotongan) }));
  const cuts = potongan.reduce((s, p) => s + seperseratus(p.persen), 0n);
  const sisa = cuts >= 10_000n ? 0n : 10_000n - cuts; // floor at 0: the disiplin part never goes negative
  const P = BigInt(pagu);
  const kinerja = bulatkan(P * seperseratus(settings.tppPorsiKinerja) * BigInt(Math.round(capaian * 1_000_000)), 10_000n * CAPAIAN_SKALA);
  const disiplin = bulatkan(P * seperseratus(settings.tppPorsiDisiplin) * sisa, 10_000n * 10_000n);
  return {
    pagu,
    capaian,
    kinerja,
    disiplin,
    total: kinerja + disiplin,
    potonganPersen: Number(cuts) / 100,
    potongan,
  };
}

const rupiah = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
/** "Rp 4.600.000" */
export const formatRupiah = (v: number): string => `Rp ${rupiah.format(v)}`;
