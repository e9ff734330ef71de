import { prisma } from '../db/prisma.ts';

/** The figures on the admin's front page. */
export async function adminRingkasan() {
  const [unit, jabatan, pegawai, tugas] = await Promise.all([
    prisma.unitKerja.count({ where: { aktif: true } }),
    prisma.jabatan.count({ where: { aktif: true } }),
    prisma.pegawai.count({ where: { aktif: true } }),
    prisma.uraianTugas.count({ where: { aktif: true } }),
  ]);
  return { unit, jabatan, pegawai, tugas };
}
