import { prisma } from '../db/prisma.ts';
import { SETTING_KEYS, type Settings } from '../domain/settings.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { getSettings, invalidateSettings } from './settings.service.ts';

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

/** Saves the keys whose value changed (one row each), audited before → after, in one transaction. Returns the keys. */
export async function saveSettings(next: Settings, who: Who): Promise<string[]> {
  invalidateSettings();
  const current = await getSettings();
  const changed = SETTING_KEYS.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
  if (changed.length === 0) return [];
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO setting (key, value, updated_at, updated_by_id)
      SELECT k, v, now(), ${who.actorId} FROM unnest(${changed}::text[], ${changed.map((k) => JSON.stringify(next[k]))}::jsonb[]) AS s(k, v)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now(), updated_by_id = excluded.updated_by_id`;
    await audit(
      tx,
      changed.map((k) => ({
        ...who,
        action: 'pengaturan.ubah',
        objectType: 'setting',
        objectId: k,
        before: { [k]: current[k] },
        after: { [k]: next[k] },
      })),
    );
  });
  invalidateSettings();
  return changed;
}
