import { describe, expect, it } from 'vitest';
import type { TargetBulan } from '../../../src/domain/bulan-pegawai.ts';
import { capaianBulan, nilaiPecahan } from '../../../src/domain/bulan-pegawai.ts';
import { capaianPerRhk } from '../../../src/domain/evaluasi.ts';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings.ts';
import {
  hasilKerjaPimpinan,
  kepalaOpd,
  opdDari,
  periodeBerakhir,
  periodeTerakhir,
  predikatOrganisasiDari,
  rentangPeriode,
} from '../../../src/domain/skp.ts';
import { periodeParam } from '../../../src/features/skp/evaluasi.schema.ts';

// The leader's rule and the OPD (issue 19), the periods of an evaluation, and the capaian per RHK beside the form.

// Pemda (1) → Dinas (2) → Bidang (3) → Seksi (4); Sekretariat Daerah (5) under the Pemda too.
const induk = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 2],
  [4, 3],
  [5, 1],
]);

describe('the OPD of a unit and the head of an OPD', () => {
  it('when a unit lies anywhere under a dinas, then its OPD is the dinas; the dinas is its own OPD; the Pemda is its own', () => {
    expect(opdDari(4, induk)).toBe(2);
    expect(opdDari(3, induk)).toBe(2);
    expect(opdDari(2, induk)).toBe(2);
    expect(opdDari(1, induk)).toBe(1);
    expect(opdDari(null, induk)).toBeNull();
    expect(opdDari(99, induk)).toBeNull();
  });

  it('when nobody over a pegawai is in their OPD (atasan in the Sekretariat Daerah, or none), then they head it; the Sekretaris Dinas under the Kepala Dinas does not', () => {
    expect(kepalaOpd({ opdId: 2, atasanOpdIds: [5] })).toBe(true);
    expect(kepalaOpd({ opdId: 5, atasanOpdIds: [] })).toBe(true); // the Sekda: no atasan
    expect(kepalaOpd({ opdId: 2, atasanOpdIds: [2] })).toBe(false);
    // the post above is vacant, but a Plt from the same OPD holds it: not the top
    expect(kepalaOpd({ opdId: 2, atasanOpdIds: [5, 2] })).toBe(false);
    expect(kepalaOpd({ opdId: null, atasanOpdIds: [] })).toBe(false);
  });
});

describe("the leader's rule", () => {
  it.each([
    ['ISTIMEWA', 'DI_ATAS'],
    ['BAIK', 'SESUAI'],
    ['BUTUH_PERBAIKAN', 'DI_BAWAH'],
    ['KURANG', 'DI_BAWAH'],
    ['SANGAT_KURANG', 'DI_BAWAH'],
  ] as const)('when the organisation is %s, then the head of the OPD is rated %s on hasil kerja', (org, hasil) => {
    expect(hasilKerjaPimpinan(org)).toBe(hasil);
  });

  it('when a capaian organisasi sits on a band, then it takes that band (inclusive, in hundredths)', () => {
    const b = DEFAULT_SETTINGS.predikatOrganisasiBatas;
    expect(predikatOrganisasiDari(110, b)).toBe('ISTIMEWA');
    expect(predikatOrganisasiDari(109.99, b)).toBe('BAIK');
    expect(predikatOrganisasiDari(90, b)).toBe('BAIK');
    expect(predikatOrganisasiDari(89.99, b)).toBe('BUTUH_PERBAIKAN');
    expect(predikatOrganisasiDari(70, b)).toBe('BUTUH_PERBAIKAN');
    expect(predikatOrganisasiDari(50, b)).toBe('KURANG');
    expect(predikatOrganisasiDari(49.99, b)).toBe('SANGAT_KURANG');
    expect(predikatOrganisasiDari(0, b)).toBe('SANGAT_KURANG');
  });
});

describe('the period of an evaluation', () => {
  it("when today is any day of a month, then the period to rate is the month before; on 1 January it is last year's December", () => {
    expect(periodeTerakhir('2026-11-18')).toEqual({ tahun: 2026, bulan: 10 });
    expect(periodeTerakhir('2027-01-01')).toEqual({ tahun: 2026, bulan: 12 });
    expect(periodeTerakhir('2028-03-01')).toEqual({ tahun: 2028, bulan: 2 });
  });

  it('when a month or year is checked, then it has ended only after its last day', () => {
    expect(rentangPeriode({ tahun: 2028, bulan: 2 })).toEqual({ awal: '2028-02-01', akhir: '2028-02-29' });
    expect(periodeBerakhir({ tahun: 2026, bulan: 11 }, '2026-11-30')).toBe(false);
    expect(periodeBerakhir({ tahun: 2026, bulan: 11 }, '2026-12-01')).toBe(true);
    expect(periodeBerakhir({ tahun: 2026, bulan: null }, '2026-12-31')).toBe(false);
    expect(periodeBerakhir({ tahun: 2026, bulan: null }, '2027-01-01')).toBe(true);
  });

  it('when the query names a year without a month, then it is the year; nothing named is last month; garbage falls back', () => {
    const today = '2027-01-01';
    expect(periodeParam({}, today)).toEqual({ tahun: 2026, bulan: 12 });
    expect(periodeParam({ tahun: '2026', bulan: '' }, today)).toEqual({ tahun: 2026, bulan: null });
    expect(periodeParam({ tahun: '2026' }, today)).toEqual({ tahun: 2026, bulan: null });
    expect(periodeParam({ tahun: '2026', bulan: '3' }, today)).toEqual({ tahun: 2026, bulan: 3 });
    expect(periodeParam({ tahun: '1999', bulan: '13' }, today)).toEqual({ tahun: 2026, bulan: 12 });
    expect(periodeParam({ tahun: ['2026'], bulan: '<x>' }, today)).toEqual({ tahun: 2026, bulan: 12 });
  });
});

describe('capaian per RHK beside the form', () => {
  const t = (id: number, target: string, terverifikasi: string, normaWaktu: number): TargetBulan => ({
    id,
    pekerjaan: `Pekerjaan ${id}`,
    satuan: 'Dokumen',
    asal: 'SKP',
    target,
    terverifikasi,
    semua: terverifikasi,
    normaWaktu,
    berakhir: null,
  });
  const rhk = [
    { id: 10, uraian: 'RHK A', jenis: 'UTAMA' },
    { id: 20, uraian: 'RHK B', jenis: 'TAMBAHAN' },
    { id: 30, uraian: 'RHK tanpa target', jenis: 'UTAMA' },
  ];
  const targets = [t(1, '4', '2', 60), t(2, '2', '2', 30), t(3, '10', '10', 10), t(4, '1', '0', 600)];
  const peta = new Map<number, number | null>([
    [1, 10],
    [2, 10],
    [3, 20],
    [4, null],
  ]);

  it("when a month's targets are grouped by RHK, then each RHK has the month's weighted rule over its own targets, and a target without RHK is listed apart", () => {
    const c = capaianPerRhk([{ tahun: 2026, bulan: 10, targets }], peta, rhk);
    const nilai = Object.fromEntries(c.map((x) => [x.rhk?.id ?? 'lain', x.nilai]));
    // RHK A: (2×60 + 2×30) / (4×60 + 2×30) = 180 / 300
    expect(nilai[10]).toBe(0.6);
    expect(nilai[20]).toBe(1);
    expect(nilai[30]).toBeNull();
    expect(nilai.lain).toBe(0);
    expect(c.find((x) => x.rhk?.id === 10)!.targets.map((x) => x.id)).toEqual([1, 2]);
  });

  it("when every RHK is taken together, then the weights add up to the month's one capaian figure", () => {
    const c = capaianPerRhk([{ tahun: 2026, bulan: 10, targets }], new Map(targets.map((x) => [x.id, 10])), rhk);
    const semua = capaianBulan(targets, 2026, 10);
    expect(c.find((x) => x.rhk?.id === 10)!.nilai).toBe(nilaiPecahan(semua.num, semua.den));
  });

  it('when a year is summed, then months of 28 and 31 days count alike and the targets add up', () => {
    const c = capaianPerRhk(
      [
        { tahun: 2026, bulan: 2, targets: [t(1, '4', '4', 60)] },
        { tahun: 2026, bulan: 3, targets: [t(1, '4', '0', 60)] },
      ],
      peta,
      rhk,
    );
    const a = c.find((x) => x.rhk?.id === 10)!;
    expect(a.nilai).toBe(0.5);
    expect(a.targets).toEqual([{ id: 1, pekerjaan: 'Pekerjaan 1', satuan: 'Dokumen', target: 8, terverifikasi: 4 }]);
  });
});
