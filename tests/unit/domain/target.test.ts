import { describe, expect, it } from 'vitest';
import {
  bisaDiajukan,
  bulanBerubah,
  bulanMulai,
  sebaranSalinan,
  sebaranUbah,
  statusSetelahUbah,
  tahunRencana,
} from '../../../src/domain/target.ts';

const nol = () => Array.from({ length: 12 }, () => 0);
const dengan = (v: Record<number, number>) => nol().map((x, i) => v[i + 1] ?? x);
const tutupSampai = (bulan: number) => Array.from({ length: 12 }, (_, i) => i + 1 <= bulan);
const kosong = () => Array.from({ length: 12 }, () => undefined as number | undefined);

describe('sebaranUbah: a changed monthly spread', () => {
  it('when no open month is typed, then what remains after the closed months is spread evenly from the given month', () => {
    const r = sebaranUbah({ kuantitas: 20, typed: kosong(), lama: dengan({ 1: 5, 2: 5, 3: 5 }), ditutup: tutupSampai(2), dariBulan: 11 });
    expect(r).toEqual({ ok: true, bulan: dengan({ 1: 5, 2: 5, 11: 5, 12: 5 }) });
  });
  it('when the cents do not divide, then the first months take the extra cent and the total is exact', () => {
    const r = sebaranUbah({ kuantitas: 1, typed: kosong(), lama: nol(), ditutup: tutupSampai(9), dariBulan: 10 });
    expect(r).toEqual({ ok: true, bulan: dengan({ 10: 0.34, 11: 0.33, 12: 0.33 }) });
  });
  it('when a closed month is typed differently, then it keeps its stored value', () => {
    const typed = kosong();
    typed[0] = 99;
    typed[11] = 3;
    const r = sebaranUbah({ kuantitas: 8, typed, lama: dengan({ 1: 5 }), ditutup: tutupSampai(1), dariBulan: 12 });
    expect(r).toEqual({ ok: true, bulan: dengan({ 1: 5, 12: 3 }) });
  });
  it('when the typed months do not add up to the target, then the message names both totals', () => {
    const typed = kosong();
    typed[11] = 2;
    const r = sebaranUbah({ kuantitas: 8, typed, lama: dengan({ 1: 5 }), ditutup: tutupSampai(1), dariBulan: 12 });
    expect(r).toMatchObject({ ok: false, field: 'bulan' });
    expect(!r.ok && r.pesan).toContain('(7)');
  });
  it('when the target is below what closed months hold, then the quantity is refused', () => {
    const r = sebaranUbah({ kuantitas: 4, typed: kosong(), lama: dengan({ 1: 5 }), ditutup: tutupSampai(1), dariBulan: 2 });
    expect(r).toMatchObject({ ok: false, field: 'kuantitas' });
  });
  it('when every month is closed, then only the same total passes', () => {
    expect(sebaranUbah({ kuantitas: 5, typed: kosong(), lama: dengan({ 3: 5 }), ditutup: tutupSampai(12), dariBulan: 12 })).toEqual({
      ok: true,
      bulan: dengan({ 3: 5 }),
    });
    expect(sebaranUbah({ kuantitas: 6, typed: kosong(), lama: dengan({ 3: 5 }), ditutup: tutupSampai(12), dariBulan: 12 }).ok).toBe(false);
  });
  it('when the open months all lie before the start month (a past year with December still open), then they take the rest', () => {
    const r = sebaranUbah({ kuantitas: 7, typed: kosong(), lama: dengan({ 1: 5 }), ditutup: tutupSampai(11), dariBulan: 1 });
    expect(r).toEqual({ ok: true, bulan: dengan({ 1: 5, 12: 2 }) });
  });
});

describe('bulanBerubah', () => {
  it('when two spreads differ, then the months that differ (to the cent) are named', () => {
    expect(bulanBerubah(dengan({ 1: 1, 2: 0.1 }), dengan({ 1: 1, 2: 0.1, 5: 2 }))).toEqual([5]);
    expect(bulanBerubah(dengan({ 1: 1 }), dengan({ 2: 1 }))).toEqual([1, 2]);
  });
});

describe('planning next year and the approval states', () => {
  it('when it is 30 September, then only this year; from 1 October also next year (setting 10)', () => {
    expect(tahunRencana('2026-09-30', 10)).toEqual([2026]);
    expect(tahunRencana('2026-10-01', 10)).toEqual([2026, 2027]);
    expect(tahunRencana('2026-12-31', 10)).toEqual([2026, 2027]);
    expect(tahunRencana('2027-01-01', 10)).toEqual([2027]);
    expect(tahunRencana('2027-01-01', 1)).toEqual([2027, 2028]);
  });
  it("when a target is for next year, then its default spread starts in January; this year's from this month", () => {
    expect(bulanMulai(2027, '2026-10-15')).toBe(1);
    expect(bulanMulai(2026, '2026-10-15')).toBe(10);
  });
  it("when a target is copied into a whole year ahead, then it keeps its source's months; into a running year, spread from the start month", () => {
    expect(sebaranSalinan(12, dengan({ 3: 6, 9: 6 }), 1)).toEqual(dengan({ 3: 6, 9: 6 }));
    expect(sebaranSalinan(12, dengan({ 3: 6, 9: 6 }), 7)).toEqual(dengan({ 7: 2, 8: 2, 9: 2, 10: 2, 11: 2, 12: 2 }));
    // a source whose months do not add up (older data) is spread evenly instead
    expect(sebaranSalinan(12, dengan({ 3: 6 }), 1)).toEqual(Array(12).fill(1));
  });
  it('when the pegawai edits a target, then a draft stays a draft and anything the atasan saw goes back to them', () => {
    expect(statusSetelahUbah('DRAF')).toBe('DRAF');
    expect(statusSetelahUbah('DISETUJUI')).toBe('DIAJUKAN');
    expect(statusSetelahUbah('DIKEMBALIKAN')).toBe('DIAJUKAN');
    expect(bisaDiajukan('DRAF') && bisaDiajukan('DIKEMBALIKAN')).toBe(true);
    expect(bisaDiajukan('DIAJUKAN') || bisaDiajukan('DISETUJUI')).toBe(false);
  });
});
