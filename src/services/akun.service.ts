import argon2 from 'argon2';
import { prisma } from '../db/prisma.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { hashPassword } from './auth.service.ts';

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

/**
 * A pegawai changes their own password. Bumping session_version ends every other session of theirs at its next
 * request; the caller moves the current session to the new version. Returns that version, or null when the current
 * password is wrong (nothing changed).
 */
export async function changeOwnPassword(pegawaiId: number, current: string, next: string, who: Who): Promise<number | null> {
  const p = await prisma.pegawai.findUniqueOrThrow({ where: { id: pegawaiId }, select: { passwordHash: true } });
  if (!(await argon2.verify(p.passwordHash, current).catch(() => false))) return null;
  const passwordHash = await hashPassword(next);
  return prisma.$transaction(async (tx) => {
    const row = await tx.pegawai.update({
      where: { id: pegawaiId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await audit(tx, { ...who, action: 'akun.ubahPassword', objectType: 'pegawai', objectId: pegawaiId, after: { sesiLainDiakhiri: true } });
    return row.sessionVersion;
  });
}
