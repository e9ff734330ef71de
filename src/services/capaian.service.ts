import { prisma } from '../db/prisma.ts';
import { capaianBulanan, capaianWaktu } from '../domain/capaian.ts';
import { monthRange } from '../domain/periode.ts';
import { Prisma } from '../generated/prisma/client.ts';

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

/** A month's capaian per target and the month's minutes, as one SELECT of JSON columns (also part of the TPP page's statement). */
export function capaianSql(pegawaiId: number, tahun: number, bulan: number): Prisma.Sql {
  const { awal, akhir } = monthRange(tahun, bulan);
  return Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
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
        GROUP BY tt.id, tb.kuantitas, ut.norma_waktu) x) AS c_targets,
      (SELECT json_build_object('menit', coalesce(sum(menit) FILTER (WHERE status = 1), 0)::int, 'entri', count(*)::int,
                                'tambahan', count(*) FILTER (WHERE target_tahunan_id IS NULL)::int)
         FROM realisasi WHERE pegawai_id = ${pegawaiId} AND tanggal BETWEEN ${awal}::date AND ${akhir}::date) AS c_bulan`;
}

export type CapaianRow = {
  c_targets: Omit<BarisCapaian, 'capaian'>[];
  c_bulan: { menit: number; entri: number; tambahan: number };
};

/** A pegawai's capaian of a month: one statement. */
export async function capaianPegawai(pegawaiId: number, tahun: number, bulan: number, menitEfektifBulanan: number) {
  const [row] = await prisma.$queryRaw<CapaianRow[]>(capaianSql(pegawaiId, tahun, bulan));
  return capaianDari(row, menitEfektifBulanan);
}

export function capaianDari(c: CapaianRow, menitEfektifBulanan: number) {
  const rows = c.c_targets;
  const tambahan = [c.c_bulan];
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
