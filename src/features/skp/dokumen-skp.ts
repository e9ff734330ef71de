import { formatTanggal } from '../../domain/periode.ts';
import { type AspekRhk, BERAKHLAK, LABEL_ASPEK, LABEL_BERAKHLAK, LABEL_JENIS_RHK, PERILAKU_STANDAR } from '../../domain/skp.ts';
import { LABEL_STATUS } from '../../domain/target.ts';
import { formatAngka } from '../../lib/format.ts';
import { ansi, dokumenA4, kop, tabel, tandaTangan } from '../../lib/pdf-dokumen.ts';
import type { SkpDetail } from './skp.service.ts';

/**
 * Dokumen SKP (issue 19; PermenPAN-RB 6/2022's SKP form): A4, kop with the Pemda's logo, the pegawai and the pejabat
 * penilai, hasil kerja (each RHK with what it intervenes, its aspek, IKI and target), perilaku kerja with the
 * ekspektasi khusus pimpinan, the Lampiran, signature blocks and page numbers. The same data as the SKP page.
 */
export function dokumenSkpPdf(d: { skp: SkpDetail; namaPemda: string; logo: Buffer | null }): Promise<Buffer> {
  const s = d.skp;
  const dok = dokumenA4(`Dokumen SKP - ${s.pegawai.nama} - ${s.tahun}`);
  const { doc, width } = dok;
  kop(dok, {
    logo: d.logo,
    namaPemda: d.namaPemda,
    judul: 'SASARAN KINERJA PEGAWAI',
    subjudul: `Periode ${formatTanggal(s.mulai)} - ${formatTanggal(s.selesai)}`,
  });
  const heading = (text: string) =>
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(ansi(text)).moveDown(0.2).font('Helvetica').fontSize(9);

  doc.fontSize(9);
  const p = s.penilai;
  tabel(
    dok,
    [
      { label: '', w: 90 },
      { label: 'Pegawai yang dinilai', w: (width - 90) / 2 },
      { label: 'Pejabat penilai kinerja', w: (width - 90) / 2 },
    ],
    [
      ['Nama', s.pegawai.nama, p ? `${p.nama}${p.sebagai ? ` (${p.sebagai})` : ''}` : '-'],
      ['NIP', s.pegawai.nip, p?.nip ?? '-'],
      ['Pangkat/golongan', s.golongan ?? '-', '-'],
      ['Jabatan', s.jabatan ?? '-', p?.jabatan ?? '-'],
      ['Unit kerja', s.unit ?? '-', p?.unit ?? '-'],
    ],
  );
  doc.moveDown(0.3).text(ansi(`Status SKP: ${LABEL_STATUS[s.status]}`));

  heading('A. HASIL KERJA');
  const no = 22;
  const sisa = width - no - 60 - 70;
  const cols = [
    { label: 'No', w: no },
    { label: 'Rencana Hasil Kerja', w: sisa * 0.3 },
    { label: 'RHK atasan yang diintervensi / tujuan OPD', w: sisa * 0.25 },
    { label: 'Aspek', w: 60 },
    { label: 'Indikator Kinerja Individu', w: sisa * 0.45 },
    { label: 'Target', w: 70 },
  ];
  for (const jenis of ['UTAMA', 'TAMBAHAN'] as const) {
    const list = s.rhk.filter((r) => r.jenis === jenis);
    doc
      .font('Helvetica-Bold')
      .text(ansi(`RHK ${LABEL_JENIS_RHK[jenis].toLowerCase()}`))
      .font('Helvetica')
      .moveDown(0.2);
    if (list.length === 0) {
      doc.text('Tidak ada.').moveDown(0.3);
      continue;
    }
    const rows = list.flatMap((r, i) => {
      const intervensi = r.intervensi
        ? r.intervensi.jenis === 'rhk'
          ? `${r.intervensi.pegawai}: ${r.intervensi.uraian}`
          : `Tujuan OPD ${r.intervensi.kode ?? ''}: ${r.intervensi.uraian}`
        : '-';
      const ind = r.indikator.length > 0 ? r.indikator : [{ aspek: '', iki: '-', targetAngka: null, satuan: null, targetTeks: null }];
      return ind.map((k, j) => [
        j === 0 ? String(i + 1) : '',
        j === 0 ? r.uraian : '',
        j === 0 ? intervensi : '',
        k.aspek ? LABEL_ASPEK[k.aspek as AspekRhk] : '',
        k.iki,
        [k.targetAngka !== null ? `${formatAngka(Number(k.targetAngka))} ${k.satuan ?? ''}` : '', k.targetTeks ?? '']
          .filter(Boolean)
          .join('; '),
      ]);
    });
    tabel(dok, cols, rows);
    doc.moveDown(0.4);
  }

  heading('B. PERILAKU KERJA');
  tabel(
    dok,
    [
      { label: 'No', w: no },
      { label: 'Perilaku kerja', w: 90 },
      { label: 'Perilaku standar', w: (width - no - 90) * 0.55 },
      { label: 'Ekspektasi khusus pimpinan', w: (width - no - 90) * 0.45 },
    ],
    BERAKHLAK.map((n, i) => [
      String(i + 1),
      LABEL_BERAKHLAK[n],
      PERILAKU_STANDAR[n].map((b) => `- ${b}`).join('\n'),
      s.perilaku.find((x) => x.nilai === n)?.ekspektasiKhusus ?? '-',
    ]),
  );

  heading('LAMPIRAN SKP');
  for (const [judul, isi] of [
    ['Dukungan sumber daya', s.dukunganSumberDaya],
    ['Skema pertanggungjawaban', s.skemaPertanggungjawaban],
    ['Konsekuensi', s.konsekuensi],
  ] as const) {
    doc
      .font('Helvetica-Bold')
      .text(ansi(judul))
      .font('Helvetica')
      .text(ansi(isi ?? '-'))
      .moveDown(0.4);
  }

  tandaTangan(
    dok,
    { judul: 'Pegawai yang dinilai,', nama: s.pegawai.nama, nip: s.pegawai.nip },
    { judul: 'Pejabat penilai kinerja,', nama: p?.nama ?? '-', nip: p?.nip ?? '-' },
  );
  return dok.selesai();
}
