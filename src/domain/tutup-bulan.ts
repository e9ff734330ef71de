import dayjs from 'dayjs';
import { batasTanggal } from './batas-input.ts';
import { formatTanggal, namaBulan, todayIn } from './periode.ts';

/**
 * Tutup bulan (issue 11): a month is closed once day `hari` of the next month has ended in the Pemda's time zone
 * (default day 10, after the input deadline of day 5 and the atasan's verification days). A closed month takes no
 * input, edit, delete, verify, return or unverify, so the figures read from it (capaian, TPP) stay as reported.
 */

/** Last calendar day (YYYY-MM-DD) on which the month of `tanggal` is still open. */
export const hariTerakhirTerbuka = (tanggal: string, hari: number): string => batasTanggal(tanggal, hari);

/** Is the month of `tanggal` closed at `now`? */
export function bulanDitutup(tanggal: string, now: Date, tz: string, hari: number): boolean {
  return todayIn(tz, now) > hariTerakhirTerbuka(tanggal, hari);
}

/** The first day of the earliest month still open at `now` (a mutasi may not be dated before it). */
export function awalBulanTerbuka(now: Date, tz: string, hari: number): string {
  const today = todayIn(tz, now);
  const lalu = dayjs
    .utc(`${today.slice(0, 7)}-01`)
    .subtract(1, 'month')
    .format('YYYY-MM-DD');
  return bulanDitutup(lalu, now, tz, hari) ? `${today.slice(0, 7)}-01` : lalu;
}

/** The message of the 409 page: which month, since when, and what to do. */
export function pesanDitutup(tanggal: string, hari: number): string {
  const [y, m] = tanggal.split('-').map(Number);
  return (
    `Bulan ${namaBulan(m)} ${y} sudah ditutup (sejak berakhirnya ${formatTanggal(hariTerakhirTerbuka(tanggal, hari))}). ` +
    'Realisasi bulan itu tidak dapat lagi diinput, diubah, dihapus, diverifikasi, dikembalikan, atau dibatalkan verifikasinya. ' +
    'Bila perlu dikoreksi, minta admin kepegawaian membuka kembali bulan itu untuk unit kerja Anda.'
  );
}
