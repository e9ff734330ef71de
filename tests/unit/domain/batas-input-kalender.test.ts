// Issue 20 moved the input deadlines' calendar arithmetic from dayjs to Date.UTC (Realisasi Kinerja computes them on
// every view). The same answers as dayjs's, for every day of 2024–2030 and every deadline day of the month.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { describe, expect, it } from 'vitest';
import { batasKoreksi, batasTanggal, bulanLaluMasihTerbuka, sisaHariBatas } from '../../../src/domain/batas-input.ts';
import { todayIn } from '../../../src/domain/periode.ts';

dayjs.extend(utc);
const days: string[] = [];
for (let d = dayjs.utc('2024-01-01'); d.isBefore(dayjs.utc('2031-01-01')); d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));

describe('input deadlines without dayjs', () => {
  it('when every day of 2024–2030 meets deadline days 1–31, then the deadline, the open month before and the days left are what dayjs computes', () => {
    for (const hari of days)
      for (const batasHari of [1, 5, 10, 28, 29, 30, 31]) {
        const batas = dayjs
          .utc(`${hari.slice(0, 7)}-01`)
          .add(1, 'month')
          .date(batasHari)
          .format('YYYY-MM-DD');
        expect(batasTanggal(hari, batasHari)).toBe(batas);
        const lalu = dayjs.utc(`${hari.slice(0, 7)}-01`).subtract(1, 'month');
        const batasLalu = lalu.add(1, 'month').date(batasHari).format('YYYY-MM-DD');
        expect(bulanLaluMasihTerbuka(hari, batasHari)).toEqual(
          hari <= batasLalu ? { tahun: lalu.year(), bulan: lalu.month() + 1, batas: batasLalu } : null,
        );
        const now = new Date(`${hari}T05:00:00Z`); // midday in WIB
        const [tahun, bulan] = [Number(hari.slice(0, 4)), Number(hari.slice(5, 7))];
        expect(sisaHariBatas(tahun, bulan, now, 'Asia/Jakarta', batasHari)).toBe(
          dayjs.utc(batasTanggal(hari, batasHari)).diff(dayjs.utc(todayIn('Asia/Jakarta', now)), 'day'),
        );
      }
  });

  it('when an entry was returned on any day of 2024–2030, then the last day to correct it is what dayjs computes', () => {
    for (const hari of days)
      for (const n of [0, 1, 5, 30]) {
        const returnedAt = new Date(`${hari}T16:59:00Z`); // 23:59 WIB, 00:59 the next day in WIT
        for (const tz of ['Asia/Jakarta', 'Asia/Jayapura'])
          expect(batasKoreksi(returnedAt, tz, n)).toBe(dayjs.utc(todayIn(tz, returnedAt)).add(n, 'day').format('YYYY-MM-DD'));
      }
  });
});
