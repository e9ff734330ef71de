import { oneByOne } from '../db/one-by-one.ts';
import { Prisma } from '../generated/prisma/client.ts';

// The three trees an admin edits: unit kerja (induk), jabatan (atasan jabatan), pegawai (atasan langsung).
const TREES = {
  unit_kerja: { parent: 'induk_id', lock: 5_050_601 },
  jabatan: { parent: 'atasan_jabatan_id', lock: 5_050_602 },
  pegawai: { parent: 'atasan_id', lock: 5_050_603 },
} as const;
export type Tree = keyof typeof TREES;

/**
 * Inside the caller's transaction: would making `parentId` the parent of `id` close a loop? Serialises edits of the
 * same tree (two admins linking A→B and B→A at once would each pass the check alone). One recursive query.
 */
export async function wouldLoop(tx: Prisma.TransactionClient, tree: Tree, id: number, parentId: number | null): Promise<boolean> {
  if (parentId == null) return false;
  if (parentId === id) return true;
  const { parent, lock } = TREES[tree];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lock}::bigint)`;
  const rows = await tx.$queryRaw<{ hit: number }[]>`
    WITH RECURSIVE up(id, parent, depth) AS (
      SELECT id, ${Prisma.raw(parent)}, 1 FROM ${Prisma.raw(tree)} WHERE id = ${parentId}
      UNION ALL
      SELECT t.id, t.${Prisma.raw(parent)}, up.depth + 1 FROM ${Prisma.raw(tree)} t JOIN up ON t.id = up.parent WHERE up.depth < 10000
    )
    SELECT 1 AS hit FROM up WHERE id = ${id} LIMIT 1`;
  return rows.length > 0;
}

/**
 * What a placement names (the pegawai form, a mutasi), read one by one in the caller's transaction: the unit and the
 * jabatan, checked here (active; the jabatan in that unit), and the atasan by NIP, for the caller's own checks.
 */
export async function penempatan(
  tx: Prisma.TransactionClient,
  input: { unitId: number; jabatanId: number | null; nipAtasan: string | null },
): Promise<{ atasan: { id: number; aktif: boolean } | null; errors: Record<string, string> }> {
  const [unit, jabatan, atasan] = await oneByOne([
    () => tx.unitKerja.findUnique({ where: { id: input.unitId }, select: { aktif: true } }),
    () =>
      input.jabatanId
        ? tx.jabatan.findUnique({ where: { id: input.jabatanId }, select: { unitId: true, aktif: true } })
        : Promise.resolve(null),
    () =>
      input.nipAtasan
        ? tx.pegawai.findUnique({ where: { nip: input.nipAtasan }, select: { id: true, aktif: true } })
        : Promise.resolve(null),
  ]);
  const errors: Record<string, string> = {};
  if (!unit?.aktif) errors.unitId = 'Pilih unit kerja yang aktif.';
  if (input.jabatanId && !jabatan?.aktif) errors.jabatanId = 'Jabatan tidak ditemukan atau tidak aktif.';
  else if (jabatan && jabatan.unitId !== input.unitId) errors.jabatanId = 'Jabatan ini berada di unit kerja lain.';
  return { atasan, errors };
}
