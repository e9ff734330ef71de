import { formatPersen } from '../../domain/capaian.ts';
import { namaBulan } from '../../domain/periode.ts';
import { LABEL_EKSPEKTASI } from '../../domain/predikat.ts';
import { LABEL_BERAKHLAK, LABEL_JENIS_RHK, LABEL_PREDIKAT_ORGANISASI, labelPeriode, type NilaiBerakhlak } from '../../domain/skp.ts';
import { formatAngka, formatWaktu } from '../../lib/format.ts';
import { ansi, type Dokumen, dokumenA4, kop, tabel as tabelA4, tandaTangan } from '../../lib/pdf-dokumen.ts';
import type { dokumenEvaluasi } from './evaluasi.service.ts';

type Data = Awaited<ReturnType<typeof dokumenEvaluasi>>;

/**
 * Dokumen Evaluasi Kinerja Pegawai (issue 19; PermenPAN-RB 6/2022's evaluasi kinerja periodik and tahunan), A4: the
 * period, the pegawai and the pejabat penilai, capaian per RHK, the ratings and predikat, the rater's note, the
 * period's umpan balik, signatures, page numbers.
 */
export function dokumenEvaluasiPdf(d: Data): Promise<Buffer> {
  const p = d.periode;
  const periode = labelPeriode(p, namaBulan);
  const dok = dokumenA4(`Dokumen Evaluasi Kinerja ${periode} - ${d.pegawai.nama}`);
  kop(dok, {
    logo: d.logo,
    namaPemda: d.namaPemda,
    judul: 'DOKUMEN EVALUASI KINERJA PEGAWAI',
    subjudul: p.bulan === null ? `Evaluasi Kinerja Tahunan ${p.tahun}` : `Evaluasi Kinerja Periodik Bulan ${periode}`,
  });
  const { width } = dok;
  const { baris, subjudul, teks } = tulisan(dok);
  const tabel = (cols: Parameters<typeof tabelA4>[1], rows: string[][]) => tabelA4(dok, cols, rows);
  const e = d.evaluasi;

  subjudul('A. Pegawai yang Dinilai');
  baris('Nama', d.pegawai.nama);
  baris('NIP', d.pegawai.nip);
  baris('Golongan', d.pegawai.golongan?.replace('_', '/') ?? '-');
  baris('Jabatan', d.posisi.jabatanNama ?? '-');
  baris('Unit kerja', d.posisi.unitNama ?? '-');
  if (d.posisi.opdNama) baris('OPD', d.posisi.opdNama);

  subjudul('B. Pejabat Penilai Kinerja');
  const penilaiNama = e?.penilaiNama ?? d.posisi.atasanNama ?? '-';
  const penilaiNip = e?.penilaiNip ?? d.posisi.atasanNip ?? '-';
  baris(
    'Nama',
    `${penilaiNama}${e?.penilaiSebagai ? ` (${e.penilaiSebagai === 'admin' ? 'admin atas nama pejabat penilai' : e.penilaiSebagai})` : ''}`,
  );
  baris('NIP', penilaiNip);

  subjudul(`C. Capaian Rencana Hasil Kerja (${p.bulan === null ? `tahun ${p.tahun}` : periode})`);
  tabel(
    [
      { label: 'No', w: 25 },
      { label: 'Rencana Hasil Kerja', w: width - 25 - 70 - 70 },
      { label: 'Jenis', w: 70 },
      { label: 'Capaian', w: 70, align: 'right' },
    ],
    d.capaian.map((c, i) => [
      String(i + 1),
      c.rhk?.uraian ?? 'Target di luar SKP (tanpa RHK)',
      c.rhk ? (LABEL_JENIS_RHK[c.rhk.jenis as 'UTAMA'] ?? c.rhk.jenis) : '-',
      formatPersen(c.nilai),
    ]),
  );
  if (p.bulan !== null) teks(`Capaian bulan (seluruh target, rata-rata berbobot menit rencana): ${formatPersen(d.capaianBulan)}`);
  if (p.bulan === null && d.bulanan.length > 0) {
    teks('Predikat evaluasi bulanan:');
    tabel(
      [
        { label: 'Bulan', w: 90 },
        { label: 'Hasil kerja', w: 130 },
        { label: 'Perilaku kerja', w: 130 },
        { label: 'Predikat', w: width - 350 },
      ],
      d.bulanan.map((b) => [namaBulan(b.bulan), LABEL_EKSPEKTASI[b.hasilKerja], LABEL_EKSPEKTASI[b.perilakuKerja], b.predikat]),
    );
  }

  subjudul('D. Evaluasi Kinerja');
  if (!e) teks('Belum dinilai.');
  else {
    baris('Rating hasil kerja', LABEL_EKSPEKTASI[e.hasilKerja]);
    if (e.hasilDariOrganisasi && d.pimpinan?.organisasi)
      teks(
        `Mengikuti capaian organisasi ${d.pimpinan.opdNama ?? ''}: ${formatAngka(Number(d.pimpinan.organisasi.capaian))}%, ` +
          `predikat ${LABEL_PREDIKAT_ORGANISASI[d.pimpinan.organisasi.predikat]} (sumber: ${d.pimpinan.organisasi.sumber}).`,
      );
    baris('Predikat perilaku kerja', LABEL_EKSPEKTASI[e.perilakuKerja]);
    baris('Predikat kinerja pegawai', e.predikat);
    if (e.melanggarKurva) teks('Disimpan oleh pejabat penilai walaupun melampaui kurva distribusi OPD.');
    baris('Catatan pejabat penilai', e.catatan ?? '-');
  }

  subjudul('E. Umpan Balik Periode Ini');
  if (d.umpanBalik.length === 0) teks('Tidak ada umpan balik pada periode ini.');
  else
    tabel(
      [
        { label: 'Waktu', w: 85 },
        { label: 'Dari', w: 110 },
        { label: 'Tentang', w: 110 },
        { label: 'Isi', w: width - 305 },
      ],
      d.umpanBalik.map((u) => [
        formatWaktu(new Date(u.dibuatAt), d.zona),
        `${u.penulis}${u.jawaban ? ' (jawaban)' : ''}`,
        u.rhk ??
          (u.perilaku ? (LABEL_BERAKHLAK[u.perilaku as NilaiBerakhlak] ?? u.perilaku) : u.realisasi ? 'Realisasi dikembalikan' : 'SKP'),
        u.isi,
      ]),
    );

  tandaTangan(
    dok,
    { judul: 'Pegawai yang dinilai,', nama: d.pegawai.nama, nip: d.pegawai.nip },
    { judul: 'Pejabat penilai kinerja,', nama: penilaiNama, nip: penilaiNip },
  );
  return dok.selesai();
}

/** The labelled rows, headings and paragraphs of the evaluation's documents (this one and the Pola Distribusi). */
export function tulisan({ doc }: Dokumen) {
  return {
    baris: (label: string, value: string) => {
      doc
        .font('Helvetica-Bold')
        .text(ansi(`${label}: `), { continued: true })
        .font('Helvetica')
        .text(ansi(value));
    },
    subjudul: (text: string) => {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(ansi(text)).moveDown(0.2).font('Helvetica').fontSize(9);
    },
    teks: (text: string) => {
      doc.font('Helvetica').text(ansi(text));
    },
  };
}
