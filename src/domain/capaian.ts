// Capaian (DOMAIN.md): only verified realisasi count; per target realisasi ÷ target, capped at 100%.

/** Capaian of one target as a fraction 0…1, or null when the target is 0 (nothing was asked). */
export function capaianTarget(realisasiTerverifikasi: number, target: number): number | null {
  if (!(target > 0)) return null;
  return Math.min(1, Math.max(0, realisasiTerverifikasi) / target);
}

/** Overall capaian: the mean of the targets' capaian (each capped), ignoring targets of 0. */
export function capaianRataRata(list: (number | null)[]): number | null {
  const values = list.filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Time-based variant: verified minutes ÷ monthly effective minutes, capped at 100%. */
export function capaianWaktu(menitTerverifikasi: number, menitEfektifBulanan: number): number {
  return Math.min(1, Math.max(0, menitTerverifikasi) / menitEfektifBulanan);
}

const persen = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
/** "87,5%" */
export const formatPersen = (v: number | null): string => (v === null ? '–' : `${persen.format(Math.round(v * 1000) / 10)}%`);

/**
 * Spreads an annual quantity evenly over months `dariBulan`…12 (two decimals); the cents that do not divide go to
 * the first months, so the months always add up to the total exactly.
 */
export function sebarRata(total: number, dariBulan: number): number[] {
  const months = Array.from({ length: 12 }, () => 0);
  const n = 13 - dariBulan;
  const cents = Math.round(total * 100);
  const base = Math.floor(cents / n);
  let rest = cents - base * n;
  for (let m = dariBulan; m <= 12; m++) {
    months[m - 1] = (base + (rest > 0 ? 1 : 0)) / 100;
    if (rest > 0) rest--;
  }
  return months;
}

/**
 * Capaian bulanan (monthly): per monthly target, verified realisasi ÷ target (capped at 100%); the month's figure is
 * the mean weighted by each target's planned minutes (target × norma waktu of its kegiatan tugas jabatan).
 * Why weighted: a self-added target of 1 × 10 minutes must not weigh as much as a main SKP target of 20 × 120 minutes
 * (the plain mean let a tiny target lift the month); weighting by planned work keeps self-added targets in the figure
 * in proportion to the work they stand for. A target of 0 this month asks nothing and is left out. A "tugas tambahan"
 * (realisasi without a target) has no target to divide by: it counts only in the minutes-based capaian.
 * A pegawai's month applies the same rule as one exact fraction (capaianBulan in src/domain/bulan-pegawai.ts).
 */
export function capaianBulanan(targets: { target: number; terverifikasi: number; normaWaktu: number }[]): {
  perTarget: (number | null)[];
  capaian: number | null;
} {
  let bobot = 0;
  let jumlah = 0;
  const perTarget = targets.map((t) => {
    const c = capaianTarget(t.terverifikasi, t.target);
    if (c === null) return null;
    const w = t.target * t.normaWaktu;
    bobot += w;
    jumlah += c * w;
    return c;
  });
  return { perTarget, capaian: bobot > 0 ? jumlah / bobot : null };
}
