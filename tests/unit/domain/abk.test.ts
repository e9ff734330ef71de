import { describe, expect, it } from 'vitest';
import {
  type AbkSettings,
  bebanTugas,
  bulatkan,
  formatCenti,
  gradePj,
  hitungJabatan,
  hitungPemda,
  parseCenti,
  rollUp,
} from '../../../src/domain/abk.ts';
import { abkCsv, abkJson, abkRecords } from '../../../src/domain/abk-opendata.ts';

const BATAS = { a: 1.0, b: 0.9, c: 0.7, d: 0.5 };
const S75: AbkSettings = { wkeMenitPerTahun: 75_000, pjBatas: BATAS, pembulatanKebutuhan: 'half-up' };
const S72: AbkSettings = { ...S75, wkeMenitPerTahun: 72_000 };
const one = (volume: string | number, normaWaktu = 1) => [{ id: 1, volume, normaWaktu }];
const f = formatCenti;

describe('beban kerja', () => {
  it('when a Kepala Dinas has the five demo tasks, then beban = Σ volume × norma = 34,320 menit = 572.00 jam', () => {
    // 6×1200 + 2×4800 + 24×240 + 12×480 + 1×6000 = 7200 + 9600 + 5760 + 5760 + 6000
    const tugas = [
      { id: 1, volume: '6.00', normaWaktu: 1200 },
      { id: 2, volume: '2.00', normaWaktu: 4800 },
      { id: 3, volume: '24.00', normaWaktu: 240 },
      { id: 4, volume: '12.00', normaWaktu: 480 },
      { id: 5, volume: '1.00', normaWaktu: 6000 },
    ];
    const r = hitungJabatan(tugas, 1, S75);
    expect(f(r.bebanMenit)).toBe('34320.00');
    expect(f(r.bebanJam)).toBe('572.00');
    // 34,320 ÷ 75,000 = 0.4576 → 0.46; EJ the same with bezetting 1 → E (< 0.50)
    expect(f(r.kebutuhan)).toBe('0.46');
    expect(r.kebutuhanBulat).toBe(0);
    expect(r.selisih).toBe(1);
    expect(f(r.ej!)).toBe('0.46');
    expect(r.pj).toBe('E');
  });

  it('when volumes carry decimals, then the products and sums are exact (no floating-point drift)', () => {
    expect(f(bebanTugas('0.1', 3) + bebanTugas('0.2', 3))).toBe('0.90');
    expect(f(bebanTugas('1234567.89', 7))).toBe('8641975.23');
    expect(f(bebanTugas('12,5', 8))).toBe('100.00');
    expect(f(bebanTugas(0.3, 3))).toBe('0.90');
    // 100 menit = 1.6666… jam → 1.67
    expect(f(hitungJabatan(one(100), 0, S75).bebanJam)).toBe('1.67');
  });

  it('when a volume is negative, has 3 decimals or is not a number, then it is refused', () => {
    for (const bad of ['-1', '1.234', 'abc', '', '1e3']) expect(() => parseCenti(bad)).toThrow(RangeError);
  });

  it('when a jabatan has no tasks, then beban and kebutuhan are 0 and every holder is "lebih"', () => {
    const r = hitungJabatan([], 2, S75);
    expect(f(r.bebanMenit)).toBe('0.00');
    expect(r.kebutuhanBulat).toBe(0);
    expect(r.selisih).toBe(2);
    expect(f(r.ej!)).toBe('0.00');
    expect(r.pj).toBe('E');
  });
});

describe('kebutuhan pegawai and WKE', () => {
  it('when WKE is 75,000 vs 72,000 menit, then the same beban (73,000 menit) needs 0.97 vs 1.01 pegawai and grades B vs A', () => {
    const a = hitungJabatan(one(73_000), 1, S75);
    const b = hitungJabatan(one(73_000), 1, S72);
    // 73,000 ÷ 75,000 = 0.97333 ; 73,000 ÷ 72,000 = 1.01388
    expect([f(a.kebutuhan), a.kebutuhanBulat, f(a.ej!), a.pj]).toEqual(['0.97', 1, '0.97', 'B']);
    expect([f(b.kebutuhan), b.kebutuhanBulat, f(b.ej!), b.pj]).toEqual(['1.01', 1, '1.01', 'A']);
  });

  it('when the third decimal is exactly 5, then the 2-decimal kebutuhan rounds half up (375 ÷ 75,000 = 0.005 → 0.01)', () => {
    expect(f(hitungJabatan(one(375), 0, S75).kebutuhan)).toBe('0.01');
    expect(f(hitungJabatan(one(374), 0, S75).kebutuhan)).toBe('0.00');
  });

  it('when bezetting is 0, then EJ and PJ are none and selisih is minus the need', () => {
    const r = hitungJabatan(one(112_500), 0, S75); // 1.50 pegawai
    expect(r.ej).toBeNull();
    expect(r.pj).toBeNull();
    expect(r.kebutuhanBulat).toBe(2);
    expect(r.selisih).toBe(-2);
  });
});

describe('rounding modes for the head count', () => {
  const cases: [beban: number, kebutuhan: string, halfUp: number, up: number, down: number][] = [
    [112_500, '1.50', 2, 2, 1],
    [111_750, '1.49', 1, 2, 1],
    [150_000, '2.00', 2, 2, 2],
    [37_875, '0.51', 1, 1, 0],
    [300, '0.00', 0, 0, 0], // 0.004: the published 0.00 is what gets rounded, so "up" gives 0, not 1
    [0, '0.00', 0, 0, 0],
  ];
  it.each(cases)('when beban is %d menit (kebutuhan %s), then half-up %d, up %d, down %d', (beban, keb, halfUp, up, down) => {
    const r = (mode: AbkSettings['pembulatanKebutuhan']) => hitungJabatan(one(beban), 1, { ...S75, pembulatanKebutuhan: mode });
    expect(f(r('half-up').kebutuhan)).toBe(keb);
    expect([r('half-up').kebutuhanBulat, r('up').kebutuhanBulat, r('down').kebutuhanBulat]).toEqual([halfUp, up, down]);
    expect(r('up').selisih).toBe(1 - up);
  });

  it('when bulatkan gets hundredths directly, then each mode rounds as named', () => {
    expect([bulatkan(249n, 'half-up'), bulatkan(250n, 'half-up'), bulatkan(201n, 'up'), bulatkan(299n, 'down')]).toEqual([2, 3, 3, 2]);
  });
});

describe('PJ bands from the unrounded EJ (bezetting 1, WKE 75,000)', () => {
  // beban = EJ × 75,000: 1.0001 → 75,007.5; 0.8999 → 67,492.5 (volume 67,492.5 × norma 1)
  const cases: [ej: string, beban: string, pj: string, shown: string][] = [
    ['1.0001', '75007.5', 'A', '1.00'],
    ['1.00', '75000', 'B', '1.00'],
    ['0.90', '67500', 'B', '0.90'],
    ['0.8999', '67492.5', 'C', '0.90'],
    ['0.70', '52500', 'C', '0.70'],
    ['0.6999', '52492.5', 'D', '0.70'],
    ['0.50', '37500', 'D', '0.50'],
    ['0.4999', '37492.5', 'E', '0.50'],
  ];
  it.each(cases)('when EJ is exactly %s, then PJ is %s (EJ shown as %s)', (_ej, beban, pj, shown) => {
    const r = hitungJabatan(one(beban), 1, S75);
    expect(r.pj).toBe(pj);
    expect(f(r.ej!)).toBe(shown);
  });

  it('when bezetting is 2 and beban is 2 × WKE, then EJ is 1.00 and PJ B; with one more minute, A', () => {
    expect(gradePj(15_000_000n, 2, 75_000, BATAS)).toBe('B');
    expect(gradePj(15_000_100n, 2, 75_000, BATAS)).toBe('A');
  });

  it('when the band setting changes (B from 0.95), then EJ 0.92 grades C instead of B', () => {
    expect(gradePj(6_900_000n, 1, 75_000, BATAS)).toBe('B');
    expect(gradePj(6_900_000n, 1, 75_000, { a: 1.0, b: 0.95, c: 0.7, d: 0.5 })).toBe('C');
  });
});

describe('roll-ups per unit and for the Pemda', () => {
  const units = [
    { id: 1, nama: 'Pemda', indukId: null },
    { id: 2, nama: 'Dinas A', indukId: 1 },
    { id: 3, nama: 'Dinas B', indukId: 1 },
    { id: 4, nama: 'Bidang B1', indukId: 3 },
  ];
  const jabatan = [
    { id: 10, nama: 'J1', unitId: 2, bezetting: 1, tugas: one(112_500) }, // 1.50 → 2, selisih −1
    { id: 11, nama: 'J2', unitId: 4, bezetting: 0, tugas: one(37_500) }, // 0.50 → 1, selisih −1
    { id: 12, nama: 'J3', unitId: 3, bezetting: 1, tugas: [] }, // 0 → 0, selisih +1
    { id: 13, nama: 'Hilang', unitId: 99, bezetting: 5, tugas: one(75_000) }, // unit not in the tree: left out
  ];

  it('when units form a tree, then they come depth-first with subtree totals and the Pemda total adds every jabatan once', () => {
    const p = hitungPemda(units, jabatan, S75);
    expect(p.units.map((u) => [u.nama, u.depth, u.jumlahJabatan])).toEqual([
      ['Pemda', 0, 3],
      ['Dinas A', 1, 1],
      ['Dinas B', 1, 2],
      ['Bidang B1', 2, 1],
    ]);
    expect(p.jabatan.map((j) => j.nama)).toEqual(['J1', 'J3', 'J2']);
    const dinasB = p.units[2].total;
    // Dinas B: beban 37,500 → 0.50; Σ bulat = 1 + 0; bezetting 1; EJ = 37,500 ÷ 75,000 = 0.50 → D
    expect([f(dinasB.bebanMenit), f(dinasB.kebutuhan), dinasB.kebutuhanBulat, dinasB.bezetting, dinasB.selisih]).toEqual([
      '37500.00',
      '0.50',
      1,
      1,
      0,
    ]);
    expect([f(dinasB.ej!), dinasB.pj]).toEqual(['0.50', 'D']);
    // Pemda: 150,000 menit = 2,500 jam → 2.00; Σ bulat 3; bezetting 2; selisih −1; EJ 150,000 ÷ 150,000 = 1.00 → B
    const t = p.total;
    expect([f(t.bebanMenit), f(t.bebanJam), f(t.kebutuhan), t.kebutuhanBulat, t.bezetting, t.selisih, f(t.ej!), t.pj]).toEqual([
      '150000.00',
      '2500.00',
      '2.00',
      3,
      2,
      -1,
      '1.00',
      'B',
    ]);
    expect(p.units[0].total).toEqual(t);
  });

  it('when a unit has no holder at all, then its roll-up has no EJ or PJ', () => {
    const r = rollUp([hitungJabatan(one(1000), 0, S75)], S75);
    expect(r.ej).toBeNull();
    expect(r.pj).toBeNull();
  });

  it('when exported, then CSV and JSON carry exactly the documented fields with 2-decimal figures and empty EJ/PJ at bezetting 0', () => {
    const p = hitungPemda(units, jabatan, S75);
    const records = abkRecords(p);
    const csv = abkCsv(records).split('\r\n');
    expect(csv[0]).toBe('unit_kerja,jabatan,beban_kerja_menit,beban_kerja_jam,kebutuhan,kebutuhan_bulat,bezetting,selisih,ej,pj');
    expect(csv[1]).toBe('Dinas A,J1,112500.00,1875.00,1.50,2,1,-1,1.50,A');
    expect(csv[3]).toBe('Dinas B / Bidang B1,J2,37500.00,625.00,0.50,1,0,-1,,');
    const json = abkJson(records);
    expect(json).toContain('"kebutuhan":1.50');
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed[0])).toEqual([
      'unit_kerja',
      'jabatan',
      'beban_kerja_menit',
      'beban_kerja_jam',
      'kebutuhan',
      'kebutuhan_bulat',
      'bezetting',
      'selisih',
      'ej',
      'pj',
    ]);
    expect(parsed[2]).toMatchObject({ unit_kerja: 'Dinas B / Bidang B1', ej: null, pj: null, kebutuhan: 0.5, selisih: -1 });
  });

  it('when a name starts with = or contains a comma or quote, then the CSV cell is quoted and cannot run as a formula', () => {
    const p = hitungPemda(
      [{ id: 1, nama: 'Unit, "X"', indukId: null }],
      [{ id: 1, nama: '=HYPERLINK("x")', unitId: 1, bezetting: 0, tugas: [] }],
      S75,
    );
    const line = abkCsv(abkRecords(p)).split('\r\n')[1];
    expect(line.startsWith('"Unit, ""X""","\'=HYPERLINK(""x"")",0.00')).toBe(true);
  });
});
