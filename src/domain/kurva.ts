import { PREDIKAT, type Predikat } from './predikat.ts';

/**
 * Kurva distribusi (PermenPAN-RB 6/2022: the distribution of the pegawai's predikat follows the organisation's
 * predikat). Per OPD and period, from the OPD's predikat organisasi, the setting `kurvaDistribusi` bounds the share of
 * its pegawai per predikat. Pure: the services count, this decides.
 *
 * How the bounds are counted (docs/skp.md "Kurva distribusi"):
 *   - an upper bound ("at most p % Sangat Baik", "at most p % Baik") is counted against **everyone to be rated** in the
 *     OPD that period (`wajib`), not against those rated so far: the first Sangat Baik of an OPD of 20 is 1 of 20, not
 *     1 of 1, so the curve is not broken by whoever rates first. At most ⌊p × wajib / 100⌋ pegawai;
 *   - a lower bound ("at least k below Baik") can only be met at the end: it is checked once everyone is rated;
 *   - a rating warns when it makes a bound broken that was not, or broken further (an upper bound exceeded by more,
 *     a lower bound missed by more, or missed once the rating completes the OPD); a change that breaks nothing new, none.
 */

export type BatasKurva = { maksSangatBaik: number; maksBaik: number; minDiBawahBaik: number };

/** Below Baik: what a "Baik" organisation must have some of. */
export const DI_BAWAH_BAIK: readonly Predikat[] = ['Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang'];

/** An OPD's period: how many are to be rated and how many have each predikat. */
export type KeadaanKurva = { wajib: number; jumlah: Record<Predikat, number> };

export type KunciBatas = 'maksSangatBaik' | 'maksBaik' | 'minDiBawahBaik';

export type Pelanggaran = {
  kunci: KunciBatas;
  /** the bound in pegawai (at most / at least) */
  batas: number;
  /** how many there are */
  jumlah: number;
  /** how far past the bound (≥ 1) */
  selisih: number;
  pesan: string;
};

export const kosong = (wajib: number): KeadaanKurva => ({
  wajib,
  jumlah: Object.fromEntries(PREDIKAT.map((p) => [p, 0])) as Record<Predikat, number>,
});

export const dinilai = (k: KeadaanKurva): number => PREDIKAT.reduce((s, p) => s + k.jumlah[p], 0);
export const lengkap = (k: KeadaanKurva): boolean => k.wajib > 0 && dinilai(k) >= k.wajib;
const diBawahBaik = (k: KeadaanKurva): number => DI_BAWAH_BAIK.reduce((s, p) => s + k.jumlah[p], 0);

/** At most p % of `wajib` pegawai, in whole pegawai (p in hundredths, so 70.5 % is exact). */
export const maksOrang = (persen: number, wajib: number): number => Math.floor((Math.round(persen * 100) * wajib) / 10_000);

/** The share (0…1) of `jumlah` in `wajib`, or null without anyone to rate. */
export const bagian = (jumlah: number, wajib: number): number | null => (wajib > 0 ? jumlah / wajib : null);

/** The state after one pegawai's rating changes from `dari` (null: not rated yet) to `ke`. */
export function geser(k: KeadaanKurva, dari: Predikat | null, ke: Predikat): KeadaanKurva {
  const jumlah = { ...k.jumlah };
  if (dari) jumlah[dari] = Math.max(0, jumlah[dari] - 1);
  jumlah[ke] += 1;
  // a pegawai rated who was not counted among those to be rated (e.g. moved in after the count): count them too
  return {
    wajib: Math.max(
      k.wajib,
      PREDIKAT.reduce((s, p) => s + jumlah[p], 0),
    ),
    jumlah,
  };
}

/** The bounds the state breaks now. */
export function periksaKurva(batas: BatasKurva, k: KeadaanKurva): Pelanggaran[] {
  const out: Pelanggaran[] = [];
  const maks = (kunci: 'maksSangatBaik' | 'maksBaik', predikat: Predikat, persen: number) => {
    if (persen >= 100) return;
    const b = maksOrang(persen, k.wajib);
    const n = k.jumlah[predikat];
    if (n > b)
      out.push({
        kunci,
        batas: b,
        jumlah: n,
        selisih: n - b,
        pesan: `Predikat ${predikat} paling banyak ${fmt(persen)}% dari ${k.wajib} pegawai yang dievaluasi (${b} orang); kini ${n}.`,
      });
  };
  maks('maksSangatBaik', 'Sangat Baik', batas.maksSangatBaik);
  maks('maksBaik', 'Baik', batas.maksBaik);
  if (batas.minDiBawahBaik > 0 && lengkap(k)) {
    const n = diBawahBaik(k);
    if (n < batas.minDiBawahBaik)
      out.push({
        kunci: 'minDiBawahBaik',
        batas: batas.minDiBawahBaik,
        jumlah: n,
        selisih: batas.minDiBawahBaik - n,
        pesan: `Paling sedikit ${batas.minDiBawahBaik} pegawai berpredikat di bawah Baik (${DI_BAWAH_BAIK.join(', ')}) setelah semua dinilai; kini ${n} dari ${k.wajib}.`,
      });
  }
  return out;
}

/** What one rating would break that was not broken (or break further): the warning shown before saving it. */
export function pelanggaranBaru(batas: BatasKurva, sebelum: KeadaanKurva, sesudah: KeadaanKurva): Pelanggaran[] {
  const lama = new Map(periksaKurva(batas, sebelum).map((p) => [p.kunci, p.selisih]));
  return periksaKurva(batas, sesudah).filter((p) => p.selisih > (lama.get(p.kunci) ?? 0));
}

/** The bounds as the page and the PDF state them. */
export function uraianBatas(batas: BatasKurva): string[] {
  const out: string[] = [];
  if (batas.maksSangatBaik < 100)
    out.push(
      batas.maksSangatBaik === 0 ? 'Tidak ada pegawai berpredikat Sangat Baik' : `Sangat Baik paling banyak ${fmt(batas.maksSangatBaik)}%`,
    );
  if (batas.maksBaik < 100)
    out.push(batas.maksBaik === 0 ? 'Tidak ada pegawai berpredikat Baik' : `Baik paling banyak ${fmt(batas.maksBaik)}%`);
  if (batas.minDiBawahBaik > 0) out.push(`Paling sedikit ${batas.minDiBawahBaik} pegawai di bawah Baik`);
  if (out.length === 0) out.push('Tanpa batas');
  return out;
}

const fmt = (n: number) => n.toLocaleString('id-ID', { maximumFractionDigits: 2 });
