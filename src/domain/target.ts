import { sebarRata } from './capaian.ts';

/**
 * Targets over a year in a real Pemda (issue 11): the monthly spread changes only in months not yet closed, next
 * year's targets can be planned from a month of this year (setting), and the atasan's approval has four states.
 * Pure: the services read the data and the clock, these decide.
 */

export type StatusTarget = 'DRAF' | 'DIAJUKAN' | 'DISETUJUI' | 'DIKEMBALIKAN';

/** The words the pegawai and the atasan read for each state. */
export const LABEL_STATUS: Record<StatusTarget, string> = {
  DRAF: 'draf (belum diajukan)',
  DIAJUKAN: 'menunggu persetujuan atasan',
  DISETUJUI: 'disetujui',
  DIKEMBALIKAN: 'dikembalikan atasan',
};

/** States the pegawai may submit from ("Ajukan"): a draft, or a target the atasan returned. */
export const bisaDiajukan = (s: StatusTarget): boolean => s === 'DRAF' || s === 'DIKEMBALIKAN';

/**
 * The state after the pegawai edits a target: a draft stays a draft; anything the atasan has seen (approved, waiting,
 * returned) goes back to the atasan, because what they agreed to has changed.
 */
export const statusSetelahUbah = (s: StatusTarget): StatusTarget => (s === 'DRAF' ? 'DRAF' : 'DIAJUKAN');

/** Years the pegawai may add targets to today: this year, and next year from the 1st of month `dariBulan`. */
export function tahunRencana(today: string, dariBulan: number): number[] {
  const tahun = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= dariBulan ? [tahun, tahun + 1] : [tahun];
}

/** First month of a new target's default spread: this month for this year, January for a later year. */
export const bulanMulai = (tahun: number, today: string): number => (tahun > Number(today.slice(0, 4)) ? 1 : Number(today.slice(5, 7)));

export type Sebaran = { ok: true; bulan: number[] } | { ok: false; pesan: string; field: string };

const cents = (v: number) => Math.round(v * 100);
const rupa = (v: number) => v.toLocaleString('id-ID');

/**
 * The new monthly spread of an edited target. Closed months keep their value whatever was typed for them. When no
 * open month is typed, what remains after the closed months is spread evenly from `dariBulan` (or over the open months
 * when they all lie before it); otherwise untyped open months are 0 and all months must add up to the target, as in
 * "Tambah Target Baru".
 */
export function sebaranUbah(o: {
  kuantitas: number;
  typed: (number | undefined)[];
  lama: number[];
  ditutup: boolean[];
  dariBulan: number;
}): Sebaran {
  const terbuka = o.ditutup.map((t, i) => (t ? -1 : i + 1)).filter((m) => m > 0);
  const tetap = o.lama.reduce((s, v, i) => s + (o.ditutup[i] ? cents(v) : 0), 0);
  if (terbuka.length === 0) {
    return tetap === cents(o.kuantitas)
      ? { ok: true, bulan: [...o.lama] }
      : { ok: false, field: 'kuantitas', pesan: 'Semua bulan tahun ini sudah ditutup: target kuantitas tidak dapat diubah lagi.' };
  }
  const adaKetik = terbuka.some((m) => o.typed[m - 1] !== undefined);
  if (!adaKetik) {
    const sisa = cents(o.kuantitas) - tetap;
    if (sisa < 0)
      return {
        ok: false,
        field: 'kuantitas',
        pesan: `Target kuantitas tidak boleh kurang dari jumlah bulan yang sudah ditutup (${rupa(tetap / 100)}).`,
      };
    const mulai = terbuka.includes(o.dariBulan) || terbuka.some((m) => m > o.dariBulan) ? o.dariBulan : terbuka[0];
    const sasaran = terbuka.filter((m) => m >= mulai);
    const base = Math.floor(sisa / sasaran.length);
    let lebih = sisa - base * sasaran.length;
    const bulan = o.lama.map((v, i) => (o.ditutup[i] ? v : 0));
    for (const m of sasaran) {
      bulan[m - 1] = (base + (lebih > 0 ? 1 : 0)) / 100;
      if (lebih > 0) lebih--;
    }
    return { ok: true, bulan };
  }
  const bulan = o.lama.map((v, i) => (o.ditutup[i] ? v : (o.typed[i] ?? 0)));
  const total = bulan.reduce((s, v) => s + cents(v), 0);
  if (total !== cents(o.kuantitas))
    return {
      ok: false,
      field: 'bulan',
      pesan: `Jumlah sebaran bulanan (${rupa(total / 100)}) harus sama dengan target kuantitas (${rupa(o.kuantitas)}).`,
    };
  return { ok: true, bulan };
}

/** The months (1–12) whose value differs between two spreads. */
export const bulanBerubah = (lama: number[], baru: number[]): number[] =>
  baru.flatMap((v, i) => (cents(v) !== cents(lama[i] ?? 0) ? [i + 1] : []));

/** The spread of a target copied into `tahun`: the source's months when the whole year is ahead, else spread evenly from `dariBulan`. */
export const sebaranSalinan = (kuantitas: number, lama: number[], dariBulan: number): number[] =>
  dariBulan === 1 && lama.reduce((s, v) => s + cents(v), 0) === cents(kuantitas) ? [...lama] : sebarRata(kuantitas, dariBulan);
