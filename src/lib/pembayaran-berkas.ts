import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { formatTanggal, namaBulan } from '../domain/periode.ts';
import { samarkanRekening } from '../domain/rekening.ts';
import { formatRupiah } from '../domain/tpp.ts';
import type { BarisBayar, DaftarPembayaran, Jumlah } from '../services/pembayaran.service.ts';
import { csvLine } from './csv.ts';
import { formatWaktu } from './format.ts';
import { nomorHalaman } from './pdf-halaman.ts';

// The daftar pembayaran TPP's three files (issue 22), from the one list (src/services/pembayaran.service.ts):
// - the workbook: a row per pegawai, bruto and neto as formulas of the row's lines, totals as SUM formulas (each with
//   its value, so a viewer that does not recalculate shows the same figures);
// - the bank's bulk-transfer CSV (layout below and in docs/aturan-tpp.md);
// - the signed A4 sheet: kop, the rows, totals, signature blocks for the bendahara and the Kepala OPD, page numbers.

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
  { header: 'Keterangan', width: 12, nilai: (x) => (x.ditunda ? 'Ditunda' : '') },
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
  ws.addRow(['Rekening ditampilkan lengkap hanya untuk admin kepegawaian. Baris "Ditunda" tidak ditransfer bulan ini.']).commit();
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

/**
 * The bank's bulk-transfer file. Layout (docs/aturan-tpp.md): UTF-8 without BOM, comma-separated, CRLF line ends, a
 * header row `nomor_rekening,nama_pemilik,bank,nominal,keterangan`, one row per transfer: the account's digits, the
 * name in capitals, the bank as recorded, the amount in whole rupiah without separators, `TPP YYYY-MM NIP`.
 */
export function pembayaranCsv(d: Pick<DaftarPembayaran, 'tahun' | 'bulan'>, rows: BarisBayar[]): string {
  const bl = `${d.tahun}-${String(d.bulan).padStart(2, '0')}`;
  const lines = [csvLine(['nomor_rekening', 'nama_pemilik', 'bank', 'nominal', 'keterangan'], ',')];
  for (const x of rows)
    lines.push(csvLine([x.rekening, namaBank(x.nama), namaBank(x.bankNama ?? ''), x.dibayar, `TPP ${bl} ${x.nip}`], ','));
  return `${lines.join('\r\n')}\r\n`;
}

// The PDF uses the built-in Helvetica (WinAnsi): the few signs outside it are written in ASCII.
const ansi = (s: string) => s.replaceAll('−', '-').replaceAll('–', '-').replaceAll('→', '->').replaceAll('•', '*');

/** The signed sheet (A4 landscape). Every account number is masked on it, whoever prints it: paper leaves the system. */
export function pembayaranPdf(
  d: DaftarPembayaran & { namaPemda: string; zona: string; logo: Buffer | null; today: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    bufferPages: true,
    info: { Title: ansi(`Daftar Pembayaran TPP - ${d.unit.nama} - ${periode(d)}`), Creator: 'e-Kinerja' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Kop
  const top = doc.y;
  if (d.logo) doc.image(d.logo, left, top, { fit: [44, 44] });
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(ansi(d.namaPemda.toUpperCase()), left + 56, top + 4, { width: width - 56 });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(ansi(d.unit.nama), left + 56, doc.y, { width: width - 56 });
  doc
    .moveTo(left, top + 52)
    .lineTo(left + width, top + 52)
    .lineWidth(1.5)
    .stroke();
  doc.x = left;
  doc.y = top + 60;
  doc.font('Helvetica-Bold').fontSize(12).text('DAFTAR PEMBAYARAN TAMBAHAN PENGHASILAN PEGAWAI (TPP)', { align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(ansi(`Bulan ${periode(d)} · ditetapkan pada ${formatWaktu(d.ditetapkanAt, d.zona)}`), { align: 'center' })
    .moveDown(0.6);

  const cols: { label: string; w: number; kanan?: boolean; isi: (x: BarisBayar, i: number) => string }[] = [
    { label: 'No', w: 22, isi: (_x, i) => String(i) },
    { label: 'NIP / Nama', w: 168, isi: (x) => `${x.nip}\n${x.nama}` },
    {
      label: 'Rekening',
      w: 96,
      isi: (x) => (x.rekening ? `${x.bankNama ?? ''}\n${x.rekeningLengkap ? samarkanRekening(x.rekening) : x.rekening}` : 'belum dicatat'),
    },
    { label: 'TPP', w: 62, kanan: true, isi: (x) => rp(x.tpp) },
    { label: 'THR/ke-13', w: 54, kanan: true, isi: (x) => rp(x.tambahan) },
    { label: 'Bruto', w: 62, kanan: true, isi: (x) => rp(x.bruto) },
    { label: 'BPJS 1%', w: 52, kanan: true, isi: (x) => rp(x.bpjsPegawai) },
    { label: 'PPh 21', w: 52, kanan: true, isi: (x) => rp(x.pph21) },
    { label: 'Tunj. PPh', w: 52, kanan: true, isi: (x) => rp(x.tunjanganPph) },
    { label: 'Neto', w: 62, kanan: true, isi: (x) => rp(x.neto) },
    { label: 'Dibayarkan', w: 62, kanan: true, isi: (x) => (x.ditunda ? 'ditunda' : rp(x.dibayar)) },
  ];
  const sisaLebar = width - cols.reduce((s, c) => s + c.w, 0);
  cols[1].w += sisaLebar; // the name column takes what is left of the page's width

  doc.fontSize(7.5);
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(ansi(c), { width: cols[i].w - 6 }))) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - 20) {
      doc.addPage();
      if (!bold)
        draw(
          cols.map((c) => c.label),
          true,
        ); // the header again on every page
    }
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((c, i) => {
      doc.rect(x, y, cols[i].w, h).lineWidth(0.5).stroke();
      doc.text(ansi(c), x + 3, y + 3, { width: cols[i].w - 6, align: cols[i].kanan ? 'right' : 'left' });
      x += cols[i].w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  draw(
    cols.map((c) => c.label),
    true,
  );
  d.rows.forEach((x, i) => {
    draw(
      cols.map((c) => c.isi(x, i + 1)),
      false,
    );
  });
  const j = d.jumlah;
  draw(
    [
      '',
      'Jumlah',
      '',
      rp(j.tpp),
      rp(j.tambahan),
      rp(j.bruto),
      rp(j.bpjsPegawai),
      rp(j.pph21),
      rp(j.tunjanganPph),
      rp(j.neto),
      rp(j.dibayar),
    ],
    true,
  );

  const ditunda = d.rows.filter((x) => x.ditunda);
  doc.moveDown(0.6).font('Helvetica').fontSize(8.5);
  doc.text(
    ansi(
      `Jumlah dibayarkan: ${formatRupiah(j.dibayar)} untuk ${d.rows.length - ditunda.length} pegawai` +
        (ditunda.length ? `; ditunda (tidak ditransfer bulan ini): ${ditunda.length} pegawai, ${formatRupiah(j.neto - j.dibayar)}.` : '.') +
        ` Iuran BPJS Kesehatan bagian Pemda (tidak dipotong dari TPP): ${formatRupiah(j.bpjsPemda)}.`,
    ),
    left,
    doc.y,
    { width },
  );

  // Signature blocks: the Kepala OPD approves, the bendahara pays (title, space to sign, name, NIP: ~100 pt, kept whole)
  doc.moveDown(1.5);
  if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  const half = width / 2;
  const ttd = (px: number, baris: string[], nama: string | null, nip: string | null) => {
    doc.font('Helvetica').fontSize(9);
    baris.forEach((b, i) => {
      doc.text(ansi(b), px, y + i * 12, { width: half, align: 'center' });
    });
    doc.text(ansi(nama ?? '(.................................................)'), px, y + 80, {
      width: half,
      align: 'center',
      underline: Boolean(nama),
    });
    doc.text(`NIP ${nip ?? '..........................................'}`, px, y + 94, { width: half, align: 'center' });
  };
  ttd(left, ['Mengetahui,', `Kepala ${d.unit.nama}`], null, null);
  ttd(left + half, [`${formatTanggal(d.today)}`, 'Bendahara Pengeluaran'], d.bendahara?.nama ?? null, d.bendahara?.nip ?? null);

  nomorHalaman(doc, { left, width });
  doc.end();
  return done;
}

const rupiahAngka = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const rp = (v: number) => rupiahAngka.format(v);
