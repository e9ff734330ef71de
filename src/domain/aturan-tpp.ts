import { z } from 'zod';
import type { Predikat } from './predikat.ts';
import type { Settings } from './settings.ts';

// A TPP rule set (aturan TPP, issue 22): what a Pemda's Peraturan Bupati/Wali Kota says of TPP for a year, as data the
// admin keeps (versioned, audited; src/services/aturan-tpp.service.ts), never code. The month's computation
// (hitungBulan in ./bulan-pegawai.ts) takes the year's latest version; a month ditetapkan keeps the version it was
// computed with (tpp_penetapan.aturan, and the month whole in tpp_tetap.rincian). A year without a stored version runs
// on the default rule set built from Pengaturan (the behaviour before rule sets: the kinerja/disiplin weights and the
// TL/PSW/TK cuts there), so an installation that never opens the page pays exactly what it paid before.
// Worked examples of the shipped rule sets: docs/aturan-tpp.md.

/** What triggers a cut: a TL or PSW occurrence of band 1–4, a working day absent without reason, a working day of izin. */
export const PEMICU = ['TL1', 'TL2', 'TL3', 'TL4', 'PSW1', 'PSW2', 'PSW3', 'PSW4', 'TK', 'IZIN'] as const;
export type Pemicu = (typeof PEMICU)[number];
export const LABEL_PEMICU: Record<Pemicu, string> = {
  TL1: 'Terlambat 1–30 menit (per kejadian)',
  TL2: 'Terlambat 31–60 menit (per kejadian)',
  TL3: 'Terlambat 61–90 menit (per kejadian)',
  TL4: 'Terlambat lebih dari 90 menit / tidak absen masuk (per kejadian)',
  PSW1: 'Pulang cepat 1–30 menit (per kejadian)',
  PSW2: 'Pulang cepat 31–60 menit (per kejadian)',
  PSW3: 'Pulang cepat 61–90 menit (per kejadian)',
  PSW4: 'Pulang cepat lebih dari 90 menit / tidak absen pulang (per kejadian)',
  TK: 'Tanpa keterangan (per hari kerja)',
  IZIN: 'Izin (per hari kerja)',
};

/** The predikat keys of the SKP component's table (and a month not rated yet). */
export const KUNCI_SKP = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG', 'BELUM'] as const;
export type KunciSkp = (typeof KUNCI_SKP)[number];
export const LABEL_SKP: Record<KunciSkp, string> = {
  SANGAT_BAIK: 'Sangat Baik',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG: 'Kurang/Misconduct',
  SANGAT_KURANG: 'Sangat Kurang',
  BELUM: 'Belum dinilai',
};
const KUNCI_PREDIKAT: Record<Predikat, KunciSkp> = {
  'Sangat Baik': 'SANGAT_BAIK',
  Baik: 'BAIK',
  'Butuh Perbaikan': 'BUTUH_PERBAIKAN',
  'Kurang/Misconduct': 'KURANG',
  'Sangat Kurang': 'SANGAT_KURANG',
};
/** evaluasi_kinerja.predikat of the month (or none) → the key of the SKP table. */
export const kunciPredikat = (p: string | null | undefined): KunciSkp => KUNCI_PREDIKAT[p as Predikat] ?? 'BELUM';

export const KATEGORI_TER = ['A', 'B', 'C'] as const;
export type KategoriTer = (typeof KATEGORI_TER)[number];
/** Status PTKP (UU PPh art. 7): TK/K and the number of dependants. */
export const STATUS_PTKP = ['TK/0', 'TK/1', 'TK/2', 'TK/3', 'K/0', 'K/1', 'K/2', 'K/3'] as const;
export type StatusPtkp = (typeof STATUS_PTKP)[number];
/** Status PTKP → TER category (PP 58/2023 art. 2): A = TK/0, TK/1, K/0; B = TK/2, TK/3, K/1, K/2; C = K/3. */
export const kategoriTer = (s: StatusPtkp | null): KategoriTer =>
  s === 'K/3' ? 'C' : s === null || s === 'TK/0' || s === 'TK/1' || s === 'K/0' ? 'A' : 'B';

export const BULAN_TAMBAHAN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

const persen = z
  .number({ error: 'Isi dengan angka persen.' })
  .min(0, 'Tidak boleh negatif.')
  .max(100, 'Paling besar 100.')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'Paling banyak dua angka di belakang koma.');
/** one bracket of a TER table: up to `sampai` rupiah of monthly bruto (null: no upper bound), the rate in percent */
const braket = z.object({ sampai: z.number().int().positive().nullable(), tarif: persen });
const tabelTer = z
  .array(braket)
  .min(1, 'Tabel tarif kosong.')
  .max(80, 'Paling banyak 80 baris.')
  .refine(
    (b) => b.every((x, i) => i === 0 || (b[i - 1].sampai !== null && (x.sampai === null || x.sampai > (b[i - 1].sampai as number)))),
    {
      message: 'Batas atas harus naik dari baris ke baris, dan hanya baris terakhir yang tanpa batas.',
    },
  )
  .refine((b) => b[b.length - 1].sampai === null, { message: 'Baris terakhir tanpa batas atas (tulis "-" sebagai batasnya).' });

export const aturanTppSchema = z
  .object({
    /** weights of the pagu's components, % (sum 100): kinerja = the daily logs' capaian, skp = the month's predikat, kehadiran = disiplin */
    komponen: z.object({ kinerja: persen, skp: persen, kehadiran: persen }),
    /** the share (%) of the SKP component paid for each predikat of the month's evaluasi_kinerja */
    nilaiSkp: z.object({
      SANGAT_BAIK: persen,
      BAIK: persen,
      BUTUH_PERBAIKAN: persen,
      KURANG: persen,
      SANGAT_KURANG: persen,
      BELUM: persen,
    }),
    /** each cut: its trigger, % per occurrence, taken from the kehadiran share or from the whole TPP, its cap (% a month, null: none) */
    potongan: z
      .array(
        z.object({
          pemicu: z.enum(PEMICU, { error: 'Pilih pemicu potongan.' }),
          persen: persen.refine((v) => v > 0, 'Potongan lebih dari 0%.'),
          dari: z.enum(['kehadiran', 'total'], { error: 'Pilih dari bagian mana potongan diambil.' }),
          batas: persen.nullable(),
        }),
      )
      .max(PEMICU.length, `Paling banyak ${PEMICU.length} potongan.`)
      .superRefine((l, ctx) => {
        l.forEach((p, i) => {
          if (l.findIndex((q) => q.pemicu === p.pemicu) < i)
            ctx.addIssue({ code: 'custom', path: [i, 'pemicu'], message: 'Pemicu ini sudah ada di baris lain: satu pemicu satu baris.' });
        });
      }),
    /** hukuman disiplin: a month counts when the hukuman is in force on its 1st day, or on any day of it */
    hukdis: z.object({ berlaku: z.enum(['tanggal1', 'sebagian'], { error: 'Pilih kapan hukuman memotong sebulan.' }) }),
    /** penundaan: the month is owed and paid once released, or not paid at all */
    penundaan: z.object({ akibat: z.enum(['ditunda', 'tidak-dibayar'], { error: 'Pilih akibat penundaan.' }) }),
    /** TPP in THR and gaji ke-13 months (PP 14/2024, PP 15/2024 style): in `bulan` a line of `persen` % of the month's TPP or of the pagu */
    tambahan: z
      .array(
        z.object({
          nama: z
            .string()
            .trim()
            .min(1, 'Isi nama tambahan, mis. THR.')
            .max(60, 'Paling banyak 60 karakter.')
            // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
            .refine((v) => !/[\u0000-\u001F\u007F]/.test(v), 'Berisi karakter yang tidak diizinkan.'),
          bulan: z.number({ error: 'Pilih bulan.' }).int('Pilih bulan.').min(1, 'Pilih bulan.').max(12, 'Pilih bulan.'),
          persen: persen.refine((v) => v > 0, 'Lebih dari 0%.'),
          dasar: z.enum(['tpp', 'pagu'], { error: 'Pilih dasar perhitungan.' }),
        }),
      )
      .max(6, 'Paling banyak 6 tambahan.'),
    /** each rupiah line of TPP is rounded once, to a multiple of `ke`, half up or down */
    pembulatan: z.object({
      ke: z.union([z.literal(1), z.literal(100), z.literal(1000)], { error: 'Pilih pembulatan 1, 100 atau 1.000 rupiah.' }),
      cara: z.enum(['setengah-ke-atas', 'ke-bawah'], { error: 'Pilih cara pembulatan.' }),
    }),
    /** BPJS Kesehatan (Perpres 82/2018 as changed by Perpres 64/2020): shares of pay (gaji + TPP) up to the cap */
    bpjs: z.object({
      pegawai: persen,
      pemda: persen,
      batas: z
        .number({ error: 'Isi batas atas dalam rupiah.' })
        .int('Rupiah tanpa koma.')
        .min(0, 'Tidak boleh negatif.')
        .max(1_000_000_000, 'Paling besar Rp 1.000.000.000.'),
    }),
    /** PPh 21: withheld by TER (PP 58/2023, PMK 168/2023), borne by the Pemda as a tunjangan PPh line, or not computed here */
    pph21: z.object({
      metode: z.enum(['ter', 'ditanggung', 'tidak'], { error: 'Pilih cara PPh 21.' }),
      ter: z.object({ A: tabelTer, B: tabelTer, C: tabelTer }),
    }),
  })
  .superRefine((a, ctx) => {
    const jumlah = Math.round((a.komponen.kinerja + a.komponen.skp + a.komponen.kehadiran) * 100) / 100;
    if (jumlah !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['komponen'],
        message: `Bobot komponen harus berjumlah 100% (sekarang ${String(jumlah).replace('.', ',')}%).`,
      });
  });
export type AturanTpp = z.infer<typeof aturanTppSchema>;
export type Pembulatan = AturanTpp['pembulatan'];

/** A rule set as a month uses it: the stored version (id, versi), or the default (id null, versi 0). */
export type VersiAturan = { id: number | null; tahun: number; versi: number; nama: string; dasarHukum: string | null; isi: AturanTpp };
/** What a month keeps of its rule set for its breakdown (the TER tables stay with the version). */
export type AturanBulan = Pick<VersiAturan, 'id' | 'tahun' | 'versi' | 'nama' | 'dasarHukum'> &
  Pick<AturanTpp, 'komponen' | 'pembulatan' | 'hukdis' | 'penundaan' | 'bpjs'> & { pph21: AturanTpp['pph21']['metode'] };

// PP 58/2023, Lampiran: tarif efektif rata-rata bulanan per category (upper bound of monthly bruto, rate %).
// Data like the rest of the rule set: a Pemda checks it against the published table and corrects it on the form.
const ter = (rows: [number | null, number][]) => rows.map(([sampai, tarif]) => ({ sampai, tarif }));
function deepFreeze<T>(o: T): T {
  for (const v of Object.values(o as object)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}
export const TER_PP58_2023: AturanTpp['pph21']['ter'] = deepFreeze({
  A: ter([
    [5_400_000, 0],
    [5_650_000, 0.25],
    [5_950_000, 0.5],
    [6_300_000, 0.75],
    [6_750_000, 1],
    [7_500_000, 1.25],
    [8_550_000, 1.5],
    [9_650_000, 1.75],
    [10_050_000, 2],
    [10_350_000, 2.25],
    [10_700_000, 2.5],
    [11_050_000, 3],
    [11_600_000, 3.5],
    [12_500_000, 4],
    [13_750_000, 5],
    [15_100_000, 6],
    [16_950_000, 7],
    [19_750_000, 8],
    [24_150_000, 9],
    [26_450_000, 10],
    [28_000_000, 11],
    [30_050_000, 12],
    [32_400_000, 13],
    [35_400_000, 14],
    [39_100_000, 15],
    [43_850_000, 16],
    [47_800_000, 17],
    [51_400_000, 18],
    [56_300_000, 19],
    [62_200_000, 20],
    [68_600_000, 21],
    [77_500_000, 22],
    [89_000_000, 23],
    [103_000_000, 24],
    [125_000_000, 25],
    [157_000_000, 26],
    [206_000_000, 27],
    [337_000_000, 28],
    [454_000_000, 29],
    [550_000_000, 30],
    [695_000_000, 31],
    [910_000_000, 32],
    [1_400_000_000, 33],
    [null, 34],
  ]),
  B: ter([
    [6_200_000, 0],
    [6_500_000, 0.25],
    [6_850_000, 0.5],
    [7_300_000, 0.75],
    [9_200_000, 1],
    [10_750_000, 1.5],
    [11_250_000, 2],
    [11_600_000, 2.5],
    [12_600_000, 3],
    [13_600_000, 4],
    [14_950_000, 5],
    [16_400_000, 6],
    [18_450_000, 7],
    [21_850_000, 8],
    [26_000_000, 9],
    [27_700_000, 10],
    [29_350_000, 11],
    [31_450_000, 12],
    [33_950_000, 13],
    [37_100_000, 14],
    [41_100_000, 15],
    [45_800_000, 16],
    [49_500_000, 17],
    [53_800_000, 18],
    [58_500_000, 19],
    [64_000_000, 20],
    [71_000_000, 21],
    [80_000_000, 22],
    [93_000_000, 23],
    [109_000_000, 24],
    [129_000_000, 25],
    [163_000_000, 26],
    [211_000_000, 27],
    [374_000_000, 28],
    [459_000_000, 29],
    [555_000_000, 30],
    [704_000_000, 31],
    [957_000_000, 32],
    [1_405_000_000, 33],
    [null, 34],
  ]),
  C: ter([
    [6_600_000, 0],
    [6_950_000, 0.25],
    [7_350_000, 0.5],
    [7_800_000, 0.75],
    [8_850_000, 1],
    [9_800_000, 1.25],
    [10_950_000, 1.5],
    [11_200_000, 1.75],
    [12_050_000, 2],
    [12_950_000, 3],
    [14_150_000, 4],
    [15_550_000, 5],
    [17_050_000, 6],
    [19_500_000, 7],
    [22_700_000, 8],
    [26_600_000, 9],
    [28_100_000, 10],
    [30_100_000, 11],
    [32_600_000, 12],
    [35_400_000, 13],
    [38_900_000, 14],
    [43_000_000, 15],
    [47_400_000, 16],
    [51_200_000, 17],
    [55_800_000, 18],
    [60_400_000, 19],
    [66_700_000, 20],
    [74_500_000, 21],
    [83_200_000, 22],
    [95_600_000, 23],
    [110_000_000, 24],
    [134_000_000, 25],
    [169_000_000, 26],
    [221_000_000, 27],
    [390_000_000, 28],
    [463_000_000, 29],
    [561_000_000, 30],
    [709_000_000, 31],
    [965_000_000, 32],
    [1_419_000_000, 33],
    [null, 34],
  ]),
});

const SKP_PENUH: AturanTpp['nilaiSkp'] = { SANGAT_BAIK: 100, BAIK: 100, BUTUH_PERBAIKAN: 100, KURANG: 100, SANGAT_KURANG: 100, BELUM: 100 };
/** Perpres 64/2020: 5 % of pay up to Rp 12,000,000, 4 % paid by the employer and 1 % by the employee */
const BPJS: AturanTpp['bpjs'] = { pegawai: 1, pemda: 4, batas: 12_000_000 };
/** PP 14/2024 (THR) and PP 15/2024 (gaji ke-13) of 2024 paid 100 % of a month's tunjangan kinerja/TPP with each */
const THR_13: AturanTpp['tambahan'] = [
  { nama: 'THR', bulan: 4, persen: 100, dasar: 'tpp' },
  { nama: 'Gaji ke-13', bulan: 6, persen: 100, dasar: 'tpp' },
];

/**
 * The lines shared by the shipped rule sets beyond weights and cuts. The TER tables are shared, frozen data (the month's
 * computation builds the default rule set for every pegawai-month it computes: no deep copy of 130 brackets each time).
 */
function lainnya(): Pick<AturanTpp, 'hukdis' | 'penundaan' | 'tambahan' | 'pembulatan' | 'bpjs' | 'pph21'> {
  return {
    hukdis: { berlaku: 'tanggal1' },
    penundaan: { akibat: 'ditunda' },
    tambahan: [],
    pembulatan: { ke: 1, cara: 'setengah-ke-atas' },
    bpjs: { ...BPJS },
    pph21: { metode: 'ter', ter: TER_PP58_2023 },
  };
}

const bands = (dari: 'kehadiran' | 'total', tl: number[], psw: number[], batas: number | null = null): AturanTpp['potongan'] => [
  ...tl.map((persen, i) => ({ pemicu: `TL${i + 1}` as Pemicu, persen, dari, batas })),
  ...psw.map((persen, i) => ({ pemicu: `PSW${i + 1}` as Pemicu, persen, dari, batas })),
];

/**
 * The default rule set: the behaviour before rule sets, from Pengaturan (TPP weights and cuts; a cut of 0 % is kept as
 * a line that takes nothing, as before). Its lines beyond TPP (BPJS, PPh 21) are those of the shipped examples.
 */
export function aturanBawaan(s: Pick<Settings, 'tppPorsiKinerja' | 'tppPorsiDisiplin' | 'tppPotongan'>): AturanTpp {
  const p = s.tppPotongan;
  const b = [p.band1, p.band2, p.band3, p.band4];
  return {
    komponen: { kinerja: s.tppPorsiKinerja, skp: 0, kehadiran: s.tppPorsiDisiplin },
    nilaiSkp: { ...SKP_PENUH },
    potongan: [...bands('kehadiran', b, b), { pemicu: 'TK', persen: p.alpa, dari: 'kehadiran', batas: null }],
    ...lainnya(),
  };
}

/** The name a year without a stored version shows. */
export const NAMA_BAWAAN = 'Bawaan (dari Pengaturan)';

/** The default rule set of a year as a version (id null, versi 0). */
export const versiBawaan = (tahun: number, s: Parameters<typeof aturanBawaan>[0]): VersiAturan => ({
  id: null,
  tahun,
  versi: 0,
  nama: NAMA_BAWAAN,
  dasarHukum: null,
  isi: aturanBawaan(s),
});

/** The shipped templates the admin can start a version from (docs/aturan-tpp.md works an example of each). */
export const CONTOH_ATURAN: { kode: string; nama: string; dasarHukum: string; isi: () => AturanTpp }[] = [
  {
    kode: 'bawaan',
    nama: 'Kinerja 60% dan disiplin 40% (bawaan)',
    dasarHukum: 'Perbup tentang TPP (sesuaikan nomor dan tahunnya)',
    isi: () =>
      aturanBawaan({ tppPorsiKinerja: 60, tppPorsiDisiplin: 40, tppPotongan: { band1: 0.5, band2: 1, band3: 1.25, band4: 1.5, alpa: 3 } }),
  },
  {
    kode: '70-30',
    nama: 'Kinerja 70% dan kehadiran 30%',
    dasarHukum: 'Perbup tentang TPP (sesuaikan nomor dan tahunnya)',
    isi: () => ({
      komponen: { kinerja: 70, skp: 0, kehadiran: 30 },
      nilaiSkp: { ...SKP_PENUH },
      potongan: [
        ...bands('kehadiran', [1, 1.5, 2, 2.5], [1, 1.5, 2, 2.5]),
        { pemicu: 'TK', persen: 5, dari: 'kehadiran', batas: 100 },
        { pemicu: 'IZIN', persen: 2, dari: 'kehadiran', batas: 20 },
      ],
      ...lainnya(),
      tambahan: structuredClone(THR_13),
    }),
  },
  {
    kode: 'skp-harian-kehadiran',
    nama: 'SKP 20%, laporan harian 50% dan kehadiran 30%',
    dasarHukum: 'Perbup tentang TPP (sesuaikan nomor dan tahunnya)',
    isi: () => ({
      komponen: { kinerja: 50, skp: 20, kehadiran: 30 },
      nilaiSkp: { SANGAT_BAIK: 100, BAIK: 100, BUTUH_PERBAIKAN: 75, KURANG: 50, SANGAT_KURANG: 25, BELUM: 0 },
      potongan: [...bands('kehadiran', [0.5, 1, 1.25, 1.5], [0.5, 1, 1.25, 1.5]), { pemicu: 'TK', persen: 3, dari: 'total', batas: 100 }],
      ...lainnya(),
      pembulatan: { ke: 100, cara: 'ke-bawah' },
      pph21: { metode: 'ditanggung', ter: TER_PP58_2023 },
    }),
  },
];

/** The compact copy of a rule set a month keeps for its breakdown. */
export const aturanBulan = (v: VersiAturan): AturanBulan => ({
  id: v.id,
  tahun: v.tahun,
  versi: v.versi,
  nama: v.nama,
  dasarHukum: v.dasarHukum,
  komponen: v.isi.komponen,
  pembulatan: v.isi.pembulatan,
  hukdis: v.isi.hukdis,
  penundaan: v.isi.penundaan,
  bpjs: v.isi.bpjs,
  pph21: v.isi.pph21.metode,
});

/** A percentage in hundredths of a percent, exact (0.25 % → 25n). */
export const perseratus = (p: number | string): bigint => BigInt(Math.round(Number(p) * 100));

/** A rupiah amount num/den (num ≥ 0) rounded once to a multiple of `ke`, half up or down. */
export function bulatkanKe(num: bigint, den: bigint, p: Pembulatan): number {
  const d = den * BigInt(p.ke);
  const q = p.cara === 'ke-bawah' ? num / d : (2n * num + d) / (2n * d);
  return Number(q) * p.ke;
}
/** Half up to the rupiah: BPJS and PPh lines, whatever the TPP lines' rounding (they are amounts of those laws). */
export const RUPIAH: Pembulatan = { ke: 1, cara: 'setengah-ke-atas' };

/** The TER rate (in hundredths of a percent) of a monthly bruto. */
export function tarifTer(tabel: AturanTpp['pph21']['ter'], kategori: KategoriTer, bruto: number): bigint {
  const rows = tabel[kategori];
  const b = rows.find((x) => x.sampai === null || bruto <= x.sampai) ?? rows[rows.length - 1];
  return perseratus(b.tarif);
}

export type BrutoNeto = {
  /** the month's TPP (after cuts, hukdis, penundaan) and the THR/gaji ke-13 lines of the month */
  tpp: number;
  tambahan: number;
  bruto: number;
  /** the pegawai's monthly gaji as recorded (null: not recorded, computed as 0 and flagged) */
  gaji: number | null;
  ptkp: StatusPtkp | null;
  kategoriTer: KategoriTer;
  dasarBpjs: number;
  bpjsPegawai: number;
  bpjsPemda: number;
  /** PPh 21: the month's whole bruto (gaji + TPP lines + the Pemda's BPJS share on them), its TER rate (%), the gaji's rate */
  brutoPph: number;
  tarifPph: number;
  tarifPphGaji: number;
  pph: number;
  tunjanganPph: number;
  neto: number;
};

/**
 * Bruto → neto of a month's TPP (issue 22). Each line is exact and rounded half up to the rupiah once.
 * - BPJS Kesehatan: the base is pay (gaji + TPP) up to the cap; the gaji's part is deducted with the gaji, so the
 *   TPP's shares are those of what the gaji left of the cap: min(gaji + tpp, cap) − min(gaji, cap). THR and gaji ke-13
 *   are no monthly pay: outside the base. The Pemda's share is paid by the Pemda (not deducted), but it is income of
 *   the pegawai for PPh 21 (PMK 168/2023: premi asuransi kesehatan paid by the employer is part of penghasilan bruto).
 * - PPh 21 by TER (PP 58/2023): one rate on the month's whole bruto from this employer. The gaji payroll withheld its
 *   rate on the gaji alone; the TPP withholds the rest: TER(G + T) × (G + T) − TER(G) × G, never below 0, where T is
 *   the TPP lines plus the Pemda's BPJS share on them. 'ditanggung' (PP 80/2010 style) adds the same amount as a
 *   tunjangan PPh line (not grossed up: tax borne by the government is not income). 'tidak': not computed here.
 */
export function hitungNeto(
  input: { tpp: number; tambahan: number; gaji: number | null; ptkp: StatusPtkp | null },
  aturan: Pick<AturanTpp, 'bpjs' | 'pph21'>,
): BrutoNeto {
  const gaji = input.gaji ?? 0;
  const bruto = input.tpp + input.tambahan;
  const cap = aturan.bpjs.batas;
  const dasarBpjs = Math.max(0, Math.min(gaji + input.tpp, cap) - Math.min(gaji, cap));
  const bagian = (p: number) => bulatkanKe(BigInt(dasarBpjs) * perseratus(p), 10_000n, RUPIAH);
  const bpjsPegawai = bagian(aturan.bpjs.pegawai);
  const bpjsPemda = bagian(aturan.bpjs.pemda);
  const kategori = kategoriTer(input.ptkp);
  const brutoPph = bruto + bpjsPemda;
  const tarif = tarifTer(aturan.pph21.ter, kategori, gaji + brutoPph);
  const tarifGaji = tarifTer(aturan.pph21.ter, kategori, gaji);
  // in hundredths of a percent: TER(G + T) × (G + T) − TER(G) × G, over 10,000
  const selisih = tarif * BigInt(gaji + brutoPph) - tarifGaji * BigInt(gaji);
  const pph = aturan.pph21.metode === 'tidak' || bruto === 0 || selisih <= 0n ? 0 : bulatkanKe(selisih, 10_000n, RUPIAH);
  const tunjanganPph = aturan.pph21.metode === 'ditanggung' ? pph : 0;
  return {
    tpp: input.tpp,
    tambahan: input.tambahan,
    bruto,
    gaji: input.gaji,
    ptkp: input.ptkp,
    kategoriTer: kategori,
    dasarBpjs,
    bpjsPegawai,
    bpjsPemda,
    brutoPph: gaji + brutoPph,
    tarifPph: Number(tarif) / 100,
    tarifPphGaji: Number(tarifGaji) / 100,
    pph,
    tunjanganPph,
    neto: bruto + tunjanganPph - bpjsPegawai - pph,
  };
}
