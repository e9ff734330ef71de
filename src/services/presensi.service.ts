import { prisma } from '../db/prisma.ts';
import { monthRange } from '../domain/periode.ts';
import { ringkas, type StatusHari, statusHari } from '../domain/presensi.ts';
import type { Settings } from '../domain/settings.ts';
import type { Potongan } from '../domain/tpp.ts';
import { Prisma } from '../generated/prisma/client.ts';

// A pegawai's month of presensi, day by day, by the rules of src/domain/presensi.ts. Days after the last imported
// day of the month (presensi_cakupan) are "belum ada data", not absent: the same bound the rekap trigger uses.

export const LABEL_KETIDAKHADIRAN: Record<string, string> = {
  IZIN: 'Izin',
  SAKIT: 'Sakit',
  CUTI: 'Cuti',
  DINAS_LUAR: 'Dinas luar',
  TUGAS_BELAJAR: 'Tugas belajar',
};

export type HariPresensi = {
  tanggal: string;
  jamMasuk: string | null;
  jamPulang: string | null;
  status: StatusHari | { jenis: 'belum-ada-data' };
};

export async function riwayatImporPresensi() {
  return prisma.importPresensi.findMany({ orderBy: { id: 'desc' }, take: 10 });
}

/** What a month's presensi calendar reads, as one SELECT of JSON columns (joined into the TPP page's statement too). */
export function kalenderSql(pegawaiId: number, tahun: number, bulan: number): Prisma.Sql {
  const { awal, akhir } = monthRange(tahun, bulan);
  return Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('tanggal', tanggal::text, 'jam_masuk', to_char(jam_masuk, 'HH24:MI:SS'),
                                                  'jam_pulang', to_char(jam_pulang, 'HH24:MI:SS'))), '[]')
         FROM presensi WHERE pegawai_id = ${pegawaiId} AND tanggal BETWEEN ${awal}::date AND ${akhir}::date) AS k_presensi,
      (SELECT coalesce(json_agg(json_build_object('tanggal', tanggal::text, 'nama', nama) ORDER BY tanggal), '[]')
         FROM hari_libur WHERE tanggal BETWEEN ${awal}::date AND ${akhir}::date) AS k_libur,
      (SELECT coalesce(json_agg(json_build_object('mulai', mulai::text, 'selesai', selesai::text, 'jenis', jenis::text)), '[]')
         FROM ketidakhadiran WHERE pegawai_id = ${pegawaiId} AND mulai <= ${akhir}::date AND selesai >= ${awal}::date) AS k_izin,
      (SELECT sampai::text FROM presensi_cakupan WHERE tahun = ${tahun} AND bulan = ${bulan}) AS k_sampai`;
}

export type KalenderRow = {
  k_presensi: { tanggal: string; jam_masuk: string | null; jam_pulang: string | null }[];
  k_libur: { tanggal: string; nama: string }[];
  k_izin: { mulai: string; selesai: string; jenis: string }[];
  k_sampai: string | null;
};

/** A pegawai's month, day by day: one statement. */
export async function kalenderBulan(pegawaiId: number, tahun: number, bulan: number, jamKerja: Settings['jamKerja']) {
  const [row] = await prisma.$queryRaw<KalenderRow[]>(kalenderSql(pegawaiId, tahun, bulan));
  return kalenderDari(row, tahun, bulan, jamKerja);
}

export function kalenderDari(k: KalenderRow, tahun: number, bulan: number, jamKerja: Settings['jamKerja']) {
  const { awal, akhir } = monthRange(tahun, bulan);
  const rows = k.k_presensi;
  const libur = new Map(k.k_libur.map((r) => [r.tanggal, r.nama]));
  const izin = k.k_izin;
  const sampai = k.k_sampai ?? '';
  const byDate = new Map(rows.map((r) => [r.tanggal, r]));
  const days: HariPresensi[] = [];
  const n = Number(akhir.slice(8, 10));
  for (let d = 1; d <= n; d++) {
    const tanggal = `${awal.slice(0, 8)}${String(d).padStart(2, '0')}`;
    const r = byDate.get(tanggal);
    const k = izin.find((x) => x.mulai <= tanggal && x.selesai >= tanggal);
    const input = {
      tanggal,
      jamKerja,
      libur: libur.get(tanggal) ?? null,
      ketidakhadiran: k ? (LABEL_KETIDAKHADIRAN[k.jenis] ?? k.jenis) : null,
      jamMasuk: r?.jam_masuk ?? null,
      jamPulang: r?.jam_pulang ?? null,
    };
    const s = statusHari(input);
    const belum = tanggal > sampai && (s.jenis === 'hadir' || s.jenis === 'tanpa-keterangan') && !r;
    days.push({ tanggal, jamMasuk: input.jamMasuk, jamPulang: input.jamPulang, status: belum ? { jenis: 'belum-ada-data' } : s });
  }
  const statuses = days.map((d) => d.status).filter((s): s is StatusHari => s.jenis !== 'belum-ada-data');
  return { days, ringkasan: ringkas(statuses), potongan: potonganDari(days) };
}

/** The TPP cuts of a month, each with its date and band (TL and PSW of one day are two occurrences). */
export function potonganDari(days: HariPresensi[]): Omit<Potongan, 'persen'>[] {
  const out: Omit<Potongan, 'persen'>[] = [];
  for (const d of days) {
    const s = d.status;
    if (s.jenis === 'tanpa-keterangan') out.push({ tanggal: d.tanggal, jenis: 'TK', band: 0 });
    if (s.jenis !== 'hadir') continue;
    if (s.tl > 0) out.push({ tanggal: d.tanggal, jenis: 'TL', band: s.tl });
    if (s.psw > 0) out.push({ tanggal: d.tanggal, jenis: 'PSW', band: s.psw });
  }
  return out;
}
