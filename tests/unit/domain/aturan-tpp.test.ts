// Issue 22: TPP rule sets as data, by hand. Every figure here is worked in docs/aturan-tpp.md: the default rule set
// (Pengaturan's 60/40), the 70/30 example, and the SKP 20 % + laporan harian 50 % + kehadiran 30 % example, each with
// bruto → neto (BPJS with the cap crossed and not, PPh 21 by TER), a hukdis month, a postponed month and its release,
// THR, and rounding edges.
import { describe, expect, it } from 'vitest';
import {
  aturanBawaan,
  aturanTppSchema,
  CONTOH_ATURAN,
  hitungNeto,
  kategoriTer,
  TER_PP58_2023,
  tarifTer,
  type VersiAturan,
} from '../../../src/domain/aturan-tpp.ts';
import { hitungBulan, type SumberBulan } from '../../../src/domain/bulan-pegawai.ts';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings.ts';

const S = DEFAULT_SETTINGS;
const contoh = (kode: string): VersiAturan => {
  const c = CONTOH_ATURAN.find((x) => x.kode === kode)!;
  return { id: 7, tahun: 2026, versi: 1, nama: c.nama, dasarHukum: null, isi: c.isi() };
};

function hariKerja(tahun: number, bulan: number): string[] {
  const n = new Date(Date.UTC(tahun, bulan, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${tahun}-${String(bulan).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`).filter(
    (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
  );
}

/**
 * A month of kelas 7 with pagu Rp 5,000,000, one target of 10 with `verified` verified, every working day on time
 * except `presensi` (null: no record), and these extras.
 */
function bulan(o: Partial<SumberBulan> & { verified?: number; ubah?: Record<string, [string, string] | null> } = {}): SumberBulan {
  const { verified = 10, ubah = {}, ...rest } = o;
  const tahun = rest.tahun ?? 2026;
  const bl = rest.bulan ?? 10;
  const presensi = hariKerja(tahun, bl).flatMap((tanggal) => {
    if (!(tanggal in ubah)) return [{ tanggal, jamMasuk: '07:25:00', jamPulang: '16:35:00' }];
    const p = ubah[tanggal];
    return p ? [{ tanggal, jamMasuk: p[0], jamPulang: p[1] }] : [];
  });
  return {
    pegawaiId: 1,
    tahun,
    bulan: bl,
    tmt: null,
    berhenti: null,
    segmen: [
      {
        mulai: null,
        akhir: null,
        jabatanId: 1,
        jabatanNama: 'Analis',
        kelas: 7,
        unitId: 10,
        unitNama: 'Bidang A',
        atasanId: 100,
        atasanNama: 'Atasan',
        atasanNip: '197001011990011001',
      },
    ],
    presensi,
    libur: [],
    ketidakhadiran: [],
    cakupanSampai: `${tahun}-${String(bl).padStart(2, '0')}-31`,
    targets: [
      {
        id: 1,
        pekerjaan: 'Laporan',
        satuan: 'Dokumen',
        asal: 'SKP',
        target: '10',
        terverifikasi: String(verified),
        semua: '10',
        normaWaktu: 60,
        berakhir: null,
      },
    ],
    entri: [],
    tambahan: 0,
    tugas: [],
    pagu: new Map([[7, 5_000_000]]),
    ...rest,
  };
}
/** DOMAIN.md's month: two TL1 (1 and 2 October), one PSW2 (Monday 5 October), one day without a record (6 October). */
const CONTOH_BULAN = {
  '2026-10-01': ['07:45:00', '16:35:00'],
  '2026-10-02': ['07:45:00', '16:35:00'],
  '2026-10-05': ['07:20:00', '15:29:00'],
  '2026-10-06': null,
} as Record<string, [string, string] | null>;
const GAJI = { gaji: 4_000_000, ptkp: 'K/1' as const };

describe('the default rule set (from Pengaturan: kinerja 60 %, disiplin 40 %)', () => {
  it('when nothing is stored for the year, then the month is DOMAIN.md’s: 2,700,000 + 1,900,000 = 4,600,000, and neto 4,466,160', () => {
    const t = hitungBulan(bulan({ verified: 9, ubah: CONTOH_BULAN, ...GAJI }), S).tpp;
    expect(t).toMatchObject({ kinerja: 2_700_000, skp: 0, disiplin: 1_900_000, total: 4_600_000, potonganTotal: 0 });
    expect(t.aturan).toMatchObject({ id: null, versi: 0, nama: 'Bawaan (dari Pengaturan)' });
    // BPJS: min(4,000,000 + 4,600,000; 12,000,000) − 4,000,000 = 4,600,000 → 1 % 46,000, 4 % 184,000
    // PPh 21 (K/1 → TER B): 4,000,000 + 4,600,000 + 184,000 = 8,784,000 → 1 %; gaji alone 0 % → 87,840
    expect(t.neto).toMatchObject({
      dasarBpjs: 4_600_000,
      bpjsPegawai: 46_000,
      bpjsPemda: 184_000,
      kategoriTer: 'B',
      tarifPph: 1,
      pph: 87_840,
    });
    expect(t.neto).toMatchObject({ tunjanganPph: 0, bruto: 4_600_000, neto: 4_466_160 });
  });

  it('when the gaji and TPP cross the BPJS cap, then only what the gaji left of Rp 12,000,000 is the base (K/3: TER C)', () => {
    const t = hitungBulan(bulan({ verified: 9, ubah: CONTOH_BULAN, gaji: 11_000_000, ptkp: 'K/3' }), S).tpp;
    // base 12,000,000 − 11,000,000 = 1,000,000 → 10,000 and 40,000; PPh: 6 % × 15,640,000 − 1.75 % × 11,000,000
    expect(t.neto).toMatchObject({ dasarBpjs: 1_000_000, bpjsPegawai: 10_000, bpjsPemda: 40_000, brutoPph: 15_640_000 });
    expect(t.neto).toMatchObject({ kategoriTer: 'C', tarifPph: 6, tarifPphGaji: 1.75, pph: 745_900, neto: 3_844_100 });
    // a gaji above the cap alone: no BPJS on TPP at all
    expect(hitungBulan(bulan({ gaji: 13_000_000, ptkp: 'TK/0' }), S).tpp.neto).toMatchObject({
      dasarBpjs: 0,
      bpjsPegawai: 0,
      bpjsPemda: 0,
    });
  });

  it('when a hukuman of 25 % is in force on the 1st, then it cuts the TPP and neto follows the smaller TPP', () => {
    const hukdis = [
      {
        jenis: 'Pemotongan tunjangan 25%',
        peraturan: 'PP 94/2021',
        nomorSk: '1',
        mulai: '2026-10-01',
        selesai: '2027-03-31',
        persen: '25',
      },
    ];
    const t = hitungBulan(bulan({ verified: 9, ubah: CONTOH_BULAN, hukdis, ...GAJI }), S).tpp;
    // 25 % × 4,600,000 = 1,150,000 → 3,450,000; BPJS 34,500 / 138,000; PPh 1 % × (4,000,000 + 3,588,000) = 75,880
    expect(t).toMatchObject({ bruto: 4_600_000, hukdis: 1_150_000, total: 3_450_000 });
    expect(t.neto).toMatchObject({ bpjsPegawai: 34_500, bpjsPemda: 138_000, pph: 75_880, neto: 3_339_620 });
  });

  it('when a penundaan holds the month, then the figure is owed unchanged; released before the month began, it is not held', () => {
    const penundaan = [{ alasan: 'LHKASN belum dilaporkan', mulai: '2026-10-10', dilepas: null }];
    const held = hitungBulan(bulan({ penundaan, ...GAJI }), S).tpp;
    expect(held).toMatchObject({ total: 5_000_000, tidakDibayar: 0, penundaan: { dilepas: null } });
    const dilepas = hitungBulan(bulan({ penundaan: [{ ...penundaan[0], dilepas: '2026-11-20' }], ...GAJI }), S).tpp;
    expect(dilepas).toMatchObject({ total: 5_000_000, penundaan: { dilepas: '2026-11-20' } });
    expect(dilepas.neto!.neto).toBe(held.neto!.neto);
    expect(
      hitungBulan(bulan({ penundaan: [{ ...penundaan[0], mulai: '2026-09-01', dilepas: '2026-09-30' }] }), S).tpp.penundaan,
    ).toBeNull();
  });

  it('when the settings change the weights, then the default rule set follows them (an installation that never edits a rule set)', () => {
    const t = hitungBulan(bulan({ verified: 9 }), { ...S, tppPorsiKinerja: 70, tppPorsiDisiplin: 30 }).tpp;
    expect(t).toMatchObject({ kinerja: 3_150_000, disiplin: 1_500_000 });
    expect(aturanTppSchema.safeParse(aturanBawaan(S)).success).toBe(true);
  });
});

describe('the 70/30 example', () => {
  const aturan = contoh('70-30');

  it('when the month has two TL1, a PSW2, a day absent and two days of izin, then 3,150,000 + 1,312,500 = 4,462,500 and neto 4,331,465', () => {
    const ketidakhadiran = [{ mulai: '2026-10-07', selesai: '2026-10-08', jenis: 'IZIN' }];
    const t = hitungBulan(bulan({ aturan, verified: 9, ubah: CONTOH_BULAN, ketidakhadiran, ...GAJI }), S).tpp;
    // cuts from kehadiran: 2 × 1 % + 1.5 % + 5 % + 2 × 2 % = 12.5 %
    expect(t.potonganPersen).toBe(12.5);
    expect(t.potongan.filter((p) => p.jenis === 'IZIN').map((p) => p.tanggal)).toEqual(['2026-10-07', '2026-10-08']);
    expect(t).toMatchObject({ kinerja: 3_150_000, disiplin: 1_312_500, total: 4_462_500 });
    expect(t.neto).toMatchObject({ bpjsPegawai: 44_625, bpjsPemda: 178_500, pph: 86_410, neto: 4_331_465 });
    expect(t.tambahan).toEqual([]);
  });

  it('when izin passes its cap of 20 %, then izin takes 20 % and no more', () => {
    const ketidakhadiran = [{ mulai: '2026-10-12', selesai: '2026-10-30', jenis: 'IZIN' }]; // 15 working days × 2 % = 30 %
    const t = hitungBulan(bulan({ aturan, ketidakhadiran }), S).tpp;
    expect(t.potonganPemicu).toEqual([{ pemicu: 'IZIN', jumlah: 15, persen: 2, total: 20, dibatasi: true, dari: 'kehadiran' }]);
    expect(t.disiplin).toBe(1_200_000); // 5,000,000 × 30 % × 80 %
  });

  it('when April is the THR month, then 100 % of the month’s TPP is added, outside the BPJS base and inside PPh 21', () => {
    const t = hitungBulan(bulan({ aturan, bulan: 4, ...GAJI }), S).tpp;
    expect(t.total).toBe(5_000_000);
    expect(t.tambahan).toEqual([{ nama: 'THR', persen: 100, dasar: 'tpp', jumlah: 5_000_000 }]);
    // BPJS on TPP only: 50,000 / 200,000; PPh: 4,000,000 + 10,000,000 + 200,000 = 14,200,000 → TER B 5 % = 710,000
    expect(t.neto).toMatchObject({ bruto: 10_000_000, dasarBpjs: 5_000_000, bpjsPegawai: 50_000, pph: 710_000, neto: 9_240_000 });
  });
});

describe('the SKP 20 % + laporan harian 50 % + kehadiran 30 % example', () => {
  const aturan = contoh('skp-harian-kehadiran');

  it('when the predikat is Butuh Perbaikan and a day is absent, then TK is cut from the whole TPP and each line rounded down to Rp 100', () => {
    const t = hitungBulan(bulan({ aturan, verified: 9, ubah: CONTOH_BULAN, predikatSkp: 'Butuh Perbaikan', ...GAJI }), S).tpp;
    // harian 5,000,000 × 50 % × 90 %; SKP 5,000,000 × 20 % × 75 %; kehadiran 5,000,000 × 30 % × (100 − 2) %
    expect(t).toMatchObject({ kinerja: 2_250_000, skp: 750_000, disiplin: 1_470_000, skpNilai: { kunci: 'BUTUH_PERBAIKAN', persen: 75 } });
    // TK 3 % of 4,470,000 = 134,100 from the whole TPP
    expect(t).toMatchObject({ potonganTotalPersen: 3, potonganTotal: 134_100, total: 4_335_900 });
    // PPh borne by the Pemda: withheld and added back as tunjangan PPh
    expect(t.neto).toMatchObject({ bpjsPegawai: 43_359, bpjsPemda: 173_436, pph: 85_093, tunjanganPph: 85_093, neto: 4_292_541 });
  });

  it('when a line is not a multiple of Rp 100, then it is rounded down once; a month not rated pays no SKP share', () => {
    // harian 5,000,000 × 50 % × 2/3 = 1,666,666.67 → 1,666,600
    const t = hitungBulan(bulan({ aturan, targets: [{ ...bulan().targets[0], target: '3', terverifikasi: '2' }] }), S).tpp;
    expect(t.kinerja).toBe(1_666_600);
    expect(t).toMatchObject({ skp: 0, skpNilai: { kunci: 'BELUM', persen: 0 } });
    expect(hitungBulan(bulan({ aturan, predikatSkp: 'Sangat Baik' }), S).tpp.skp).toBe(1_000_000);
  });

  it('when the month’s evaluasi changes from Baik to Kurang/Misconduct, then the SKP line halves (1,000,000 → 500,000)', () => {
    expect(hitungBulan(bulan({ aturan, predikatSkp: 'Baik' }), S).tpp.skp).toBe(1_000_000);
    expect(hitungBulan(bulan({ aturan, predikatSkp: 'Kurang/Misconduct' }), S).tpp.skp).toBe(500_000);
  });
});

describe('the rule set’s other options', () => {
  it('when a penundaan’s months are not paid (rule), then the month’s TPP is a line taken back and neto is 0', () => {
    const isi = { ...aturanBawaan(S), penundaan: { akibat: 'tidak-dibayar' as const } };
    const aturan = { id: 1, tahun: 2026, versi: 1, nama: 'x', dasarHukum: null, isi };
    const t = hitungBulan(bulan({ aturan, penundaan: [{ alasan: 'LHKPN', mulai: '2026-10-01', dilepas: null }], ...GAJI }), S).tpp;
    expect(t).toMatchObject({ bruto: 5_000_000, tidakDibayar: 5_000_000, total: 0 });
    expect(t.neto).toMatchObject({ bpjsPegawai: 0, pph: 0, neto: 0 });
  });

  it('when hukdis counts for a month touched by the hukuman (rule), then one starting on the 15th cuts that month', () => {
    const hukdis = [{ jenis: 'x', peraturan: 'PP 94/2021', nomorSk: '1', mulai: '2026-10-15', selesai: '2027-04-14', persen: '25' }];
    const isi = { ...aturanBawaan(S), hukdis: { berlaku: 'sebagian' as const } };
    const aturan = { id: 1, tahun: 2026, versi: 1, nama: 'x', dasarHukum: null, isi };
    expect(hitungBulan(bulan({ aturan, hukdis }), S).tpp.hukdis).toBe(1_250_000);
    expect(hitungBulan(bulan({ hukdis }), S).tpp.hukdis).toBe(0); // the default: the 1st decides
  });

  it('when BPJS or PPh end in half a rupiah, then each is rounded half up once', () => {
    // base 1,234,550: 1 % = 12,345.5 → 12,346; 4 % = 49,382; TK/0 (A) 4,000,000 + 1,234,550 + 49,382 = 5,283,932 → 0 %
    expect(hitungNeto({ tpp: 1_234_550, tambahan: 0, gaji: 4_000_000, ptkp: 'TK/0' }, aturanBawaan(S))).toMatchObject({
      bpjsPegawai: 12_346,
      bpjsPemda: 49_382,
      pph: 0,
    });
    // no gaji recorded: TPP 5,650,010 alone, A: 5,650,010 + 226,000 (4 %) = 5,876,010 → 0.5 % = 29,380.05 → 29,380
    expect(hitungNeto({ tpp: 5_650_010, tambahan: 0, gaji: null, ptkp: null }, aturanBawaan(S))).toMatchObject({
      tarifPph: 0.5,
      pph: 29_380,
    });
  });

  it('when the TER table is read, then each category starts where PP 58/2023 says (A 5.4 M, B 6.2 M, C 6.6 M)', () => {
    expect([tarifTer(TER_PP58_2023, 'A', 5_400_000), tarifTer(TER_PP58_2023, 'A', 5_400_001)]).toEqual([0n, 25n]);
    expect([tarifTer(TER_PP58_2023, 'B', 6_200_000), tarifTer(TER_PP58_2023, 'C', 6_600_001)]).toEqual([0n, 25n]);
    expect(tarifTer(TER_PP58_2023, 'C', 2_000_000_000)).toBe(3400n);
    expect([kategoriTer('TK/1'), kategoriTer('K/2'), kategoriTer('K/3'), kategoriTer(null)]).toEqual(['A', 'B', 'C', 'A']);
  });

  it('when a rule set’s weights do not add up to 100 % or a trigger is twice, then the schema says so at the field', () => {
    const isi = aturanBawaan(S);
    const r = aturanTppSchema.safeParse({ ...isi, komponen: { kinerja: 60, skp: 0, kehadiran: 30 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['komponen'], message: 'Bobot komponen harus berjumlah 100% (sekarang 90%).' });
    const dua = aturanTppSchema.safeParse({ ...isi, potongan: [...isi.potongan, { ...isi.potongan[0] }] });
    expect(dua.error!.issues[0]).toMatchObject({ path: ['potongan', 9, 'pemicu'] });
    for (const c of CONTOH_ATURAN) expect([c.kode, aturanTppSchema.safeParse(c.isi()).success]).toEqual([c.kode, true]);
  });
});
