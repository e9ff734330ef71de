import { describe, expect, it } from 'vitest';
import { capaianBulanan } from '../../../src/domain/capaian.ts';
import { bulanPeriode, EKSPEKTASI, predikatKinerja } from '../../../src/domain/predikat.ts';
import { band, ringkas, statusHari } from '../../../src/domain/presensi.ts';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings.ts';
import { hitungTpp } from '../../../src/domain/tpp.ts';

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

describe('TPP', () => {
  const settings = DEFAULT_SETTINGS;

  it('when pagu is 5,000,000, capaian 90 %, two TL1, one PSW2 and one day absent, then 2,700,000 + 1,900,000 = 4,600,000 (DOMAIN.md)', () => {
    const r = hitungTpp({
      pagu: 5_000_000,
      capaian: 0.9,
      settings,
      potongan: [
        { tanggal: '2026-11-02', jenis: 'TL', band: 1 },
        { tanggal: '2026-11-03', jenis: 'TL', band: 1 },
        { tanggal: '2026-11-04', jenis: 'PSW', band: 2 },
        { tanggal: '2026-11-05', jenis: 'TK', band: 0 },
      ],
    });
    expect(r).toMatchObject({ kinerja: 2_700_000, disiplin: 1_900_000, total: 4_600_000, potonganPersen: 5 });
    expect(r.potongan.map((p) => p.persen)).toEqual([0.5, 0.5, 1, 3]);
  });

  it('when the cuts pass 100 %, then the disiplin part is 0, not negative', () => {
    const potongan = Array.from({ length: 34 }, (_, i) => ({
      tanggal: `2026-11-${String(i + 1).padStart(2, '0')}`,
      jenis: 'TK' as const,
      band: 0 as const,
    }));
    const r = hitungTpp({ pagu: 5_000_000, capaian: 1, settings, potongan });
    expect(r.potonganPersen).toBe(102);
    expect(r.disiplin).toBe(0);
    expect(r.total).toBe(3_000_000);
  });

  it('when a part ends in exactly half a rupiah, then it is rounded up once; below half it is rounded down', () => {
    // 3,333,333 × 60 % × 50 % = 999,999.9 → 1,000,000; 3,333,333 × 40 % × (1 − 1.25 %) = 1,316,666.535 → 1,316,667
    const r = hitungTpp({ pagu: 3_333_333, capaian: 0.5, settings, potongan: [{ tanggal: '2026-11-02', jenis: 'PSW', band: 3 }] });
    expect(r.kinerja).toBe(1_000_000);
    expect(r.disiplin).toBe(1_316_667);
    // 1,000,001 × 60 % × 0.5 = 300,000.3 → 300,000 ; 1,000,005 × 40 % × 99.5 % = 398,001.99 → 398,002
    expect(hitungTpp({ pagu: 1_000_001, capaian: 0.5, settings, potongan: [] }).kinerja).toBe(300_000);
    expect(hitungTpp({ pagu: 1_000_005, capaian: 0, settings, potongan: [{ tanggal: '2026-11-02', jenis: 'TL', band: 1 }] })).toMatchObject(
      {
        kinerja: 0,
        disiplin: 398_002,
      },
    );
    // exactly half: 5 × 60 % × 50 % = 1.5 → 2
    expect(hitungTpp({ pagu: 5, capaian: 0.5, settings, potongan: [] }).kinerja).toBe(2);
  });

  it('when capaian is missing (no target), then the kinerja part is 0', () => {
    expect(hitungTpp({ pagu: 1_000_000, capaian: null, settings, potongan: [] })).toMatchObject({ kinerja: 0, disiplin: 400_000 });
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

  it('when the periods are listed, then each triwulan has its three months and the year all twelve', () => {
    expect(EKSPEKTASI).toHaveLength(3);
    expect(bulanPeriode('TW1')).toEqual([1, 2, 3]);
    expect(bulanPeriode('TW4')).toEqual([10, 11, 12]);
    expect(bulanPeriode('TAHUNAN')).toHaveLength(12);
  });
});
