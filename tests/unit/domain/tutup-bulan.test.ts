import { describe, expect, it } from 'vitest';
import { awalBulanTerbuka, bulanDitutup, pesanDitutup } from '../../../src/domain/tutup-bulan.ts';

// Fixed instants (not the test clock): the rule at its edges, in WIB and WIT.
const at = (iso: string) => new Date(iso);

describe('tutup bulan after day 10 of the next month', () => {
  it('when it is 23:59:59 on 10 November WIB, then October is still open; at 00:00 on 11 November it is closed', () => {
    expect(bulanDitutup('2026-10-31', at('2026-11-10T23:59:59+07:00'), 'Asia/Jakarta', 10)).toBe(false);
    expect(bulanDitutup('2026-10-01', at('2026-11-11T00:00:00+07:00'), 'Asia/Jakarta', 10)).toBe(true);
  });
  it('when it is 00:30 on 11 November in WIT, then October is closed although it is still 10 November in WIB', () => {
    const now = at('2026-11-11T00:30:00+09:00');
    expect(bulanDitutup('2026-10-15', now, 'Asia/Jayapura', 10)).toBe(true);
    expect(bulanDitutup('2026-10-15', now, 'Asia/Jakarta', 10)).toBe(false);
  });
  it('when December closes in January, then the year turns with it', () => {
    expect(bulanDitutup('2026-12-31', at('2027-01-10T12:00:00+07:00'), 'Asia/Jakarta', 10)).toBe(false);
    expect(bulanDitutup('2026-12-31', at('2027-01-11T00:00:00+07:00'), 'Asia/Jakarta', 10)).toBe(true);
  });
  it('when the earliest open month is asked, then it is last month until day 10 and this month after', () => {
    expect(awalBulanTerbuka(at('2026-11-10T10:00:00+07:00'), 'Asia/Jakarta', 10)).toBe('2026-10-01');
    expect(awalBulanTerbuka(at('2026-11-11T10:00:00+07:00'), 'Asia/Jakarta', 10)).toBe('2026-11-01');
    expect(awalBulanTerbuka(at('2027-01-05T10:00:00+07:00'), 'Asia/Jakarta', 10)).toBe('2026-12-01');
  });
  it('when the page explains a closed month, then it names the month and its last open day', () => {
    expect(pesanDitutup('2026-10-15', 10)).toContain('Bulan Oktober 2026 sudah ditutup');
    expect(pesanDitutup('2026-10-15', 10)).toContain('10 November 2026');
  });
});
