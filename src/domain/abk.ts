// Analisis Beban Kerja (ABK), PermenPAN-RB 1/2020 (../shared/DOMAIN.md):
//   beban kerja tugas = volume per tahun × norma waktu (menit); beban kerja jabatan = Σ tugas
//   kebutuhan pegawai = beban kerja jabatan ÷ WKE, shown to 2 decimals, rounded for a head count per the setting
//   selisih = bezetting − kebutuhan dibulatkan (+ lebih, − kurang)
//   EJ = beban kerja ÷ (bezetting × WKE), none when bezetting is 0; PJ grade from the unrounded EJ
// Pure: no I/O. Every 2-decimal figure is computed exactly in integer hundredths (bigint) and rounded half up once,
// on the final figure, so the published arithmetic can be checked by hand to the last digit.

/** A non-negative decimal figure in hundredths (123456n = 1234.56). */
export type Centi = bigint;

export type Pembulatan = 'half-up' | 'up' | 'down';
export type PjBatas = { a: number; b: number; c: number; d: number };
export type AbkSettings = { wkeMenitPerTahun: number; pjBatas: PjBatas; pembulatanKebutuhan: Pembulatan };
export type Pj = 'A' | 'B' | 'C' | 'D' | 'E';

export const PJ_LABEL: Record<Pj, string> = { A: 'Sangat Baik', B: 'Baik', C: 'Cukup', D: 'Sedang', E: 'Kurang' };
export const PEMBULATAN_LABEL: Record<Pembulatan, string> = {
  'half-up': 'dibulatkan ke terdekat (0,50 ke atas)',
  up: 'selalu dibulatkan ke atas',
  down: 'selalu dibulatkan ke bawah',
};

export type TugasInput = { id: number; volume: string | number; normaWaktu: number };
export type JabatanInput = { id: number; unitId: number; bezetting: number; tugas: TugasInput[] };
export type UnitInput = { id: number; nama: string; indukId: number | null };

export type AbkFigures = {
  bebanMenit: Centi;
  bebanJam: Centi;
  kebutuhan: Centi;
  kebutuhanBulat: number;
  bezetting: number;
  selisih: number;
  ej: Centi | null;
  pj: Pj | null;
};

/** Round half up of n ÷ d for n ≥ 0, d > 0. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** "12.5", "12,50", 12.5 → 1250n. Only non-negative figures with at most 2 decimals are valid. */
export function parseCenti(value: string | number): Centi {
  const s = typeof value === 'number' ? String(value) : value.trim().replace(',', '.');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new RangeError(`bukan angka desimal non-negatif dengan ≤ 2 desimal: ${value}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 123456n → "1234.56" (open data: dot decimal separator, 2 decimals). */
export function formatCenti(c: Centi): string {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Beban kerja of one task in hundredths of a minute: volume per tahun × norma waktu. */
export function bebanTugas(volume: string | number, normaWaktu: number): Centi {
  return parseCenti(volume) * BigInt(normaWaktu);
}

/** Head count from the 2-decimal kebutuhan: the published figure is the one rounded, so "0,50 → 1" reads true. */
export function bulatkan(kebutuhan: Centi, mode: Pembulatan): number {
  if (mode === 'up') return Number((kebutuhan + 99n) / 100n);
  if (mode === 'down') return Number(kebutuhan / 100n);
  return Number((kebutuhan + 50n) / 100n);
}

// A band bound as an exact fraction: up to 6 decimals are honoured (settings hold 1.0, 0.9, 0.7, 0.5).
const SCALE = 1_000_000n;
const scaled = (x: number) => BigInt(Math.round(x * 1_000_000));

/**
 * PJ grade from the unrounded EJ = beban ÷ (bezetting × WKE), compared exactly:
 * A EJ > a; B b ≤ EJ ≤ a; C c ≤ EJ < b; D d ≤ EJ < c; E EJ < d. None when bezetting is 0.
 */
export function gradePj(bebanMenit: Centi, bezetting: number, wke: number, batas: PjBatas): Pj | null {
  if (bezetting <= 0) return null;
  // EJ ⋛ x  ⇔  bebanMenit·SCALE ⋛ scaled(x)·bezetting·WKE·100 (bebanMenit is in hundredths)
  const lhs = bebanMenit * SCALE;
  const rhs = (x: number) => scaled(x) * BigInt(bezetting) * BigInt(wke) * 100n;
  if (lhs > rhs(batas.a)) return 'A';
  if (lhs >= rhs(batas.b)) return 'B';
  if (lhs >= rhs(batas.c)) return 'C';
  if (lhs >= rhs(batas.d)) return 'D';
  return 'E';
}

/** The ABK figures of a workload, a bezetting and a rounded kebutuhan (a jabatan, or a unit's Σ). */
function figures(bebanMenit: Centi, bezetting: number, kebutuhanBulat: number | null, s: AbkSettings): AbkFigures {
  const wke = BigInt(s.wkeMenitPerTahun);
  const kebutuhan = divHalfUp(bebanMenit, wke);
  const bulat = kebutuhanBulat ?? bulatkan(kebutuhan, s.pembulatanKebutuhan);
  return {
    bebanMenit,
    bebanJam: divHalfUp(bebanMenit, 60n),
    kebutuhan,
    kebutuhanBulat: bulat,
    bezetting,
    selisih: bezetting - bulat,
    ej: bezetting > 0 ? divHalfUp(bebanMenit, BigInt(bezetting) * wke) : null,
    pj: gradePj(bebanMenit, bezetting, s.wkeMenitPerTahun, s.pjBatas),
  };
}

/** ABK of one jabatan from its (active) tasks and its bezetting. */
export function hitungJabatan(tugas: TugasInput[], bezetting: number, s: AbkSettings): AbkFigures {
  let beban = 0n;
  for (const t of tugas) beban += bebanTugas(t.volume, t.normaWaktu);
  return figures(beban, bezetting, null, s);
}

/**
 * Roll-up of several jabatan: beban and bezetting add up; kebutuhan (2 decimals) is Σ beban ÷ WKE; the head count
 * is Σ of each jabatan's rounded kebutuhan (formation is decided per jabatan); EJ of the group = Σ beban ÷ (Σ bezetting × WKE).
 */
export function rollUp(items: AbkFigures[], s: AbkSettings): AbkFigures {
  let beban = 0n;
  let bezetting = 0;
  let bulat = 0;
  for (const f of items) {
    beban += f.bebanMenit;
    bezetting += f.bezetting;
    bulat += f.kebutuhanBulat;
  }
  return figures(beban, bezetting, bulat, s);
}

export type AbkUnit = {
  id: number;
  nama: string;
  indukId: number | null;
  depth: number;
  /** names from the top of the tree to this unit */
  path: string[];
  /** this unit and every unit under it */
  jumlahJabatan: number;
  total: AbkFigures;
};
export type AbkJabatanRow<J> = J & { abk: AbkFigures };
export type AbkPemda<J> = {
  total: AbkFigures;
  /** depth-first, children in the order given */
  units: AbkUnit[];
  /** jabatan in the tree order of their units */
  jabatan: AbkJabatanRow<J>[];
};

/**
 * The whole Pemda: every jabatan's figures, a roll-up per unit over its subtree (tree order), and the Pemda total.
 * Jabatan of units not in `units` are left out (e.g. a unit that is no longer active).
 */
export function hitungPemda<J extends JabatanInput>(units: UnitInput[], jabatan: J[], s: AbkSettings): AbkPemda<J> {
  const known = new Set(units.map((u) => u.id));
  const children = new Map<number | null, UnitInput[]>();
  for (const u of units) {
    const parent = u.indukId !== null && known.has(u.indukId) ? u.indukId : null;
    const list = children.get(parent);
    if (list) list.push(u);
    else children.set(parent, [u]);
  }
  const byUnit = new Map<number, AbkJabatanRow<J>[]>();
  for (const j of jabatan) {
    if (!known.has(j.unitId)) continue;
    const row = { ...j, abk: hitungJabatan(j.tugas, j.bezetting, s) };
    const list = byUnit.get(j.unitId);
    if (list) list.push(row);
    else byUnit.set(j.unitId, [row]);
  }

  const ordered: AbkUnit[] = [];
  const rows: AbkJabatanRow<J>[] = [];
  const visit = (u: UnitInput, depth: number, path: string[]): AbkFigures[] => {
    const own = byUnit.get(u.id) ?? [];
    const entry: AbkUnit = {
      id: u.id,
      nama: u.nama,
      indukId: u.indukId,
      depth,
      path: [...path, u.nama],
      jumlahJabatan: 0,
      total: figures(0n, 0, 0, s),
    };
    ordered.push(entry);
    rows.push(...own);
    const all = own.map((r) => r.abk);
    for (const c of children.get(u.id) ?? []) for (const f of visit(c, depth + 1, entry.path)) all.push(f);
    entry.jumlahJabatan = all.length;
    entry.total = rollUp(all, s);
    return all;
  };
  const everything: AbkFigures[] = [];
  for (const root of children.get(null) ?? []) for (const f of visit(root, 0, [])) everything.push(f);
  return { total: rollUp(everything, s), units: ordered, jabatan: rows };
}
