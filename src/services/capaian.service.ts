import { prisma } from '../db/prisma.ts';
import { capaianBulanan, capaianWaktu } from '../domain/capaian.ts';
import { monthRange } from '../domain/periode.ts';

// Capaian bulanan of one pegawai, target by target, from verified realisasi only (src/domain/capaian.ts).
// One aggregate over the pegawai's month through the (pegawai_id, tanggal) index.

export type BarisCapaian = {
  id: number;
  pekerjaan: string;
  satuan: string;
  asal: string;
  target: number;
  normaWaktu: number;
  terverifikasi: number;
  semua: number;
  capaian: number | null;
};

export async function capaianPegawai(pegawaiId: number, tahun: number, bulan: number, menitEfektifBulanan: number) {
  const { awal, akhir } = monthRange(tahun, bulan);
  const [rows, tambahan] = await Promise.all([
    prisma.$queryRaw<Omit<BarisCapaian, 'capaian'>[]>`
      SELECT tt.id, tt.pekerjaan, tt.satuan, tt.asal::text AS asal, tb.kuantitas::float8 AS target,
             ut.norma_waktu AS "normaWaktu",
             coalesce(sum(r.jumlah) FILTER (WHERE r.status = 1), 0)::float8 AS terverifikasi,
             coalesce(sum(r.jumlah), 0)::float8 AS semua
      FROM target_tahunan tt
      JOIN target_bulanan tb ON tb.target_tahunan_id = tt.id AND tb.bulan = ${bulan}
      JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
      LEFT JOIN realisasi r ON r.target_tahunan_id = tt.id AND r.pegawai_id = ${pegawaiId}
        AND r.tanggal BETWEEN ${awal}::date AND ${akhir}::date
      WHERE tt.pegawai_id = ${pegawaiId} AND tt.tahun = ${tahun}
      GROUP BY tt.id, tb.kuantitas, ut.norma_waktu
      ORDER BY tt.id`,
    prisma.$queryRaw<{ menit: number; entri: number; tambahan: number }[]>`
      SELECT coalesce(sum(menit) FILTER (WHERE status = 1), 0)::int AS menit, count(*)::int AS entri,
             count(*) FILTER (WHERE target_tahunan_id IS NULL)::int AS tambahan
      FROM realisasi WHERE pegawai_id = ${pegawaiId} AND tanggal BETWEEN ${awal}::date AND ${akhir}::date`,
  ]);
  const hasil = capaianBulanan(rows);
  const menit = tambahan[0]?.menit ?? 0;
  return {
    targets: rows.map((r, i) => ({ ...r, capaian: hasil.perTarget[i] })),
    capaian: hasil.capaian,
    menitTerverifikasi: menit,
    capaianWaktu: capaianWaktu(menit, menitEfektifBulanan),
    entriTambahan: tambahan[0]?.tambahan ?? 0,
  };
}

/** The month's capaian so far from the rekap row (one primary-key read): per target and by minutes. */
export async function capaianBulanIni(pegawaiId: number, tahun: number, bulan: number, menitEfektifBulanan: number) {
  const r = await prisma.rekapKinerjaBulanan.findUnique({ where: { pegawaiId_tahun_bulan: { pegawaiId, tahun, bulan } } });
  return {
    capaian: r?.capaian == null ? null : Number(r.capaian),
    capaianWaktu: capaianWaktu(r?.menitTerverifikasi ?? 0, menitEfektifBulanan),
  };
}
