import { pool } from '../db/prisma.ts';
import { hitungBulan } from '../domain/bulan-pegawai.ts';
import { monthRange } from '../domain/periode.ts';
import type { Settings } from '../domain/settings.ts';
import { diDalamDinas, ringkasBulan, segarkan, sumberBulan } from './bulan-pegawai.service.ts';
import { periksaUnit } from './bulan-unit.service.ts';

// `npm run rekap:periksa -- --bulan YYYY-MM` (issue 24): every pegawai's month computed again from the source rows and
// compared with what the outputs read — the month rows the lists read after their own refresh, and for a ditetapkan
// month the frozen figures. A difference in the month rows is drift (a source that did not mark what it changed): a
// defect. A difference from the frozen figures is data recorded after the penetapan: listed, not a defect (the admin
// settles it from "Selisih setelah penetapan").

export type Selisih = { nip: string; nama: string; kolom: string; dibaca: unknown; dihitung: unknown };

const KOLOM = [
  'unit_id',
  'kelas',
  'hari_kerja',
  'hadir',
  'terlambat',
  'pulang_cepat',
  'alpa',
  'entri',
  'terverifikasi',
  'menunggu',
  'capaian',
  'pagu',
  'kinerja',
  'disiplin',
  'total',
  'hukdis',
  'ditunda',
  // issue 22: the rule set's lines and bruto → neto
  'skp',
  'plt',
  'potongan',
  'tidak_dibayar',
  'tambahan',
  'bpjs_pegawai',
  'bpjs_pemda',
  'pph21',
  'tunjangan_pph',
  'neto',
] as const;

export async function periksaBulan(tahun: number, bulan: number, settings: Settings) {
  const { awal, akhir } = monthRange(tahun, bulan);
  // what the outputs read: the month rows, refreshed as every list refreshes them before reading (and the Dashboard's
  // sums per unit with them)
  await segarkan(tahun, bulan, settings, { perUnit: true });
  const unit = await periksaUnit(tahun, bulan);
  const { rows: dibaca } = await pool.query<Record<string, unknown> & { pegawai_id: number; nip: string; nama: string }>(
    `SELECT b.*, b.capaian::float8 AS capaian, p.nip, p.nama FROM bulan_pegawai b JOIN pegawai p ON p.id = b.pegawai_id
     WHERE b.tahun = $1 AND b.bulan = $2`,
    [tahun, bulan],
  );
  const { rows: tetap } = await pool.query<{ pegawai_id: number; total: number }>(
    'SELECT pegawai_id, total FROM tpp_tetap WHERE tahun = $1 AND bulan = $2',
    [tahun, bulan],
  );
  // every pegawai who may have served in the month, computed from the sources
  const { rows: semua } = await pool.query<{ id: number; nip: string; nama: string }>(
    `SELECT id, nip, nama FROM pegawai WHERE (tmt IS NULL OR tmt <= $2::date) AND (berhenti IS NULL OR berhenti >= $1::date) ORDER BY id`,
    [awal, akhir],
  );
  const drift: Selisih[] = [];
  const setelahPenetapan: Selisih[] = [];
  const byId = new Map(dibaca.map((r) => [r.pegawai_id, r]));
  const tetapById = new Map(tetap.map((t) => [t.pegawai_id, t.total]));
  const dihitungIds = new Set<number>();
  for (let i = 0; i < semua.length; i += 2000) {
    const batch = semua.slice(i, i + 2000);
    const sumber = await sumberBulan(
      batch.map((p) => p.id),
      tahun,
      bulan,
    );
    for (const p of batch) {
      const s = sumber.get(p.id);
      const b = s ? hitungBulan(s, settings) : null;
      const row = byId.get(p.id);
      if (!b || !diDalamDinas(b)) {
        if (row) drift.push({ nip: p.nip, nama: p.nama, kolom: 'baris', dibaca: 'ada', dihitung: 'tidak dalam masa dinas' });
        continue;
      }
      dihitungIds.add(p.id);
      const r = ringkasBulan(b);
      if (!row) drift.push({ nip: p.nip, nama: p.nama, kolom: 'baris', dibaca: 'tidak ada', dihitung: 'ada' });
      else
        for (const k of KOLOM) {
          const a = row[k] ?? null;
          const c = r[k] ?? null;
          if (k === 'capaian' ? Math.abs(Number(a ?? -1) - Number(c ?? -1)) > 5e-7 : a !== c)
            drift.push({ nip: p.nip, nama: p.nama, kolom: k, dibaca: a, dihitung: c });
        }
      const t = tetapById.get(p.id);
      if (tetap.length > 0 && t !== b.tpp.total)
        setelahPenetapan.push({ nip: p.nip, nama: p.nama, kolom: 'total', dibaca: t ?? null, dihitung: b.tpp.total });
    }
  }
  for (const row of dibaca)
    if (!dihitungIds.has(row.pegawai_id) && !drift.some((d) => d.nip === row.nip))
      drift.push({ nip: row.nip, nama: row.nama, kolom: 'baris', dibaca: 'ada', dihitung: 'tidak dalam masa dinas' });
  // the sums per unit against their rows: any difference is drift too
  for (const u of unit)
    drift.push({
      nip: '-',
      nama: `unit ${u.unitId} (${u.sumber === 't' ? 'ditetapkan' : 'berjalan'})`,
      kolom: u.kolom,
      dibaca: u.dibaca,
      dihitung: u.dihitung,
    });
  return { pegawai: dihitungIds.size, drift, setelahPenetapan, ditetapkan: tetap.length > 0 };
}
