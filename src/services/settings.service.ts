import { keptPerDatabase } from '../db/per-database.ts';
import { prisma } from '../db/prisma.ts';
import { resolveSettings, type Settings } from '../domain/settings.ts';

// Settings (and the logo, also a setting row) change rarely and are read on every page: one read of the `setting`
// table serves both, kept for a few seconds per instance. Requests that miss the cache together share one read.
const TTL_MS = 5_000;
type Row = { key: string; value: unknown };
let cached: { at: number; rows: Row[]; settings: Settings } | undefined;
let reading: Promise<NonNullable<typeof cached>> | undefined;
keptPerDatabase(() => {
  cached = undefined;
  reading = undefined;
});

async function current(): Promise<NonNullable<typeof cached>> {
  if (cached && performance.now() - cached.at < TTL_MS) return cached;
  reading ??= prisma.setting
    .findMany({ select: { key: true, value: true } })
    .then((rows) => {
      cached = { at: performance.now(), rows, settings: resolveSettings(rows) };
      return cached;
    })
    .finally(() => {
      reading = undefined;
    });
  return reading;
}

export async function getSettings(): Promise<Settings> {
  return (await current()).settings;
}

/**
 * The settings as stored now, past this instance's few seconds of keeping them: for a computation that must not miss
 * a change committed before it began (a month marked whole, bulan-pegawai.service.ts).
 */
export async function settingsNow(): Promise<Settings> {
  return resolveSettings(await prisma.setting.findMany({ select: { key: true, value: true } }));
}

/** The stored value of one setting row (from the same cached read as the settings). */
export async function settingValue(key: string): Promise<unknown> {
  return (await current()).rows.find((r) => r.key === key)?.value;
}

/** Forget the cached settings (after a change, and in tests). */
export function invalidateSettings(): void {
  cached = undefined;
}

/** The Pemda's time zone: the setting when set, else APP_TIMEZONE. */
export async function timezone(fallback: string): Promise<string> {
  return (await getSettings()).zonaWaktu ?? fallback;
}
