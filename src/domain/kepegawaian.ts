// Words of the personnel administration (golongan ruang, peran, jenis jabatan) as users write them, and
// the checks on the atasan relation. Pure: no I/O.

/** Golongan ruang PNS, I/a … IV/e (17 ruang, PP 99/2000), as written; the enum name is "III_A". */
export const GOLONGAN = [
  'I/a',
  'I/b',
  'I/c',
  'I/d',
  'II/a',
  'II/b',
  'II/c',
  'II/d',
  'III/a',
  'III/b',
  'III/c',
  'III/d',
  'IV/a',
  'IV/b',
  'IV/c',
  'IV/d',
  'IV/e',
] as const;
export type GolonganLabel = (typeof GOLONGAN)[number];
type ToEnum<S> = S extends `${infer R}/${infer L}` ? `${R}_${Uppercase<L>}` : never;
export type GolonganEnum = ToEnum<GolonganLabel>;

/** "III/a", "iii/A", "III-a", "IIIa" → "III/a"; anything else → null. */
export function parseGolongan(raw: string): GolonganLabel | null {
  const m = raw.trim().match(/^(IV|III|II|I)\s*[/\-.]?\s*([a-e])$/i);
  if (!m) return null;
  const label = `${m[1].toUpperCase()}/${m[2].toLowerCase()}`;
  return (GOLONGAN as readonly string[]).includes(label) ? (label as GolonganLabel) : null;
}
export const golonganToEnum = (label: GolonganLabel) => label.replace('/', '_').toUpperCase() as GolonganEnum;
export const golonganFromEnum = (value: string | null) =>
  value ? (`${value.split('_')[0]}/${value.split('_')[1].toLowerCase()}` as GolonganLabel) : null;

export const PERAN = ['PEGAWAI', 'PIMPINAN', 'ADMIN', 'BENDAHARA'] as const;
export type PeranValue = (typeof PERAN)[number];
export const PERAN_LABEL: Record<PeranValue, string> = {
  PEGAWAI: 'Pegawai',
  PIMPINAN: 'Pimpinan',
  ADMIN: 'Admin',
  BENDAHARA: 'Bendahara',
};

/**
 * "pimpinan|admin" → ['PEGAWAI','PIMPINAN','ADMIN']. Every account is a pegawai (they all log realisasi), so
 * PEGAWAI is always included. Separators: | + / space (a comma would split the CSV cell). null when a word is unknown.
 */
export function parsePeran(raw: string): { peran: PeranValue[] } | { unknown: string } {
  const words = raw
    .split(/[|+/\s]+/)
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean);
  const set = new Set<PeranValue>(['PEGAWAI']);
  for (const w of words) {
    if (!(PERAN as readonly string[]).includes(w)) return { unknown: w.toLowerCase() };
    set.add(w as PeranValue);
  }
  return { peran: normalisePeran([...set]) };
}
export const normalisePeran = (list: readonly string[]): PeranValue[] => PERAN.filter((p) => list.includes(p));

export const JENIS_JABATAN = ['JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] as const;
export type JenisJabatanValue = (typeof JENIS_JABATAN)[number];
export const JENIS_JABATAN_LABEL: Record<JenisJabatanValue, string> = {
  JPT: 'JPT',
  ADMINISTRATOR: 'Administrator',
  PENGAWAS: 'Pengawas',
  PELAKSANA: 'Pelaksana',
  FUNGSIONAL: 'Fungsional',
};
export function parseJenisJabatan(raw: string): JenisJabatanValue | null {
  const w = raw.trim().toUpperCase();
  if (w === 'JABATAN PIMPINAN TINGGI' || w.startsWith('JPT')) return 'JPT';
  return (JENIS_JABATAN as readonly string[]).includes(w) ? (w as JenisJabatanValue) : null;
}

/**
 * Would `childId` → `parentId` close a loop in a tree given as child → parent? True when walking up from the new
 * parent reaches the child (also when parentId === childId). Walks at most `parents.size` steps.
 */
export function wouldCycle(parents: ReadonlyMap<number, number | null>, childId: number, parentId: number | null): boolean {
  let at = parentId;
  for (let steps = 0; at != null && steps <= parents.size; steps++) {
    if (at === childId) return true;
    at = parents.get(at) ?? null;
  }
  return at != null; // a chain longer than the tree is itself a loop
}

/** Keys that sit on a loop in a child → parent map (each key has at most one parent). O(n). */
export function keysOnCycles<K>(parents: ReadonlyMap<K, K | null>): Set<K> {
  const state = new Map<K, 1 | 2>(); // 1 being walked, 2 done
  const onCycle = new Set<K>();
  for (const start of parents.keys()) {
    if (state.has(start)) continue;
    const path: K[] = [];
    let at: K | null | undefined = start;
    while (at != null && !state.has(at)) {
      state.set(at, 1);
      path.push(at);
      at = parents.get(at) ?? null;
    }
    if (at != null && state.get(at) === 1) {
      for (let i = path.indexOf(at); i < path.length; i++) onCycle.add(path[i]);
    }
    for (const k of path) state.set(k, 2);
  }
  return onCycle;
}
