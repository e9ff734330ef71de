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

// One formatter per zone: dayjs' tz() builds a new Intl.DateTimeFormat on every call, which was ~7 % of a
// Realisasi Kinerja request's CPU (issue 12 profile). en-CA writes dates as YYYY-MM-DD.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (YYYY-MM-DD) in the Pemda's time zone (WIB/WITA/WIT). */
export function todayIn(tz: string, now: Date): string {
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(tz, f);
  }
  return f.format(now);
}

/**
 * An instant written by a person: with a zone (`2026-12-01T00:30:00+07:00`, `…Z`) it is that instant; without one
 * (`2026-12-01T00:30`, `2026-12-01`) it is that wall-clock time in the Pemda's zone `tz`. Null when unreadable.
 */
export function parseWaktu(text: string, tz: string): Date | null {
  const t = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
    const ms = Date.parse(t);
    return Number.isFinite(ms) ? new Date(ms) : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(t)) return null;
  const d = dayjs.tz(t, tz);
  return d.isValid() && d.format(t.length === 10 ? 'YYYY-MM-DD' : t.length === 16 ? 'YYYY-MM-DDTHH:mm' : 'YYYY-MM-DDTHH:mm:ss') === t
    ? d.toDate()
    : null;
}

/** First and last day of a month, as YYYY-MM-DD. */
export function monthRange(tahun: number, bulan: number): { awal: string; akhir: string } {
  // plain arithmetic: read on every page (dayjs here was a few % of a page's CPU)
  const ym = `${String(tahun).padStart(4, '0')}-${String(bulan).padStart(2, '0')}`;
  const hari = new Date(Date.UTC(tahun, bulan, 0)).getUTCDate(); // day 0 of the next month: the last of this one
  return { awal: `${ym}-01`, akhir: `${ym}-${String(hari).padStart(2, '0')}` };
}

export const namaBulan = (bulan: number) => NAMA_BULAN[bulan - 1];

/** "24 November 2026" */
export function formatTanggal(iso: string | Date): string {
  // calendar dates are stored as UTC midnight; the common shapes without dayjs (one call per entry row of a page)
  if (iso instanceof Date) return `${iso.getUTCDate()} ${NAMA_BULAN[iso.getUTCMonth()]} ${iso.getUTCFullYear()}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso))
    return `${Number(iso.slice(8, 10))} ${NAMA_BULAN[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(0, 4))}`;
  const d = dayjs.utc(iso);
  return `${d.date()} ${NAMA_BULAN[d.month()]} ${d.year()}`;
}
