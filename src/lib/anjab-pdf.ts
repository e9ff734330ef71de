import PDFDocument from 'pdfkit';
import { keptPerDatabase } from '../db/per-database.ts';
import { bebanTugas, PJ_LABEL } from '../domain/abk.ts';
import { ANJAB_BAGIAN, butir, JENIS_LABEL } from '../domain/anjab.ts';
import { formatTanggal } from '../domain/periode.ts';
import type { AnjabDokumen } from '../services/anjab.service.ts';
import { bilangan, desimal, desimalInput, selisih } from './angka.ts';

// The Anjab document as PDF, with PDFKit's built-in Helvetica (no font file, nothing fetched at run time).
// The built-in fonts speak WinAnsi: the few signs outside it are written in ASCII.
const ansi = (s: string) => s.replaceAll('−', '-').replaceAll('→', '->').replaceAll('≤', '<=').replaceAll('≥', '>=').replaceAll('–', '-');

const CACHE_MAX = 200;
const cache = new Map<string, Promise<Buffer>>();
keptPerDatabase(() => cache.clear());

/**
 * The PDF for this key from memory (at most CACHE_MAX documents, oldest dropped first); concurrent requests for the
 * same key share one rendering. A failed rendering is not kept. Without a stamp (`cacheable` false) it renders.
 */
export function cachedPdf(key: string, cacheable: boolean, render: () => Promise<Buffer>): Promise<Buffer> {
  if (!cacheable) return render();
  const hit = cache.get(key);
  if (hit) return hit;
  const p = render();
  cache.set(key, p);
  p.catch(() => cache.delete(key));
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
  return p;
}

export function anjabPdf(d: AnjabDokumen, dicetak: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: ansi(`Analisis Jabatan - ${d.nama}`), Creator: 'e-Kinerja' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(ansi(text)).moveDown(0.2).font('Helvetica').fontSize(10);
  };
  const para = (text: string | null) => doc.text(ansi(text?.trim() || '-'), { align: 'left' });
  const list = (text: string | null) => {
    const items = butir(text);
    if (items.length === 0) para(null);
    else doc.list(items.map(ansi), { bulletRadius: 1.5, textIndent: 10 });
  };
  const row = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .text(ansi(`${label}: `), { continued: true })
      .font('Helvetica')
      .text(ansi(value));
  };

  doc.font('Helvetica-Bold').fontSize(14).text('ANALISIS JABATAN', { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(ansi(d.nama), { align: 'center' }).moveDown(0.5);

  heading('1. Identitas Jabatan');
  row('Nama jabatan', d.nama);
  row('Kode jabatan', d.kode ?? '-');
  row('Unit kerja', d.unitLabel);
  row('Jenis jabatan', JENIS_LABEL[d.jenis]);
  row('Kelas jabatan', String(d.kelas));
  row('Atasan jabatan', d.atasanJabatan?.nama ?? '-');

  heading('2. Ikhtisar Jabatan');
  para(d.bagian.ikhtisar);

  heading('3. Uraian Tugas');
  const aktif = d.tugas.filter((t) => t.aktif);
  if (aktif.length === 0) para(null);
  aktif.forEach((t, i) => {
    doc
      .font('Helvetica-Bold')
      .text(ansi(`${i + 1}. ${t.uraian}`))
      .font('Helvetica');
    doc.text(
      ansi(
        `Hasil kerja: ${t.hasilKerja}; satuan: ${t.satuanHasil}; volume per tahun: ${desimalInput(t.volume)}; ` +
          `norma waktu: ${bilangan(t.normaWaktu)} menit; beban kerja: ${desimal(bebanTugas(t.volume, t.normaWaktu))} menit`,
      ),
      { indent: 12 },
    );
  });

  ANJAB_BAGIAN.filter((b) => b.key !== 'ikhtisar').forEach((b, i) => {
    heading(`${i + 4}. ${b.label}`);
    list(d.bagian[b.key]);
  });

  heading(`${ANJAB_BAGIAN.length + 3}. Beban Kerja dan Kebutuhan Pegawai (ABK)`);
  const f = d.abk;
  row('Beban kerja', `${desimal(f.bebanMenit)} menit = ${desimal(f.bebanJam)} jam per tahun`);
  row(
    'Kebutuhan pegawai',
    `${desimal(f.bebanMenit)} / ${bilangan(d.wkeMenitPerTahun)} = ${desimal(f.kebutuhan)}, dibulatkan ${f.kebutuhanBulat} orang`,
  );
  row('Bezetting', `${f.bezetting} orang`);
  row('Selisih', selisih(f.selisih));
  row('Efisiensi jabatan (EJ)', f.ej === null ? '- (belum ada pemangku jabatan)' : desimal(f.ej));
  row('Prestasi kerja jabatan (PJ)', f.pj ? `${f.pj} (${PJ_LABEL[f.pj]})` : '-');

  doc
    .moveDown(1.5)
    .fontSize(8)
    .fillColor('#555')
    .text(ansi(`Dicetak dari e-Kinerja pada ${formatTanggal(dicetak)}.`));
  doc.end();
  return done;
}
