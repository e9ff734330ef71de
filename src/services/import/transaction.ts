// How an import writes: all or nothing, in one transaction per file, one import of a kind at a time, and in batches
// of rows (one statement per batch, never one per row).
import { prisma } from '../../db/prisma.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { type AuditEntry, audit } from '../audit.service.ts';
import type { ImportBy } from './reader.ts';

export const BATCH = 1000;

/** The advisory locks: two imports of one kind at once would each see the other's rows as missing. */
export const IMPORT_LOCK = {
  /** pegawai and Anjab share one: a pegawai file names the units and jabatan an Anjab file writes */
  kepegawaian: 5_050_505,
  presensi: 5_050_506,
} as const;

/** Large files take minutes (password hashing, 10,000 rows): the default 5 s would end them. */
const TX_OPTIONS = { timeout: 10 * 60_000, maxWait: 30_000 } as const;

/** Runs `work` in one transaction that first takes the import's advisory lock (held until commit). */
export function importTransaction<T>(lock: number, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lock}::bigint)`;
    return work(tx);
  }, TX_OPTIONS);
}

export const chunks = <T>(list: T[], size = BATCH): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** The audit context of every row an import writes. */
export const auditBy = (opts: ImportBy) => ({ actorId: opts.actorId, ip: opts.ip ?? null, requestId: opts.requestId ?? null });

/** The import's audit rows, one insert per batch. */
export async function auditInBatches(tx: Prisma.TransactionClient, entries: AuditEntry[]): Promise<void> {
  for (const batch of chunks(entries)) await audit(tx, batch);
}
