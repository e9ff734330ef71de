import { describe, expect, it } from 'vitest';
import {
  type BatasKurva,
  geser,
  type KeadaanKurva,
  kosong,
  lengkap,
  maksOrang,
  pelanggaranBaru,
  periksaKurva,
  uraianBatas,
} from '../../../src/domain/kurva.ts';
import type { Predikat } from '../../../src/domain/predikat.ts';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings.ts';

// Kurva distribusi (issue 19): the bounds of each predikat organisasi, counted against everyone to be rated.
const { ISTIMEWA, BAIK, SANGAT_KURANG } = DEFAULT_SETTINGS.kurvaDistribusi;

/** An OPD of `wajib` pegawai with these counts. */
function opd(wajib: number, jumlah: Partial<Record<Predikat, number>>): KeadaanKurva {
  const k = kosong(wajib);
  return { wajib, jumlah: { ...k.jumlah, ...jumlah } };
}

describe("the default bounds are the issue's", () => {
  it('when the settings are read, then Istimewa allows 70 % Sangat Baik, Baik 70 % Baik and at least one below, Sangat Kurang no Sangat Baik', () => {
    expect(ISTIMEWA.maksSangatBaik).toBe(70);
    expect(BAIK).toMatchObject({ maksBaik: 70, minDiBawahBaik: 1 });
    expect(SANGAT_KURANG.maksSangatBaik).toBe(0);
    expect(uraianBatas(SANGAT_KURANG)[0]).toBe('Tidak ada pegawai berpredikat Sangat Baik');
    expect(uraianBatas({ maksSangatBaik: 100, maksBaik: 100, minDiBawahBaik: 0 })).toEqual(['Tanpa batas']);
  });
});

describe('upper bounds count against everyone to be rated', () => {
  it('when the first rating of an OPD of 20 is Sangat Baik under Istimewa, then nothing is broken (1 of 20, not 1 of 1)', () => {
    const sebelum = opd(20, {});
    expect(pelanggaranBaru(ISTIMEWA, sebelum, geser(sebelum, null, 'Sangat Baik'))).toEqual([]);
  });

  it('when 70 % of 10 are Sangat Baik, then it holds; the 8th Sangat Baik breaks it and says by how many', () => {
    expect(maksOrang(70, 10)).toBe(7);
    const tujuh = opd(10, { 'Sangat Baik': 7 });
    expect(periksaKurva(ISTIMEWA, tujuh)).toEqual([]);
    const baru = pelanggaranBaru(ISTIMEWA, tujuh, geser(tujuh, null, 'Sangat Baik'));
    expect(baru).toHaveLength(1);
    expect(baru[0]).toMatchObject({ kunci: 'maksSangatBaik', batas: 7, jumlah: 8, selisih: 1 });
    expect(baru[0].pesan).toBe('Predikat Sangat Baik paling banyak 70% dari 10 pegawai yang dievaluasi (7 orang); kini 8.');
  });

  it('when a bound is a fraction of a pegawai, then it rounds down (70 % of 3 is 2) and a share in hundredths is exact', () => {
    expect(maksOrang(70, 3)).toBe(2);
    expect(maksOrang(70.5, 200)).toBe(141);
    expect(maksOrang(0, 50)).toBe(0);
  });

  it('when the curve is already broken, then a rating that makes it worse warns again, one that changes nothing or lowers it does not', () => {
    const rusak = opd(10, { 'Sangat Baik': 8, Baik: 1 });
    expect(pelanggaranBaru(ISTIMEWA, rusak, geser(rusak, null, 'Sangat Baik'))).toHaveLength(1);
    expect(pelanggaranBaru(ISTIMEWA, rusak, geser(rusak, null, 'Baik'))).toEqual([]);
    expect(pelanggaranBaru(ISTIMEWA, rusak, geser(rusak, 'Sangat Baik', 'Baik'))).toEqual([]);
    expect(pelanggaranBaru(ISTIMEWA, rusak, geser(rusak, 'Sangat Baik', 'Sangat Baik'))).toEqual([]);
  });

  it('when the organisation is Sangat Kurang, then a single Sangat Baik breaks the curve', () => {
    const k = opd(30, { Baik: 3 });
    expect(pelanggaranBaru(SANGAT_KURANG, k, geser(k, null, 'Sangat Baik'))[0]).toMatchObject({ kunci: 'maksSangatBaik', batas: 0 });
  });
});

describe('lower bounds are checked once everyone is rated', () => {
  const baik = (n: number) => opd(4, { Baik: n });

  it('when an OPD under "Baik" is not fully rated, then having nobody below Baik is no warning yet', () => {
    expect(lengkap(baik(3))).toBe(false);
    expect(periksaKurva(BAIK, baik(2))).toEqual([]);
  });

  it('when the last rating completes the OPD with nobody below Baik, then that rating warns (and the Baik share too)', () => {
    const tiga = opd(4, { 'Sangat Baik': 1, Baik: 2 });
    const baru = pelanggaranBaru(BAIK, tiga, geser(tiga, null, 'Baik'));
    expect(baru.map((p) => p.kunci).sort()).toEqual(['maksBaik', 'minDiBawahBaik']);
    expect(baru.find((p) => p.kunci === 'minDiBawahBaik')!.pesan).toContain('Paling sedikit 1 pegawai berpredikat di bawah Baik');
  });

  it('when the last rating is Butuh Perbaikan, then the curve of a "Baik" organisation holds', () => {
    const tiga = opd(4, { 'Sangat Baik': 1, Baik: 2 });
    expect(pelanggaranBaru(BAIK, tiga, geser(tiga, null, 'Butuh Perbaikan'))).toEqual([]);
    expect(pelanggaranBaru(BAIK, tiga, geser(tiga, null, 'Kurang/Misconduct'))).toEqual([]);
  });

  it("when a complete OPD's only rating below Baik is raised to Baik, then that change warns", () => {
    const penuh = opd(4, { 'Sangat Baik': 1, Baik: 2, 'Butuh Perbaikan': 1 });
    expect(periksaKurva(BAIK, penuh)).toEqual([]);
    expect(pelanggaranBaru(BAIK, penuh, geser(penuh, 'Butuh Perbaikan', 'Baik')).map((p) => p.kunci)).toContain('minDiBawahBaik');
  });
});

describe('who is counted', () => {
  it('when someone is rated who was not counted among those to be rated, then they are counted too (never more rated than to be rated)', () => {
    const k = geser(opd(2, { Baik: 2 }), null, 'Baik');
    expect(k.wajib).toBe(3);
    expect(lengkap(k)).toBe(true);
  });

  it('when an OPD has nobody to rate, then nothing is broken and nothing is complete', () => {
    const nol = opd(0, {});
    expect(lengkap(nol)).toBe(false);
    expect(periksaKurva(BAIK as BatasKurva, nol)).toEqual([]);
  });
});
