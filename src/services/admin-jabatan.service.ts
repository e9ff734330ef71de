import { prisma } from '../db/prisma.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { FieldError } from '../lib/field-error.ts';
import type { JabatanInput } from '../validation/admin-jabatan.schema.ts';
import { wouldLoop } from './admin-tree.ts';
import { type AuditEntry, audit } from './audit.service.ts';

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export async function listJabatan(filter: { unitId?: number; q?: string }) {
  return prisma.jabatan.findMany({
    where: {
      unitId: filter.unitId,
      nama: filter.q ? { contains: filter.q, mode: 'insensitive' } : undefined,
    },
    select: {
      id: true,
      nama: true,
      jenis: true,
      kelas: true,
      aktif: true,
      unit: { select: { nama: true } },
      atasanJabatan: { select: { nama: true } },
      _count: { select: { pegawai: { where: { aktif: true } }, uraianTugas: { where: { aktif: true } } } },
    },
    orderBy: [{ unit: { nama: 'asc' } }, { kelas: 'desc' }, { nama: 'asc' }],
    take: 500,
  });
}

/** For selects: every active jabatan with its unit (the edit form of jabatan and of pegawai). */
export const jabatanOptions = () =>
  prisma.jabatan.findMany({
    where: { aktif: true },
    select: { id: true, nama: true, unitId: true, unit: { select: { nama: true } } },
    orderBy: [{ unit: { nama: 'asc' } }, { nama: 'asc' }],
  });

export const getJabatan = (id: number) =>
  prisma.jabatan.findUnique({
    where: { id },
    select: { id: true, nama: true, jenis: true, kelas: true, unitId: true, atasanJabatanId: true },
  });

const snapshot = (j: JabatanInput) => ({
  nama: j.nama,
  jenis: j.jenis,
  kelas: j.kelas,
  unitId: j.unitId,
  atasanJabatanId: j.atasanJabatanId,
});

async function check(tx: Prisma.TransactionClient, input: JabatanInput, id?: number) {
  const unit = await tx.unitKerja.findUnique({ where: { id: input.unitId }, select: { aktif: true } });
  if (!unit || !unit.aktif) throw new FieldError({ unitId: 'Pilih unit kerja yang aktif.' });
  const taken = await tx.jabatan.findFirst({
    where: { unitId: input.unitId, nama: { equals: input.nama, mode: 'insensitive' }, NOT: id ? { id } : undefined },
    select: { id: true },
  });
  if (taken) throw new FieldError({ nama: 'Jabatan dengan nama ini sudah ada di unit kerja tersebut.' });
  if (input.atasanJabatanId != null) {
    const atasan = await tx.jabatan.findUnique({ where: { id: input.atasanJabatanId }, select: { id: true } });
    if (!atasan) throw new FieldError({ atasanJabatanId: 'Atasan jabatan tidak ditemukan.' });
    if (id && (await wouldLoop(tx, 'jabatan', id, input.atasanJabatanId))) {
      throw new FieldError({ atasanJabatanId: 'Atasan jabatan tidak boleh jabatan ini sendiri atau bawahannya.' });
    }
  }
}

export async function createJabatan(input: JabatanInput, who: Who): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await check(tx, input);
    const j = await tx.jabatan.create({ data: input });
    await audit(tx, { ...who, action: 'jabatan.tambah', objectType: 'jabatan', objectId: j.id, after: snapshot(input) });
    return j.id;
  });
}

export async function updateJabatan(id: number, input: JabatanInput, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.jabatan.findUnique({ where: { id } });
    if (!before) throw new FieldError({ nama: 'Jabatan tidak ditemukan.' });
    await check(tx, input, id);
    await tx.jabatan.update({ where: { id }, data: input });
    await audit(tx, {
      ...who,
      action: 'jabatan.ubah',
      objectType: 'jabatan',
      objectId: id,
      before: snapshot(before),
      after: snapshot(input),
    });
  });
}
