import type { Settings } from '../domain/settings.ts';
import type { BarisRekap } from '../lib/laporan-excel.ts';
import { barisPegawai, bulanDitetapkan, type Lingkup, unitTerjangkau } from './dashboard.service.ts';
import type { PegawaiLingkup } from './lingkup.service.ts';
import { getLogo } from './logo.service.ts';
import { tppPegawai } from './tpp.service.ts';

// Laporan: the data of the monthly PDF per pegawai and of the Rekap Unit workbook, with the same access rules as the
// pages (the caller loads the pegawai / unit through the reader's scope).

export type LaporanPegawai = {
  pegawai: PegawaiLingkup;
  tahun: number;
  bulan: number;
  namaPemda: string;
  logo: Buffer | null;
  menitEfektif: number;
  porsiKinerja: number;
  porsiDisiplin: number;
  zona: string;
  tpp: Awaited<ReturnType<typeof tppPegawai>>;
};

export async function laporanPegawai(pegawai: PegawaiLingkup, tahun: number, bulan: number, settings: Settings): Promise<LaporanPegawai> {
  const [tpp, logo] = await Promise.all([tppPegawai(pegawai, tahun, bulan, settings), getLogo()]);
  return {
    pegawai,
    tahun,
    bulan,
    namaPemda: settings.namaPemda,
    logo: logo?.data ?? null,
    menitEfektif: settings.menitEfektifBulanan,
    porsiKinerja: settings.tppPorsiKinerja,
    porsiDisiplin: settings.tppPorsiDisiplin,
    zona: settings.zonaWaktu ?? 'Asia/Jakarta',
    tpp,
  };
}

/** Rekap Unit rows for a unit subtree in reach of the reader (404 otherwise): the month rows every list reads. */
export async function rekapUnit(user: Lingkup, unitId: number, tahun: number, bulan: number, settings: Settings) {
  const unit = await unitTerjangkau(user, unitId);
  const [rows, ditetapkanAt] = await Promise.all([barisPegawai(unit.id, tahun, bulan, settings), bulanDitetapkan(tahun, bulan)]);
  const out: BarisRekap[] = rows
    .map((r) => ({
      nip: r.nip,
      nama: r.nama,
      jabatan: r.jabatan,
      kelas: r.kelas,
      entri: r.entri,
      terverifikasi: r.terverifikasi,
      capaian: r.capaian === null ? null : Number(r.capaian),
      hariKerja: r.hari_kerja,
      hadir: r.hadir,
      terlambat: r.terlambat,
      pulangCepat: r.pulang_cepat,
      alpa: r.alpa,
      pagu: r.pagu,
      kinerja: r.kinerja,
      disiplin: r.disiplin,
      hukdis: r.hukdis,
      plt: r.plt,
      total: r.total,
      skp: r.skp,
      potongan: r.potongan + r.tidak_dibayar,
      tambahan: r.tambahan,
      bpjsPegawai: r.bpjs_pegawai,
      pph21: r.pph21,
      tunjanganPph: r.tunjangan_pph,
      neto: r.neto,
      bpjsPemda: r.bpjs_pemda,
    }))
    .sort((a, b) => a.nama.localeCompare(b.nama));
  return { unit: { id: unit.id, nama: unit.nama }, rows: out, namaPemda: settings.namaPemda, ditetapkanAt };
}
