// ABK as open data (/abk.csv, /abk.json): one record per jabatan, exactly the fields documented in README.md.
// Numbers use a dot as decimal separator and 2 decimals; `ej` and `pj` are empty (CSV) / null (JSON) when bezetting is 0.
import { type AbkPemda, formatCenti, type JabatanInput } from './abk.ts';

export const ABK_FIELDS = [
  'unit_kerja',
  'jabatan',
  'beban_kerja_menit',
  'beban_kerja_jam',
  'kebutuhan',
  'kebutuhan_bulat',
  'bezetting',
  'selisih',
  'ej',
  'pj',
] as const;

export type AbkRecord = {
  unit_kerja: string;
  jabatan: string;
  beban_kerja_menit: string;
  beban_kerja_jam: string;
  kebutuhan: string;
  kebutuhan_bulat: number;
  bezetting: number;
  selisih: number;
  ej: string | null;
  pj: string | null;
};

/**
 * The unit's name as a path ("Dinas Kesehatan / Bidang Pelayanan Kesehatan"): names like "Sekretariat" recur in
 * every OPD. When the whole tree hangs under one root (the Pemda itself), that root is left out of the path.
 */
export function unitLabels(pemda: Pick<AbkPemda<JabatanInput>, 'units'>): Map<number, string> {
  const roots = pemda.units.filter((u) => u.depth === 0).length;
  const out = new Map<number, string>();
  for (const u of pemda.units) out.set(u.id, (roots === 1 && u.path.length > 1 ? u.path.slice(1) : u.path).join(' / '));
  return out;
}

export function abkRecords<J extends JabatanInput & { nama: string }>(pemda: AbkPemda<J>): AbkRecord[] {
  const labels = unitLabels(pemda);
  return pemda.jabatan.map((j) => ({
    unit_kerja: labels.get(j.unitId) ?? '',
    jabatan: j.nama,
    beban_kerja_menit: formatCenti(j.abk.bebanMenit),
    beban_kerja_jam: formatCenti(j.abk.bebanJam),
    kebutuhan: formatCenti(j.abk.kebutuhan),
    kebutuhan_bulat: j.abk.kebutuhanBulat,
    bezetting: j.abk.bezetting,
    selisih: j.abk.selisih,
    ej: j.abk.ej === null ? null : formatCenti(j.abk.ej),
    pj: j.abk.pj,
  }));
}

// A text cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet: prefix it with '.
const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** RFC 4180: comma-separated, CRLF line ends, a header line. */
export function abkCsv(records: AbkRecord[]): string {
  const lines = [ABK_FIELDS.join(',')];
  for (const r of records) {
    lines.push(
      [
        quote(neutralise(r.unit_kerja)),
        quote(neutralise(r.jabatan)),
        r.beban_kerja_menit,
        r.beban_kerja_jam,
        r.kebutuhan,
        r.kebutuhan_bulat,
        r.bezetting,
        r.selisih,
        r.ej ?? '',
        r.pj ?? '',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A JSON array of records. Decimal figures are written as JSON number literals with their 2 decimals kept
 * (12.50, not 12.5), so a reader sees the same figure as in the CSV and on the page.
 */
export function abkJson(records: AbkRecord[]): string {
  const items = records.map(
    (r) =>
      `{"unit_kerja":${JSON.stringify(r.unit_kerja)},"jabatan":${JSON.stringify(r.jabatan)},` +
      `"beban_kerja_menit":${r.beban_kerja_menit},"beban_kerja_jam":${r.beban_kerja_jam},"kebutuhan":${r.kebutuhan},` +
      `"kebutuhan_bulat":${r.kebutuhan_bulat},"bezetting":${r.bezetting},"selisih":${r.selisih},` +
      `"ej":${r.ej ?? 'null'},"pj":${r.pj === null ? 'null' : JSON.stringify(r.pj)}}`,
  );
  return `[${items.join(',\n')}]\n`;
}
