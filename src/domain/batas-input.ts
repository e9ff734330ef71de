import dayjs from 'dayjs';
import { formatTanggal, namaBulan, todayIn } from './periode.ts';

export type BatasInput = { ok: true } | { ok: false; alasan: 'masa-depan' | 'lewat-batas'; pesan: string };

/**
 * Whether a realisasi dated `tanggal` (YYYY-MM-DD) may be added, changed or deleted at `now`.
 * DOMAIN.md: entries for a month are accepted until the end of day `batasHari` of the next month, in the Pemda's
 * time zone; no entry dated in the future.
 */
export function cekBatasInput(tanggal: string, now: Date, tz: string, batasHari: number): BatasInput {
  const today = todayIn(tz, now);
  if (tanggal > today) return { ok: false, alasan: 'masa-depan', pesan: 'Tanggal realisasi tidak boleh melewati hari ini.' };
  const batas = batasTanggal(tanggal, batasHari);
  if (today > batas) {
    const [y, m] = tanggal.split('-').map(Number);
    return {
      ok: false,
      alasan: 'lewat-batas',
      pesan: `Batas input realisasi bulan ${namaBulan(m)} ${y} sudah lewat (sampai ${formatTanggal(batas)}).`,
    };
  }
  return { ok: true };
}

/** Last calendar day on which entries of `tanggal`'s month are accepted (YYYY-MM-DD). */
export function batasTanggal(tanggal: string, batasHari: number): string {
  return dayjs
    .utc(`${tanggal.slice(0, 7)}-01`)
    .add(1, 'month')
    .date(batasHari)
    .format('YYYY-MM-DD');
}

/**
 * The month before `today`'s while its entries are still accepted (days 1 to `batasHari`), else null: on those days
 * Realisasi Kinerja points the pegawai to it, since a new month starts empty.
 */
export function bulanLaluMasihTerbuka(today: string, batasHari: number): { tahun: number; bulan: number; batas: string } | null {
  const lalu = dayjs.utc(`${today.slice(0, 7)}-01`).subtract(1, 'month');
  const batas = batasTanggal(lalu.format('YYYY-MM-DD'), batasHari);
  return today <= batas ? { tahun: lalu.year(), bulan: lalu.month() + 1, batas } : null;
}

/** Days left (in the Pemda's calendar) until the deadline of a month; 0 on the last day, negative when passed. */
export function sisaHariBatas(tahun: number, bulan: number, now: Date, tz: string, batasHari: number): number {
  const batas = batasTanggal(`${tahun}-${String(bulan).padStart(2, '0')}-01`, batasHari);
  return dayjs.utc(batas).diff(dayjs.utc(todayIn(tz, now)), 'day');
}

/**
 * Issue 11: the last day (YYYY-MM-DD) on which an entry returned at `returnedAt` may still be corrected, even past the
 * input deadline: `hari` days after the day of the return, in the Pemda's calendar (the month must still be open).
 */
export function batasKoreksi(returnedAt: Date, tz: string, hari: number): string {
  return dayjs.utc(todayIn(tz, returnedAt)).add(hari, 'day').format('YYYY-MM-DD');
}
