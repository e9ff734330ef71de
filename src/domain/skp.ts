import { monthRange } from './periode.ts';
import type { Ekspektasi } from './predikat.ts';

/**
 * SKP as PermenPAN-RB 6/2022 runs it (issue 19, docs/skp.md): the words and the fixed rules, pure. The data model is
 * prisma/migrations/20261210000000_skp; the services decide with these.
 */

export const JENIS_RHK = ['UTAMA', 'TAMBAHAN'] as const;
export type JenisRhk = (typeof JENIS_RHK)[number];
export const LABEL_JENIS_RHK: Record<JenisRhk, string> = { UTAMA: 'Utama', TAMBAHAN: 'Tambahan' };

export const ASPEK_RHK = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const;
export type AspekRhk = (typeof ASPEK_RHK)[number];
export const LABEL_ASPEK: Record<AspekRhk, string> = { KUANTITAS: 'Kuantitas', KUALITAS: 'Kualitas', WAKTU: 'Waktu', BIAYA: 'Biaya' };

/** The core values BerAKHLAK and their panduan perilaku (SE MenPAN-RB 20/2021), the SKP's perilaku kerja. */
export const BERAKHLAK = ['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF'] as const;
export type NilaiBerakhlak = (typeof BERAKHLAK)[number];
export const LABEL_BERAKHLAK: Record<NilaiBerakhlak, string> = {
  BERORIENTASI_PELAYANAN: 'Berorientasi Pelayanan',
  AKUNTABEL: 'Akuntabel',
  KOMPETEN: 'Kompeten',
  HARMONIS: 'Harmonis',
  LOYAL: 'Loyal',
  ADAPTIF: 'Adaptif',
  KOLABORATIF: 'Kolaboratif',
};
export const PERILAKU_STANDAR: Record<NilaiBerakhlak, readonly string[]> = {
  BERORIENTASI_PELAYANAN: [
    'Memahami dan memenuhi kebutuhan masyarakat',
    'Ramah, cekatan, solutif, dan dapat diandalkan',
    'Melakukan perbaikan tiada henti',
  ],
  AKUNTABEL: [
    'Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi',
    'Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien',
    'Tidak menyalahgunakan kewenangan jabatan',
  ],
  KOMPETEN: [
    'Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah',
    'Membantu orang lain belajar',
    'Melaksanakan tugas dengan kualitas terbaik',
  ],
  HARMONIS: ['Menghargai setiap orang apa pun latar belakangnya', 'Suka menolong orang lain', 'Membangun lingkungan kerja yang kondusif'],
  LOYAL: [
    'Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah',
    'Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara',
    'Menjaga rahasia jabatan dan negara',
  ],
  ADAPTIF: ['Cepat menyesuaikan diri menghadapi perubahan', 'Terus berinovasi dan mengembangkan kreativitas', 'Bertindak proaktif'],
  KOLABORATIF: [
    'Memberi kesempatan kepada berbagai pihak untuk berkontribusi',
    'Terbuka dalam bekerja sama untuk menghasilkan nilai tambah',
    'Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama',
  ],
};

export const PREDIKAT_ORGANISASI = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type PredikatOrganisasi = (typeof PREDIKAT_ORGANISASI)[number];
export const LABEL_PREDIKAT_ORGANISASI: Record<PredikatOrganisasi, string> = {
  ISTIMEWA: 'Istimewa',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG: 'Kurang',
  SANGAT_KURANG: 'Sangat Kurang',
};

/**
 * The leader's rule (PermenPAN-RB 6/2022, rating hasil kerja of a pimpinan unit kerja): the hasil kerja rating of the
 * head of an OPD follows the organisation's predikat — Istimewa: di atas ekspektasi; Baik: sesuai; Butuh Perbaikan,
 * Kurang, Sangat Kurang: di bawah.
 */
export function hasilKerjaPimpinan(p: PredikatOrganisasi): Ekspektasi {
  if (p === 'ISTIMEWA') return 'DI_ATAS';
  if (p === 'BAIK') return 'SESUAI';
  return 'DI_BAWAH';
}

/** The period of an evaluation: a month (1–12) or the year (null). */
export type PeriodeEvaluasi = { tahun: number; bulan: number | null };
export const labelPeriode = (p: PeriodeEvaluasi, namaBulan: (b: number) => string): string =>
  p.bulan === null ? `Tahunan ${p.tahun}` : `${namaBulan(p.bulan)} ${p.tahun}`;

/** First and last day (YYYY-MM-DD) of an evaluation period. */
export function rentangPeriode(p: PeriodeEvaluasi): { awal: string; akhir: string } {
  return p.bulan === null ? { awal: `${p.tahun}-01-01`, akhir: `${p.tahun}-12-31` } : monthRange(p.tahun, p.bulan);
}

/**
 * The period an evaluation is usually about on `today`: the month that ended last (on 1 January: last year's December).
 * A month is rated once it has ended (the whole month's work is in), the year once December has.
 */
export function periodeTerakhir(today: string): PeriodeEvaluasi & { bulan: number } {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? { tahun: y - 1, bulan: 12 } : { tahun: y, bulan: m - 1 };
}

/** Has the period ended by `today` (its last day is over)? */
export const periodeBerakhir = (p: PeriodeEvaluasi, today: string): boolean => rentangPeriode(p).akhir < today;

/**
 * The OPD of a unit (issue 19's "top of an OPD", shared by the SKP cascade, the leader's rule and the curve): the unit
 * directly under a root of the unit tree (Pemda → dinas/badan → bidang → seksi), the unit itself when it is one; a root
 * (the Pemda) is its own OPD. `induk` maps each unit to its parent. The SQL function `unit_opd(u)` (migrations
 * 20261211000000_skp_core and 20261212000000_evaluasi, one text) is the same rule for queries.
 */
export function opdDari(unitId: number | null, induk: ReadonlyMap<number, number | null>): number | null {
  if (unitId === null || !induk.has(unitId)) return null;
  let u = unitId;
  for (let guard = 0; guard < 50; guard++) {
    const parent = induk.get(u) ?? null;
    if (parent === null) return u; // u is a root: its own OPD
    if ((induk.get(parent) ?? null) === null) return u; // parent is a root: u is the OPD
    u = parent;
  }
  return null;
}

/**
 * The head of an OPD — the top of it (the SKP core's notion: their RHK intervene the OPD's goals) — on a date: a
 * pegawai in an OPD with nobody over them in that OPD on that date; "over them" is the atasan in their history and a
 * Plt of the post their jabatan reports to. So a Kepala Dinas (atasan: the Sekda, of the Sekretariat Daerah) and the
 * Sekda (no atasan) are; the Sekretaris Dinas (atasan: the Kepala Dinas) is not, nor is anyone while a Plt of the same
 * OPD holds the post above them. Their hasil kerja rating follows the OPD's capaian organisasi (hasilKerjaPimpinan).
 * `atasanOpdIds`: the OPD of each of those over them (null: a unit in no OPD).
 */
export function kepalaOpd(p: { opdId: number | null; atasanOpdIds: readonly (number | null)[] }): boolean {
  return p.opdId !== null && !p.atasanOpdIds.includes(p.opdId);
}

/**
 * Capaian organisasi (%) → predikat organisasi by the bands of the setting `predikatOrganisasiBatas` (lower bounds,
 * inclusive, decreasing): Istimewa ≥ istimewa, Baik ≥ baik, Butuh Perbaikan ≥ butuhPerbaikan, Kurang ≥ kurang, else
 * Sangat Kurang. Compared in hundredths, exactly as the capaian is stored (DECIMAL(7,2)).
 */
export function predikatOrganisasiDari(
  capaian: number,
  batas: { istimewa: number; baik: number; butuhPerbaikan: number; kurang: number },
): PredikatOrganisasi {
  const c = Math.round(capaian * 100);
  const b = (v: number) => Math.round(v * 100);
  if (c >= b(batas.istimewa)) return 'ISTIMEWA';
  if (c >= b(batas.baik)) return 'BAIK';
  if (c >= b(batas.butuhPerbaikan)) return 'BUTUH_PERBAIKAN';
  if (c >= b(batas.kurang)) return 'KURANG';
  return 'SANGAT_KURANG';
}
