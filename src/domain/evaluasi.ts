import { capaianBulan, nilaiPecahan, seratusan, type TargetBulan } from './bulan-pegawai.ts';

/**
 * Evaluasi kinerja periodik (issue 19): beside the rating form, the capaian of each RHK in the period. It is the
 * month's capaian rule of the one computation (capaianBulan in src/domain/bulan-pegawai.ts: verified quantity ÷ the
 * month's target, each capped, weighted by planned minutes, a target ended by a mutasi pro rata) applied to the
 * targets of one RHK (`target_tahunan.rhk_id`). So the RHK of a month add up, by the same weights, to the month's
 * capaian every other page shows. For the year, each month's part is summed exactly over the twelve months.
 */

export type RhkRingkas = { id: number; uraian: string; jenis: string };
export type CapaianRhk = {
  /** null: the targets that realise no RHK (outside the SKP) */
  rhk: RhkRingkas | null;
  /** the targets of the RHK that asked something in the period, with the period's target and verified quantity */
  targets: { id: number; pekerjaan: string; satuan: string; target: number; terverifikasi: number }[];
  nilai: number | null;
};

// 28 · 29 · 30 · 31: each month's fraction is kept over its number of days (capaianBulan), brought to one denominator
const L = 28n * 29n * 30n * 31n;
const hariDalam = (tahun: number, bulan: number) => BigInt(new Date(Date.UTC(tahun, bulan, 0)).getUTCDate());

/**
 * Capaian per RHK over one or more months. `rhkTarget` maps a target (target_tahunan.id) to its RHK (null: none);
 * `rhk` lists the SKP's RHK in their order (an RHK without a target in the period is listed with no capaian).
 */
export function capaianPerRhk(
  bulanan: { tahun: number; bulan: number; targets: TargetBulan[] }[],
  rhkTarget: ReadonlyMap<number, number | null>,
  rhk: RhkRingkas[],
): CapaianRhk[] {
  type Jumlah = { num: bigint; den: bigint; targets: Map<number, CapaianRhk['targets'][number]> };
  const sum = new Map<number | null, Jumlah>();
  for (const r of rhk) sum.set(r.id, { num: 0n, den: 0n, targets: new Map() });
  for (const m of bulanan) {
    const kelompok = new Map<number | null, TargetBulan[]>();
    for (const t of m.targets) {
      const k = rhkTarget.get(t.id) ?? null;
      kelompok.set(k, [...(kelompok.get(k) ?? []), t]);
    }
    const skala = L / hariDalam(m.tahun, m.bulan);
    for (const [k, targets] of kelompok) {
      const c = capaianBulan(targets, m.tahun, m.bulan);
      const s = sum.get(k) ?? { num: 0n, den: 0n, targets: new Map() };
      if (c.num !== null && c.den !== null) {
        s.num += c.num * skala;
        s.den += c.den * skala;
      }
      for (const t of c.rows) {
        if (t.capaian === null) continue;
        const ada = s.targets.get(t.id) ?? { id: t.id, pekerjaan: t.pekerjaan, satuan: t.satuan, target: 0, terverifikasi: 0 };
        // in hundredths while summing (exact), as a number once at the end
        ada.target += Number(seratusan(t.target));
        ada.terverifikasi += Number(seratusan(t.terverifikasi));
        s.targets.set(t.id, ada);
      }
      sum.set(k, s);
    }
  }
  const nama = new Map(rhk.map((r) => [r.id, r]));
  return [...sum.entries()]
    .filter(([k, s]) => k !== null || s.den > 0n)
    .map(([k, s]) => ({
      rhk: k === null ? null : (nama.get(k) ?? { id: k, uraian: `RHK ${k}`, jenis: 'UTAMA' }),
      targets: [...s.targets.values()].map((t) => ({ ...t, target: t.target / 100, terverifikasi: t.terverifikasi / 100 })),
      nilai: s.den > 0n ? nilaiPecahan(s.num, s.den) : null,
    }));
}
