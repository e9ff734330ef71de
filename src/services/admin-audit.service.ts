import { prisma } from '../db/prisma.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export const AUDIT_PER_PAGE = 50;
export type AuditFilter = {
  nipPelaku?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  dari?: string;
  sampai?: string;
  page: number;
};

/** Read-only view of the audit trail, newest first; every filter is served by an index of audit_log. */
export async function listAudit(f: AuditFilter, tz: string) {
  let actorId: number | undefined;
  if (f.nipPelaku) actorId = (await prisma.pegawai.findUnique({ where: { nip: f.nipPelaku }, select: { id: true } }))?.id ?? -1;
  const at: Prisma.DateTimeFilter = {};
  // Dates are the Pemda's calendar days: from 00:00 of `dari` to 24:00 of `sampai`, local time.
  if (f.dari) at.gte = localMidnight(f.dari, tz, 0);
  if (f.sampai) at.lt = localMidnight(f.sampai, tz, 1);
  const where: Prisma.AuditLogWhereInput = {
    actorId,
    action: f.action || undefined,
    objectType: f.objectType || undefined,
    objectId: f.objectId || undefined,
    at: f.dari || f.sampai ? at : undefined,
  };
  const [total, rows, actions, types] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (f.page - 1) * AUDIT_PER_PAGE, take: AUDIT_PER_PAGE }),
    prisma.auditLog.groupBy({ by: ['action'], orderBy: { action: 'asc' } }),
    prisma.auditLog.groupBy({ by: ['objectType'], orderBy: { objectType: 'asc' } }),
  ]);
  const actorIds = [...new Set(rows.flatMap((r) => [r.actorId, r.onBehalfOfId]).filter((id): id is number => id != null))];
  const actors = await prisma.pegawai.findMany({ where: { id: { in: actorIds } }, select: { id: true, nip: true, nama: true } });
  const byId = new Map(actors.map((a) => [a.id, a]));
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PER_PAGE)),
    actions: actions.map((a) => a.action),
    types: types.map((t) => t.objectType),
    rows: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      actor: r.actorId == null ? null : (byId.get(r.actorId) ?? { nip: '', nama: `#${r.actorId}` }),
      onBehalfOf: r.onBehalfOfId == null ? null : (byId.get(r.onBehalfOfId) ?? null),
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      before: r.before == null ? null : JSON.stringify(r.before, null, 1),
      after: r.after == null ? null : JSON.stringify(r.after, null, 1),
      reason: r.reason,
      ip: r.ip,
    })),
  };
}

function localMidnight(day: string, tz: string, addDays: number): Date {
  const offsets: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + addDays);
  return new Date(d.getTime() - (offsets[tz] ?? 7) * 3600_000);
}
