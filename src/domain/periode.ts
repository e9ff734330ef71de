import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const NAMA_BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** Today's calendar date (YYYY-MM-DD) in the Pemda's time zone (WIB/WITA/WIT). */
export function todayIn(tz: string, now: Date = new Date()): string {
  return dayjs(now).tz(tz).format('YYYY-MM-DD');
}

/** First and last day of a month, as YYYY-MM-DD. */
export function monthRange(tahun: number, bulan: number): { awal: string; akhir: string } {
  const first = dayjs.utc(`${tahun}-${String(bulan).padStart(2, '0')}-01`);
  return { awal: first.format('YYYY-MM-DD'), akhir: first.endOf('month').format('YYYY-MM-DD') };
}

export const namaBulan = (bulan: number) => NAMA_BULAN[bulan - 1];

/** "24 November 2026" */
export function formatTanggal(iso: string | Date): string {
  const d = dayjs.utc(iso); // calendar dates are stored as UTC midnight
  return `${d.date()} ${NAMA_BULAN[d.month()]} ${d.year()}`;
}
