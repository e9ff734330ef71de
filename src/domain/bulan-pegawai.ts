// A pegawai's month (issue 24): presensi, capaian, pagu and TPP, computed in this one place from the month's source
// rows, for every output (the pegawai's pages, the atasan's and pimpinan's lists, the Dashboard, the Rekap Unit
// workbook, the Laporan PDF, the penetapan). Pure: the caller loads the rows (src/services/bulan-pegawai.service.ts).
//
// History decides, never today's row:
// - the days of the month the pegawai served are those from their TMT in this Pemda to their last day of service;
//   before and after, a day is no working day of theirs (never absent, never paid);
// - unit, jabatan, kelas, pagu and atasan of each day come from riwayat_jabatan on that day;
// - a month split by a mutasi is paid by the setting `tppMutasi`: 'prorata' (default) = each jabatan's pagu for its
//   share of the month's working days; 'tanggal1' = the jabatan held on the 1st (or on the first day served) for the
//   whole month. Either way a month served in part is paid for the working days served: pagu × served / working days.
//   Worked examples: docs/tpp-bulan.md.
//
// Exact money (DOMAIN.md: each part computed exactly, rounded half up once): capaian is kept as a fraction of integers
// (quantities in hundredths, minutes, calendar days), the pagu share as a fraction of working days, the percentages in
// hundredths of a percent; each part is one BigInt division at the end.

import {
  type AturanBulan,
  type AturanTpp,
  aturanBulan,
  type BrutoNeto,
  bulatkanKe,
  hitungNeto,
  type KunciSkp,
  kunciPredikat,
  type Pemicu,
  perseratus,
  type StatusPtkp,
  type VersiAturan,
  versiBawaan,
} from './aturan-tpp.ts';
import { type HariInput, type JamKerja, type RingkasanPresensi, ringkas, type StatusHari, statusHari } from './presensi.ts';
import type { Settings } from './settings.ts';
import { type Potongan, pemicuPotongan } from './tpp.ts';

export type Segmen = {
  mulai: string | null; // tmt_awal, inclusive (null: since before the records)
  akhir: string | null; // tmt_akhir, exclusive (null: open)
  jabatanId: number | null;
  jabatanNama: string | null;
  kelas: number | null;
  unitId: number | null;
  unitNama: string | null;
  atasanId: number | null;
  atasanNama: string | null;
  atasanNip: string | null;
};

export type TargetBulan = {
  id: number;
  pekerjaan: string;
  satuan: string;
  asal: string;
  /** the month's target quantity and the verified quantity, as decimal text (Decimal(12,2)) */
  target: string;
  terverifikasi: string;
  semua: string;
  normaWaktu: number;
  /** the TMT that ended it (exclusive), or null */
  berakhir: string | null;
};

/** the month's entries of one day and status: how many, their minutes */
/** A Plt/Plh assignment of the pegawai (penugasan_atasan) that reaches into the month, with the post's kelas. */
export type TugasBulan = { jenis: 'PLT' | 'PLH'; mulai: string; selesai: string; kelas: number | null; jabatanNama: string | null };

export type EntriBulan = { tanggal: string; status: number; n: number; menit: number };

export type SumberBulan = {
  pegawaiId: number;
  tahun: number;
  bulan: number;
  /** first day of service in this Pemda (null: before the records) and last day of service (null: still serving) */
  tmt: string | null;
  berhenti: string | null;
  segmen: Segmen[];
  presensi: { tanggal: string; jamMasuk: string | null; jamPulang: string | null }[];
  libur: { tanggal: string; nama: string }[];
  ketidakhadiran: { mulai: string; selesai: string; jenis: string }[];
  /** last day the attendance machine data covers this month (null: none imported yet) */
  cakupanSampai: string | null;
  targets: TargetBulan[];
  entri: EntriBulan[];
  /** entries without a target (Tambah Realisasi) */
  tambahan: number;
  tugas: TugasBulan[];
  /** pagu per kelas for the year */
  pagu: Map<number, number>;
  /** hukuman disiplin and penundaan of the pegawai that reach this month (issue 22) */
  hukdis?: HukdisBulan[];
  penundaan?: PenundaanBulan[];
  /**
   * The rule set in force for the month (issue 22): the year's latest version, or the one a ditetapkan month was
   * computed with; absent: the default rule set built from the settings (src/domain/aturan-tpp.ts).
   */
  aturan?: VersiAturan | null;
  /** the month's evaluasi_kinerja.predikat (the SKP component), null when the month is not rated */
  predikatSkp?: string | null;
  /** the pegawai's monthly gaji and status PTKP (bruto → neto), null when not recorded */
  gaji?: number | null;
  ptkp?: StatusPtkp | null;
};
export type HukdisBulan = { jenis: string; peraturan: string; nomorSk: string; mulai: string; selesai: string; persen: string };
export type PenundaanBulan = { alasan: string; mulai: string; dilepas: string | null };

export type HariBulan = {
  tanggal: string;
  jamMasuk: string | null;
  jamPulang: string | null;
  status: StatusHari | { jenis: 'belum-ada-data' } | { jenis: 'bukan-masa-dinas' };
};

export type BagianPagu = { jabatanNama: string | null; kelas: number | null; pagu: number; hariKerja: number };

/** The shape of this object as a frozen month stores it (tpp_tetap.rincian); older penetapan stored totals only. */
export const VERSI_RINCIAN = 2;

export type BulanPegawai = {
  versi: typeof VERSI_RINCIAN;
  pegawaiId: number;
  tahun: number;
  bulan: number;
  /** working days of the month by the calendar (jam kerja, hari libur), and those the pegawai served */
  hariKerjaBulan: number;
  hariDinas: number;
  /** the post of the month: the one held on the last day served ('prorata') or on the first ('tanggal1') */
  jabatan: Pick<Segmen, 'jabatanId' | 'jabatanNama' | 'kelas' | 'unitId' | 'unitNama' | 'atasanId' | 'atasanNama' | 'atasanNip'>;
  /** each jabatan's part of the pagu, for the breakdown */
  bagianPagu: BagianPagu[];
  presensi: { days: HariBulan[]; ringkasan: RingkasanPresensi; potongan: Omit<Potongan, 'persen'>[] };
  capaian: {
    targets: (TargetBulan & { capaian: number | null; bobot: number })[];
    /** exact fraction (null when no target asked anything this month) and its value */
    pembilang: string | null;
    penyebut: string | null;
    nilai: number | null;
    menitTerverifikasi: number;
    capaianWaktu: number;
    entri: number;
    terverifikasi: number;
    menunggu: number;
    menungguTertua: string | null;
    /** entries waiting, per atasan of the entry's day (the Dashboard's queue) */
    menungguPerAtasan: { atasanId: number; menunggu: number; tertua: string }[];
    entriTambahan: number;
  };
  tpp: {
    dasar: 'target' | 'waktu';
    /** pagu for the month (the exact share rounded for display; the parts use the exact share) */
    pagu: number;
    capaian: number;
    kinerja: number;
    disiplin: number;
    /** the Plt/Plh line (issue 24, DOMAIN.md "TPP special cases"): 0 when none counts */
    plt: number;
    pltKeterangan: string | null;
    /** TPP before the hukuman disiplin line: kinerja + disiplin + Plt/Plh */
    bruto?: number;
    /** the hukuman disiplin in force on the month's 1st and its cut, rounded once (issue 22) */
    hukdis?: number;
    hukuman?: (HukdisBulan & { potongan: number }) | null;
    /** the penundaan covering the month: the month is owed, paid once released */
    penundaan?: PenundaanBulan | null;
    total: number;
    potonganPersen: number;
    potongan: Potongan[];
    // ── issue 22, the rule set's lines (absent in months frozen before rule sets) ──
    /** the rule set the month was computed with */
    aturan?: AturanBulan;
    /** the SKP component: the month's predikat and the share of the component it pays */
    skp?: number;
    skpNilai?: { kunci: KunciSkp; persen: number };
    /** the cuts per trigger: occurrences, % each, the sum after its cap, the share it is taken from */
    potonganPemicu?: { pemicu: Pemicu; jumlah: number; persen: number; total: number; dibatasi: boolean; dari: 'kehadiran' | 'total' }[];
    /** the cuts taken from the whole TPP: their % and the rupiah line */
    potonganTotalPersen?: number;
    potonganTotal?: number;
    /** a penundaan under a rule set whose months are not paid at all: the month's TPP, as a cut line */
    tidakDibayar?: number;
    /** THR / gaji ke-13 lines of the month */
    tambahan?: { nama: string; persen: number; dasar: 'tpp' | 'pagu'; jumlah: number }[];
    /** bruto → neto of the month */
    neto?: BrutoNeto;
  };
};

function daysOf(tahun: number, bulan: number): string[] {
  const n = new Date(Date.UTC(tahun, bulan, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${tahun}-${String(bulan).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`);
}

/** Hundredths of a decimal text ("12.5" → 1250n), exact. */
export function seratusan(v: string | number): bigint {
  const s = typeof v === 'number' ? v.toFixed(2) : v.trim();
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const n = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -n : n;
}

const bulatkan = (num: bigint, den: bigint): number => Number((2n * num + den) / (2n * den)); // half up, num ≥ 0

/** The segment of riwayat in force on a day. */
export function segmenPada(segmen: Segmen[], tanggal: string): Segmen | undefined {
  return segmen.find((s) => (s.mulai === null || s.mulai <= tanggal) && (s.akhir === null || tanggal < s.akhir));
}

/** Whether the day is within the pegawai's service. */
const dalamDinas = (src: Pick<SumberBulan, 'tmt' | 'berhenti'>, tanggal: string) =>
  (src.tmt === null || src.tmt <= tanggal) && (src.berhenti === null || tanggal <= src.berhenti);

/**
 * Capaian of a month (DOMAIN.md, src/domain/capaian.ts's weighting): per target min(verified, target), weighted by planned
 * minutes (target × norma waktu), as one exact fraction. A target ended by a mutasi counts only up to its end: in the
 * month of the end its quantity is the share of the month's calendar days before the end; after it, nothing.
 */
export function capaianBulan(targets: TargetBulan[], tahun: number, bulan: number) {
  const hari = daysOf(tahun, bulan);
  const n = BigInt(hari.length);
  let num = 0n;
  let den = 0n;
  const rows = targets.map((t) => {
    const hariBerlaku = t.berakhir === null ? n : BigInt(hari.filter((d) => d < (t.berakhir as string)).length);
    // quantities in hundredths × days: target share = target × hariBerlaku / n, kept over the common denominator n
    const target = seratusan(t.target) * hariBerlaku;
    const verified = seratusan(t.terverifikasi) * n;
    const nw = BigInt(t.normaWaktu);
    if (target <= 0n) return { ...t, capaian: null, bobot: 0 };
    const done = verified < target ? (verified < 0n ? 0n : verified) : target;
    num += done * nw;
    den += target * nw;
    return { ...t, capaian: nilaiPecahan(done, target), bobot: Number(target * nw) / Number(n) / 100 };
  });
  return { rows, num: den > 0n ? num : null, den: den > 0n ? den : null };
}

/** The value of an exact fraction (to 6 decimals, as capaian is shown and stored), or null without one. */
export const nilaiPecahan = (num: bigint | null, den: bigint | null): number | null =>
  num === null || den === null ? null : Number((2n * num * 1_000_000n + den) / (2n * den)) / 1_000_000;

// The default rule set of a year, built once per settings object (a list computes thousands of months with one).
const bawaan = new WeakMap<Settings, Map<number, VersiAturan>>();
function bawaanUntuk(tahun: number, settings: Settings): VersiAturan {
  let perTahun = bawaan.get(settings);
  if (!perTahun) {
    perTahun = new Map();
    bawaan.set(settings, perTahun);
  }
  let v = perTahun.get(tahun);
  if (!v) {
    v = versiBawaan(tahun, settings);
    perTahun.set(tahun, v);
  }
  return v;
}

export function hitungBulan(src: SumberBulan, settings: Settings): BulanPegawai {
  const { tahun, bulan } = src;
  const libur = new Map(src.libur.map((l) => [l.tanggal, l.nama]));
  const presensi = new Map(src.presensi.map((p) => [p.tanggal, p]));
  const sampai = src.cakupanSampai ?? '';
  const jamKerja = settings.jamKerja as JamKerja;

  // The calendar: working days of the month, and of them those served, per segment of riwayat.
  const days: HariBulan[] = [];
  let hariKerjaBulan = 0;
  const perSegmen = new Map<Segmen, number>();
  for (const tanggal of daysOf(tahun, bulan)) {
    const kalender = statusHari({ tanggal, jamKerja, libur: libur.get(tanggal) ?? null, jamMasuk: '00:00', jamPulang: null });
    const hariKerja = kalender.jenis === 'hadir';
    if (hariKerja) hariKerjaBulan++;
    const p = presensi.get(tanggal);
    if (!dalamDinas(src, tanggal)) {
      days.push({ tanggal, jamMasuk: p?.jamMasuk ?? null, jamPulang: p?.jamPulang ?? null, status: { jenis: 'bukan-masa-dinas' } });
      continue;
    }
    const seg = segmenPada(src.segmen, tanggal);
    if (hariKerja && seg) perSegmen.set(seg, (perSegmen.get(seg) ?? 0) + 1);
    const izin = src.ketidakhadiran.find((k) => k.mulai <= tanggal && k.selesai >= tanggal);
    const input: HariInput = {
      tanggal,
      jamKerja,
      libur: libur.get(tanggal) ?? null,
      ketidakhadiran: izin ? (LABEL_KETIDAKHADIRAN[izin.jenis] ?? izin.jenis) : null,
      jamMasuk: p?.jamMasuk ?? null,
      jamPulang: p?.jamPulang ?? null,
    };
    const s = statusHari(input);
    // after the last day the machine data covers, a day with no record is not yet known (not absent)
    const belum = tanggal > sampai && (s.jenis === 'hadir' || s.jenis === 'tanpa-keterangan') && !p;
    days.push({ tanggal, jamMasuk: input.jamMasuk, jamPulang: input.jamPulang, status: belum ? { jenis: 'belum-ada-data' } : s });
  }
  const hariDinas = [...perSegmen.values()].reduce((a, b) => a + b, 0);
  const statuses = days.map((d) => d.status).filter((s): s is StatusHari => s.jenis !== 'belum-ada-data' && s.jenis !== 'bukan-masa-dinas');
  const potonganTanpaPersen = potonganDari(days);

  // The post of the month and the pagu's parts.
  const served = days.filter((d) => d.status.jenis !== 'bukan-masa-dinas').map((d) => d.tanggal);
  const hariPenentu = settings.tppMutasi === 'tanggal1' ? served[0] : served[served.length - 1];
  const penentu = (hariPenentu && segmenPada(src.segmen, hariPenentu)) || src.segmen[src.segmen.length - 1];
  const paguKelas = (kelas: number | null) => (kelas === null ? 0 : (src.pagu.get(kelas) ?? 0));
  const bagian: BagianPagu[] =
    settings.tppMutasi === 'tanggal1'
      ? penentu
        ? [{ jabatanNama: penentu.jabatanNama, kelas: penentu.kelas, pagu: paguKelas(penentu.kelas), hariKerja: hariDinas }]
        : []
      : [...perSegmen.entries()].map(([s, n]) => ({ jabatanNama: s.jabatanNama, kelas: s.kelas, pagu: paguKelas(s.kelas), hariKerja: n }));
  // pagu of the month = Σ pagu × days served in that jabatan / working days of the month (exact: paguNum / paguDen)
  const paguDen = BigInt(Math.max(1, hariKerjaBulan));
  const paguNum = bagian.reduce((s, b) => s + BigInt(b.pagu) * BigInt(b.hariKerja), 0n);

  // Capaian and the month's entries.
  const c = capaianBulan(src.targets, tahun, bulan);
  const terverifikasi = src.entri.filter((e) => e.status === 1);
  const menit = terverifikasi.reduce((s, e) => s + e.menit, 0);
  const menunggu = src.entri.filter((e) => e.status === 0);
  const jumlah = (list: EntriBulan[]) => list.reduce((s, e) => s + e.n, 0);
  // the entries waiting, under the atasan of each entry's own day (only they, or their Plt/Plh, may verify it)
  const antrean = new Map<number, { atasanId: number; menunggu: number; tertua: string }>();
  for (const e of menunggu) {
    const a = segmenPada(src.segmen, e.tanggal)?.atasanId;
    if (!a) continue;
    const q = antrean.get(a) ?? { atasanId: a, menunggu: 0, tertua: e.tanggal };
    q.menunggu += e.n;
    if (e.tanggal < q.tertua) q.tertua = e.tanggal;
    antrean.set(a, q);
  }

  // TPP by the month's rule set (issue 22; src/domain/aturan-tpp.ts, docs/aturan-tpp.md). Components of the pagu:
  // kinerja = pagu × K × capaian; skp = pagu × S × the share of the month's predikat; kehadiran = pagu × D × (1 − Σ cuts
  // taken from it), floor 0. The default rule set (no version stored for the year) is Pengaturan's: K/D and the TL/PSW/TK
  // cuts, S = 0 — the formula of DOMAIN.md. Every factor is exact; each rupiah line is rounded once by the rule set.
  const versi = src.aturan ?? bawaanUntuk(tahun, settings);
  const aturan: AturanTpp = versi.isi;
  const bulat = (num: bigint, den: bigint) => bulatkanKe(num < 0n ? 0n : num, den, aturan.pembulatan);
  const dasar = settings.tppDasarCapaian;
  const efektif = BigInt(settings.menitEfektifBulanan);
  const [capNum, capDen] =
    dasar === 'waktu'
      ? [BigInt(Math.min(menit, settings.menitEfektifBulanan)), efektif]
      : c.num === null
        ? [0n, 1n]
        : [c.num, c.den as bigint];
  const K = perseratus(aturan.komponen.kinerja);
  const S = perseratus(aturan.komponen.skp);
  const D = perseratus(aturan.komponen.kehadiran);
  const kunciSkp = kunciPredikat(src.predikatSkp);
  const nilai = perseratus(aturan.nilaiSkp[kunciSkp]);

  // Cuts: every TL/PSW/TK occurrence is a line (0 % when the rule set has none for it, as before); an izin day only when
  // the rule set cuts izin. Per trigger the month's sum is capped (batas), then summed per share it is taken from.
  const aturanPotong = new Map(aturan.potongan.map((p) => [p.pemicu, p]));
  const kejadian = new Map<Pemicu, number>();
  const potongan: Potongan[] = (aturanPotong.has('IZIN') ? potonganDari(days, true) : potonganTanpaPersen).map((p) => {
    const pemicu = pemicuPotongan(p);
    kejadian.set(pemicu, (kejadian.get(pemicu) ?? 0) + 1);
    const a = aturanPotong.get(pemicu);
    return { ...p, persen: a?.persen ?? 0, dari: a?.dari ?? 'kehadiran' };
  });
  const potonganPemicu = aturan.potongan
    .map((a) => {
      const jumlah = kejadian.get(a.pemicu) ?? 0;
      const mentah = BigInt(jumlah) * perseratus(a.persen);
      const batas = a.batas === null ? null : perseratus(a.batas);
      const total = batas !== null && mentah > batas ? batas : mentah;
      return { pemicu: a.pemicu, jumlah, persen: a.persen, total: Number(total) / 100, dibatasi: total < mentah, dari: a.dari, t: total };
    })
    .filter((p) => p.jumlah > 0);
  const cuts = potonganPemicu.filter((p) => p.dari === 'kehadiran').reduce((s, p) => s + p.t, 0n);
  const cutsTotal = potonganPemicu.filter((p) => p.dari === 'total').reduce((s, p) => s + p.t, 0n);
  const sisa = cuts >= 10_000n ? 0n : 10_000n - cuts;
  const kinerja = bulat(paguNum * K * capNum, paguDen * 10_000n * capDen);
  const skp = bulat(paguNum * S * nilai, paguDen * 10_000n * 10_000n);
  const disiplin = bulat(paguNum * D * sisa, paguDen * 10_000n * 10_000n);

  // Plt/Plh (Perbup texts, e.g. Balangan 57/2020, NTB 13/2022; DOMAIN.md): an assignment counts in a month it covers
  // whole (at least one full calendar month). The post's TPP is its pagu (for the same share of the month served)
  // with the pegawai's own capaian, predikat and cuts. Plt of an equal post: + tppPltSetaraPersen % of it; Plt of a
  // higher post: the post's TPP instead of their own when it is higher (the difference as the line); Plh: + tppPlhPersen %.
  const hari = daysOf(tahun, bulan);
  let plt = 0;
  const keterangan: string[] = [];
  const ownKelas = penentu?.kelas ?? null;
  for (const t of src.tugas ?? []) {
    if (!(t.mulai <= hari[0] && t.selesai >= hari[hari.length - 1]) || t.kelas === null) continue;
    const paguPos = BigInt(paguKelas(t.kelas)) * BigInt(hariDinas);
    // the post's TPP as a fraction: paguPos × (K × cap + S × nilai + D × sisa) / (paguDen × 10⁴ × capDen × 10⁴)
    const posNum = paguPos * (K * capNum * 10_000n + S * nilai * capDen + D * sisa * capDen);
    const posDen = paguDen * 10_000n * capDen * 10_000n;
    if (t.jenis === 'PLH') {
      const line = bulat(posNum * perseratus(settings.tppPlhPersen), posDen * 10_000n);
      if (line > 0) keterangan.push(`Plh ${t.jabatanNama ?? ''}: ${settings.tppPlhPersen}% TPP jabatan itu`.trim());
      plt += line;
    } else if (ownKelas !== null && t.kelas === ownKelas) {
      plt += bulat(posNum * perseratus(settings.tppPltSetaraPersen), posDen * 10_000n);
      keterangan.push(`Plt ${t.jabatanNama ?? ''} (setara): ${settings.tppPltSetaraPersen}% TPP jabatan itu`);
    } else if (ownKelas === null || t.kelas > ownKelas) {
      const beda = bulat(posNum, posDen) - (kinerja + skp + disiplin);
      if (beda > 0) {
        plt += beda;
        keterangan.push(`Plt ${t.jabatanNama ?? ''} (lebih tinggi): dibayar TPP jabatan itu`);
      }
    }
  }

  // Cuts taken from the whole TPP (a rule set may take e.g. TK from all of it): Σ of their % (at most 100) of the
  // components and the Plt line, rounded once.
  const komponen = kinerja + skp + disiplin + plt;
  const potonganTotal = cutsTotal > 0n ? bulat(BigInt(komponen) * (cutsTotal > 10_000n ? 10_000n : cutsTotal), 10_000n) : 0;

  // Hukuman disiplin (PP 94/2021): a month counts when the hukuman is in force on its 1st day (or, by the rule set, on
  // any day of it); the cut is its percentage of the month's TPP, rounded once. Penundaan: a month is postponed when a
  // penundaan covers a day of it and was not released before the month began; its figure is owed (or, by the rule
  // set, not paid at all: the whole TPP as a line).
  const bruto = komponen - potonganTotal;
  const awal = hari[0];
  const akhir = hari[hari.length - 1];
  const hk =
    (src.hukdis ?? []).find((h) =>
      aturan.hukdis.berlaku === 'sebagian' ? h.mulai <= akhir && h.selesai >= awal : h.mulai <= awal && h.selesai >= awal,
    ) ?? null;
  const hukdis = hk ? bulat(BigInt(bruto) * perseratus(hk.persen), 10_000n) : 0;
  // of several that reach the month, one still open holds it; else the one released last tells when it was released
  const menahan = (src.penundaan ?? []).filter((t) => t.mulai <= akhir && (t.dilepas === null || t.dilepas >= awal));
  const tunda =
    menahan.find((t) => t.dilepas === null) ??
    menahan.reduce<PenundaanBulan | null>((a, t) => (a === null || (t.dilepas as string) > (a.dilepas as string) ? t : a), null);
  const tidakDibayar = tunda && aturan.penundaan.akibat === 'tidak-dibayar' ? bruto - hukdis : 0;
  const total = bruto - hukdis - tidakDibayar;

  // THR and gaji ke-13 months: a line of the month's TPP (or of the pagu), rounded once; then bruto → neto.
  const tambahan = aturan.tambahan
    .filter((t) => t.bulan === bulan)
    .map((t) => ({
      nama: t.nama,
      persen: t.persen,
      dasar: t.dasar,
      jumlah:
        t.dasar === 'pagu'
          ? bulat(paguNum * perseratus(t.persen), paguDen * 10_000n)
          : bulat(BigInt(total) * perseratus(t.persen), 10_000n),
    }));
  const neto = hitungNeto(
    { tpp: total, tambahan: tambahan.reduce((s, t) => s + t.jumlah, 0), gaji: src.gaji ?? null, ptkp: src.ptkp ?? null },
    aturan,
  );

  return {
    versi: VERSI_RINCIAN,
    pegawaiId: src.pegawaiId,
    tahun,
    bulan,
    hariKerjaBulan,
    hariDinas,
    jabatan: {
      jabatanId: penentu?.jabatanId ?? null,
      jabatanNama: penentu?.jabatanNama ?? null,
      kelas: penentu?.kelas ?? null,
      unitId: penentu?.unitId ?? null,
      unitNama: penentu?.unitNama ?? null,
      atasanId: penentu?.atasanId ?? null,
      atasanNama: penentu?.atasanNama ?? null,
      atasanNip: penentu?.atasanNip ?? null,
    },
    bagianPagu: bagian,
    presensi: { days, ringkasan: ringkas(statuses), potongan: potonganTanpaPersen },
    capaian: {
      targets: c.rows,
      pembilang: c.num === null ? null : String(c.num),
      penyebut: c.den === null ? null : String(c.den),
      nilai: nilaiPecahan(c.num, c.den),
      menitTerverifikasi: menit,
      capaianWaktu: Math.min(1, menit / settings.menitEfektifBulanan),
      entri: jumlah(src.entri),
      terverifikasi: jumlah(terverifikasi),
      menunggu: jumlah(menunggu),
      menungguTertua: menunggu.reduce<string | null>((m, e) => (m === null || e.tanggal < m ? e.tanggal : m), null),
      menungguPerAtasan: [...antrean.values()],
      entriTambahan: src.tambahan,
    },
    tpp: {
      dasar,
      pagu: bulatkan(paguNum, paguDen),
      capaian: nilaiPecahan(capNum, capDen) ?? 0,
      kinerja,
      disiplin,
      plt,
      pltKeterangan: keterangan.length ? keterangan.join('; ') : null,
      bruto,
      hukdis,
      hukuman: hk ? { ...hk, potongan: hukdis } : null,
      penundaan: tunda,
      total,
      potonganPersen: Number(cuts) / 100,
      potongan,
      aturan: aturanBulan(versi),
      skp,
      skpNilai: { kunci: kunciSkp, persen: aturan.nilaiSkp[kunciSkp] },
      potonganPemicu: potonganPemicu.map(({ t: _t, ...p }) => p),
      potonganTotalPersen: Number(cutsTotal > 10_000n ? 10_000n : cutsTotal) / 100,
      potonganTotal,
      tidakDibayar,
      tambahan,
      neto,
    },
  };
}

export const LABEL_KETIDAKHADIRAN: Record<string, string> = {
  IZIN: 'Izin',
  SAKIT: 'Sakit',
  CUTI: 'Cuti',
  DINAS_LUAR: 'Dinas luar',
  TUGAS_BELAJAR: 'Tugas belajar',
};

/**
 * The TPP cuts of a month, each with its date and band (TL and PSW of one day are two occurrences); a working day of
 * izin too when the rule set cuts izin.
 */
export function potonganDari(days: HariBulan[], izin = false): Omit<Potongan, 'persen'>[] {
  const out: Omit<Potongan, 'persen'>[] = [];
  for (const d of days) {
    const s = d.status;
    if (s.jenis === 'tanpa-keterangan') out.push({ tanggal: d.tanggal, jenis: 'TK', band: 0 });
    if (izin && s.jenis === 'ketidakhadiran' && s.nama === LABEL_KETIDAKHADIRAN.IZIN)
      out.push({ tanggal: d.tanggal, jenis: 'IZIN', band: 0 });
    if (s.jenis !== 'hadir') continue;
    if (s.tl > 0) out.push({ tanggal: d.tanggal, jenis: 'TL', band: s.tl });
    if (s.psw > 0) out.push({ tanggal: d.tanggal, jenis: 'PSW', band: s.psw });
  }
  return out;
}
