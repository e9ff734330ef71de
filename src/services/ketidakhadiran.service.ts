import { prisma } from '../db/prisma.ts';
import type { JenisKetidakhadiran } from '../generated/prisma/client.ts';
import { FieldError } from '../lib/field-error.ts';
import { type AuditEntry, audit } from './audit.service.ts';

// Ketidakhadiran (izin, sakit, cuti, dinas luar, tugas belajar) recorded by the admin: the days it covers are no
// working days for presensi; the rekap follows by trigger in the same transaction.

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export async function daftarKetidakhadiran() {
  return prisma.ketidakhadiran.findMany({
    orderBy: { id: 'desc' },
    take: 30,
    select: {
      id: true,
      jenis: true,
      mulai: true,
      selesai: true,
      catatan: true,
      dokumenNama: true,
      pegawai: { select: { nip: true, nama: true } },
    },
  });
}

export async function catatKetidakhadiran(
  input: { nip: string; jenis: JenisKetidakhadiran; mulai: string; selesai: string; catatan: string | null },
  dokumen: { nama: string; data: Buffer } | null,
  who: Who,
): Promise<void> {
  const pegawai = await prisma.pegawai.findUnique({ where: { nip: input.nip }, select: { id: true } });
  if (!pegawai) throw new FieldError({ nip: `NIP ${input.nip} tidak terdaftar.` });
  await prisma.$transaction(async (tx) => {
    const row = await tx.ketidakhadiran.create({
      data: {
        pegawaiId: pegawai.id,
        jenis: input.jenis,
        mulai: new Date(input.mulai),
        selesai: new Date(input.selesai),
        catatan: input.catatan,
        dicatatOlehId: who.actorId,
        dokumenNama: dokumen?.nama ?? null,
        dokumen: dokumen ? new Uint8Array(dokumen.data) : null,
      },
    });
    await audit(tx, {
      ...who,
      action: 'ketidakhadiran.tambah',
      objectType: 'ketidakhadiran',
      objectId: row.id,
      after: {
        nip: input.nip,
        jenis: input.jenis,
        mulai: input.mulai,
        selesai: input.selesai,
        catatan: input.catatan,
        dokumen: dokumen?.nama ?? null,
      },
    });
  });
}

export async function hapusKetidakhadiran(id: number, who: Who): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.ketidakhadiran.findUnique({
      where: { id },
      select: { pegawaiId: true, jenis: true, mulai: true, selesai: true, catatan: true },
    });
    if (!before) return false;
    await tx.ketidakhadiran.delete({ where: { id } });
    await audit(tx, { ...who, action: 'ketidakhadiran.hapus', objectType: 'ketidakhadiran', objectId: id, before });
    return true;
  });
}
