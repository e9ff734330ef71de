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

// Calendar arithmetic on UTC days with Date.UTC (a day past a month's end rolls into the next month, as dayjs's
// .date() did): Realisasi Kinerja computes these on every view (issue 20: dayjs was ~6 % of that page's CPU).
const hari = (y: number, m0: number, d: number) => new Date(Date.UTC(y, m0, d)).toISOString().slice(0, 10);
const tanggalUtc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Last calendar day on which entries of `tanggal`'s month are accepted (YYYY-MM-DD). */
export function batasTanggal(tanggal: string, batasHari: number): string {
  return hari(Number(tanggal.slice(0, 4)), Number(tanggal.slice(5, 7)), batasHari);
}

/**
 * The month before `today`'s while its entries are still accepted (days 1 to `batasHari`), else null: on those days
 * Realisasi Kinerja points the pegawai to it, since a new month starts empty.
 */
export function bulanLaluMasihTerbuka(today: string, batasHari: number): { tahun: number; bulan: number; batas: string } | null {
  const lalu = hari(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1);
  const batas = batasTanggal(lalu, batasHari);
  return today <= batas ? { tahun: Number(lalu.slice(0, 4)), bulan: Number(lalu.slice(5, 7)), batas } : null;
}

/** Days left (in the Pemda's calendar) until the deadline of a month; 0 on the last day, negative when passed. */
export function sisaHariBatas(tahun: number, bulan: number, now: Date, tz: string, batasHari: number): number {
  const batas = batasTanggal(`${tahun}-${String(bulan).padStart(2, '0')}-01`, batasHari);
  return Math.round((tanggalUtc(batas) - tanggalUtc(todayIn(tz, now))) / 86_400_000);
}

/**
 * Issue 11: the last day (YYYY-MM-DD) on which an entry returned at `returnedAt` may still be corrected, even past the
 * input deadline: `hariKoreksi` days after the day of the return, in the Pemda's calendar (the month must still be open).
 */
export function batasKoreksi(returnedAt: Date, tz: string, hariKoreksi: number): string {
  const d = todayIn(tz, returnedAt);
  return hari(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)) + hariKoreksi);
}
