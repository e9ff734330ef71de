import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { NAMA_BULAN } from '../../domain/periode.ts';
import { LABEL_EKSPEKTASI } from '../../domain/predikat.ts';
import type { RecordSiasn } from './siasn-format.ts';

// "Laporan Penilaian SKP" as the national e-Kinerja lists a period (docs/siasn.md "Excel"): a sheet per month and one
// for the year, each with a title block (report, Pemda, period) and one row per pegawai: identity, the pejabat
// penilai, both ratings, the predikat and its kuadran. Written streaming (exceljs WorkbookWriter), text as text (a
// NIP stays 18 digits, a name starting with "=" is not a formula), frozen header, filter, column widths.

export type BarisLaporan = RecordSiasn & { bulan: number | null; jabatan: string | null; unit: string | null };

const NILAI = ['', LABEL_EKSPEKTASI.DI_ATAS, LABEL_EKSPEKTASI.SESUAI, LABEL_EKSPEKTASI.DI_BAWAH];

const KOLOM: { header: string; width: number }[] = [
  { header: 'No', width: 5 },
  { header: 'NIP', width: 21 },
  { header: 'Nama', width: 30 },
  { header: 'Jabatan', width: 34 },
  { header: 'Unit Kerja', width: 34 },
  { header: 'Pejabat Penilai', width: 30 },
  { header: 'NIP Pejabat Penilai', width: 21 },
  { header: 'Status Penilai', width: 13 },
  { header: 'Rating Hasil Kerja', width: 20 },
  { header: 'Rating Perilaku Kerja', width: 20 },
  { header: 'Predikat Kinerja', width: 18 },
  { header: 'Kuadran', width: 9 },
];

function lembar(wb: ExcelJS.stream.xlsx.WorkbookWriter, nama: string, judul: string[], rows: BarisLaporan[]) {
  const ws = wb.addWorksheet(nama, { views: [{ state: 'frozen', ySplit: judul.length + 2 }] });
  ws.columns = KOLOM.map((k) => ({ width: k.width }));
  judul.forEach((t, i) => {
    const row = ws.addRow([t]);
    row.font = i === 0 ? { bold: true, size: 14 } : { bold: i === 1 };
    ws.mergeCells(row.number, 1, row.number, KOLOM.length);
    row.commit();
  });
  ws.addRow([]).commit();
  const head = ws.addRow(KOLOM.map((k) => k.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  const headRow = head.number;
  head.commit();
  if (rows.length === 0) ws.addRow(['', 'Belum ada penilaian pada periode ini.']).commit();
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.nipBaru,
      r.nama,
      r.jabatan ?? '',
      r.unit ?? '',
      r.penilaiNama ?? '',
      r.penilaiNipNrp ?? '',
      r.statusPenilai,
      NILAI[r.hasilKinerjaNilai],
      NILAI[r.perilakuKerjaNilai],
      r.predikat,
      r.kuadranKinerjaNilai,
    ]).commit();
  });
  ws.autoFilter = { from: { row: headRow, column: 1 }, to: { row: headRow + Math.max(rows.length, 1), column: KOLOM.length } };
  ws.commit();
}

/** The year's workbook: Januari … Desember, then Tahunan. `rows` as recordsTahun gives them (months first). */
export async function laporanPenilaianExcel(out: Writable, o: { namaPemda: string; tahun: number; rows: BarisLaporan[] }): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'e-Kinerja';
  const judul = (periode: string) => ['LAPORAN PENILAIAN SKP', o.namaPemda, `Periode penilaian: ${periode}`];
  for (let b = 1; b <= 12; b++) {
    lembar(
      wb,
      NAMA_BULAN[b - 1],
      judul(`${NAMA_BULAN[b - 1]} ${o.tahun}`),
      o.rows.filter((r) => r.bulan === b),
    );
  }
  lembar(
    wb,
    'Tahunan',
    judul(`Tahunan ${o.tahun}`),
    o.rows.filter((r) => r.bulan === null),
  );
  await wb.commit();
}
