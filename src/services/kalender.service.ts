import { prisma } from '../db/prisma.ts';
import type { JenisLibur } from '../generated/prisma/client.ts';
import { FieldError } from '../lib/field-error.ts';
import { type AuditEntry, audit } from './audit.service.ts';

// Hari libur (libur nasional, cuti bersama, libur daerah) kept by the admin. A hari libur is no working day for
// presensi (a pegawai's month, src/domain/bulan-pegawai.ts, reads the same table) nor for the calendar rules of issue 11, which
// call hariLiburAntara().

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export const LABEL_JENIS_LIBUR: Record<JenisLibur, string> = {
  LIBUR_NASIONAL: 'Libur nasional',
  CUTI_BERSAMA: 'Cuti bersama',
  LIBUR_DAERAH: 'Libur daerah',
};

/** Hari libur from `awal` to `akhir` inclusive (YYYY-MM-DD): tanggal → nama. One indexed range read. */
export async function hariLiburAntara(awal: string, akhir: string): Promise<Map<string, string>> {
  const rows = await prisma.$queryRaw<{ tanggal: string; nama: string }[]>`
    SELECT tanggal::text AS tanggal, nama FROM hari_libur WHERE tanggal BETWEEN ${awal}::date AND ${akhir}::date ORDER BY tanggal`;
  return new Map(rows.map((r) => [r.tanggal, r.nama]));
}

export async function daftarHariLibur(tahun: number) {
  return prisma.$queryRaw<{ tanggal: string; nama: string; jenis: JenisLibur }[]>`
    SELECT tanggal::text AS tanggal, nama, jenis::text AS jenis FROM hari_libur
    WHERE tanggal BETWEEN make_date(${tahun}::int, 1, 1) AND make_date(${tahun}::int, 12, 31) ORDER BY tanggal`;
}

/** Adds a hari libur, or renames the one on that date; audited. The presensi rekap follows by trigger. */
export async function simpanHariLibur(input: { tanggal: string; nama: string; jenis: JenisLibur }, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.hariLibur.findUnique({ where: { tanggal: new Date(input.tanggal) } });
    await tx.hariLibur.upsert({
      where: { tanggal: new Date(input.tanggal) },
      create: { tanggal: new Date(input.tanggal), nama: input.nama, jenis: input.jenis },
      update: { nama: input.nama, jenis: input.jenis },
    });
    await audit(tx, {
      ...who,
      action: before ? 'hari-libur.ubah' : 'hari-libur.tambah',
      objectType: 'hari_libur',
      objectId: input.tanggal,
      before: before ? { nama: before.nama, jenis: before.jenis } : undefined,
      after: { nama: input.nama, jenis: input.jenis },
    });
  });
}

export async function hapusHariLibur(tanggal: string, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.hariLibur.findUnique({ where: { tanggal: new Date(tanggal) } });
    if (!before) throw new FieldError({ tanggal: `Tanggal ${tanggal} bukan hari libur.` });
    await tx.hariLibur.delete({ where: { tanggal: new Date(tanggal) } });
    await audit(tx, {
      ...who,
      action: 'hari-libur.hapus',
      objectType: 'hari_libur',
      objectId: tanggal,
      before: { nama: before.nama, jenis: before.jenis },
    });
  });
}
