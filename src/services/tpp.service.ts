import { prisma } from '../db/prisma.ts';
import type { Settings } from '../domain/settings.ts';
import { hitungTpp, type Potongan, type RincianTpp } from '../domain/tpp.ts';
import { AppError } from '../lib/errors.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { type CapaianRow, capaianDari, type capaianPegawai, capaianSql } from './capaian.service.ts';
import { type KalenderRow, type kalenderBulan, kalenderDari, kalenderSql } from './presensi.service.ts';

// TPP per pegawai per month (DOMAIN.md, src/domain/tpp.ts). Until the month is ditetapkan it follows the data;
// once ditetapkan (an admin, after day `tppPenetapanHari` of the next month) the stored figures are shown, whatever
// changes later in presensi or verifications; an audited unfreeze lets the figures follow the data again.

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export async function paguPegawai(kelas: number | null, tahun: number): Promise<number> {
  if (kelas === null) return 0;
  const row = await prisma.tppPagu.findUnique({ where: { kelas_tahun: { kelas, tahun } } });
  return row?.pagu ?? 0;
}

export type TppBulan = RincianTpp & { ditetapkan: boolean; dasar: 'target' | 'waktu'; kelas: number | null };

export async function tppPegawai(
  pegawai: { id: number; kelas: number | null },
  tahun: number,
  bulan: number,
  settings: Settings,
): Promise<TppBulan & { capaianDetail: Awaited<ReturnType<typeof capaianPegawai>>; presensi: Awaited<ReturnType<typeof kalenderBulan>> }> {
  // The whole page in one statement: the month's presensi, capaian, a fixed TPP if the month is set, and the pagu.
  const [row] = await prisma.$queryRaw<
    (KalenderRow &
      CapaianRow & {
        tetap: {
          pagu: number;
          capaian: string | null;
          kinerja: number;
          disiplin: number;
          total: number;
          rincian: unknown;
          kelas: number | null;
        } | null;
        pagu: number | null;
      })[]
  >`
    SELECT k.*, c.*,
      (SELECT json_build_object('pagu', t.pagu, 'capaian', t.capaian::text, 'kinerja', t.kinerja, 'disiplin', t.disiplin,
                                'total', t.total, 'rincian', t.rincian, 'kelas', t.kelas)
         FROM tpp_tetap t WHERE t.tahun = ${tahun} AND t.bulan = ${bulan} AND t.pegawai_id = ${pegawai.id}) AS tetap,
      (SELECT pagu FROM tpp_pagu WHERE kelas = ${pegawai.kelas}::int AND tahun = ${tahun}) AS pagu
    FROM (${kalenderSql(pegawai.id, tahun, bulan)}) k, (${capaianSql(pegawai.id, tahun, bulan)}) c`;
  const { tetap } = row;
  const capaianDetail = capaianDari(row, settings.menitEfektifBulanan);
  const presensi = kalenderDari(row, tahun, bulan, settings.jamKerja);
  if (tetap) {
    const r = tetap.rincian as { potongan: Potongan[]; potonganPersen: number; dasar: 'target' | 'waktu' };
    return {
      pagu: tetap.pagu,
      capaian: Number(tetap.capaian ?? 0),
      kinerja: tetap.kinerja,
      disiplin: tetap.disiplin,
      total: tetap.total,
      potongan: r.potongan,
      potonganPersen: r.potonganPersen,
      ditetapkan: true,
      dasar: r.dasar,
      kelas: tetap.kelas,
      capaianDetail,
      presensi,
    };
  }
  const dasar = settings.tppDasarCapaian;
  const capaian = dasar === 'waktu' ? capaianDetail.capaianWaktu : capaianDetail.capaian;
  const pagu = pegawai.kelas === null ? 0 : (row.pagu ?? 0);
  const r = hitungTpp({ pagu, capaian, potongan: presensi.potongan, settings });
  return { ...r, ditetapkan: false, dasar, kelas: pegawai.kelas, capaianDetail, presensi };
}

/** A month's counts per TL/PSW band and days absent, as the presensi rekap holds them. */
export type JumlahPelanggaran = {
  tl1: number;
  tl2: number;
  tl3: number;
  tl4: number;
  psw1: number;
  psw2: number;
  psw3: number;
  psw4: number;
  alpa: number;
};

/** Potongan from a month's rekap counts (the dashboard and the Pemda-wide figures): same cuts, no dates. */
export function potonganDariRekap(r: JumlahPelanggaran): Omit<Potongan, 'persen'>[] {
  const out: Omit<Potongan, 'persen'>[] = [];
  const add = (n: number, jenis: Potongan['jenis'], band: Potongan['band']) => {
    for (let i = 0; i < n; i++) out.push({ tanggal: '', jenis, band });
  };
  add(r.tl1, 'TL', 1);
  add(r.tl2, 'TL', 2);
  add(r.tl3, 'TL', 3);
  add(r.tl4, 'TL', 4);
  add(r.psw1, 'PSW', 1);
  add(r.psw2, 'PSW', 2);
  add(r.psw3, 'PSW', 3);
  add(r.psw4, 'PSW', 4);
  add(r.alpa, 'TK', 0);
  return out;
}

type RekapRow = {
  pegawai_id: number;
  kelas: number | null;
  pagu: number | null;
  capaian: string | null;
  menit: number | null;
} & JumlahPelanggaran;

/** TPP of every active pegawai for a month, from the rekap tables only (set-based read, computed in memory). */
export async function tppDariRekap(tahun: number, bulan: number, settings: Settings, pegawaiIds?: number[]) {
  const rows = await prisma.$queryRaw<RekapRow[]>`
    SELECT p.id AS pegawai_id, j.kelas::int AS kelas, tp.pagu, rk.capaian::text AS capaian, rk.menit_terverifikasi AS menit,
           coalesce(rp.tl1, 0) AS tl1, coalesce(rp.tl2, 0) AS tl2, coalesce(rp.tl3, 0) AS tl3, coalesce(rp.tl4, 0) AS tl4,
           coalesce(rp.psw1, 0) AS psw1, coalesce(rp.psw2, 0) AS psw2, coalesce(rp.psw3, 0) AS psw3, coalesce(rp.psw4, 0) AS psw4,
           coalesce(rp.alpa, 0) AS alpa
    FROM pegawai p
    LEFT JOIN jabatan j ON j.id = p.jabatan_id
    LEFT JOIN tpp_pagu tp ON tp.kelas = j.kelas AND tp.tahun = ${tahun}
    LEFT JOIN rekap_kinerja_bulanan rk ON rk.pegawai_id = p.id AND rk.tahun = ${tahun} AND rk.bulan = ${bulan}
    LEFT JOIN rekap_presensi_bulanan rp ON rp.pegawai_id = p.id AND rp.tahun = ${tahun} AND rp.bulan = ${bulan}
    WHERE p.aktif AND (${pegawaiIds ?? null}::int[] IS NULL OR p.id = ANY(${pegawaiIds ?? null}::int[]))`;
  return rows.map((r) => {
    const capaian =
      settings.tppDasarCapaian === 'waktu'
        ? Math.min(1, (r.menit ?? 0) / settings.menitEfektifBulanan)
        : r.capaian === null
          ? null
          : Number(r.capaian);
    return {
      pegawaiId: r.pegawai_id,
      kelas: r.kelas,
      ...hitungTpp({ pagu: r.pagu ?? 0, capaian, potongan: potonganDariRekap(r), settings }),
    };
  });
}

/** A month can be ditetapkan once day N of the next month has passed (YYYY-MM-DD of the Pemda's today). */
export function bolehDitetapkan(tahun: number, bulan: number, today: string, hariPenetapan: number): boolean {
  const [ny, nm] = bulan === 12 ? [tahun + 1, 1] : [tahun, bulan + 1];
  const batas = `${ny}-${String(nm).padStart(2, '0')}-${String(hariPenetapan).padStart(2, '0')}`;
  return today > batas;
}

/** Freezes a month's TPP: the figures of every active pegawai are stored as they stand; audited. */
export async function tetapkanTpp(tahun: number, bulan: number, o: { today: string; now: Date; settings: Settings; who: Who }) {
  if (!bolehDitetapkan(tahun, bulan, o.today, o.settings.tppPenetapanHari))
    throw new AppError(`TPP bulan ini baru dapat ditetapkan setelah tanggal ${o.settings.tppPenetapanHari} bulan berikutnya.`, 422);
  const list = await tppDariRekap(tahun, bulan, o.settings);
  await prisma.$transaction(async (tx) => {
    const ada = await tx.tppPenetapan.findUnique({ where: { tahun_bulan: { tahun, bulan } } });
    if (ada) throw new AppError('TPP bulan ini sudah ditetapkan.', 422);
    await tx.tppPenetapan.create({ data: { tahun, bulan, ditetapkanAt: o.now, ditetapkanOleh: o.who.actorId } });
    await tx.tppTetap.createMany({
      data: list.map((t) => ({
        tahun,
        bulan,
        pegawaiId: t.pegawaiId,
        kelas: t.kelas,
        pagu: t.pagu,
        capaian: t.capaian,
        kinerja: t.kinerja,
        disiplin: t.disiplin,
        total: t.total,
        rincian: { potongan: t.potongan, potonganPersen: t.potonganPersen, dasar: o.settings.tppDasarCapaian },
      })),
    });
    await audit(tx, {
      ...o.who,
      action: 'tpp.tetapkan',
      objectType: 'tpp_penetapan',
      objectId: `${tahun}-${bulan}`,
      after: { pegawai: list.length, total: list.reduce((s, t) => s + t.total, 0) },
    });
  });
  return list.length;
}

/** Unfreezes a month: the stored figures are dropped (kept in the audit row), the figures follow the data again. */
export async function batalkanPenetapanTpp(tahun: number, bulan: number, alasan: string, who: Who) {
  await prisma.$transaction(async (tx) => {
    const ada = await tx.tppPenetapan.findUnique({ where: { tahun_bulan: { tahun, bulan } } });
    if (!ada) throw new AppError('TPP bulan ini belum ditetapkan.', 422);
    const agg = await tx.tppTetap.aggregate({ where: { tahun, bulan }, _sum: { total: true }, _count: { _all: true } });
    await tx.tppPenetapan.delete({ where: { tahun_bulan: { tahun, bulan } } });
    await audit(tx, {
      ...who,
      action: 'tpp.batal-tetapkan',
      objectType: 'tpp_penetapan',
      objectId: `${tahun}-${bulan}`,
      before: { pegawai: agg._count._all, total: agg._sum.total, ditetapkanAt: ada.ditetapkanAt },
      reason: alasan,
    });
  });
}

export async function daftarPenetapan(tahun: number) {
  return prisma.tppPenetapan.findMany({ where: { tahun }, orderBy: { bulan: 'asc' } });
}

/** Pagu per kelas 1–17 of a year (0 where none is set). */
export async function daftarPagu(tahun: number): Promise<{ kelas: number; pagu: number | null }[]> {
  const rows = await prisma.tppPagu.findMany({ where: { tahun } });
  return Array.from({ length: 17 }, (_, i) => ({ kelas: i + 1, pagu: rows.find((r) => r.kelas === i + 1)?.pagu ?? null }));
}

/** Saves the pagu that changed (kelas, tahun → rupiah), each audited before → after, in one transaction. */
export async function simpanPagu(list: { kelas: number; tahun: number; pagu: number }[], who: Who): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const lama = await tx.tppPagu.findMany({ where: { OR: list.map((p) => ({ kelas: p.kelas, tahun: p.tahun })) } });
    const berubah = list.filter((p) => lama.find((l) => l.kelas === p.kelas && l.tahun === p.tahun)?.pagu !== p.pagu);
    for (const p of berubah) {
      await tx.tppPagu.upsert({
        where: { kelas_tahun: { kelas: p.kelas, tahun: p.tahun } },
        create: p,
        update: { pagu: p.pagu },
      });
    }
    await audit(
      tx,
      berubah.map((p) => ({
        ...who,
        action: 'tpp.pagu',
        objectType: 'tpp_pagu',
        objectId: `${p.tahun}-${p.kelas}`,
        before: { pagu: lama.find((l) => l.kelas === p.kelas && l.tahun === p.tahun)?.pagu ?? null },
        after: { pagu: p.pagu },
      })),
    );
    return berubah.length;
  });
}
