import { describe, expect, it } from 'vitest';
import { capaianBulanan } from '../../../src/domain/capaian.ts';
import { EKSPEKTASI, PREDIKAT, predikatKinerja } from '../../../src/domain/predikat.ts';
import { band, ringkas, statusHari } from '../../../src/domain/presensi.ts';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings.ts';

const jamKerja = DEFAULT_SETTINGS.jamKerja; // Mon–Thu 07:30–16:00, Fri 07:30–16:30, weekend off
const SENIN = '2026-11-23';

describe('presensi bands (DOMAIN.md: 1–30, 31–60, 61–90, > 90 minutes)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [60, 2],
    [61, 3],
    [90, 3],
    [91, 4],
  ])('when someone is %i minutes late, then the band is %i', (menit, b) => {
    expect(band(menit)).toBe(b);
  });

  it.each([
    ['07:30', 0, 0],
    ['07:30:00', 0, 0],
    ['07:30:01', 1, 1], // a started minute counts
    ['07:31', 1, 1],
    ['08:00', 30, 1],
    ['08:01', 31, 2],
    ['08:30', 60, 2],
    ['08:31', 61, 3],
    ['09:00', 90, 3],
    ['09:01', 91, 4],
  ])('when the clock-in on a Monday is %s, then TL is %i minutes, band %i', (masuk, menit, b) => {
    expect(statusHari({ tanggal: SENIN, jamKerja, jamMasuk: masuk, jamPulang: '16:00' })).toEqual({
      jenis: 'hadir',
      tlMenit: menit,
      pswMenit: 0,
      tl: b,
      psw: 0,
    });
  });

  it('when someone leaves at 15:29 on a Monday and 16:00 on a Friday (ends 16:30), then PSW bands 2 and 1', () => {
    expect(statusHari({ tanggal: SENIN, jamKerja, jamMasuk: '07:00', jamPulang: '15:29' })).toMatchObject({ pswMenit: 31, psw: 2 });
    expect(statusHari({ tanggal: '2026-11-27', jamKerja, jamMasuk: '07:00', jamPulang: '16:00' })).toMatchObject({ pswMenit: 30, psw: 1 });
  });

  it('when a record has no clock-in or no clock-out, then that side is band 4; neither is tanpa keterangan', () => {
    expect(statusHari({ tanggal: SENIN, jamKerja, jamMasuk: null, jamPulang: '16:00' })).toMatchObject({ tl: 4, psw: 0 });
    expect(statusHari({ tanggal: SENIN, jamKerja, jamMasuk: '07:00', jamPulang: null })).toMatchObject({ tl: 0, psw: 4 });
    expect(statusHari({ tanggal: SENIN, jamKerja, jamMasuk: null, jamPulang: null })).toEqual({ jenis: 'tanpa-keterangan' });
  });

  it('when the day is a hari libur, covered by izin, or a Saturday, then a missing record is not absent and a late one counts nothing', () => {
    const days = [
      statusHari({ tanggal: SENIN, jamKerja, libur: 'Cuti bersama', jamMasuk: null, jamPulang: null }),
      statusHari({ tanggal: SENIN, jamKerja, ketidakhadiran: 'IZIN', jamMasuk: '10:00', jamPulang: null }),
      statusHari({ tanggal: '2026-11-28', jamKerja, jamMasuk: '11:00', jamPulang: '12:00' }),
      statusHari({ tanggal: SENIN, jamKerja, jamMasuk: null, jamPulang: null }),
      statusHari({ tanggal: SENIN, jamKerja, jamMasuk: '08:01', jamPulang: null }),
    ];
    expect(days.slice(0, 3).map((d) => d.jenis)).toEqual(['libur', 'ketidakhadiran', 'bukan-hari-kerja']);
    expect(ringkas(days)).toEqual({ hariKerja: 2, hadir: 1, tl: [0, 0, 1, 0, 0], psw: [0, 0, 0, 0, 1], alpa: 1, menitTl: 31 });
  });
});

describe('capaian bulanan', () => {
  it('when only verified quantities are given, then each target is capped at 100% and the month is weighted by planned minutes', () => {
    // 10 × 60 min planned (600), done 5 → 50 %; 2 × 30 min (60), done 4 → capped 100 %; a target of 0 asks nothing
    const r = capaianBulanan([
      { target: 10, terverifikasi: 5, normaWaktu: 60 },
      { target: 2, terverifikasi: 4, normaWaktu: 30 },
      { target: 0, terverifikasi: 3, normaWaktu: 60 },
    ]);
    expect(r.perTarget).toEqual([0.5, 1, null]);
    expect(r.capaian).toBeCloseTo((0.5 * 600 + 1 * 60) / 660, 12); // 0.5454…
  });

  it('when a tiny self-added target is fully done beside an untouched main one, then it lifts the month only by its weight', () => {
    const r = capaianBulanan([
      { target: 20, terverifikasi: 0, normaWaktu: 120 }, // 2,400 min planned
      { target: 1, terverifikasi: 1, normaWaktu: 10 }, // 10 min planned
    ]);
    expect(r.capaian).toBeCloseTo(10 / 2410, 12);
  });

  it('when there is no target this month, then there is no capaian', () => {
    expect(capaianBulanan([]).capaian).toBeNull();
    expect(capaianBulanan([{ target: 0, terverifikasi: 2, normaWaktu: 60 }]).capaian).toBeNull();
  });
});

describe('predikat kinerja (PermenPAN-RB 6/2022)', () => {
  it.each([
    ['DI_ATAS', 'DI_BAWAH', 'Kurang/Misconduct'],
    ['DI_ATAS', 'SESUAI', 'Baik'],
    ['DI_ATAS', 'DI_ATAS', 'Sangat Baik'],
    ['SESUAI', 'DI_BAWAH', 'Kurang/Misconduct'],
    ['SESUAI', 'SESUAI', 'Baik'],
    ['SESUAI', 'DI_ATAS', 'Baik'],
    ['DI_BAWAH', 'DI_BAWAH', 'Sangat Kurang'],
    ['DI_BAWAH', 'SESUAI', 'Butuh Perbaikan'],
    ['DI_BAWAH', 'DI_ATAS', 'Butuh Perbaikan'],
  ] as const)('when hasil kerja is %s and perilaku %s, then the predikat is %s', (h, p, expected) => {
    expect(predikatKinerja(h, p)).toBe(expected);
  });

  it('when every pair of ratings is rated, then the matrix gives exactly the five predikat the database accepts', () => {
    expect(EKSPEKTASI).toHaveLength(3);
    const given = new Set(EKSPEKTASI.flatMap((h) => EKSPEKTASI.map((p) => predikatKinerja(h, p))));
    expect([...given].sort()).toEqual([...PREDIKAT].sort());
  });
});
