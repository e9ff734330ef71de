import { createHash } from 'node:crypto';
import { keptPerDatabase } from '../db/per-database.ts';
import { prisma } from '../db/prisma.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { invalidateSettings, settingValue } from './settings.service.ts';

// The Pemda's logo, uploaded by an admin: kept in the `setting` table (key 'logo'), so every instance serves the
// same one; it comes with the settings' cached read (settings.service.ts), decoded once per stored value.
export type Logo = { mime: 'image/png' | 'image/jpeg'; hash: string; data: Buffer };

const KEY = 'logo';
let decoded: { from: unknown; logo: Logo | null } | undefined;
keptPerDatabase(() => {
  decoded = undefined;
});

export async function getLogo(): Promise<Logo | null> {
  const value = await settingValue(KEY);
  if (decoded && decoded.from === value) return decoded.logo;
  const v = value as { mime?: string; hash?: string; base64?: string } | undefined;
  const logo: Logo | null =
    v?.base64 && v.hash && (v.mime === 'image/png' || v.mime === 'image/jpeg')
      ? { mime: v.mime, hash: v.hash, data: Buffer.from(v.base64, 'base64') }
      : null;
  decoded = { from: value, logo };
  return logo;
}

export async function simpanLogo(
  file: { mime: string; data: Buffer } | null,
  who: Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>,
): Promise<void> {
  const before = await getLogo();
  await prisma.$transaction(async (tx) => {
    if (file) {
      const hash = createHash('sha256').update(file.data).digest('hex').slice(0, 12);
      const value = { mime: file.mime, hash, base64: file.data.toString('base64') };
      await tx.setting.upsert({
        where: { key: KEY },
        create: { key: KEY, value, updatedById: who.actorId },
        update: { value, updatedById: who.actorId },
      });
      await audit(tx, {
        ...who,
        action: 'pengaturan.logo',
        objectType: 'setting',
        objectId: KEY,
        before: before && { hash: before.hash },
        after: { hash, mime: file.mime, ukuran: file.data.length },
      });
    } else {
      await tx.setting.deleteMany({ where: { key: KEY } });
      await audit(tx, {
        ...who,
        action: 'pengaturan.logo',
        objectType: 'setting',
        objectId: KEY,
        before: before && { hash: before.hash },
        after: null,
      });
    }
  });
  invalidateSettings();
}
