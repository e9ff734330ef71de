// TPP's shared vocabulary: a cut line, the breakdown's shape, and the rupiah format. The month's TPP itself (the
// components of the year's rule set, cuts, Plt/Plh, hukdis, bruto → neto; exact parts rounded once) is computed in
// one place: hitungBulan in ./bulan-pegawai.ts, by the rule set of ./aturan-tpp.ts.

import type { Pemicu } from './aturan-tpp.ts';

export type Potongan = {
  tanggal: string;
  jenis: 'TL' | 'PSW' | 'TK' | 'IZIN';
  band: 0 | 1 | 2 | 3 | 4;
  /** % per occurrence by the month's rule set (0: the rule set has no cut for it) */
  persen: number;
  /** the share it is taken from (issue 22; absent in months frozen before rule sets: the disiplin share) */
  dari?: 'kehadiran' | 'total';
};

/** The trigger of a cut line in the rule set's terms. */
export const pemicuPotongan = (p: Pick<Potongan, 'jenis' | 'band'>): Pemicu =>
  p.jenis === 'TK' || p.jenis === 'IZIN' ? p.jenis : (`${p.jenis}${p.band}` as Pemicu);

/** "TL2", "Tanpa keterangan", "Izin": a cut line's kind as the breakdown names it. */
export const labelPotongan = (p: Pick<Potongan, 'jenis' | 'band'>): string =>
  p.jenis === 'TK' ? 'Tanpa keterangan' : p.jenis === 'IZIN' ? 'Izin' : `${p.jenis}${p.band}`;

export type RincianTpp = {
  pagu: number;
  capaian: number;
  kinerja: number;
  disiplin: number;
  total: number;
  potonganPersen: number;
  potongan: Potongan[];
};

const rupiah = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
/** "Rp 4.600.000" */
export const formatRupiah = (v: number): string => `Rp ${rupiah.format(v)}`;
