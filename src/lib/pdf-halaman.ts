/**
 * "Halaman i dari n" at the foot of every page of a buffered PDFKit document. The footer lies in the bottom margin,
 * where PDFKit's text() would start a new page for it (a one-page report printed as two, the second holding only
 * "Halaman 1 dari 1"): the margin is lifted while the footer is written, so no page is added and n stays true.
 */
export function nomorHalaman(doc: PDFKit.PDFDocument, opts: { left: number; width: number }): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Halaman ${i + 1} dari ${range.count}`, opts.left, doc.page.height - 35, {
        width: opts.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
