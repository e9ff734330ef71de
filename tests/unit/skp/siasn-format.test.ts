import { describe, expect, it } from 'vitest';
import { EKSPEKTASI, predikatKinerja } from '../../../src/domain/predikat.ts';
import { type EvaluasiSiasn, golonganSiasn, KUADRAN, recordSiasn, siasnCsv, siasnJson } from '../../../src/features/skp/siasn-format.ts';

const dasar: EvaluasiSiasn = {
  nip: '199203102019032001',
  nama: 'Rina Wulandari, S.Kom.',
  tahun: 2026,
  bulan: 10,
  hasilKerja: 'SESUAI',
  perilakuKerja: 'SESUAI',
  predikat: 'Baik',
  penilaiSebagai: null,
  skpMulai: '2026-01-01',
  skpSelesai: '2026-12-31',
  penilai: { nip: '198105122006041003', nama: 'Budi Santoso', golongan: 'III/d', jabatan: 'Kepala Seksi', unit: 'Diskominfo' },
};

describe('the SIASN record', () => {
  it.each([
    ['I/a', '11'],
    ['II/d', '24'],
    ['III/a', '31'],
    ['IV/e', '45'],
    [null, null],
    ['V/a', null],
  ])('when the golongan is %s, then the SIASN golongan id is %s', (g, id) => {
    expect(golonganSiasn(g)).toBe(id);
  });

  it('when every cell of the PermenPAN-RB 6/2022 matrix is recorded, then the kuadran follows the predikat (1 Sangat Baik … 5 Sangat Kurang) and the ratings 1 di atas … 3 di bawah', () => {
    const seen = new Map<string, number>();
    for (const h of EKSPEKTASI)
      for (const p of EKSPEKTASI) {
        const predikat = predikatKinerja(h, p);
        const r = recordSiasn({ ...dasar, hasilKerja: h, perilakuKerja: p, predikat });
        expect(r.kuadranKinerjaNilai).toBe(KUADRAN[predikat]);
        expect([r.hasilKinerjaNilai, r.perilakuKerjaNilai]).toEqual([3 - EKSPEKTASI.indexOf(h), 3 - EKSPEKTASI.indexOf(p)]);
        seen.set(predikat, r.kuadranKinerjaNilai);
      }
    expect(Object.fromEntries(seen)).toEqual({
      'Kurang/Misconduct': 4,
      Baik: 2,
      'Sangat Baik': 1,
      'Sangat Kurang': 5,
      'Butuh Perbaikan': 3,
    });
  });

  it('when the year is recorded for an SKP that ran from March to September, then it is one yearly record over those months, without periodikId', () => {
    const r = recordSiasn({ ...dasar, bulan: null, skpMulai: '2026-03-15', skpSelesai: '2026-09-30' });
    expect(r).toMatchObject({ periodikId: null, bulanMulaiPenilaian: 3, bulanSelesaiPenilaian: 9, tahunMulaiPenilaian: 2026 });
    expect(recordSiasn({ ...dasar, bulan: null, skpMulai: null, skpSelesai: null })).toMatchObject({
      bulanMulaiPenilaian: 1,
      bulanSelesaiPenilaian: 12,
    });
  });

  it('when the admin entered the rating on behalf of the top, or nobody is named, then the penilai is NON ASN with empty fields', () => {
    for (const e of [
      { ...dasar, penilaiSebagai: 'admin' },
      { ...dasar, penilai: null },
    ]) {
      expect(recordSiasn(e)).toMatchObject({ statusPenilai: 'NON ASN', penilaiNipNrp: null, penilaiNama: null, penilaiGolongan: null });
    }
  });

  it('when a text starts with a formula character or holds a comma, quote or line break, then the CSV cell is neutralised and quoted; numbers stay bare', () => {
    const r = recordSiasn({ ...dasar, nama: '+62 "Rina", S.Kom.\nbaris' });
    const [head, line] = siasnCsv([r]).split('\r\n');
    expect(head.startsWith('nipBaru,nama,tahun,periodikId')).toBe(true);
    expect(line).toBe(
      `199203102019032001,"'+62 ""Rina"", S.Kom.\nbaris",2026,1,10,2026,10,2026,2,2,2,Baik,ASN,198105122006041003,Budi Santoso,34,Kepala Seksi,Diskominfo,`,
    );
    expect(JSON.parse(siasnJson([r]))[0]).toMatchObject({ nama: '+62 "Rina", S.Kom.\nbaris', koefisienId: null, tahun: 2026 });
  });
});
