import type { Ekspektasi, Predikat } from '../../domain/predikat.ts';

/**
 * The period's file for SIASN / e-Kinerja BKN (issue 19 §3), pure: one record per pegawai with an evaluation, in the
 * fields of the national "kinerja periodik" service. Every column, its source and its codes: docs/siasn.md (a test
 * compares SIASN_KOLOM with that table). Field names are the service's own (camelCase), so the file maps one to one
 * onto the request the adapter sends (siasn-adapter.ts).
 */

export const SIASN_KOLOM = [
  'nipBaru',
  'nama',
  'tahun',
  'periodikId',
  'bulanMulaiPenilaian',
  'tahunMulaiPenilaian',
  'bulanSelesaiPenilaian',
  'tahunSelesaiPenilaian',
  'hasilKinerjaNilai',
  'perilakuKerjaNilai',
  'kuadranKinerjaNilai',
  'predikat',
  'statusPenilai',
  'penilaiNipNrp',
  'penilaiNama',
  'penilaiGolongan',
  'penilaiJabatanNama',
  'penilaiUnorNama',
  'koefisienId',
] as const;
export type KolomSiasn = (typeof SIASN_KOLOM)[number];

export type RecordSiasn = {
  nipBaru: string;
  nama: string;
  tahun: number;
  /** 1 = bulanan (referensi "periodik"); null for the year, which goes to the SKP tahunan service instead */
  periodikId: number | null;
  bulanMulaiPenilaian: number;
  tahunMulaiPenilaian: number;
  bulanSelesaiPenilaian: number;
  tahunSelesaiPenilaian: number;
  hasilKinerjaNilai: 1 | 2 | 3;
  perilakuKerjaNilai: 1 | 2 | 3;
  kuadranKinerjaNilai: 1 | 2 | 3 | 4 | 5;
  predikat: Predikat;
  statusPenilai: 'ASN' | 'NON ASN';
  penilaiNipNrp: string | null;
  penilaiNama: string | null;
  penilaiGolongan: string | null;
  penilaiJabatanNama: string | null;
  penilaiUnorNama: string | null;
  koefisienId: string | null;
};

/** Referensi "perilaku dan kinerja": 1 di atas, 2 sesuai, 3 di bawah ekspektasi. */
export const NILAI_EKSPEKTASI: Record<Ekspektasi, 1 | 2 | 3> = { DI_ATAS: 1, SESUAI: 2, DI_BAWAH: 3 };

/** Referensi "kuadran nilai": the predikat of the PermenPAN-RB 6/2022 matrix, 1 (Sangat Baik) … 5 (Sangat Kurang). */
export const KUADRAN: Record<Predikat, 1 | 2 | 3 | 4 | 5> = {
  'Sangat Baik': 1,
  Baik: 2,
  'Butuh Perbaikan': 3,
  'Kurang/Misconduct': 4,
  'Sangat Kurang': 5,
};

const ROMAWI = ['I', 'II', 'III', 'IV'];

/** Golongan as the app stores it ("III/d") → the SIASN golongan id (34): ruang I…IV × 10 + a…e. */
export function golonganSiasn(golongan: string | null): string | null {
  const m = golongan?.match(/^(I|II|III|IV)\/([a-e])$/);
  if (!m) return null;
  return `${ROMAWI.indexOf(m[1]) + 1}${'abcde'.indexOf(m[2]) + 1}`;
}

/** One evaluation as read from the database (siasn.service.ts). */
export type EvaluasiSiasn = {
  nip: string;
  nama: string;
  tahun: number;
  bulan: number | null;
  hasilKerja: Ekspektasi;
  perilakuKerja: Ekspektasi;
  predikat: Predikat;
  /** 'Plt' | 'Plh' | 'admin' (entered on behalf of the top of the hierarchy) | null */
  penilaiSebagai: string | null;
  /** the SKP's period (an annual rating covers the SKP's months of that year) */
  skpMulai: string | null;
  skpSelesai: string | null;
  penilai: { nip: string; nama: string; golongan: string | null; jabatan: string | null; unit: string | null } | null;
};

/**
 * An evaluation → the national record. The penilai is ASN when a pegawai of the app rated; an annual rating the admin
 * entered on behalf of the top of the hierarchy (the Sekda, rated by the Bupati, who has no ASN account) and a rating
 * without a penilai are NON ASN, with the penilai's fields left empty. A Plt/Plh rates as "Plt./Plh. <post>".
 */
export function recordSiasn(e: EvaluasiSiasn): RecordSiasn {
  const bulanan = e.bulan !== null;
  const mulai = bulanan ? e.bulan! : e.skpMulai?.startsWith(`${e.tahun}-`) ? Number(e.skpMulai.slice(5, 7)) : 1;
  const selesai = bulanan ? e.bulan! : e.skpSelesai?.startsWith(`${e.tahun}-`) ? Number(e.skpSelesai.slice(5, 7)) : 12;
  const asn = e.penilai !== null && e.penilaiSebagai !== 'admin';
  const p = asn ? e.penilai : null;
  return {
    nipBaru: e.nip,
    nama: e.nama,
    tahun: e.tahun,
    periodikId: bulanan ? 1 : null,
    bulanMulaiPenilaian: mulai,
    tahunMulaiPenilaian: e.tahun,
    bulanSelesaiPenilaian: selesai,
    tahunSelesaiPenilaian: e.tahun,
    hasilKinerjaNilai: NILAI_EKSPEKTASI[e.hasilKerja],
    perilakuKerjaNilai: NILAI_EKSPEKTASI[e.perilakuKerja],
    kuadranKinerjaNilai: KUADRAN[e.predikat],
    predikat: e.predikat,
    statusPenilai: asn ? 'ASN' : 'NON ASN',
    penilaiNipNrp: p?.nip ?? null,
    penilaiNama: p?.nama ?? null,
    penilaiGolongan: golonganSiasn(p?.golongan ?? null),
    penilaiJabatanNama: p?.jabatan ?? null,
    penilaiUnorNama: p?.unit ?? null,
    koefisienId: null,
  };
}

// A text cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet: prefix it with ' (as /abk.csv).
const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const sel = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : quote(neutralise(v)));

/** RFC 4180 as /abk.csv: UTF-8, comma-separated, CRLF line ends, a header line. */
export function siasnCsv(records: RecordSiasn[]): string {
  const lines = [SIASN_KOLOM.join(',')];
  for (const r of records) lines.push(SIASN_KOLOM.map((k) => sel(r[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A JSON array of records, numbers as numbers and empty fields as null. */
export function siasnJson(records: RecordSiasn[]): string {
  return `[${records.map((r) => JSON.stringify(Object.fromEntries(SIASN_KOLOM.map((k) => [k, r[k]])))).join(',\n')}]\n`;
}
