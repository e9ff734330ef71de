// A pegawai's month (issue 24), by hand: history decides, days outside service count nothing, capaian is one exact
// fraction, a mutasi mid-month is paid pro rata (or by the jabatan of the 1st), Plt/Plh lines.
import { describe, expect, it } from 'vitest';
import { capaianBulan, hitungBulan, type Segmen, type SumberBulan } from '../../../src/domain/bulan-pegawai.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/settings.ts';

// October 2026: 22 working days (Mon–Fri), the 1st is a Thursday.
const OKT = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
const KERJA = OKT.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

const seg = (o: Partial<Segmen>): Segmen => ({
  mulai: null,
  akhir: null,
  jabatanId: 1,
  jabatanNama: 'Analis',
  kelas: 7,
  unitId: 10,
  unitNama: 'Bidang A',
  atasanId: 100,
  atasanNama: 'Atasan Lama',
  atasanNip: '197001011990011001',
  ...o,
});

/** A month with every working day on time, one target of 3 with 3 verified, pagu kelas 7 = 4,000,000, kelas 8 = 5,000,000. */
function bulan(o: Partial<SumberBulan> = {}): SumberBulan {
  return {
    pegawaiId: 1,
    tahun: 2026,
    bulan: 10,
    tmt: null,
    berhenti: null,
    segmen: [seg({})],
    presensi: KERJA.map((tanggal) => ({ tanggal, jamMasuk: '07:25:00', jamPulang: '16:35:00' })),
    libur: [],
    ketidakhadiran: [],
    cakupanSampai: '2026-10-31',
    targets: [
      {
        id: 1,
        pekerjaan: 'Laporan',
        satuan: 'Dokumen',
        asal: 'SKP',
        target: '3.00',
        terverifikasi: '3.00',
        semua: '3.00',
        normaWaktu: 60,
        berakhir: null,
      },
    ],
    entri: [],
    tambahan: 0,
    tugas: [],
    pagu: new Map([
      [7, 4_000_000],
      [8, 5_000_000],
    ]),
    ...o,
  };
}
const S: Settings = DEFAULT_SETTINGS;

describe('a pegawai’s month', () => {
  it('when a pegawai has no presensi row in a covered month, then every working day is tanpa keterangan and cut (on every output alike)', () => {
    const b = hitungBulan(bulan({ presensi: [] }), S);
    expect(b.presensi.ringkasan).toMatchObject({ hariKerja: 22, hadir: 0, alpa: 22 });
    // 22 × 3 % = 66 % of the disiplin part: 4,000,000 × 40 % × 34 % = 544,000
    expect(b.tpp.disiplin).toBe(544_000);
    expect(b.tpp.kinerja).toBe(2_400_000);
  });

  it('when no attendance data is imported for the month yet, then no day is absent (belum ada data) and nothing is cut', () => {
    const b = hitungBulan(bulan({ presensi: [], cakupanSampai: null }), S);
    expect(b.presensi.ringkasan.alpa).toBe(0);
    expect(b.tpp.disiplin).toBe(1_600_000);
  });

  it('when the TMT is mid-month, then the days before it are outside service: not absent, not paid', () => {
    // TMT Tuesday 20 October: 9 working days served (20–23, 26–30) of 22
    const b = hitungBulan(bulan({ tmt: '2026-10-20', presensi: [] }), S);
    expect(b.presensi.days.find((d) => d.tanggal === '2026-10-19')?.status.jenis).toBe('bukan-masa-dinas');
    expect(b.hariDinas).toBe(9);
    expect(b.presensi.ringkasan).toMatchObject({ hariKerja: 9, alpa: 9 });
    // pagu 4,000,000 × 9/22; kinerja 60 % × 100 % = 981,818.18… → 981,818
    expect(b.tpp.pagu).toBe(1_636_364);
    expect(b.tpp.kinerja).toBe(981_818);
  });

  it('when the last day of service is mid-month, then the days after it count nothing and the month is still paid for the days served', () => {
    const b = hitungBulan(bulan({ berhenti: '2026-10-09' }), S);
    expect(b.hariDinas).toBe(7); // 1–2, 5–9
    expect(b.presensi.days.find((d) => d.tanggal === '2026-10-12')?.status.jenis).toBe('bukan-masa-dinas');
    expect(b.tpp.total).toBe(Math.round((4_000_000 * 7) / 22));
  });

  it('when a mutasi has TMT 15 October (kelas 7 → 8), then October is paid pro rata by working days and September is not touched', () => {
    const segmen = [
      seg({ akhir: '2026-10-15' }),
      seg({
        mulai: '2026-10-15',
        jabatanId: 2,
        jabatanNama: 'Kepala Seksi',
        kelas: 8,
        unitId: 11,
        unitNama: 'Bidang B',
        atasanId: 200,
        atasanNama: 'Atasan Baru',
      }),
    ];
    const b = hitungBulan(bulan({ segmen }), S);
    // before the 15th: 1–2, 5–9, 12–14 = 10 working days at kelas 7; from the 15th: 12 at kelas 8
    expect(b.bagianPagu).toEqual([
      { jabatanNama: 'Analis', kelas: 7, pagu: 4_000_000, hariKerja: 10 },
      { jabatanNama: 'Kepala Seksi', kelas: 8, pagu: 5_000_000, hariKerja: 12 },
    ]);
    // pagu = (4,000,000 × 10 + 5,000,000 × 12) / 22 = 4,545,454.54…; kinerja 60 % of it exactly, rounded once
    expect(b.tpp.pagu).toBe(4_545_455);
    expect(b.tpp.kinerja).toBe(2_727_273);
    expect(b.tpp.disiplin).toBe(1_818_182);
    // the month belongs to the post held on the last day served
    expect(b.jabatan).toMatchObject({ unitId: 11, atasanNama: 'Atasan Baru', kelas: 8 });
    // September, wholly before the TMT: the old post only
    const sept = hitungBulan(bulan({ bulan: 9, segmen, presensi: [], cakupanSampai: null }), S);
    expect(sept.jabatan).toMatchObject({ unitId: 10, atasanNama: 'Atasan Lama', kelas: 7 });
    expect(sept.tpp.pagu).toBe(4_000_000);
  });

  it('when the Pemda pays a split month by the jabatan of the 1st (setting), then October is paid at kelas 7 whole', () => {
    const segmen = [seg({ akhir: '2026-10-15' }), seg({ mulai: '2026-10-15', kelas: 8 })];
    const b = hitungBulan(bulan({ segmen }), { ...S, tppMutasi: 'tanggal1' });
    expect(b.tpp.pagu).toBe(4_000_000);
    expect(b.jabatan.kelas).toBe(7);
  });

  it('when 2 of 3 are verified, then kinerja is exactly pagu × 60 % × 2/3 (capaian is not rounded before the rupiah)', () => {
    const b = hitungBulan(
      bulan({
        pagu: new Map([[7, 5_000_000]]),
        targets: [
          {
            id: 1,
            pekerjaan: 'Laporan',
            satuan: 'Dokumen',
            asal: 'SKP',
            target: '3',
            terverifikasi: '2',
            semua: '3',
            normaWaktu: 60,
            berakhir: null,
          },
        ],
      }),
      S,
    );
    expect(b.tpp.kinerja).toBe(2_000_000);
    expect(b.capaian.pembilang && BigInt(b.capaian.pembilang) * 3n).toBe(BigInt(b.capaian.penyebut!) * 2n);
  });

  it('when a target ended at a mutasi, then it counts only up to its end: a share of the month of the end, nothing after', () => {
    const lama = {
      id: 1,
      pekerjaan: 'Lama',
      satuan: 'Berkas',
      asal: 'SKP',
      target: '31',
      terverifikasi: '0',
      semua: '0',
      normaWaktu: 10,
      berakhir: '2026-10-16',
    };
    const baru = {
      id: 2,
      pekerjaan: 'Baru',
      satuan: 'Berkas',
      asal: 'SKP',
      target: '10',
      terverifikasi: '10',
      semua: '10',
      normaWaktu: 10,
      berakhir: null,
    };
    // October: the old target for 15 of its 31 days (15 of 31 berkas × 10 min = 150 min, none done) beside the new one
    // done (10 × 10 min = 100): 100 / 250
    const c = capaianBulan([lama, baru], 2026, 10);
    expect(c.num! * 5n).toBe(c.den! * 2n);
    // November: the old target ended before the month; only the new one counts (the service drops it from the rows;
    // even if it came, its share of November is 0)
    const nov = capaianBulan([lama, baru], 2026, 11);
    expect(nov.num).toBe(nov.den);
  });

  it('when a Plt of an equal post covers the whole month, then 20 % of the post’s TPP is added; of a shorter time, nothing', () => {
    const tugas = [{ jenis: 'PLT' as const, mulai: '2026-09-20', selesai: '2026-11-10', kelas: 7, jabatanNama: 'Kepala Subbagian' }];
    const b = hitungBulan(bulan({ tugas }), S);
    expect(b.tpp.plt).toBe(800_000); // 20 % × 4,000,000
    expect(b.tpp.total).toBe(4_800_000);
    const pendek = hitungBulan(bulan({ tugas: [{ ...tugas[0], mulai: '2026-10-05' }] }), S);
    expect(pendek.tpp.plt).toBe(0);
  });

  it('when a Plt of a higher post covers the month, then the post’s TPP is paid instead when it is higher; Plh adds nothing by default', () => {
    const tinggi = hitungBulan(
      bulan({ tugas: [{ jenis: 'PLT', mulai: '2026-10-01', selesai: '2026-10-31', kelas: 8, jabatanNama: 'Kepala Bidang' }] }),
      S,
    );
    expect(tinggi.tpp.total).toBe(5_000_000);
    expect(tinggi.tpp.plt).toBe(1_000_000);
    const plh = hitungBulan(
      bulan({ tugas: [{ jenis: 'PLH', mulai: '2026-10-01', selesai: '2026-10-31', kelas: 8, jabatanNama: 'Kepala Bidang' }] }),
      S,
    );
    expect(plh.tpp.plt).toBe(0);
  });
});

// The TPP formula (DOMAIN.md), by hand, through the one computation of a month (it was a second function, hitungTpp,
// until issue 24): kinerja = pagu × porsi kinerja × capaian; disiplin = pagu × porsi disiplin × (1 − Σ cuts), floor 0;
// each part exact and rounded half up once.
describe('TPP of a month', () => {
  /** A month of kelas 7 with this pagu, one target of `target` with `verified` verified, and these presensi changes. */
  function tpp(pagu: number, target: number, verified: number, presensi: Record<string, [string | null, string | null] | null> = {}) {
    const rows = KERJA.flatMap((tanggal) => {
      if (!(tanggal in presensi)) return [{ tanggal, jamMasuk: '07:25:00', jamPulang: '16:35:00' }];
      const p = presensi[tanggal];
      return p ? [{ tanggal, jamMasuk: p[0], jamPulang: p[1] }] : [];
    });
    const targets =
      target === 0 ? [] : [{ ...bulan().targets[0], target: String(target), terverifikasi: String(verified), semua: String(verified) }];
    return (settings: Settings = S) => hitungBulan(bulan({ pagu: new Map([[7, pagu]]), targets, presensi: rows }), settings).tpp;
  }

  it('when pagu is 5,000,000, capaian 90 %, two TL1, one PSW2 and one day absent, then 2,700,000 + 1,900,000 = 4,600,000 (DOMAIN.md)', () => {
    const r = tpp(5_000_000, 10, 9, {
      '2026-10-01': ['07:45:00', '16:35:00'], // TL 15 minutes: band 1
      '2026-10-02': ['07:45:00', '16:35:00'],
      '2026-10-05': ['07:20:00', '15:29:00'], // PSW 31 minutes on a Monday (ends 16:00): band 2
      '2026-10-06': null, // no record: tanpa keterangan
    })();
    expect(r).toMatchObject({ kinerja: 2_700_000, disiplin: 1_900_000, total: 4_600_000, potonganPersen: 5 });
    expect(r.potongan.map((p) => [p.tanggal, p.jenis, p.persen])).toEqual([
      ['2026-10-01', 'TL', 0.5],
      ['2026-10-02', 'TL', 0.5],
      ['2026-10-05', 'PSW', 1],
      ['2026-10-06', 'TK', 3],
    ]);
  });

  it('when the cuts pass 100 %, then the disiplin part is 0, not negative', () => {
    const absent = Object.fromEntries(KERJA.map((d) => [d, null]));
    const r = tpp(5_000_000, 3, 3, absent)({ ...S, tppPotongan: { ...S.tppPotongan, alpa: 5 } }); // 22 days × 5 %
    expect(r.potonganPersen).toBe(110);
    expect(r.disiplin).toBe(0);
    expect(r.total).toBe(3_000_000);
  });

  it('when a part ends in exactly half a rupiah, then it is rounded up once; below half it is rounded down', () => {
    // 3,333,333 × 60 % × 50 % = 999,999.9 → 1,000,000; 3,333,333 × 40 % × (1 − 1.25 %) = 1,316,666.535 → 1,316,667
    const r = tpp(3_333_333, 2, 1, { '2026-10-05': ['07:20:00', '14:45:00'] })(); // PSW 75 minutes: band 3
    expect(r.kinerja).toBe(1_000_000);
    expect(r.disiplin).toBe(1_316_667);
    // 1,000,001 × 60 % × 0.5 = 300,000.3 → 300,000; 1,000,005 × 40 % × 99.5 % = 398,001.99 → 398,002
    expect(tpp(1_000_001, 2, 1)().kinerja).toBe(300_000);
    expect(tpp(1_000_005, 2, 0, { '2026-10-05': ['07:45:00', '16:35:00'] })()).toMatchObject({ kinerja: 0, disiplin: 398_002 });
    // exactly half: 5 × 60 % × 50 % = 1.5 → 2
    expect(tpp(5, 2, 1)().kinerja).toBe(2);
  });

  it('when capaian is missing (no target), then the kinerja part is 0', () => {
    expect(tpp(1_000_000, 0, 0)()).toMatchObject({ kinerja: 0, disiplin: 400_000 });
  });
});

// Issue 22: hukuman disiplin and penundaan, by hand.
describe('hukuman disiplin and penundaan in a month', () => {
  const hk = (o: Partial<{ mulai: string; selesai: string; persen: string }> = {}) => ({
    jenis: 'Pemotongan tunjangan 25% selama 6 bulan',
    peraturan: 'PP 94/2021',
    nomorSk: '800/12/BKPSDM/2026',
    mulai: '2026-10-01',
    selesai: '2027-03-31',
    persen: '25',
    ...o,
  });
  const pagu5jt = new Map([[7, 5_000_000]]);

  it('when a hukuman of 25 % is in force on the 1st, then 25 % of the month’s TPP is cut as its own line: 5,000,000 → 3,750,000', () => {
    const t = hitungBulan(bulan({ pagu: pagu5jt, hukdis: [hk()] }), S).tpp;
    expect(t).toMatchObject({ kinerja: 3_000_000, disiplin: 2_000_000, bruto: 5_000_000, hukdis: 1_250_000, total: 3_750_000 });
    expect(t.hukuman).toMatchObject({ nomorSk: '800/12/BKPSDM/2026', potongan: 1_250_000 });
  });

  it('when the cut ends in a fraction of a rupiah, then it is rounded half up once', () => {
    // pagu 3,333,333: kinerja 1,999,999.8 → 2,000,000, disiplin 1,333,333.2 → 1,333,333: TPP 3,333,333
    const pagu = new Map([[7, 3_333_333]]);
    expect(hitungBulan(bulan({ pagu, hukdis: [hk()] }), S).tpp).toMatchObject({ bruto: 3_333_333, hukdis: 833_333 }); // .25
    expect(hitungBulan(bulan({ pagu, hukdis: [hk({ persen: '12.5' })] }), S).tpp).toMatchObject({ hukdis: 416_667 }); // .625
  });

  it('when the hukuman starts on the 15th, then that month is not cut; the next is', () => {
    const src = bulan({ pagu: pagu5jt, hukdis: [hk({ mulai: '2026-10-15' })] });
    expect(hitungBulan(src, S).tpp).toMatchObject({ hukdis: 0, total: 5_000_000, hukuman: null });
    expect(hitungBulan(bulan({ pagu: pagu5jt, hukdis: [hk({ mulai: '2026-09-15', selesai: '2026-10-01' })] }), S).tpp.hukdis).toBe(
      1_250_000,
    );
  });

  it('when a penundaan covers the month, then the figure is unchanged and the month is marked postponed until released', () => {
    const tunda = hitungBulan(
      bulan({ pagu: pagu5jt, penundaan: [{ alasan: 'LHKASN belum dilaporkan', mulai: '2026-10-10', dilepas: null }] }),
      S,
    );
    expect(tunda.tpp).toMatchObject({ total: 5_000_000, penundaan: { alasan: 'LHKASN belum dilaporkan', dilepas: null } });
    const dilepas = { alasan: 'LHKASN belum dilaporkan', mulai: '2026-09-10', dilepas: '2026-10-05' };
    expect(hitungBulan(bulan({ pagu: pagu5jt, penundaan: [dilepas] }), S).tpp.penundaan).toEqual(dilepas);
    // released before October began: October was never held
    const lama = { ...dilepas, dilepas: '2026-09-30' };
    expect(hitungBulan(bulan({ pagu: pagu5jt, penundaan: [lama] }), S).tpp.penundaan).toBeNull();
  });
});
