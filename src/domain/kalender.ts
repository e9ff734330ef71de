import type { Settings } from './settings.ts';

const HARI = ['minggu', 'senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu'] as const;

/** The weekday of a calendar date (YYYY-MM-DD) as the setting `jamKerja` names it. */
export const namaHari = (tanggal: string): (typeof HARI)[number] => HARI[new Date(`${tanggal}T00:00:00Z`).getUTCDay()];

/**
 * Issue 11: why a date is not a working day (a hari libur, or a weekday without jam kerja), or null. An entry on
 * such a day is allowed, asks for confirmation, or is refused (setting `realisasiHariLibur`).
 */
export function bukanHariKerja(tanggal: string, jamKerja: Settings['jamKerja'], libur: Map<string, string>): string | null {
  const nama = libur.get(tanggal);
  if (nama) return `hari libur (${nama})`;
  const hari = namaHari(tanggal);
  return jamKerja[hari] === null ? `hari ${hari.charAt(0).toUpperCase()}${hari.slice(1)}, bukan hari kerja` : null;
}

/** Minutes per pegawai per day: never more than a day has (hard), and a softer warning above the setting. */
export const MENIT_SEHARI = 1440;
