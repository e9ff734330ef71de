import { prisma } from '../db/prisma.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { FieldError } from '../lib/field-error.ts';
import type { UnitKerjaInput } from '../validation/admin-unit-kerja.schema.ts';
import { wouldLoop } from './admin-tree.ts';
import { type AuditEntry, audit } from './audit.service.ts';

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
export type UnitNode = {
  id: number;
  nama: string;
  singkatan: string | null;
  indukId: number | null;
  aktif: boolean;
  depth: number;
  pegawai: number;
  jabatan: number;
  anak: number;
};

/** Every unit in tree order (an induk, then its children by name), with its depth and what hangs on it. */
export async function unitTree(): Promise<UnitNode[]> {
  const units = await prisma.unitKerja.findMany({
    select: {
      id: true,
      nama: true,
      singkatan: true,
      indukId: true,
      aktif: true,
      _count: { select: { pegawai: { where: { aktif: true } }, jabatan: true, anak: true } },
    },
    orderBy: { nama: 'asc' },
  });
  const children = new Map<number | null, typeof units>();
  for (const u of units) children.set(u.indukId, [...(children.get(u.indukId) ?? []), u]);
  const out: UnitNode[] = [];
  const seen = new Set<number>();
  const walk = (indukId: number | null, depth: number) => {
    for (const u of children.get(indukId) ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({
        id: u.id,
        nama: u.nama,
        singkatan: u.singkatan,
        indukId: u.indukId,
        aktif: u.aktif,
        depth,
        pegawai: u._count.pegawai,
        jabatan: u._count.jabatan,
        anak: u._count.anak,
      });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function getUnit(id: number) {
  const u = await prisma.unitKerja.findUnique({
    where: { id },
    select: { id: true, nama: true, singkatan: true, indukId: true, aktif: true },
  });
  return u;
}

const snapshot = (u: { nama: string; singkatan: string | null; indukId: number | null; aktif?: boolean }) => ({
  nama: u.nama,
  singkatan: u.singkatan,
  indukId: u.indukId,
  ...(u.aktif === undefined ? {} : { aktif: u.aktif }),
});

async function checkInduk(tx: Prisma.TransactionClient, indukId: number | null) {
  if (indukId == null) return;
  const induk = await tx.unitKerja.findUnique({ where: { id: indukId }, select: { aktif: true } });
  if (!induk) throw new FieldError({ indukId: 'Unit induk tidak ditemukan.' });
  if (!induk.aktif) throw new FieldError({ indukId: 'Unit induk tidak aktif.' });
}

async function checkNamaFree(tx: Prisma.TransactionClient, input: UnitKerjaInput, exceptId?: number) {
  const taken = await tx.unitKerja.findFirst({
    where: { nama: { equals: input.nama, mode: 'insensitive' }, indukId: input.indukId, NOT: exceptId ? { id: exceptId } : undefined },
    select: { id: true },
  });
  if (taken) throw new FieldError({ nama: 'Nama ini sudah dipakai unit lain di bawah induk yang sama.' });
}

export async function createUnit(input: UnitKerjaInput, who: Who): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await checkInduk(tx, input.indukId);
    await checkNamaFree(tx, input);
    const u = await tx.unitKerja.create({ data: input });
    await audit(tx, { ...who, action: 'unitKerja.tambah', objectType: 'unitKerja', objectId: u.id, after: snapshot(u) });
    return u.id;
  });
}

/** Rename and/or move in the tree; a move under itself or its own descendant is refused. */
export async function updateUnit(id: number, input: UnitKerjaInput, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.unitKerja.findUnique({ where: { id } });
    if (!before) throw new FieldError({ nama: 'Unit kerja tidak ditemukan.' });
    if (input.indukId !== before.indukId) {
      await checkInduk(tx, input.indukId);
      if (await wouldLoop(tx, 'unit_kerja', id, input.indukId)) {
        throw new FieldError({ indukId: 'Unit tidak dapat dipindah ke bawah dirinya sendiri atau sub-unitnya.' });
      }
    }
    await checkNamaFree(tx, input, id);
    const after = await tx.unitKerja.update({ where: { id }, data: input });
    await audit(tx, {
      ...who,
      action: 'unitKerja.ubah',
      objectType: 'unitKerja',
      objectId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
}

/**
 * Units are never deleted (their jabatan, pegawai and history point at them): deactivated. Only once nothing active
 * hangs on them, so no pegawai or sub-unit is left in an inactive unit.
 */
export async function setUnitAktif(id: number, aktif: boolean, who: Who): Promise<{ ok: true } | { ok: false; pesan: string }> {
  return prisma.$transaction(async (tx) => {
    const u = await tx.unitKerja.findUnique({
      where: { id },
      select: {
        aktif: true,
        indukId: true,
        induk: { select: { aktif: true } },
        _count: { select: { pegawai: { where: { aktif: true } }, anak: { where: { aktif: true } } } },
      },
    });
    if (!u) return { ok: false, pesan: 'Unit kerja tidak ditemukan.' };
    if (u.aktif === aktif) return { ok: true }; // repeating the request changes nothing
    if (!aktif && u._count.pegawai > 0)
      return { ok: false, pesan: `Masih ada ${u._count.pegawai} pegawai aktif di unit ini. Pindahkan dahulu.` };
    if (!aktif && u._count.anak > 0)
      return { ok: false, pesan: `Masih ada ${u._count.anak} sub-unit aktif. Nonaktifkan atau pindahkan dahulu.` };
    if (aktif && u.induk && !u.induk.aktif) return { ok: false, pesan: 'Unit induknya tidak aktif. Aktifkan unit induk dahulu.' };
    await tx.unitKerja.update({ where: { id }, data: { aktif } });
    await audit(tx, {
      ...who,
      action: aktif ? 'unitKerja.aktifkan' : 'unitKerja.nonaktifkan',
      objectType: 'unitKerja',
      objectId: id,
      before: { aktif: u.aktif },
      after: { aktif },
    });
    return { ok: true };
  });
}

/** The root units and their direct children (where the setting "pejabat puncak" is usually set), for the hint. */
export const unitIndukUtama = () =>
  prisma.unitKerja.findMany({
    where: { aktif: true, OR: [{ indukId: null }, { induk: { indukId: null } }] },
    select: { id: true, nama: true, indukId: true },
    orderBy: [{ indukId: { sort: 'asc', nulls: 'first' } }, { nama: 'asc' }],
  });
