import { prisma } from '../db/prisma.ts';
import { resolveSettings, type Settings } from '../domain/settings.ts';

// Settings change rarely and are read on many pages: kept for a few seconds per instance.
const TTL_MS = 5_000;
let cached: { at: number; value: Settings } | undefined;

export async function getSettings(): Promise<Settings> {
  if (cached && performance.now() - cached.at < TTL_MS) return cached.value;
  const rows = await prisma.setting.findMany({ select: { key: true, value: true } });
  cached = { at: performance.now(), value: resolveSettings(rows) };
  return cached.value;
}

/** Forget the cached settings (after a change, and in tests). */
export function invalidateSettings(): void {
  cached = undefined;
}

/** The Pemda's time zone: the setting when set, else APP_TIMEZONE. */
export async function timezone(fallback: string): Promise<string> {
  return (await getSettings()).zonaWaktu ?? fallback;
}
