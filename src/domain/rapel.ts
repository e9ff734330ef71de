import { formatTanggal, namaBulan } from './periode.ts';

// The rapel of a postponed month (issue 22, docs/aturan-tpp.md "Rapel"): a month held by a penundaan when it was
// ditetapkan stays owed; once released, the first penetapan made on or after the release date pays it on its daftar
// pembayaran, as a line of its own with the held month's frozen neto. Paid exactly once
// (tpp_rapel's key is the held month). A release recorded before the held month is ditetapkan pays it in its own month.

export type Rapel = { tahun: number; bulan: number; dilepas: string };

/** The line's text on every output: "Rapel TPP Oktober 2026 (penundaan dilepas 20 November 2026)". */
export const labelRapel = (r: Rapel): string =>
  `Rapel TPP ${namaBulan(r.bulan)} ${r.tahun} (penundaan dilepas ${formatTanggal(r.dilepas)})`;

/** "November 2026": the month whose daftar pembayaran pays it. */
export const labelDaftar = (d: { tahun: number; bulan: number }): string => `${namaBulan(d.bulan)} ${d.tahun}`;
