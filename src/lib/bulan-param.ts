import { todayIn } from '../domain/periode.ts';

/** ?bulan=YYYY-MM → { tahun, bulan }, defaulting to this month in the Pemda; anything else falls back too. */
export function bulanParam(raw: unknown, tz: string, now: Date): { tahun: number; bulan: number; today: string } {
  const today = todayIn(tz, now);
  const m = typeof raw === 'string' ? raw.match(/^(\d{4})-(0[1-9]|1[0-2])$/) : null;
  if (m && Number(m[1]) >= 2000 && Number(m[1]) <= 2100) return { tahun: Number(m[1]), bulan: Number(m[2]), today };
  return { tahun: Number(today.slice(0, 4)), bulan: Number(today.slice(5, 7)), today };
}

/** YYYY-MM of the month `delta` months from (tahun, bulan). */
export function geserBulan(tahun: number, bulan: number, delta: number): string {
  const i = tahun * 12 + (bulan - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
