import { LABEL_SKP } from '../domain/aturan-tpp.ts';
import { formatPersen } from '../domain/capaian.ts';
import { formatTanggal, namaBulan } from '../domain/periode.ts';
import { labelDaftar, labelRapel } from '../domain/rapel.ts';
import { formatRupiah, labelPotongan } from '../domain/tpp.ts';
import type { LaporanPegawai } from '../services/laporan.service.ts';
import { formatAngka, formatWaktu } from './format.ts';
import { ansi, dokumenA4, kop, tabel, tandaTangan } from './pdf-dokumen.ts';

// "Laporan Kinerja Bulanan" per pegawai (A4): kop with the Pemda's name and logo, identity, targets / realisasi /
// capaian, presensi summary, TPP breakdown, signature blocks, page numbers (the shared parts: ./pdf-dokumen.ts).
export function laporanPdf(d: LaporanPegawai): Promise<Buffer> {
  const dok = dokumenA4(`Laporan Kinerja Bulanan - ${d.pegawai.nama}`);
  const { doc, width } = dok;
  kop(dok, {
    logo: d.logo,
    namaPemda: d.namaPemda,
    judul: 'LAPORAN KINERJA BULANAN',
    subjudul: `Periode ${namaBulan(d.bulan)} ${d.tahun}`,
  });

  const row = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .text(ansi(`${label}: `), { continued: true })
      .font('Helvetica')
      .text(ansi(value));
  const heading = (text: string) =>
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(ansi(text)).moveDown(0.2).font('Helvetica').fontSize(9);

  // the jabatan, unit and atasan of the month, from the riwayat (a later mutasi does not rewrite this month's report)
  const j = d.tpp.bulan.jabatan;
  heading('A. Identitas Pegawai');
  row('Nama', d.pegawai.nama);
  row('NIP', d.pegawai.nip);
  row('Jabatan', j.jabatanNama ?? '-');
  row('Unit kerja', j.unitNama ?? '-');
  row('Golongan', d.pegawai.golongan?.replace('_', '/') ?? '-');
  row('Atasan langsung', j.atasanNama ?? '-');

  const table = (cols: Parameters<typeof tabel>[1], rows: string[][]) => tabel(dok, cols, rows);

  heading('B. Target, Realisasi dan Capaian');
  const c = d.tpp.capaianDetail;
  table(
    [
      { label: 'No', w: 25 },
      { label: 'Pekerjaan', w: width - 25 - 240 },
      { label: 'Target', w: 60, align: 'right' },
      { label: 'Realisasi terverifikasi', w: 70, align: 'right' },
      { label: 'Bobot (menit)', w: 55, align: 'right' },
      { label: 'Capaian', w: 55, align: 'right' },
    ],
    c.targets.map((t, i) => [
      String(i + 1),
      t.pekerjaan,
      `${formatAngka(t.target)} ${t.satuan}`,
      formatAngka(t.terverifikasi),
      formatAngka(t.target * t.normaWaktu, 0),
      formatPersen(t.capaian),
    ]),
  );
  doc.moveDown(0.3).text(ansi(`Capaian bulan (per target, rata-rata berbobot menit rencana): ${formatPersen(c.capaian)}`));
  doc.text(
    ansi(
      `Capaian menurut waktu: ${formatAngka(c.menitTerverifikasi)} menit terverifikasi / ${formatAngka(d.menitEfektif)} menit efektif = ${formatPersen(c.capaianWaktu)}`,
    ),
  );

  heading('C. Presensi');
  const r = d.tpp.presensi.ringkasan;
  row('Hari kerja', String(r.hariKerja));
  row('Hadir', String(r.hadir));
  row('Terlambat (TL1/TL2/TL3/TL4)', r.tl.slice(1).join(' / '));
  row('Pulang sebelum waktunya (PSW1/PSW2/PSW3/PSW4)', r.psw.slice(1).join(' / '));
  row('Tanpa keterangan', String(r.alpa));

  heading('D. Tambahan Penghasilan Pegawai (TPP)');
  const t = d.tpp;
  const b = t.bulan.tpp;
  const at = b.aturan;
  if (at)
    doc.text(
      ansi(
        `Menurut aturan TPP ${at.tahun}: ${at.nama}${at.versi ? ` (versi ${at.versi})` : ''}${at.dasarHukum ? `, ${at.dasarHukum}` : ''}.`,
      ),
    );
  row('Pagu TPP', formatRupiah(t.pagu));
  row(
    `Bagian kinerja (${formatAngka(at?.komponen.kinerja ?? d.porsiKinerja)}% x capaian ${formatPersen(t.capaian)})`,
    formatRupiah(t.kinerja),
  );
  if (at && at.komponen.skp > 0 && b.skpNilai)
    row(
      `Bagian SKP (${formatAngka(at.komponen.skp)}% x ${formatAngka(b.skpNilai.persen)}%, predikat ${LABEL_SKP[b.skpNilai.kunci]})`,
      formatRupiah(b.skp ?? 0),
    );
  row(
    `Bagian disiplin (${formatAngka(at?.komponen.kehadiran ?? d.porsiDisiplin)}% x (100% - potongan ${formatAngka(t.potonganPersen)}%))`,
    formatRupiah(t.disiplin),
  );
  if (b.plt > 0) row(`Tambahan Plt/Plh (${b.pltKeterangan})`, formatRupiah(b.plt));
  if (b.potonganTotal) row(`Potongan dari seluruh TPP (${formatAngka(b.potonganTotalPersen ?? 0)}%)`, `- ${formatRupiah(b.potonganTotal)}`);
  const hk = b.hukuman;
  if (hk)
    row(`Potongan hukuman disiplin (${formatAngka(Number(hk.persen))}%; ${hk.jenis}, SK ${hk.nomorSk})`, `- ${formatRupiah(hk.potongan)}`);
  if (b.tidakDibayar) row('Tidak dibayarkan karena penundaan', `- ${formatRupiah(b.tidakDibayar)}`);
  row('TPP bulan ini', formatRupiah(t.total));
  const td = b.penundaan;
  const rapel = t.rapel;
  if (td && !b.tidakDibayar)
    doc.text(
      ansi(
        rapel.ditahan
          ? `Pembayaran ditunda sejak ${formatTanggal(td.mulai)} (${td.alasan}), dilepas pada ${formatTanggal(rapel.ditahan.dilepas)}: dibayarkan pada daftar ${labelDaftar({ tahun: rapel.ditahan.bayarTahun, bulan: rapel.ditahan.bayarBulan })} (rapel).`
          : td.dilepas
            ? `Pembayaran ditunda sejak ${formatTanggal(td.mulai)} (${td.alasan}), dilepas pada ${formatTanggal(td.dilepas)}.`
            : `Pembayaran ditunda sejak ${formatTanggal(td.mulai)}: ${td.alasan}. Jumlah di atas tetap terutang.`,
      ),
    );
  for (const r of rapel.dibayar) row(`${labelRapel(r)}, dibayarkan bersama bulan ini`, formatRupiah(r.neto));
  const n = b.neto;
  if (n && at) {
    // bruto → neto (issue 22): each line rounded once, as on Capaian & TPP and in the payment list
    doc.moveDown(0.3);
    for (const x of b.tambahan ?? []) row(`TPP pada ${x.nama} (${formatAngka(x.persen)}%)`, formatRupiah(x.jumlah));
    row('Jumlah bruto', formatRupiah(n.bruto));
    row(
      `Iuran BPJS Kesehatan pegawai (${formatAngka(at.bpjs.pegawai)}% x ${formatRupiah(n.dasarBpjs)})`,
      `- ${formatRupiah(n.bpjsPegawai)}`,
    );
    if (at.pph21 !== 'tidak') row(`PPh 21 (TER kategori ${n.kategoriTer}, ${formatAngka(n.tarifPph)}%)`, `- ${formatRupiah(n.pph)}`);
    if (at.pph21 === 'ditanggung') row('Tunjangan PPh (ditanggung Pemda)', formatRupiah(n.tunjanganPph));
    row('TPP neto dibayarkan', formatRupiah(n.neto));
    doc.text(ansi(`Iuran BPJS Kesehatan bagian Pemda ${formatAngka(at.bpjs.pemda)}%: ${formatRupiah(n.bpjsPemda)} (dibayar Pemda).`));
  }
  if (t.ditetapkanAt) doc.text(ansi(`Ditetapkan pada ${formatWaktu(t.ditetapkanAt, d.zona)}: angka bulan ini tidak lagi berubah.`));
  if (t.potongan.length > 0) {
    doc.moveDown(0.3);
    table(
      [
        { label: 'Tanggal', w: 120 },
        { label: 'Jenis', w: 120 },
        { label: 'Potongan', w: 80, align: 'right' },
      ],
      t.potongan.map((p) => [p.tanggal ? formatTanggal(p.tanggal) : '-', labelPotongan(p), `${formatAngka(p.persen)}%`]),
    );
  }

  tandaTangan(
    dok,
    { judul: 'Pegawai yang dinilai,', nama: d.pegawai.nama, nip: d.pegawai.nip },
    { judul: 'Atasan langsung,', nama: j.atasanNama ?? '-', nip: j.atasanNip ?? '-' },
  );
  return dok.selesai();
}
