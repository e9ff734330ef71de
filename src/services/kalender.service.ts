import { getSettings } from './settings.service.ts';

/**
 * Hari libur between two dates (inclusive, YYYY-MM-DD) → date → name. The contract shared with issue 10, which owns
 * the `hari_libur` table and replaces this body; until then the dates come from the setting `hariLibur`.
 */
export async function hariLiburAntara(awal: string, akhir: string): Promise<Map<string, string>> {
  const { hariLibur } = await getSettings();
  return new Map(hariLibur.filter((d) => d >= awal && d <= akhir).map((d) => [d, 'Hari libur']));
}
