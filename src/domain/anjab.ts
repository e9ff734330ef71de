// The sections of an Anjab document (PermenPAN-RB 1/2020), in the order the document reads. Sections that are lists
// are stored one item per line; the same list drives the page, the edit form, the PDF and the audit record.

export const ANJAB_BAGIAN = [
  { key: 'ikhtisar', label: 'Ikhtisar Jabatan', list: false },
  { key: 'bahanKerja', label: 'Bahan Kerja', list: true },
  { key: 'perangkatKerja', label: 'Perangkat Kerja', list: true },
  { key: 'tanggungJawab', label: 'Tanggung Jawab', list: true },
  { key: 'wewenang', label: 'Wewenang', list: true },
  { key: 'korelasiJabatan', label: 'Korelasi Jabatan', list: true },
  { key: 'kondisiLingkungan', label: 'Kondisi Lingkungan Kerja', list: true },
  { key: 'risikoBahaya', label: 'Risiko Bahaya', list: true },
  { key: 'syaratJabatan', label: 'Syarat Jabatan', list: true },
  { key: 'prestasiDiharapkan', label: 'Prestasi Kerja yang Diharapkan', list: true },
] as const;

export type AnjabBagianKey = (typeof ANJAB_BAGIAN)[number]['key'];

export const JENIS_JABATAN = ['JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] as const;
export type JenisJabatan = (typeof JENIS_JABATAN)[number];
export const JENIS_LABEL: Record<JenisJabatan, string> = {
  JPT: 'Jabatan Pimpinan Tinggi',
  ADMINISTRATOR: 'Administrator',
  PENGAWAS: 'Pengawas',
  PELAKSANA: 'Pelaksana',
  FUNGSIONAL: 'Fungsional',
};

/** A stored section as its items: one per non-empty line. */
export function butir(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export type UnitNode = { id: number; nama: string; indukId: number | null };
export type UnitInTree = UnitNode & { depth: number; label: string };

/**
 * Units depth-first (children in the order given) with a readable label: the path of names from the top, without
 * the single root when the whole tree hangs under one (the Pemda itself).
 */
export function pohonUnit(units: UnitNode[]): UnitInTree[] {
  const known = new Set(units.map((u) => u.id));
  const children = new Map<number | null, UnitNode[]>();
  for (const u of units) {
    const parent = u.indukId !== null && known.has(u.indukId) ? u.indukId : null;
    const list = children.get(parent);
    if (list) list.push(u);
    else children.set(parent, [u]);
  }
  const dropRoot = (children.get(null) ?? []).length === 1;
  const out: UnitInTree[] = [];
  const visit = (u: UnitNode, depth: number, path: string[]) => {
    const full = [...path, u.nama];
    out.push({ ...u, depth, label: (dropRoot && full.length > 1 ? full.slice(1) : full).join(' / ') });
    for (const c of children.get(u.id) ?? []) visit(c, depth + 1, full);
  };
  for (const r of children.get(null) ?? []) visit(r, 0, []);
  return out;
}
