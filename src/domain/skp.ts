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
