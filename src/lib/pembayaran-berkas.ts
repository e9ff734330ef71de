import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatTanggal, namaBulan } from '../domain/periode.ts';
import { samarkanRekening } from '../domain/rekening.ts';
import { formatRupiah } from '../domain/tpp.ts';
import type { BarisBayar, DaftarPembayaran, Jumlah } from '../services/pembayaran.service.ts';
import { csvLine } from './csv.ts';
import { formatWaktu } from './format.ts';
import { ansi, dokumenA4, type Kolom as KolomPdf, kop, tabel, tandaTangan } from './pdf-dokumen.ts';

// The daftar pembayaran TPP's three files (issue 22), from the one list (src/services/pembayaran.service.ts):
// - the workbook: a row per pegawai, bruto and neto as formulas of the row's lines, totals as SUM formulas (each with
//   its value, so a viewer that does not recalculate shows the same figures);
// - the bank's bulk-transfer CSV (layout below and in docs/aturan-tpp.md);
// - the signed A4 sheet: kop, the rows, totals, signature blocks for the bendahara and the Kepala OPD, page numbers.
// A rapel line (a held month paid once released, src/domain/rapel.ts) is a row of its own in all three, with its label.

const periode = (d: Pick<DaftarPembayaran, 'tahun' | 'bulan'>) => `${namaBulan(d.bulan)} ${d.tahun}`;

type Kolom = { header: string; width: number; nilai: (x: BarisBayar, baris: number) => ExcelJS.CellValue; jumlah?: keyof Jumlah };
const COL = (i: number) => String.fromCharCode(65 + i);

/** Excel columns; G…P are money. Bruto, neto and dibayarkan are formulas of the row, with the row's value. */
const KOLOM: Kolom[] = [
  { header: 'No', width: 5, nilai: (_x, i) => i },
  { header: 'NIP', width: 21, nilai: (x) => x.nip },
  { header: 'Nama', width: 30, nilai: (x) => x.nama },
  { header: 'Unit kerja', width: 30, nilai: (x) => x.unit ?? '' },
  { header: 'Bank', width: 16, nilai: (x) => x.bankNama ?? '' },
  { header: 'Nomor rekening', width: 22, nilai: (x) => x.rekening ?? 'belum dicatat' },
  { header: 'TPP bulan ini', jumlah: 'tpp', width: 14, nilai: (x) => x.tpp },
  { header: 'THR / gaji ke-13', jumlah: 'tambahan', width: 14, nilai: (x) => x.tambahan },
  { header: 'Bruto', jumlah: 'bruto', width: 14, nilai: (x) => x.bruto },
  { header: 'Iuran BPJS 1%', jumlah: 'bpjsPegawai', width: 13, nilai: (x) => x.bpjsPegawai },
  { header: 'PPh 21', jumlah: 'pph21', width: 12, nilai: (x) => x.pph21 },
  { header: 'Tunjangan PPh', jumlah: 'tunjanganPph', width: 13, nilai: (x) => x.tunjanganPph },
  { header: 'Neto', jumlah: 'neto', width: 14, nilai: (x) => x.neto },
  { header: 'Keterangan', width: 40, nilai: (x) => x.keterangan },
  { header: 'Dibayarkan', jumlah: 'dibayar', width: 14, nilai: (x) => x.dibayar },
  { header: 'BPJS Pemda (tidak dipotong)', jumlah: 'bpjsPemda', width: 16, nilai: (x) => x.bpjsPemda },
];
/** the formula of a row's computed cells (row number r): bruto = TPP + tambahan; neto = bruto + tunjangan − BPJS − PPh */
const RUMUS: Record<string, (r: number) => string> = {
  Bruto: (r) => `G${r}+H${r}`,
  Neto: (r) => `I${r}+L${r}-J${r}-K${r}`,
  Dibayarkan: (r) => `IF(N${r}="Ditunda",0,M${r})`,
};

export async function pembayaranExcel(out: Writable, d: DaftarPembayaran & { namaPemda: string; zona: string }): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'e-Kinerja';
  const ws = wb.addWorksheet('Daftar Pembayaran', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = KOLOM.map((k) => ({ width: k.width, style: k.jumlah ? { numFmt: '#,##0' } : {} }));
  ws.addRow([`DAFTAR PEMBAYARAN TPP ${d.unit.nama.toUpperCase()} · ${periode(d).toUpperCase()}`]).commit();
  ws.addRow([`${d.namaPemda} · ditetapkan pada ${formatWaktu(d.ditetapkanAt, d.zona)}`]).commit();
  ws.addRow([
    'Rekening ditampilkan lengkap hanya untuk admin kepegawaian. Baris "Ditunda" tidak ditransfer bulan ini; baris "Rapel TPP …" membayar bulan yang ditunda lalu dilepas.',
  ]).commit();
  const head = ws.addRow(KOLOM.map((k) => k.header));
  head.font = { bold: true };
  head.commit();
  const first = 5;
  d.rows.forEach((x, i) => {
    const r = first + i;
    const row = ws.addRow(
      KOLOM.map((k) => {
        const v = k.nilai(x, i + 1);
        const rumus = RUMUS[k.header];
        return rumus ? { formula: rumus(r), result: v as number } : v;
      }),
    );
    row.commit();
  });
  const last = first + d.rows.length - 1;
  const total = ws.addRow(
    KOLOM.map((k, i) => {
      if (i === 0) return 'Jumlah';
      if (!k.jumlah) return '';
      return { formula: d.rows.length ? `SUM(${COL(i)}${first}:${COL(i)}${last})` : '0', result: d.jumlah[k.jumlah] };
    }),
  );
  total.font = { bold: true };
  total.commit();
  ws.commit();
  await wb.commit();
}

/** A name as banks' bulk files take it: capitals, letters, digits, spaces and . , ' - only, at most 50 characters. */
const namaBank = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 .,'-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 50);

/** The transfer's description: `TPP YYYY-MM NIP`, or for a rapel `RAPEL TPP YYYY-MM NIP` naming the held month. */
const keteranganBank = (x: BarisBayar, bl: string) =>
  x.rapel ? `RAPEL TPP ${x.rapel.tahun}-${String(x.rapel.bulan).padStart(2, '0')} ${x.nip}` : `TPP ${bl} ${x.nip}`;

/**
 * The bank's bulk-transfer file. Layout (docs/aturan-tpp.md): UTF-8 without BOM, comma-separated, CRLF line ends, a
 * header row `nomor_rekening,nama_pemilik,bank,nominal,keterangan`, one row per transfer: the account's digits, the
 * name in capitals, the bank as recorded, the amount in whole rupiah without separators, `TPP YYYY-MM NIP` (a rapel:
 * one row of its own, `RAPEL TPP YYYY-MM NIP` of the held month).
 */
export function pembayaranCsv(d: Pick<DaftarPembayaran, 'tahun' | 'bulan'>, rows: BarisBayar[]): string {
  const bl = `${d.tahun}-${String(d.bulan).padStart(2, '0')}`;
  const lines = [csvLine(['nomor_rekening', 'nama_pemilik', 'bank', 'nominal', 'keterangan'], ',')];
  for (const x of rows)
    lines.push(csvLine([x.rekening, namaBank(x.nama), namaBank(x.bankNama ?? ''), x.dibayar, keteranganBank(x, bl)], ','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The signed sheet (A4 landscape), from the shared document parts (./pdf-dokumen.ts): kop with the OPD, the rows (the
 * header again on each page, a rapel line under its pegawai's name), totals, the signature blocks of the Kepala OPD
 * (the head on the month's last day, "Plt." when the post was vacant) and the bendahara, page numbers. Every account
 * number is masked on it, whoever prints it: paper leaves the system.
 */
export function pembayaranPdf(
  d: DaftarPembayaran & { namaPemda: string; zona: string; logo: Buffer | null; today: string },
): Promise<Buffer> {
  const dok = dokumenA4(`Daftar Pembayaran TPP - ${d.unit.nama} - ${periode(d)}`, { landscape: true, margin: 36 });
  const { doc, left, width } = dok;
  kop(dok, {
    logo: d.logo,
    namaPemda: d.namaPemda,
    unit: d.unit.nama,
    judul: 'DAFTAR PEMBAYARAN TAMBAHAN PENGHASILAN PEGAWAI (TPP)',
    subjudul: `Bulan ${periode(d)} · ditetapkan pada ${formatWaktu(d.ditetapkanAt, d.zona)}`,
  });

  const cols: (KolomPdf & { isi: (x: BarisBayar, i: number) => string })[] = [
    { label: 'No', w: 22, isi: (_x, i) => String(i) },
    { label: 'NIP / Nama', w: 168, isi: (x) => [x.nip, x.nama, ...(x.rapel ? [x.keterangan] : [])].join('\n') },
    {
      label: 'Rekening',
      w: 96,
      // masked for everyone here; '•' is outside the PDF's WinAnsi font
      isi: (x) => (x.rekening ? `${x.bankNama ?? ''}\n${samarkanRekening(x.rekening)?.replaceAll('•', '*')}` : 'belum dicatat'),
    },
    { label: 'TPP', w: 62, align: 'right', isi: (x) => rp(x.tpp) },
    { label: 'THR/ke-13', w: 54, align: 'right', isi: (x) => rp(x.tambahan) },
    { label: 'Bruto', w: 62, align: 'right', isi: (x) => rp(x.bruto) },
    { label: 'BPJS 1%', w: 52, align: 'right', isi: (x) => rp(x.bpjsPegawai) },
    { label: 'PPh 21', w: 52, align: 'right', isi: (x) => rp(x.pph21) },
    { label: 'Tunj. PPh', w: 52, align: 'right', isi: (x) => rp(x.tunjanganPph) },
    { label: 'Neto', w: 62, align: 'right', isi: (x) => rp(x.neto) },
    { label: 'Dibayarkan', w: 62, align: 'right', isi: (x) => (x.ditunda ? 'ditunda' : rp(x.dibayar)) },
  ];
  cols[1].w += width - cols.reduce((s, c) => s + c.w, 0); // the name column takes what is left of the page's width

  const j = d.jumlah;
  doc.fontSize(7.5);
  tabel(
    dok,
    cols,
    d.rows.map((x, i) => cols.map((c) => c.isi(x, i + 1))),
    {
      ulangiKepala: true,
      jumlah: ['', 'Jumlah', '', ...[j.tpp, j.tambahan, j.bruto, j.bpjsPegawai, j.pph21, j.tunjanganPph, j.neto, j.dibayar].map(rp)],
    },
  );

  const ditunda = d.rows.filter((x) => x.ditunda);
  const rapel = d.rows.filter((x) => x.rapel);
  const dibayar = new Set(d.rows.filter((x) => x.dibayar > 0).map((x) => x.pegawaiId)).size;
  doc.moveDown(0.6).font('Helvetica').fontSize(8.5);
  doc.text(
    ansi(
      `Jumlah dibayarkan: ${formatRupiah(j.dibayar)} untuk ${dibayar} pegawai` +
        (rapel.length
          ? `, termasuk rapel TPP yang ditunda lalu dilepas: ${rapel.length} baris, ${formatRupiah(rapel.reduce((s, x) => s + x.dibayar, 0))}`
          : '') +
        (ditunda.length ? `; ditunda (tidak ditransfer bulan ini): ${ditunda.length} pegawai, ${formatRupiah(j.neto - j.dibayar)}.` : '.') +
        ` Iuran BPJS Kesehatan bagian Pemda (tidak dipotong dari TPP): ${formatRupiah(j.bpjsPemda)}.`,
    ),
    left,
    doc.y,
    { width },
  );

  // the Kepala OPD approves (blank lines when nobody held the post or acted in it), the bendahara pays
  const k = d.kepala;
  doc.fontSize(9);
  tandaTangan(
    dok,
    { judul: ['Mengetahui,', `${k?.plt ? 'Plt. ' : ''}${d.jabatanKepala}`], nama: k?.nama ?? null, nip: k?.nip ?? null },
    { judul: [formatTanggal(d.today), 'Bendahara Pengeluaran'], nama: d.bendahara?.nama ?? null, nip: d.bendahara?.nip ?? null },
  );
  return dok.selesai();
}

const rupiahAngka = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const rp = (v: number) => rupiahAngka.format(v);
