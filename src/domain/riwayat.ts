/**
 * Riwayat jabatan and who verifies what (issue 11). An entry is verified by whoever was responsible for the pegawai
 * **on the entry's date**, not today: a row of the history covers [tmtAwal, tmtAkhir) — the TMT day itself belongs to
 * the new row, the day before to the old one. Dates are calendar dates as YYYY-MM-DD strings (compared as text).
 */

/** A span of one pegawai's history within which an actor may verify that pegawai's entries. */
export type Jendela = {
  riwayatId: number;
  pegawaiId: number;
  /** first day covered (inclusive); null = since before the records */
  awal: string | null;
  /** first day no longer covered (exclusive); null = still in force */
  akhir: string | null;
  /** the responsible atasan named in that history row (null at the top of a hierarchy) */
  atasanId: number | null;
  /** how the actor reaches it: as the atasan, as Plt/Plh, or as the pejabat set for the root unit */
  sebagai: 'atasan' | 'Plt' | 'Plh' | 'puncak';
};

/** Does a history span [awal, akhir) cover the date? */
export const meliputi = (s: { awal: string | null; akhir: string | null }, tanggal: string): boolean =>
  (s.awal === null || s.awal <= tanggal) && (s.akhir === null || tanggal < s.akhir);

/** The history row in force on a date (rows never overlap: the database refuses it). */
export function barisPada<T extends { awal: string | null; akhir: string | null }>(rows: T[], tanggal: string): T | undefined {
  return rows.find((r) => meliputi(r, tanggal));
}

// The atasan themself is preferred over an acting role when both reach the same entry (the record then says nothing
// about Plt/Plh): the Plt/Plh mark is for entries the actor could only reach by standing in.
const RANK = { atasan: 0, puncak: 1, Plh: 2, Plt: 3 } as const;

/** The window through which an actor reaches an entry of `pegawaiId` dated `tanggal`, or undefined (out of reach). */
export function jendelaUntuk(jendela: Jendela[], pegawaiId: number, tanggal: string): Jendela | undefined {
  let best: Jendela | undefined;
  for (const j of jendela) {
    if (j.pegawaiId !== pegawaiId || !meliputi(j, tanggal)) continue;
    if (!best || RANK[j.sebagai] < RANK[best.sebagai]) best = j;
  }
  return best;
}

/** The Plt/Plh mark recorded on the entry and in the audit row (null for the atasan and the pejabat puncak). */
export const tandaSebagai = (j: Jendela | undefined): 'Plt' | 'Plh' | null =>
  j?.sebagai === 'Plt' || j?.sebagai === 'Plh' ? j.sebagai : null;

/** One window per history row (the same row reached twice, e.g. as atasan and as Plt, counts once). */
export function unikPerRiwayat(jendela: Jendela[]): Jendela[] {
  const by = new Map<number, Jendela>();
  for (const j of jendela) {
    const cur = by.get(j.riwayatId);
    if (!cur || RANK[j.sebagai] < RANK[cur.sebagai]) by.set(j.riwayatId, j);
  }
  return [...by.values()];
}

/** A mutasi opens a new row at `tmt`: refused when the TMT is in the future or not after the current row's start. */
export function cekTmtMutasi(o: { tmt: string; today: string; awalTerbuka: string | null }): string | null {
  if (o.tmt > o.today) return 'TMT tidak boleh setelah hari ini.';
  if (o.awalTerbuka !== null && o.tmt <= o.awalTerbuka) return `TMT harus setelah TMT jabatan yang sedang berlaku (${o.awalTerbuka}).`;
  return null;
}
