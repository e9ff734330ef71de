import PDFDocument from 'pdfkit';
import { nomorHalaman } from './pdf-halaman.ts';

/**
 * The frame of the Pemda's A4 documents (Laporan Kinerja Bulanan, Dokumen Evaluasi Kinerja, Pola Distribusi): the kop
 * with the Pemda's name and logo, a centred title, labelled rows, headings, tables that break across pages, signature
 * blocks kept whole, and "Halaman i dari n". Built-in Helvetica (WinAnsi): the few signs outside it are written in ASCII.
 */

export const ansi = (s: string) =>
  s
    .replaceAll('−', '-')
    .replaceAll('–', '-')
    .replaceAll('—', '-')
    .replaceAll('÷', '/')
    .replaceAll('×', 'x')
    .replaceAll('≤', '<=')
    .replaceAll('≥', '>=')
    .replaceAll('→', '->');

export type Kolom = { label: string; w: number; align?: 'left' | 'right' };

export type Dokumen = {
  doc: PDFKit.PDFDocument;
  left: number;
  width: number;
  /** label: value, the label in bold */
  baris(label: string, value: string): void;
  /** a section heading ("A. Identitas Pegawai") */
  subjudul(text: string): void;
  /** a paragraph */
  teks(text: string): void;
  /** a table with fixed columns; a row that would not fit starts a new page */
  tabel(cols: Kolom[], rows: string[][]): void;
  /** signature blocks side by side (title, space to sign, name underlined, NIP), kept on one page */
  tandaTangan(blok: { judul: string; nama: string; nip: string }[]): void;
  /** page numbers, then the finished file */
  selesai(): Promise<Buffer>;
};

/** A new A4 document with the kop and its title lines. */
export function dokumenPdf(o: { judul: string; subjudul: string[]; info: string; namaPemda: string; logo: Buffer | null }): Dokumen {
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: ansi(o.info), Creator: 'e-Kinerja' } });
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
  if (o.logo) doc.image(o.logo, left, top, { fit: [48, 48] });
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(ansi(o.namaPemda.toUpperCase()), left + 60, top + 6, { width: width - 60 });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text('Aplikasi e-Kinerja', left + 60, doc.y, { width: width - 60 });
  doc
    .moveTo(left, top + 56)
    .lineTo(left + width, top + 56)
    .lineWidth(1.5)
    .stroke();
  doc.x = left;
  doc.y = top + 66;
  doc.font('Helvetica-Bold').fontSize(12).text(ansi(o.judul), { align: 'center' });
  doc.font('Helvetica').fontSize(10);
  for (const s of o.subjudul) doc.text(ansi(s), { align: 'center' });
  doc.moveDown(0.8);

  return {
    doc,
    left,
    width,
    baris: (label, value) => {
      doc
        .font('Helvetica-Bold')
        .text(ansi(`${label}: `), { continued: true })
        .font('Helvetica')
        .text(ansi(value));
    },
    subjudul: (text) => {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(ansi(text)).moveDown(0.2).font('Helvetica').fontSize(9);
    },
    teks: (text) => {
      doc.font('Helvetica').text(ansi(text));
    },
    tabel: (cols, rows) => {
      const draw = (cells: string[], bold: boolean) => {
        const h = Math.max(...cells.map((c, i) => doc.heightOfString(ansi(c), { width: cols[i].w - 6 }))) + 6;
        if (doc.y + h > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
        const y = doc.y;
        let x = left;
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
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
      );
      for (const r of rows) draw(r, false);
      doc.font('Helvetica');
    },
    tandaTangan: (blok) => {
      // the block (title, space to sign, name, NIP: ~100 pt) stays whole on one page
      doc.moveDown(2);
      if (doc.y + 100 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      const w = width / blok.length;
      blok.forEach((b, i) => {
        const px = left + i * w;
        doc.font('Helvetica').text(ansi(b.judul), px, y, { width: w, align: 'center' });
        doc.text(ansi(b.nama), px, y + 70, { width: w, align: 'center', underline: true });
        doc.text(`NIP ${b.nip}`, px, y + 84, { width: w, align: 'center' });
      });
      doc.x = left;
    },
    selesai: () => {
      nomorHalaman(doc, { left, width });
      doc.end();
      return done;
    },
  };
}
