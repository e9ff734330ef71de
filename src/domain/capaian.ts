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
