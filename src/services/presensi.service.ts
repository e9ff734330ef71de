import { prisma } from '../db/prisma.ts';

// Presensi imports. A pegawai's month of presensi (its days, summary and TPP cuts) is part of the one computation of a
// pegawai's month: src/domain/bulan-pegawai.ts.
export { LABEL_KETIDAKHADIRAN } from '../domain/bulan-pegawai.ts';

export async function riwayatImporPresensi() {
  return prisma.importPresensi.findMany({ orderBy: { id: 'desc' }, take: 10 });
}
