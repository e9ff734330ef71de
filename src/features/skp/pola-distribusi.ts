import { formatPersen } from '../../domain/capaian.ts';
import { bagian, dinilai, maksOrang, uraianBatas } from '../../domain/kurva.ts';
import { namaBulan } from '../../domain/periode.ts';
import { PREDIKAT } from '../../domain/predikat.ts';
import { LABEL_PREDIKAT_ORGANISASI, labelPeriode } from '../../domain/skp.ts';
import { formatAngka } from '../../lib/format.ts';
import { ansi, dokumenA4, kop, tabel as tabelA4 } from '../../lib/pdf-dokumen.ts';
import { tulisan } from './dokumen-evaluasi.ts';
import type { polaDistribusi } from './kurva.service.ts';

type Data = Awaited<ReturnType<typeof polaDistribusi>>;

/**
 * Pola Distribusi predikat kinerja pegawai of one OPD and period (issue 19), A4: the organisation's capaian and
 * predikat, the count and share per predikat against the curve's bounds, the warnings, the head of the OPD's signature.
 */
export function polaDistribusiPdf(d: Data): Promise<Buffer> {
  const k = d.kurva;
  const periode = labelPeriode(d.periode, namaBulan);
  const dok = dokumenA4(`Pola Distribusi ${k.nama} ${periode}`);
  kop(dok, {
    logo: d.logo,
    namaPemda: d.namaPemda,
    judul: 'POLA DISTRIBUSI PREDIKAT KINERJA PEGAWAI',
    subjudul: `${k.nama} · Periode ${periode}`,
  });
  const { doc, left, width } = dok;
  const { baris, subjudul, teks } = tulisan(dok);
  const tabel = (cols: Parameters<typeof tabelA4>[1], rows: string[][]) => tabelA4(dok, cols, rows);

  subjudul('A. Kinerja Organisasi');
  if (k.organisasi) {
    baris('Capaian organisasi', `${formatAngka(k.organisasi.capaian)}%`);
    baris('Predikat organisasi', LABEL_PREDIKAT_ORGANISASI[k.organisasi.predikat]);
    baris('Sumber', k.organisasi.sumber);
  } else teks('Capaian organisasi periode ini belum dicatat: kurva distribusi belum dapat diperiksa.');

  subjudul('B. Distribusi Predikat Kinerja Pegawai');
  baris('Pegawai yang dievaluasi', `${k.keadaan.wajib} (sudah dinilai ${dinilai(k.keadaan)})`);
  const b = k.batas;
  const batasDari = (p: (typeof PREDIKAT)[number]) =>
    !b
      ? '-'
      : p === 'Sangat Baik' && b.maksSangatBaik < 100
        ? `maks. ${formatAngka(b.maksSangatBaik)}% (${maksOrang(b.maksSangatBaik, k.keadaan.wajib)} orang)`
        : p === 'Baik' && b.maksBaik < 100
          ? `maks. ${formatAngka(b.maksBaik)}% (${maksOrang(b.maksBaik, k.keadaan.wajib)} orang)`
          : '-';
  tabel(
    [
      { label: 'Predikat', w: 150 },
      { label: 'Jumlah', w: 70, align: 'right' },
      { label: 'Persentase', w: 90, align: 'right' },
      { label: 'Batas kurva', w: width - 310 },
    ],
    PREDIKAT.map((p) => [p, String(k.keadaan.jumlah[p]), formatPersen(bagian(k.keadaan.jumlah[p], k.keadaan.wajib)), batasDari(p)]),
  );
  if (b) teks(`Batas kurva untuk predikat organisasi ${LABEL_PREDIKAT_ORGANISASI[k.organisasi!.predikat]}: ${uraianBatas(b).join('; ')}.`);

  subjudul('C. Hasil Pemeriksaan Kurva');
  if (!b) teks('Belum dapat diperiksa (capaian organisasi belum dicatat).');
  else if (k.pelanggaran.length > 0) for (const x of k.pelanggaran) teks(`Peringatan: ${x.pesan}`);
  else if (!k.lengkap) teks(`Belum semua pegawai dinilai (${dinilai(k.keadaan)} dari ${k.keadaan.wajib}); sejauh ini sesuai kurva.`);
  else teks('Distribusi predikat sesuai kurva distribusi.');

  // one signature, the head of the OPD, on the right as the Pemda's documents place the signing official
  doc.moveDown(2);
  if (doc.y + 100 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  const x = left + width / 2;
  doc.font('Helvetica').text(ansi(`Kepala ${k.nama},`), x, y, { width: width / 2, align: 'center' });
  doc.text(ansi(k.kepala?.nama ?? '-'), x, y + 70, { width: width / 2, align: 'center', underline: true });
  doc.text(`NIP ${k.kepala?.nip ?? '-'}`, x, y + 84, { width: width / 2, align: 'center' });
  doc.x = left;
  return dok.selesai();
}
