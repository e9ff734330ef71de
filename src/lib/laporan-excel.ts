import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { namaBulan } from '../domain/periode.ts';

// "Rekap Unit" as an Excel workbook written streaming (exceljs WorkbookWriter): one row per pegawai with capaian,
// presensi and TPP; numbers as numbers, totals as formulas, frozen header, column widths.

export type BarisRekap = {
  nip: string;
  nama: string;
  jabatan: string | null;
  kelas: number | null;
  entri: number;
  terverifikasi: number;
  capaian: number | null;
  hariKerja: number;
  hadir: number;
  terlambat: number;
  pulangCepat: number;
  alpa: number;
  pagu: number;
  kinerja: number;
  disiplin: number;
  /** the Plt/Plh line (issue 24) */
  plt: number;
  /** the hukuman disiplin cut (issue 22) */
  hukdis: number;
  total: number;
  /** issue 22, after the columns above (their places stay): the rule set's other lines and bruto → neto */
  skp: number;
  potongan: number;
  tambahan: number;
  bpjsPegawai: number | null;
  pph21: number | null;
  tunjanganPph: number | null;
  neto: number | null;
  bpjsPemda: number | null;
};

const KOLOM: { header: string; key: keyof BarisRekap; width: number; fmt?: string; jumlah?: boolean }[] = [
  { header: 'NIP', key: 'nip', width: 21 },
  { header: 'Nama', key: 'nama', width: 32 },
  { header: 'Jabatan', key: 'jabatan', width: 36 },
  { header: 'Kelas', key: 'kelas', width: 7 },
  { header: 'Entri', key: 'entri', width: 8, jumlah: true },
  { header: 'Diverifikasi', key: 'terverifikasi', width: 12, jumlah: true },
  { header: 'Capaian', key: 'capaian', width: 10, fmt: '0.0%' },
  { header: 'Hari kerja', key: 'hariKerja', width: 10, jumlah: true },
  { header: 'Hadir', key: 'hadir', width: 8, jumlah: true },
  { header: 'Terlambat', key: 'terlambat', width: 10, jumlah: true },
  { header: 'Pulang cepat', key: 'pulangCepat', width: 12, jumlah: true },
  { header: 'Tanpa keterangan', key: 'alpa', width: 16, jumlah: true },
  { header: 'Pagu TPP', key: 'pagu', width: 14, fmt: '#,##0', jumlah: true },
  { header: 'TPP kinerja', key: 'kinerja', width: 14, fmt: '#,##0', jumlah: true },
  { header: 'TPP disiplin', key: 'disiplin', width: 14, fmt: '#,##0', jumlah: true },
  { header: 'TPP Plt/Plh', key: 'plt', width: 13, fmt: '#,##0', jumlah: true },
  { header: 'Potongan hukdis', key: 'hukdis', width: 15, fmt: '#,##0', jumlah: true },
  { header: 'TPP total', key: 'total', width: 14, fmt: '#,##0', jumlah: true },
  { header: 'TPP SKP', key: 'skp', width: 12, fmt: '#,##0', jumlah: true },
  { header: 'Potongan dari TPP / tidak dibayar', key: 'potongan', width: 18, fmt: '#,##0', jumlah: true },
  { header: 'THR / gaji ke-13', key: 'tambahan', width: 15, fmt: '#,##0', jumlah: true },
  { header: 'BPJS 1% pegawai', key: 'bpjsPegawai', width: 15, fmt: '#,##0', jumlah: true },
  { header: 'PPh 21', key: 'pph21', width: 13, fmt: '#,##0', jumlah: true },
  { header: 'Tunjangan PPh', key: 'tunjanganPph', width: 14, fmt: '#,##0', jumlah: true },
  { header: 'TPP neto', key: 'neto', width: 14, fmt: '#,##0', jumlah: true },
  { header: 'BPJS Pemda (tidak dipotong)', key: 'bpjsPemda', width: 16, fmt: '#,##0', jumlah: true },
];

const huruf = (i: number) => String.fromCharCode(65 + i); // 26 columns: A…Z

export async function rekapUnitExcel(
  out: Writable,
  o: { namaPemda: string; unit: string; tahun: number; bulan: number; rows: BarisRekap[]; catatan?: string | null },
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'e-Kinerja';
  const ws = wb.addWorksheet('Rekap Unit', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = KOLOM.map((k) => ({ header: k.header, key: k.key, width: k.width, style: k.fmt ? { numFmt: k.fmt } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of o.rows) ws.addRow({ ...r, capaian: r.capaian ?? null }).commit();
  const first = 2;
  const last = o.rows.length + 1;
  const total = ws.addRow({ nip: 'Jumlah', nama: `${o.unit} · ${namaBulan(o.bulan)} ${o.tahun}` });
  KOLOM.forEach((k, i) => {
    const col = huruf(i);
    if (k.jumlah) total.getCell(i + 1).value = { formula: `SUM(${col}${first}:${col}${last})` };
    if (k.key === 'capaian') total.getCell(i + 1).value = { formula: `IFERROR(AVERAGE(${col}${first}:${col}${last}),"")` };
  });
  total.font = { bold: true };
  total.commit();
  if (o.catatan) ws.addRow({ nip: o.catatan }).commit();
  ws.commit();
  await wb.commit();
}

export type BarisSelisih = { nip: string; nama: string; tetap: number | null; kini: number | null; selisih: number };

/**
 * "Selisih setelah penetapan": per pegawai the frozen TPP, the TPP the data give now and the difference (positive:
 * kekurangan bayar, to pay with next month; negative: kelebihan bayar, to recover), with totals as formulas.
 */
export async function selisihExcel(
  out: Writable,
  o: { namaPemda: string; tahun: number; bulan: number; rows: BarisSelisih[] },
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'e-Kinerja';
  const ws = wb.addWorksheet('Selisih', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'NIP', key: 'nip', width: 21 },
    { header: 'Nama', key: 'nama', width: 32 },
    { header: 'TPP ditetapkan', key: 'tetap', width: 16, style: { numFmt: '#,##0' } },
    { header: 'TPP menurut data sekarang', key: 'kini', width: 24, style: { numFmt: '#,##0' } },
    { header: 'Selisih', key: 'selisih', width: 14, style: { numFmt: '#,##0' } },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of o.rows) ws.addRow(r).commit();
  const last = o.rows.length + 1;
  const total = ws.addRow({ nip: 'Jumlah', nama: `${o.namaPemda} · ${namaBulan(o.bulan)} ${o.tahun}` });
  for (const col of ['C', 'D', 'E']) total.getCell(col).value = { formula: `SUM(${col}2:${col}${last})` };
  total.font = { bold: true };
  total.commit();
  ws.commit();
  await wb.commit();
}
