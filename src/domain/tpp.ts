// TPP's shared vocabulary: a cut line and its rate, the breakdown's shape, and the rupiah format. The month's TPP itself
// (kinerja, disiplin, Plt/Plh, exact parts rounded once) is computed in one place: hitungBulan in ./bulan-pegawai.ts.

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

/** The cut (%) of one TL/PSW occurrence of a band, or of one day tanpa keterangan. */
export function persenPotongan(p: Pick<Potongan, 'jenis' | 'band'>, tarif: Settings['tppPotongan']): number {
  if (p.jenis === 'TK') return tarif.alpa;
  return [0, tarif.band1, tarif.band2, tarif.band3, tarif.band4][p.band];
}

const rupiah = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
/** "Rp 4.600.000" */
export const formatRupiah = (v: number): string => `Rp ${rupiah.format(v)}`;
