import PDFDocument from 'pdfkit';
import { nomorHalaman } from './pdf-halaman.ts';

/**
 * The parts every A4 document of the Pemda shares (Laporan Kinerja Bulanan, Dokumen SKP, Dokumen Evaluasi, Pola
 * Distribusi, the signed Daftar Pembayaran TPP): the kop with the Pemda's name and logo, a ruled table that breaks
 * across pages, the signature blocks, page numbers. Built-in Helvetica (WinAnsi): the few signs outside it are written
 * in ASCII by `ansi`.
 */
export const ansi = (s: string) =>
  s
    .replaceAll('−', '-')
    .replaceAll('–', '-')
    .replaceAll('—', '-')
    .replaceAll('÷', '/')
    .replaceAll('×', 'x')
    .replaceAll('≤', '<=')
    .replaceAll('→', '->');

export type Dokumen = {
  doc: PDFKit.PDFDocument;
  left: number;
  width: number;
  /** ends the document (page numbers first) and gives its bytes */
  selesai: () => Promise<Buffer>;
};

/** An A4 document, portrait with 50 pt margins unless told (a wide list: landscape, narrower margins). */
export function dokumenA4(title: string, o: { landscape?: boolean; margin?: number } = {}): Dokumen {
  const doc = new PDFDocument({
    size: 'A4',
    ...(o.landscape ? { layout: 'landscape' as const } : {}),
    margin: o.margin ?? 50,
    bufferPages: true,
    info: { Title: ansi(title), Creator: 'e-Kinerja' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  return {
    doc,
    left,
    width,
    selesai: () => {
      nomorHalaman(doc, { left, width });
      doc.end();
      return done;
    },
  };
}

/**
 * The kop: logo, the Pemda's name and a line under it (the unit the document is of; by default the application's name),
 * a rule; then the document's title and subtitle, centred.
 */
export function kop(d: Dokumen, o: { logo: Buffer | null; namaPemda: string; judul: string; subjudul: string; unit?: string }): void {
  const { doc, left, width } = d;
  const top = doc.y;
  if (o.logo) doc.image(o.logo, left, top, { fit: [48, 48] });
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(ansi(o.namaPemda.toUpperCase()), left + 60, top + 6, { width: width - 60 });
  doc
    .font('Helvetica')
    .fontSize(o.unit ? 10 : 9)
    .text(ansi(o.unit ?? 'Aplikasi e-Kinerja'), left + 60, doc.y, { width: width - 60 });
  doc
    .moveTo(left, top + 56)
    .lineTo(left + width, top + 56)
    .lineWidth(1.5)
    .stroke();
  doc.x = left;
  doc.y = top + 66;
  doc.font('Helvetica-Bold').fontSize(12).text(ansi(o.judul), { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(ansi(o.subjudul), { align: 'center' }).moveDown(0.8);
}

export type Kolom = { label: string; w: number; align?: 'left' | 'right' };

/**
 * A ruled table with a bold header row; a row that would not fit starts a new page. Options: `ulangiKepala` draws the
 * header again at the top of each new page (a long list read page by page), `jumlah` is a bold last row (totals).
 * The cells take the document's current font size.
 */
export function tabel(d: Dokumen, cols: Kolom[], rows: string[][], o: { ulangiKepala?: boolean; jumlah?: string[] } = {}): void {
  const { doc, left } = d;
  const draw = (cells: string[], bold: boolean, kepala = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(ansi(c), { width: cols[i].w - 6 }))) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - 20) {
      doc.addPage();
      if (o.ulangiKepala && !kepala) {
        draw(
          cols.map((c) => c.label),
          true,
          true,
        );
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      }
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, cols[i].w, h).lineWidth(0.5).stroke();
      doc.text(ansi(c), x + 3, y + 3, { width: cols[i].w - 6, align: cols[i].align ?? 'left' });
      x += cols[i].w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  draw(
    cols.map((c) => c.label),
    true,
    true,
  );
  for (const r of rows) draw(r, false);
  if (o.jumlah) draw(o.jumlah, true);
  doc.font('Helvetica');
}

/**
 * Who signs: the title (one line, or several: "Mengetahui," then the post), the name and NIP; a null name or NIP
 * leaves a dotted line to write on (a post with nobody recorded in it).
 */
export type Penanda = { judul: string | string[]; nama: string | null; nip: string | null };

/**
 * Two signature blocks side by side (title, room to sign, name, NIP: ~100 pt below the title's first line), kept whole
 * on one page; each extra title line moves the room to sign down by one line.
 */
export function tandaTangan(d: Dokumen, kiri: Penanda, kanan: Penanda): void {
  const { doc, left, width } = d;
  doc.moveDown(2);
  const baris = (p: Penanda) => (typeof p.judul === 'string' ? [p.judul] : p.judul);
  const tinggiBaris = doc.currentLineHeight(true);
  const extra = (Math.max(baris(kiri).length, baris(kanan).length) - 1) * tinggiBaris;
  if (doc.y + 100 + extra > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  const half = width / 2;
  for (const [px, p] of [
    [left, kiri],
    [left + half, kanan],
  ] as const) {
    doc.font('Helvetica');
    baris(p).forEach((b, i) => {
      doc.text(ansi(b), px, y + i * tinggiBaris, { width: half, align: 'center' });
    });
    doc.text(ansi(p.nama ?? '(.................................................)'), px, y + 70 + extra, {
      width: half,
      align: 'center',
      underline: p.nama !== null,
    });
    doc.text(`NIP ${p.nip ?? '..........................................'}`, px, y + 84 + extra, { width: half, align: 'center' });
  }
  doc.x = left;
}
