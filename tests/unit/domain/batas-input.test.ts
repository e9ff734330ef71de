import { describe, expect, it } from 'vitest';
import { batasTanggal, cekBatasInput, sisaHariBatas } from '../../../src/domain/batas-input.ts';
import { capaianRataRata, capaianTarget, sebarRata } from '../../../src/domain/capaian.ts';

describe('cekBatasInput (day 5 of the next month, Pemda time zone)', () => {
  it.each([
    ['Asia/Jakarta', '2026-11-05T16:59:59Z', true], // 23:59:59 WIB
    ['Asia/Jakarta', '2026-11-05T17:00:00Z', false], // 00:00 WIB on the 6th
    ['Asia/Makassar', '2026-11-05T15:59:59Z', true], // 23:59:59 WITA
    ['Asia/Makassar', '2026-11-05T16:00:00Z', false],
    ['Asia/Jayapura', '2026-11-05T14:59:59Z', true], // 23:59:59 WIT
    ['Asia/Jayapura', '2026-11-05T15:00:00Z', false],
  ])('when an October entry is checked in %s at %s, then accepted = %s', (tz, now, ok) => {
    const r = cekBatasInput('2026-10-01', new Date(now), tz, 5);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.pesan).toBe('Batas input realisasi bulan Oktober 2026 sudah lewat (sampai 5 November 2026).');
  });

  it('when the date is tomorrow in the Pemda, then it is refused as future even if UTC is still yesterday', () => {
    // 2026-11-24 23:30 WIT is 14:30 UTC; the 25th is the future there
    expect(cekBatasInput('2026-11-25', new Date('2026-11-24T14:30:00Z'), 'Asia/Jayapura', 5)).toMatchObject({
      ok: false,
      alasan: 'masa-depan',
    });
    expect(cekBatasInput('2026-11-25', new Date('2026-11-24T15:30:00Z'), 'Asia/Jayapura', 5)).toEqual({ ok: true });
  });

  it('when December closes, then the deadline is in January of the next year; the setting moves it', () => {
    expect(batasTanggal('2026-12-31', 5)).toBe('2027-01-05');
    expect(batasTanggal('2026-01-15', 10)).toBe('2026-02-10');
    expect(cekBatasInput('2026-10-20', new Date('2026-11-08T00:00:00Z'), 'Asia/Jakarta', 10).ok).toBe(true);
  });

  it('when counting days to the deadline, then the last day is 0', () => {
    expect(sisaHariBatas(2026, 10, new Date('2026-11-05T05:00:00Z'), 'Asia/Jakarta', 5)).toBe(0);
    expect(sisaHariBatas(2026, 10, new Date('2026-11-02T05:00:00Z'), 'Asia/Jakarta', 5)).toBe(3);
  });
});

describe('capaian', () => {
  it('when only verified quantities count, then capaian is capped at 100% and a zero target has none', () => {
    expect(capaianTarget(5, 10)).toBe(0.5);
    expect(capaianTarget(15, 10)).toBe(1);
    expect(capaianTarget(3, 0)).toBeNull();
    expect(capaianRataRata([1, 0.5, null])).toBe(0.75);
    expect(capaianRataRata([null])).toBeNull();
  });

  it('when a target is spread evenly, then the months add up exactly, the cents going to the first months', () => {
    const s = sebarRata(13, 11);
    expect(s.slice(0, 10).every((v) => v === 0)).toBe(true);
    expect(s.slice(10)).toEqual([6.5, 6.5]);
    const t = sebarRata(10, 1);
    expect(Math.round(t.reduce((a, b) => a + b, 0) * 100)).toBe(1000);
    expect(t[0]).toBe(0.84);
    expect(t[11]).toBe(0.83);
    expect(sebarRata(0.05, 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.02, 0.02, 0.01]);
  });
});
