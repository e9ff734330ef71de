import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { describe, expect, it } from 'vitest';
import { formatTanggal, monthRange } from '../../../src/domain/periode.ts';

dayjs.extend(utc);

// monthRange and formatTanggal are computed without dayjs (issue 12: they run on every page); dayjs is the reference.
describe('periode without dayjs', () => {
  it('when any month of 1999–2101 is asked, then its first and last day are those dayjs gives (leap years included)', () => {
    for (let tahun = 1999; tahun <= 2101; tahun++)
      for (let bulan = 1; bulan <= 12; bulan++) {
        const first = dayjs.utc(`${tahun}-${String(bulan).padStart(2, '0')}-01`);
        expect(monthRange(tahun, bulan)).toEqual({ awal: first.format('YYYY-MM-DD'), akhir: first.endOf('month').format('YYYY-MM-DD') });
      }
    expect(monthRange(2028, 2).akhir).toBe('2028-02-29');
    expect(monthRange(2100, 2).akhir).toBe('2100-02-28');
  });

  it('when a date is formatted as a string, a Date at UTC midnight or a timestamp, then it reads as the same Indonesian date', () => {
    expect(formatTanggal('2026-11-01')).toBe('1 November 2026');
    expect(formatTanggal(new Date(Date.UTC(2028, 1, 29)))).toBe('29 Februari 2028');
    expect(formatTanggal('2026-12-31T20:00:00Z')).toBe('31 Desember 2026');
    expect(formatTanggal('2027-01-01T03:00:00+07:00')).toBe('31 Desember 2026');
  });
});
