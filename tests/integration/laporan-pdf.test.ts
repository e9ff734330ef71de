// Issue 24: the Laporan PDF printed a page for its page numbers (the footer was written below the bottom margin, so a
// one-page report came out as two, page 2 holding only "Halaman 1 dari 1"). Read back with pdf.js: the page count,
// each page's number, no footer-only page, the signature block whole on one page.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { laporanPdf } from '../../src/lib/laporan-pdf.ts';
import { laporanPegawai } from '../../src/services/laporan.service.ts';
import { pegawaiTerjangkau } from '../../src/services/lingkup.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { DEMO_ACCOUNTS } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

// pdf.js reads the built-in fonts' metrics from its own package (a path: nothing is fetched)
const FONTS = `${dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
const db = await useTestDatabase();
const prisma = db.prisma!;
const admin = { id: 0, isAdmin: true, isPimpinan: false, unitId: null, atasanId: null };

/** Each page's text lines, in order, as a PDF reader sees them. */
async function pages(pdf: Buffer): Promise<string[][]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: FONTS, useSystemFonts: false, isEvalSupported: false })
    .promise;
  const out: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push(content.items.map((t) => ('str' in t ? t.str : '')).filter((s) => s.trim() !== ''));
  }
  await doc.destroy();
  return out;
}

async function laporan(jumlahTarget: number): Promise<string[][]> {
  const p = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
  const data = await laporanPegawai(await pegawaiTerjangkau(admin, p.id), 2026, 10, await getSettings());
  // as many target rows as the case needs (a long month of work), each as the page shows it
  const t = data.tpp.capaianDetail.targets[0];
  data.tpp.capaianDetail.targets = Array.from({ length: jumlahTarget }, (_, i) => ({ ...t, pekerjaan: `${t.pekerjaan} (${i + 1})` }));
  return pages(await laporanPdf(data));
}

function checkNumbers(list: string[][]) {
  list.forEach((lines, i) => {
    const footer = `Halaman ${i + 1} dari ${list.length}`;
    expect(lines, `page ${i + 1}`).toContain(footer);
    // no page holds only its footer
    expect(lines.filter((l) => l !== footer).length, `page ${i + 1} has content`).toBeGreaterThan(0);
  });
}

describe('Laporan Kinerja Bulanan PDF', () => {
  it('when a month fits one page, then the PDF has one page numbered "Halaman 1 dari 1"', async () => {
    const list = await laporan(2);
    expect(list).toHaveLength(1);
    checkNumbers(list);
  });

  it('when a month takes several pages, then each is numbered "i dari n", none is footer-only, and the signature block stays whole', async () => {
    const list = await laporan(45);
    expect(list.length).toBeGreaterThanOrEqual(2);
    checkNumbers(list);
    const last = list[list.length - 1];
    for (const line of ['Pegawai yang dinilai,', 'Atasan langsung,']) expect(last).toContain(line);
    expect(last.filter((l) => l.startsWith('NIP '))).toHaveLength(2);
  });
});
