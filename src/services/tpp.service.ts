import { prisma } from '../db/prisma.ts';
import { versiBawaan } from '../domain/aturan-tpp.ts';
import { type BulanPegawai, hitungBulan } from '../domain/bulan-pegawai.ts';
import { labelDaftar } from '../domain/rapel.ts';
import type { Settings } from '../domain/settings.ts';
import type { RincianTpp } from '../domain/tpp.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/errors.ts';
import { aturanBerlaku } from './aturan-tpp.service.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import {
  bulanSatu,
  diDalamDinas,
  type RapelDibayar,
  type RapelDitahan,
  ringkasBulan,
  segarkan,
  sumberBulan,
} from './bulan-pegawai.service.ts';

// TPP per pegawai per month: the one computation of a pegawai's month (src/domain/bulan-pegawai.ts). Until the month
// is ditetapkan it follows the data; once ditetapkan (an admin, after day `tppPenetapanHari` of the next month) the
// stored month is shown whole on every output, whatever is recorded later (listed on Selisih setelah penetapan);
// only an audited "Batalkan penetapan" lets the figures follow the data again.

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

/** A pegawai's month as their pages (Capaian & TPP, Presensi, the Laporan PDF) show it. */
export type TppBulan = RincianTpp & {
  dasar: 'target' | 'waktu';
  kelas: number | null;
  /** when the month was ditetapkan (then every figure here is the frozen one), else null */
  ditetapkan: boolean;
  ditetapkanAt: Date | null;
  /** data recorded after the penetapan changed the figure: the frozen total stays, the difference is shown to the admin */
  berubahSetelahDitetapkan: { totalKini: number } | null;
  /**
   * The rapel of postponed months (docs/aturan-tpp.md "Rapel"): this month, held, paid on a later daftar pembayaran
   * (`ditahan`), or released and waiting for the next penetapan (`menunggu`: the release date); the held months this
   * month's daftar pays (`dibayar`).
   */
  rapel: { ditahan: RapelDitahan | null; menunggu: string | null; dibayar: RapelDibayar[] };
  bulan: BulanPegawai;
  capaianDetail: {
    targets: {
      pekerjaan: string;
      satuan: string;
      asal: string;
      target: number;
      terverifikasi: number;
      semua: number;
      normaWaktu: number;
      capaian: number | null;
    }[];
    capaian: number | null;
    menitTerverifikasi: number;
    capaianWaktu: number;
    entriTambahan: number;
  };
  presensi: BulanPegawai['presensi'];
};

function halaman(b: BulanPegawai, ditetapkanAt: Date | null, kini: BulanPegawai | null, rapel: TppBulan['rapel']): TppBulan {
  return {
    rapel,
    pagu: b.tpp.pagu,
    capaian: b.tpp.capaian,
    kinerja: b.tpp.kinerja,
    disiplin: b.tpp.disiplin,
    total: b.tpp.total,
    potongan: b.tpp.potongan,
    potonganPersen: b.tpp.potonganPersen,
    dasar: b.tpp.dasar,
    kelas: b.jabatan.kelas,
    ditetapkan: ditetapkanAt !== null,
    ditetapkanAt,
    berubahSetelahDitetapkan: kini && kini.tpp.total !== b.tpp.total ? { totalKini: kini.tpp.total } : null,
    bulan: b,
    capaianDetail: {
      targets: b.capaian.targets.map((t) => ({
        pekerjaan: t.pekerjaan,
        satuan: t.satuan,
        asal: t.asal,
        target: Number(t.target),
        terverifikasi: Number(t.terverifikasi),
        semua: Number(t.semua),
        normaWaktu: t.normaWaktu,
        capaian: t.capaian,
      })),
      capaian: b.capaian.nilai,
      menitTerverifikasi: b.capaian.menitTerverifikasi,
      capaianWaktu: b.capaian.capaianWaktu,
      entriTambahan: b.capaian.entriTambahan,
    },
    presensi: b.presensi,
  };
}

/**
 * A pegawai's month (src/domain/bulan-pegawai.ts) in one statement: while the month is open, as the data stand;
 * once ditetapkan, the frozen month whole (capaian, presensi, cut lines with their dates), whatever is recorded later.
 */
export async function tppPegawai(pegawai: { id: number }, tahun: number, bulan: number, settings: Settings): Promise<TppBulan> {
  const r = await bulanSatu(pegawai.id, tahun, bulan, settings);
  if (!r) throw new AppError('Pegawai tidak ditemukan.', 404);
  if (!r.tetap) return halaman(r.kini, null, null, { ditahan: null, menunggu: null, dibayar: r.rapel.dibayar });
  // a month frozen as held whose penundaan is released since: owed, paid by the next penetapan (src/domain/rapel.ts)
  const dilepas = r.kini.tpp.penundaan?.dilepas ?? null;
  const ditahan = r.tetap.tpp.penundaan && !r.tetap.tpp.penundaan.dilepas && r.tetap.tpp.aturan?.penundaan.akibat !== 'tidak-dibayar';
  const menunggu = ditahan && !r.rapel.ditahan ? dilepas : null;
  return halaman(r.tetap, r.ditetapkanAt, r.kini, { ...r.rapel, menunggu });
}

/** A month can be ditetapkan once day N of the next month has passed (YYYY-MM-DD of the Pemda's today). */
export function bolehDitetapkan(tahun: number, bulan: number, today: string, hariPenetapan: number): boolean {
  const [ny, nm] = bulan === 12 ? [tahun + 1, 1] : [tahun, bulan + 1];
  const batas = `${ny}-${String(nm).padStart(2, '0')}-${String(hariPenetapan).padStart(2, '0')}`;
  return today > batas;
}

/**
 * Freezes a month's TPP: every pegawai who served in the month (also one deactivated since) is stored whole as the one
 * computation gives it now (src/domain/bulan-pegawai.ts), with the figures the lists sum; audited.
 */
export async function tetapkanTpp(tahun: number, bulan: number, o: { today: string; now: Date; settings: Settings; who: Who }) {
  if (!bolehDitetapkan(tahun, bulan, o.today, o.settings.tppPenetapanHari))
    throw new AppError(`TPP bulan ini baru dapat ditetapkan setelah tanggal ${o.settings.tppPenetapanHari} bulan berikutnya.`, 422);
  // who served in the month: the month rows, brought up to date as every list does
  await segarkan(tahun, bulan, o.settings);
  const ids = (
    await prisma.bulanPegawai.findMany({ where: { tahun, bulan }, select: { pegawaiId: true }, orderBy: { pegawaiId: 'asc' } })
  ).map((r) => r.pegawaiId);
  return prisma.$transaction(
    async (tx) => {
      const ada = await tx.tppPenetapan.findUnique({ where: { tahun_bulan: { tahun, bulan } } });
      if (ada) throw new AppError('TPP bulan ini sudah ditetapkan.', 422);
      // the rule set in force now (the year's latest version, or the default from Pengaturan), kept whole with the
      // penetapan: every later computation of these months uses it, so a new version never moves a frozen month
      const aturan = (await aturanBerlaku(tahun, tx)) ?? versiBawaan(tahun, o.settings);
      await tx.tppPenetapan.create({
        data: { tahun, bulan, ditetapkanAt: o.now, ditetapkanOleh: o.who.actorId, aturanId: aturan.id, aturan: aturan as object },
      });
      // each month stored whole, as the one computation gives it now from the sources (src/domain/bulan-pegawai.ts),
      // with the columns the lists sum (`ringkas`)
      let total = 0;
      for (let i = 0; i < ids.length; i += 2000) {
        const sumber = await sumberBulan(ids.slice(i, i + 2000), tahun, bulan);
        const list = [...sumber.values()].map((s) => hitungBulan({ ...s, aturan }, o.settings)).filter(diDalamDinas);
        await tx.tppTetap.createMany({
          data: list.map((b) => {
            const r = ringkasBulan(b);
            total += b.tpp.total;
            return {
              tahun,
              bulan,
              pegawaiId: b.pegawaiId,
              kelas: r.kelas,
              pagu: r.pagu,
              capaian: r.capaian,
              kinerja: r.kinerja,
              disiplin: r.disiplin,
              total: r.total,
              hukdis: r.hukdis,
              ditunda: r.ditunda,
              skp: r.skp,
              plt: r.plt,
              potongan: r.potongan,
              tidakDibayar: r.tidak_dibayar,
              tambahan: r.tambahan,
              bpjsPegawai: r.bpjs_pegawai,
              bpjsPemda: r.bpjs_pemda,
              pph21: r.pph21,
              tunjanganPph: r.tunjangan_pph,
              neto: r.neto,
              unitId: r.unit_id,
              rincian: { ...b, ringkas: { pegawai_id: b.pegawaiId, ...r } } as object,
            };
          }),
        });
      }
      const rapel = await catatRapel(tx, tahun, bulan, o.today);
      await audit(tx, {
        ...o.who,
        action: 'tpp.tetapkan',
        objectType: 'tpp_penetapan',
        objectId: `${tahun}-${bulan}`,
        after: { pegawai: ids.length, total, aturan: { id: aturan.id, versi: aturan.versi, nama: aturan.nama }, rapel },
      });
      return ids.length;
    },
    { timeout: 600_000 },
  );
}

/**
 * The rapel this penetapan pays (docs/aturan-tpp.md "Rapel", src/domain/rapel.ts): every earlier month frozen as held
 * by a penundaan (`ditunda`, under a rule set whose held months stay owed), not paid yet, whose penundaan — every one
 * that reached that month — are released by the day of this penetapan: the first penetapan after the release pays it,
 * so held months are paid in their order, never after a later month (a release dated ahead waits for its date). One set-based INSERT through the partial
 * index of held months; the key of tpp_rapel (the held month) makes a second payment impossible. Returns how many.
 */
async function catatRapel(tx: Prisma.TransactionClient, tahun: number, bulan: number, today: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO tpp_rapel (pegawai_id, tahun, bulan, bayar_tahun, bayar_bulan, dilepas)
    SELECT h.pegawai_id, h.tahun, h.bulan, ${tahun}, ${bulan}, x.dilepas
    FROM tpp_tetap h
    CROSS JOIN LATERAL (
      SELECT max(t.dilepas) AS dilepas, bool_and(t.dilepas IS NOT NULL) AS lepas
      FROM penundaan_tpp t
      WHERE t.pegawai_id = h.pegawai_id
        AND t.mulai < (make_date(h.tahun, h.bulan, 1) + interval '1 month')::date
        AND (t.dilepas IS NULL OR t.dilepas >= make_date(h.tahun, h.bulan, 1))) x
    WHERE h.ditunda AND h.neto IS NOT NULL AND (h.tahun, h.bulan) < (${tahun}::int, ${bulan}::int)
      AND coalesce(h.rincian #>> '{tpp,aturan,penundaan,akibat}', 'ditunda') = 'ditunda'
      AND NOT EXISTS (SELECT 1 FROM tpp_rapel r WHERE r.tahun = h.tahun AND r.bulan = h.bulan AND r.pegawai_id = h.pegawai_id)
      AND x.lepas AND x.dilepas <= ${today}::date
    ORDER BY h.pegawai_id, h.tahun, h.bulan`;
}

/**
 * Selisih setelah penetapan: per pegawai, the frozen total, the total the data give now, and the difference (the input
 * of next month's kekurangan/kelebihan bayar). Only pegawai whose figure moved; also one who has a month now and had none.
 */
export async function selisihPenetapan(tahun: number, bulan: number, settings: Settings) {
  await segarkan(tahun, bulan, settings);
  return prisma.$queryRaw<{ pegawai_id: number; nip: string; nama: string; tetap: number | null; kini: number | null; selisih: number }[]>`
    SELECT coalesce(t.pegawai_id, b.pegawai_id) AS pegawai_id, p.nip, p.nama, t.total AS tetap, b.total AS kini,
           (coalesce(b.total, 0) - coalesce(t.total, 0))::int AS selisih
    FROM (SELECT * FROM tpp_tetap WHERE tahun = ${tahun} AND bulan = ${bulan}) t
    FULL JOIN (SELECT * FROM bulan_pegawai WHERE tahun = ${tahun} AND bulan = ${bulan}) b ON b.pegawai_id = t.pegawai_id
    JOIN pegawai p ON p.id = coalesce(t.pegawai_id, b.pegawai_id)
    WHERE EXISTS (SELECT 1 FROM tpp_penetapan WHERE tahun = ${tahun} AND bulan = ${bulan})
      AND t.total IS DISTINCT FROM b.total
    ORDER BY p.nama`;
}

/** Unfreezes a month: the stored figures are dropped (kept in the audit row), the figures follow the data again. */
export async function batalkanPenetapanTpp(tahun: number, bulan: number, alasan: string, who: Who) {
  await prisma.$transaction(async (tx) => {
    const ada = await tx.tppPenetapan.findUnique({ where: { tahun_bulan: { tahun, bulan } } });
    if (!ada) throw new AppError('TPP bulan ini belum ditetapkan.', 422);
    // a held month already paid as a rapel: its new penetapan would pay it again in its own list
    const dirapel = await tx.tppRapel.findFirst({ where: { tahun, bulan }, orderBy: [{ bayarTahun: 'asc' }, { bayarBulan: 'asc' }] });
    if (dirapel)
      throw new AppError(
        `Bulan ini memuat TPP yang ditunda dan sudah dibayarkan sebagai rapel pada daftar pembayaran ${labelDaftar({ tahun: dirapel.bayarTahun, bulan: dirapel.bayarBulan })}: batalkan dulu penetapan bulan itu.`,
        422,
      );
    const rapel = await tx.tppRapel.count({ where: { bayarTahun: tahun, bayarBulan: bulan } });
    const agg = await tx.tppTetap.aggregate({ where: { tahun, bulan }, _sum: { total: true }, _count: { _all: true } });
    await tx.tppPenetapan.delete({ where: { tahun_bulan: { tahun, bulan } } });
    // the month's rows were computed with the penetapan's rule set: now the year's latest applies again
    await tx.$executeRaw`INSERT INTO bulan_kotor (tahun, bulan) VALUES (${tahun}, ${bulan}) ON CONFLICT DO NOTHING`;
    await audit(tx, {
      ...who,
      action: 'tpp.batal-tetapkan',
      objectType: 'tpp_penetapan',
      objectId: `${tahun}-${bulan}`,
      // the rapel lines this month paid go with it (they are paid again by the next penetapan)
      before: { pegawai: agg._count._all, total: agg._sum.total, ditetapkanAt: ada.ditetapkanAt, rapel },
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
