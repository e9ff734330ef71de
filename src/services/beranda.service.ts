import { prisma } from '../db/prisma.ts';

export type Ringkasan = {
  targetBulanIni: number;
  realisasiBulanIni: { belum: number; diverifikasi: number };
};

/** The Beranda figures: two indexed aggregates, whatever the size of the Pemda. */
export async function ringkasan(pegawaiId: number, tahun: number, bulan: number, awal: string, akhir: string): Promise<Ringkasan> {
  const [targets, counts] = await Promise.all([
    prisma.targetBulanan.count({ where: { bulan, kuantitas: { gt: 0 }, targetTahunan: { pegawaiId, tahun } } }),
    prisma.realisasi.groupBy({
      by: ['status'],
      where: { pegawaiId, tanggal: { gte: new Date(awal), lte: new Date(akhir) } },
      _count: { _all: true },
    }),
  ]);
  const by = (s: number) => counts.find((c) => c.status === s)?._count._all ?? 0;
  return { targetBulanIni: targets, realisasiBulanIni: { belum: by(0), diverifikasi: by(1) } };
}
