import type { Prisma } from '../generated/prisma/client.ts';

export type AuditEntry = {
  actorId: number | null;
  onBehalfOfId?: number | null;
  action: string; // e.g. 'realisasi.verifikasi'
  objectType: string; // e.g. 'realisasi'
  objectId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
};

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/** Writes audit rows inside the caller's transaction: the change and its record commit together or not at all. */
export async function audit(tx: Prisma.TransactionClient, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.auditLog.createMany({
    data: list.map((e) => ({
      actorId: e.actorId,
      onBehalfOfId: e.onBehalfOfId ?? null,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId == null ? null : String(e.objectId),
      before: json(e.before),
      after: json(e.after),
      reason: e.reason ?? null,
      ip: e.ip ?? null,
      requestId: e.requestId ?? null,
    })),
  });
}

/** Who did it, from a request: for AuditEntry. */
export const auditContext = (req: { user?: { id: number }; ip?: string; id?: unknown }) => ({
  actorId: req.user?.id ?? null,
  ip: req.ip ?? null,
  requestId: req.id == null ? null : String(req.id),
});
