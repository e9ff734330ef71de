import { createHash } from 'node:crypto';
import { prisma } from '../../db/prisma.ts';
import type { Ekspektasi, Predikat } from '../../domain/predikat.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import * as clock from '../../lib/clock.ts';
import { logger } from '../../lib/logger.ts';
import { type AuditEntry, audit } from '../../services/audit.service.ts';
import { type AdapterSiasn, type BarisKirim, type HasilKirim, SiasnTidakTersedia } from './siasn-adapter.ts';
import { type EvaluasiSiasn, type RecordSiasn, recordSiasn, SIASN_KOLOM } from './siasn-format.ts';

/**
 * The period's file for SIASN and its sending (issue 19 §3; docs/siasn.md). The records are the monthly or annual
 * evaluations (`evaluasi_kinerja`, written by the evaluation forms) as they stand: one per pegawai and period. The
 * penilai's jabatan and unit are theirs on the period's last day (riwayat jabatan), or the post they held as Plt/Plh.
 * A send runs in the background one period at a time (`siasn_pengiriman`); each pegawai's outcome and the national
 * record's id are kept (`siasn_kirim`) so a resend updates that record, and every outcome is audited.
 */

/** A month (1–12) or the year (bulan null). */
export type Periode = { tahun: number; bulan: number | null };

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

type BarisEvaluasi = {
  pegawai_id: number;
  nip: string;
  nama: string;
  tahun: number;
  bulan: number | null;
  hasil_kerja: Ekspektasi;
  perilaku_kerja: Ekspektasi;
  predikat: Predikat;
  penilai_sebagai: string | null;
  skp_mulai: Date | null;
  skp_selesai: Date | null;
  jabatan: string | null;
  unit: string | null;
  penilai_nip: string | null;
  penilai_nama: string | null;
  penilai_golongan: string | null;
  penilai_jabatan: string | null;
  penilai_unit: string | null;
};

/**
 * The evaluations matching `where` with everything the record needs, in ONE statement: each row reads the pegawai's
 * and the penilai's history row of the period's last day (index riwayat_jabatan(pegawai_id, tmt_awal)) and, for a
 * Plt/Plh, the assignment (penugasan_atasan(pelaksana_id, selesai)). Ordered by unit and name.
 */
function kueriEvaluasi(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT e.pegawai_id, p.nip, p.nama, e.tahun, e.bulan, e.hasil_kerja, e.perilaku_kerja, e.predikat, e.penilai_sebagai,
           s.mulai AS skp_mulai, s.selesai AS skp_selesai, jp.nama AS jabatan, up.nama AS unit,
           q.nip AS penilai_nip, q.nama AS penilai_nama, q.golongan::text AS penilai_golongan,
           CASE WHEN e.penilai_sebagai IN ('Plt', 'Plh') AND tg.jabatan IS NOT NULL THEN e.penilai_sebagai || '. ' || tg.jabatan
                ELSE jq.nama END AS penilai_jabatan,
           CASE WHEN e.penilai_sebagai IN ('Plt', 'Plh') AND tg.jabatan IS NOT NULL THEN tg.unit ELSE uq.nama END AS penilai_unit
    FROM evaluasi_kinerja e
    JOIN pegawai p ON p.id = e.pegawai_id
    LEFT JOIN skp s ON s.id = e.skp_id
    CROSS JOIN LATERAL (SELECT CASE WHEN e.bulan IS NULL THEN make_date(e.tahun, 12, 31)
                                    ELSE (make_date(e.tahun, e.bulan, 1) + interval '1 month' - interval '1 day')::date END AS akhir) k
    LEFT JOIN LATERAL (
      SELECT h.jabatan_id, h.unit_id FROM riwayat_jabatan h
      WHERE h.pegawai_id = p.id AND (h.tmt_awal IS NULL OR h.tmt_awal <= k.akhir) AND (h.tmt_akhir IS NULL OR k.akhir < h.tmt_akhir)
      LIMIT 1) hp ON true
    LEFT JOIN jabatan jp ON jp.id = coalesce(s.jabatan_id, hp.jabatan_id, p.jabatan_id)
    LEFT JOIN unit_kerja up ON up.id = coalesce(e.unit_id, hp.unit_id, p.unit_id)
    LEFT JOIN pegawai q ON q.id = e.penilai_id
    LEFT JOIN LATERAL (
      SELECT h.jabatan_id, h.unit_id FROM riwayat_jabatan h
      WHERE h.pegawai_id = q.id AND (h.tmt_awal IS NULL OR h.tmt_awal <= k.akhir) AND (h.tmt_akhir IS NULL OR k.akhir < h.tmt_akhir)
      LIMIT 1) hq ON true
    LEFT JOIN jabatan jq ON jq.id = coalesce(hq.jabatan_id, q.jabatan_id)
    LEFT JOIN unit_kerja uq ON uq.id = coalesce(hq.unit_id, q.unit_id)
    -- the post a Plt held (the vacant jabatan) or a Plh stood in for (the absent atasan's jabatan), when the rating was made
    LEFT JOIN LATERAL (
      SELECT j.nama AS jabatan, u.nama AS unit
      FROM penugasan_atasan t
      LEFT JOIN pegawai a ON a.id = t.pegawai_id
      JOIN jabatan j ON j.id = CASE WHEN t.jenis = 'PLT' THEN t.jabatan_id ELSE a.jabatan_id END
      LEFT JOIN unit_kerja u ON u.id = j.unit_id
      WHERE e.penilai_sebagai IN ('Plt', 'Plh') AND t.pelaksana_id = q.id AND t.jenis::text = upper(e.penilai_sebagai)
        AND t.mulai <= e.updated_at::date
      ORDER BY (t.selesai >= e.updated_at::date) DESC, t.selesai DESC
      LIMIT 1) tg ON true
    WHERE ${where}
    ORDER BY e.bulan NULLS LAST, up.nama NULLS LAST, p.nama, p.id`;
}

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function evaluasiDari(r: BarisEvaluasi): EvaluasiSiasn {
  return {
    nip: r.nip,
    nama: r.nama,
    tahun: r.tahun,
    bulan: r.bulan,
    hasilKerja: r.hasil_kerja,
    perilakuKerja: r.perilaku_kerja,
    predikat: r.predikat,
    penilaiSebagai: r.penilai_sebagai,
    skpMulai: iso(r.skp_mulai),
    skpSelesai: iso(r.skp_selesai),
    penilai: r.penilai_nip
      ? { nip: r.penilai_nip, nama: r.penilai_nama!, golongan: r.penilai_golongan, jabatan: r.penilai_jabatan, unit: r.penilai_unit }
      : null,
  };
}

// The period's condition in its indexable form (evaluasi_kinerja(tahun, bulan, unit_id)).
const wherePeriode = (p: Periode) =>
  p.bulan === null ? Prisma.sql`e.tahun = ${p.tahun} AND e.bulan IS NULL` : Prisma.sql`e.tahun = ${p.tahun} AND e.bulan = ${p.bulan}`;

export type BarisSiasn = RecordSiasn & { pegawaiId: number; jabatan: string | null; unit: string | null; bulan: number | null };

const barisDari = (r: BarisEvaluasi): BarisSiasn => ({
  ...recordSiasn(evaluasiDari(r)),
  pegawaiId: r.pegawai_id,
  jabatan: r.jabatan,
  unit: r.unit,
  bulan: r.bulan,
});

/** The period's records (the CSV and JSON files, and what a send sends). */
export async function recordsPeriode(p: Periode): Promise<BarisSiasn[]> {
  const rows = await prisma.$queryRaw<BarisEvaluasi[]>(kueriEvaluasi(wherePeriode(p)));
  return rows.map(barisDari);
}

/** Every record of a year, months first then the year (the Excel workbook: a sheet per month and one for the year). */
export async function recordsTahun(tahun: number): Promise<BarisSiasn[]> {
  const rows = await prisma.$queryRaw<BarisEvaluasi[]>(kueriEvaluasi(Prisma.sql`e.tahun = ${tahun}`));
  return rows.map(barisDari);
}

export const PER_HALAMAN = 100;

export type HalamanSiasn = {
  jumlah: number;
  status: { terkirim: number; gagal: number };
  baris: {
    pegawaiId: number;
    nip: string;
    nama: string;
    unit: string | null;
    predikat: string;
    penilai: string | null;
    kirim: string | null;
    pesan: string | null;
  }[];
  gagal: { nip: string; nama: string; pesan: string | null; dikirimAt: string }[];
  pengiriman: {
    id: number;
    status: string;
    jumlah: number;
    berhasil: number;
    gagal: number;
    pesan: string | null;
    mulaiAt: string;
    selesaiAt: string | null;
    oleh: string;
  } | null;
};

/**
 * The admin page of a period in ONE statement: how many evaluations, one page of them with their last outcome, the
 * counts by outcome, the rows that failed (with the service's message) and the latest send.
 */
export async function halamanSiasn(p: Periode, halaman: number): Promise<HalamanSiasn> {
  const bulan = p.bulan === null ? Prisma.sql`IS NULL` : Prisma.sql`= ${p.bulan}`;
  const [r] = await prisma.$queryRaw<HalamanSiasn[]>`
    SELECT
      (SELECT count(*)::int FROM evaluasi_kinerja e WHERE e.tahun = ${p.tahun} AND e.bulan ${bulan}) AS jumlah,
      (SELECT json_build_object('terkirim', count(*) FILTER (WHERE status = 'TERKIRIM'), 'gagal', count(*) FILTER (WHERE status = 'GAGAL'))
         FROM siasn_kirim WHERE tahun = ${p.tahun} AND bulan ${bulan}) AS status,
      (SELECT coalesce(json_agg(x ORDER BY x.unit NULLS LAST, x.nama, x."pegawaiId"), '[]') FROM (
         SELECT e.pegawai_id AS "pegawaiId", g.nip, g.nama, u.nama AS unit, e.predikat, q.nama AS penilai, k.status AS kirim, k.pesan
         FROM evaluasi_kinerja e JOIN pegawai g ON g.id = e.pegawai_id
         LEFT JOIN unit_kerja u ON u.id = coalesce(e.unit_id, g.unit_id)
         LEFT JOIN pegawai q ON q.id = e.penilai_id
         LEFT JOIN siasn_kirim k ON k.pegawai_id = e.pegawai_id AND k.tahun = e.tahun AND k.bulan IS NOT DISTINCT FROM e.bulan
         WHERE e.tahun = ${p.tahun} AND e.bulan ${bulan}
         ORDER BY u.nama NULLS LAST, g.nama, g.id
         OFFSET ${(halaman - 1) * PER_HALAMAN} LIMIT ${PER_HALAMAN}) x) AS baris,
      (SELECT coalesce(json_agg(x ORDER BY x.nama), '[]') FROM (
         SELECT g.nip, g.nama, k.pesan, k.dikirim_at AS "dikirimAt"
         FROM siasn_kirim k JOIN pegawai g ON g.id = k.pegawai_id
         WHERE k.tahun = ${p.tahun} AND k.bulan ${bulan} AND k.status = 'GAGAL'
         ORDER BY g.nama LIMIT 200) x) AS gagal,
      (SELECT json_build_object('id', s.id, 'status', s.status, 'jumlah', s.jumlah, 'berhasil', s.berhasil, 'gagal', s.gagal,
                                'pesan', s.pesan, 'mulaiAt', s.mulai_at, 'selesaiAt', s.selesai_at, 'oleh', o.nama)
         FROM siasn_pengiriman s JOIN pegawai o ON o.id = s.oleh_id
         WHERE s.tahun = ${p.tahun} AND s.bulan ${bulan}
         ORDER BY s.mulai_at DESC, s.id DESC LIMIT 1) AS pengiriman`;
  return r;
}

/** A running send not heard of for this long stopped with its process: another may start. */
const BERHENTI_MS = 10 * 60_000;

export type Mulai = { id: number; baru: boolean } | { berjalan: true };

/**
 * Starts a send of a period: one per idempotency key (a double click starts one), and one running per period (the
 * partial unique index; a send whose process stopped is marked TERPUTUS first). Audited.
 */
export async function mulaiKirim(p: Periode, key: string, paksa: boolean, who: Who & { actorId: number }): Promise<Mulai> {
  const now = clock.now();
  return prisma.$transaction(async (tx) => {
    const ada = await tx.siasnPengiriman.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (ada) return { id: ada.id, baru: false };
    await tx.siasnPengiriman.updateMany({
      where: { tahun: p.tahun, bulan: p.bulan, status: 'BERJALAN', diperbaruiAt: { lt: new Date(now.getTime() - BERHENTI_MS) } },
      data: { status: 'TERPUTUS', selesaiAt: now, pesan: 'Proses pengiriman berhenti sebelum selesai.' },
    });
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO siasn_pengiriman (tahun, bulan, idempotency_key, oleh_id, mulai_at, diperbarui_at)
      VALUES (${p.tahun}, ${p.bulan}, ${key}::uuid, ${who.actorId}, ${now}, ${now})
      ON CONFLICT DO NOTHING RETURNING id`;
    if (!row) {
      // the twin of a double click committed first (same key), or another send of the period runs
      const kembar = await tx.siasnPengiriman.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
      return kembar ? { id: kembar.id, baru: false } : { berjalan: true };
    }
    await audit(tx, { ...who, action: 'siasn.kirim-mulai', objectType: 'siasn_pengiriman', objectId: row.id, after: { ...p, paksa } });
    return { id: row.id, baru: true };
  });
}

const hashRecord = (r: RecordSiasn) =>
  createHash('sha256')
    .update(JSON.stringify(SIASN_KOLOM.map((k) => r[k])))
    .digest('hex');

/**
 * Runs a started send to its end: the period's records (those unchanged since their last successful send are left
 * alone unless `paksa`), through the adapter, recording each group of outcomes as it comes (siasn_kirim upserted with
 * the national ids, one audit row per pegawai, the send's counters and heartbeat), in one transaction per group.
 */
export async function jalankanKirim(id: number, adapter: AdapterSiasn, paksa: boolean, who: Who): Promise<void> {
  const s = await prisma.siasnPengiriman.findUniqueOrThrow({ where: { id }, select: { tahun: true, bulan: true, status: true } });
  if (s.status !== 'BERJALAN') return;
  const p: Periode = { tahun: s.tahun, bulan: s.bulan };
  const selesai = async (status: 'SELESAI' | 'GAGAL', pesan: string | null) => {
    const now = clock.now();
    await prisma.$transaction(async (tx) => {
      const akhir = await tx.siasnPengiriman.update({
        where: { id },
        data: { status, pesan, selesaiAt: now, diperbaruiAt: now },
        select: { jumlah: true, berhasil: true, gagal: true },
      });
      await audit(tx, {
        ...who,
        action: 'siasn.kirim-selesai',
        objectType: 'siasn_pengiriman',
        objectId: id,
        after: { status, pesan, ...akhir },
      });
    });
  };
  try {
    const [records, lalu] = await Promise.all([
      recordsPeriode(p),
      prisma.siasnKirim.findMany({
        where: { tahun: p.tahun, bulan: p.bulan },
        select: { pegawaiId: true, pnsId: true, riwayatId: true, status: true, dataHash: true },
      }),
    ]);
    const byPegawai = new Map(lalu.map((l) => [l.pegawaiId, l]));
    const hash = new Map<string, string>();
    const rows: BarisKirim[] = [];
    for (const r of records) {
      const h = hashRecord(r);
      const l = byPegawai.get(r.pegawaiId);
      if (!paksa && l?.status === 'TERKIRIM' && l.dataHash === h) continue;
      hash.set(String(r.pegawaiId), h);
      rows.push({ kunci: String(r.pegawaiId), record: r, pnsId: l?.pnsId ?? null, riwayatId: l?.riwayatId ?? null });
    }
    const sama = records.length - rows.length;
    await prisma.siasnPengiriman.update({ where: { id }, data: { jumlah: rows.length, diperbaruiAt: clock.now() } });
    await adapter.kirim(rows, (hasil) => catat(id, p, hasil, hash, who));
    await selesai('SELESAI', sama > 0 ? `${sama} pegawai tidak dikirim ulang: datanya tidak berubah sejak terkirim.` : null);
  } catch (e) {
    if (!(e instanceof SiasnTidakTersedia)) logger.error({ err: e, pengiriman: id }, 'pengiriman SIASN gagal');
    await selesai('GAGAL', e instanceof SiasnTidakTersedia ? e.message : 'Pengiriman terhenti karena kesalahan sistem; lihat log server.');
  }
}

/** One group of outcomes, in one transaction: the national ids and messages, the audit rows, the send's counters. */
async function catat(id: number, p: Periode, hasil: HasilKirim[], hash: Map<string, string>, who: Who) {
  const now = clock.now();
  const ok = hasil.filter((h) => h.ok).length;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO siasn_kirim (pegawai_id, tahun, bulan, pns_id, riwayat_id, status, pesan, data_hash, pengiriman_id, dikirim_at)
      SELECT x.pegawai_id, ${p.tahun}, ${p.bulan}::smallint, x.pns_id, x.riwayat_id, x.status, x.pesan,
             CASE WHEN x.status = 'TERKIRIM' THEN x.data_hash END, ${id}, ${now}
      FROM unnest(${hasil.map((h) => Number(h.kunci))}::int[], ${hasil.map((h) => h.pnsId)}::text[],
                  ${hasil.map((h) => h.riwayatId)}::text[], ${hasil.map((h) => (h.ok ? 'TERKIRIM' : 'GAGAL'))}::text[],
                  ${hasil.map((h) => h.pesan?.slice(0, 1000) ?? null)}::text[], ${hasil.map((h) => hash.get(h.kunci) ?? null)}::text[])
           AS x(pegawai_id, pns_id, riwayat_id, status, pesan, data_hash)
      ON CONFLICT (pegawai_id, tahun, bulan) DO UPDATE SET
        pns_id = coalesce(EXCLUDED.pns_id, siasn_kirim.pns_id),
        riwayat_id = coalesce(EXCLUDED.riwayat_id, siasn_kirim.riwayat_id),
        status = EXCLUDED.status, pesan = EXCLUDED.pesan,
        data_hash = coalesce(EXCLUDED.data_hash, siasn_kirim.data_hash),
        pengiriman_id = EXCLUDED.pengiriman_id, dikirim_at = EXCLUDED.dikirim_at`;
    await audit(
      tx,
      hasil.map((h) => ({
        ...who,
        action: 'siasn.kirim',
        objectType: 'pegawai',
        objectId: h.kunci,
        after: { ...p, pengiriman: id, status: h.ok ? 'TERKIRIM' : 'GAGAL', riwayatId: h.riwayatId, pesan: h.pesan },
      })),
    );
    await tx.$executeRaw`
      UPDATE siasn_pengiriman SET berhasil = berhasil + ${ok}, gagal = gagal + ${hasil.length - ok}, diperbarui_at = ${now}
      WHERE id = ${id}`;
  });
}
