// The shared parts of the Pemda's A4 documents (src/lib/pdf-dokumen.ts) as the signed daftar pembayaran uses them:
// landscape, the table's header again on every page, a bold totals row, a title of several lines, a blank name to sign.
import { describe, expect, it } from 'vitest';
import { dokumenA4, kop, tabel, tandaTangan } from '../../../src/lib/pdf-dokumen.ts';
import { pdfText } from '../../helpers/pdf-text.ts';

const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
const cols = [
  { label: 'Nomor urut', w: 80 },
  { label: 'Uraian', w: 300 },
  { label: 'Jumlah', w: 100, align: 'right' as const },
];
const rows = Array.from({ length: 120 }, (_, i) => [String(i + 1), `Baris ${i + 1}`, String((i + 1) * 1000)]);

describe('pdf-dokumen', () => {
  it('when a long table asks for its header on every page, then each page starts with it and the totals row ends the table', async () => {
    const dok = dokumenA4('Uji', { landscape: true, margin: 36 });
    expect(dok.doc.page.width).toBeGreaterThan(dok.doc.page.height);
    kop(dok, { logo: null, namaPemda: 'Pemerintah Kabupaten Sukamaju', unit: 'Dinas Uji', judul: 'JUDUL', subjudul: 'Sub' });
    tabel(dok, cols, rows, { ulangiKepala: true, jumlah: ['', 'Jumlah', '7.260.000'] });
    const pdf = await dok.selesai();
    const n = pages(pdf);
    expect(n).toBeGreaterThan(2);
    const teks = pdfText(pdf);
    expect(teks.match(/^Nomor urut$/gm)?.length).toBe(n);
    expect(teks).toContain('Dinas Uji');
    expect(teks).not.toContain('Aplikasi e-Kinerja');
    expect(teks.indexOf('Jumlah\n7.260.000')).toBeGreaterThan(teks.indexOf('Baris 120'));
  });

  it('when the header is not asked for again, then it appears once, as the other documents have always drawn it', async () => {
    const dok = dokumenA4('Uji');
    tabel(dok, cols, rows);
    const pdf = await dok.selesai();
    expect(pages(pdf)).toBeGreaterThan(1);
    expect(pdfText(pdf).match(/^Nomor urut$/gm)?.length).toBe(1);
  });

  it('when a signer has a title of two lines and another has no name or NIP, then both titles are whole and the blank one has lines to sign on', async () => {
    const dok = dokumenA4('Uji');
    tandaTangan(
      dok,
      { judul: ['Mengetahui,', 'Plt. Kepala Dinas Uji'], nama: 'Dedi Kurniawan', nip: '197511202000121001' },
      { judul: 'Bendahara Pengeluaran', nama: null, nip: null },
    );
    const teks = pdfText(await dok.selesai()).replace(/\s+/g, ' ');
    expect(teks).toContain('Mengetahui, Plt. Kepala Dinas Uji');
    expect(teks).toContain('Dedi Kurniawan NIP 197511202000121001');
    expect(teks).toMatch(/Bendahara Pengeluaran \(\.+\) NIP \.+/);
  });
});
