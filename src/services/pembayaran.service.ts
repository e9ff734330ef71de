import { prisma } from '../db/prisma.ts';
import { monthRange } from '../domain/periode.ts';
import { labelRapel, type Rapel } from '../domain/rapel.ts';
import { samarkanRekening } from '../domain/rekening.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { NotFoundError } from '../lib/errors.ts';
import { bolehLihatRekeningPenuh, type PembacaPembayaran } from '../policies/pembayaran.policy.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { getLogo } from './logo.service.ts';

// Daftar pembayaran TPP (issue 22): per OPD (a unit subtree) and month, for the bendahara, read from the frozen months
// only (tpp_tetap: a list that is paid must never move), so its totals are the sums of the same pegawai-months every
// other output shows. Each row: the month's TPP, the THR/gaji ke-13 line, bruto, the deductions (BPJS 1 %, PPh 21),
// the tunjangan PPh, neto; a month held by a penundaan is listed but not transferred, and once released it is paid
// here as a rapel line (the held month's frozen figures, tpp_rapel written by the penetapan: src/domain/rapel.ts).
// Account numbers leave this module masked unless the reader may see them (src/policies/pembayaran.policy.ts).

export type BarisBayar = {
  pegawaiId: number;
  nip: string;
  nama: string;
  unit: string | null;
  bankNama: string | null;
  /** the number as this reader may see it (masked for the bendahara), null when none is recorded */
  rekening: string | null;
  rekeningLengkap: boolean;
  tpp: number;
  tambahan: number;
  bruto: number;
  bpjsPegawai: number;
  pph21: number;
  tunjanganPph: number;
  neto: number;
  /** held by a penundaan at the penetapan: listed, not transferred */
  ditunda: boolean;
  /** a held row already paid as a rapel: the month whose list paid it */
  dirapel: { tahun: number; bulan: number } | null;
  /** a rapel line: the held month it pays (its figures are that month's) and the release date */
  rapel: Rapel | null;
  /** 'Ditunda', the rapel's label, or '' (the Excel's Keterangan; its Dibayarkan formula reads "Ditunda") */
  keterangan: string;
  /** what is transferred: neto, or 0 when held */
  dibayar: number;
  bpjsPemda: number;
};

export const KOLOM_JUMLAH = ['tpp', 'tambahan', 'bruto', 'bpjsPegawai', 'pph21', 'tunjanganPph', 'neto', 'dibayar', 'bpjsPemda'] as const;
export type Jumlah = Record<(typeof KOLOM_JUMLAH)[number], number>;

/**
 * The unit of the list in the reader's reach (404 otherwise): the admin any unit (default: the whole Pemda); a bendahara
 * the OPD of their own unit (`unit_opd()`: the ancestor just under the Pemda) and its sub-units (default: that OPD).
 */
export async function unitPembayaran(user: PembacaPembayaran, unitId: number | null) {
  const rows = await prisma.$queryRaw<
    { id: number; nama: string; dalam: boolean; subtree: number[]; pilihan: { id: number; nama: string }[] }[]
  >`
    WITH RECURSIVE akar AS (
      SELECT CASE WHEN ${user.isAdmin} THEN (SELECT id FROM unit_kerja WHERE induk_id IS NULL ORDER BY id LIMIT 1)
             ELSE unit_opd(${user.unitId}::int) END AS id
    ), sub AS (
      SELECT id FROM unit_kerja WHERE id = (SELECT id FROM akar)
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    ), pilih AS (SELECT coalesce(${unitId}::int, (SELECT id FROM akar)) AS id
    ), bawah AS (
      SELECT id FROM pilih
      UNION ALL SELECT u.id FROM unit_kerja u JOIN bawah ON u.induk_id = bawah.id
    )
    SELECT u.id, u.nama, (${user.isAdmin} OR EXISTS (SELECT 1 FROM sub WHERE sub.id = u.id)) AS dalam,
           (SELECT array_agg(id) FROM bawah) AS subtree,
           (SELECT coalesce(json_agg(json_build_object('id', x.id, 'nama', x.nama) ORDER BY x.induk_id NULLS FIRST, x.nama), '[]')
              FROM unit_kerja x WHERE x.aktif AND (x.id = (SELECT id FROM akar) OR x.induk_id = (SELECT id FROM akar))) AS pilihan
    FROM unit_kerja u WHERE u.id = (SELECT id FROM pilih)`;
  const u = rows[0];
  if (!u || !u.dalam) throw new NotFoundError();
  return u;
}

type Row = {
  pegawai_id: number;
  nip: string;
  nama: string;
  unit: string | null;
  bank_nama: string | null;
  rekening: string | null;
  total: number;
  tambahan: number;
  bpjs_pegawai: number | null;
  bpjs_pemda: number | null;
  pph21: number | null;
  tunjangan_pph: number | null;
  neto: number | null;
  ditunda: boolean;
  dirapel: { tahun: number; bulan: number } | null;
  rapel: Rapel | null;
};

/** The head of the OPD on the month's last day (a Plt when the post was vacant), for the signature. */
export type KepalaOpd = { nama: string; nip: string; plt: boolean; jabatan: string | null };

/**
 * The list of a unit subtree and month for this reader, in two statements (the unit's reach, then the penetapan with
 * its rows). A month not ditetapkan, or ditetapkan before bruto → neto existed, has no list: `ok: false` with the
 * message the page shows (and the files answer with 409).
 */
export async function daftarPembayaran(user: PembacaPembayaran, unitId: number | null, tahun: number, bulan: number) {
  const unit = await unitPembayaran(user, unitId);
  const { akhir } = monthRange(tahun, bulan);
  const [r] = await prisma.$queryRaw<
    {
      ditetapkan_at: Date | null;
      rows: Row[] | null;
      bendahara: { nama: string; nip: string } | null;
      kepala: KepalaOpd | null;
      opd: string;
      opd_akar: boolean;
    }[]
  >`
    WITH RECURSIVE opd AS (SELECT id, nama, induk_id FROM unit_kerja WHERE id = unit_opd(${unit.id}::int)),
    sub AS (SELECT id FROM opd UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id)
    SELECT (SELECT ditetapkan_at FROM tpp_penetapan WHERE tahun = ${tahun} AND bulan = ${bulan}) AS ditetapkan_at,
      (SELECT json_agg(x ORDER BY x.unit, x.nama, x.nip, x.urut) FROM (
         SELECT t.pegawai_id, p.nip, p.nama, u.nama AS unit, p.bank_nama, p.rekening, t.total, t.tambahan, t.bpjs_pegawai,
                t.bpjs_pemda, t.pph21, t.tunjangan_pph, t.neto, t.ditunda, 0 AS urut, NULL::json AS rapel,
                (SELECT json_build_object('tahun', r.bayar_tahun, 'bulan', r.bayar_bulan) FROM tpp_rapel r
                  WHERE r.tahun = t.tahun AND r.bulan = t.bulan AND r.pegawai_id = t.pegawai_id) AS dirapel
         FROM tpp_tetap t JOIN pegawai p ON p.id = t.pegawai_id LEFT JOIN unit_kerja u ON u.id = t.unit_id
         WHERE t.tahun = ${tahun} AND t.bulan = ${bulan} AND t.unit_id = ANY(${unit.subtree}::int[])
         UNION ALL
         -- the rapel this month pays: the held month's frozen lines, listed under the unit that held it
         SELECT h.pegawai_id, p.nip, p.nama, u.nama, p.bank_nama, p.rekening, h.total, h.tambahan, h.bpjs_pegawai,
                h.bpjs_pemda, h.pph21, h.tunjangan_pph, h.neto, false, h.tahun * 100 + h.bulan,
                json_build_object('tahun', h.tahun, 'bulan', h.bulan, 'dilepas', r.dilepas::text), NULL
         FROM tpp_rapel r
         JOIN tpp_tetap h ON h.tahun = r.tahun AND h.bulan = r.bulan AND h.pegawai_id = r.pegawai_id
         JOIN pegawai p ON p.id = h.pegawai_id LEFT JOIN unit_kerja u ON u.id = h.unit_id
         WHERE r.bayar_tahun = ${tahun} AND r.bayar_bulan = ${bulan} AND h.unit_id = ANY(${unit.subtree}::int[])) x) AS rows,
      (SELECT json_build_object('nama', b.nama, 'nip', b.nip) FROM pegawai b
        WHERE b.aktif AND 'BENDAHARA' = ANY(b.peran) AND b.unit_id = ANY(${unit.subtree}::int[]) ORDER BY b.id LIMIT 1) AS bendahara,
      (SELECT nama FROM opd) AS opd, (SELECT induk_id IS NULL FROM opd) AS opd_akar,
      (${kepalaOpdSql(akhir)}) AS kepala`;
  const label = `${unit.nama} bulan ${String(bulan).padStart(2, '0')}/${tahun}`;
  const dasar = { unit: { id: unit.id, nama: unit.nama }, pilihan: unit.pilihan, tahun, bulan };
  if (!r.ditetapkan_at)
    return {
      ...dasar,
      ok: false as const,
      pesan: `TPP ${label} belum ditetapkan. Daftar pembayaran hanya dibuat untuk bulan yang sudah ditetapkan (Admin → TPP → Tetapkan TPP), agar yang dibayar tidak berubah lagi.`,
    };
  const list = r.rows ?? [];
  if (list.some((x) => x.neto === null))
    return {
      ...dasar,
      ok: false as const,
      pesan: `TPP ${label} ditetapkan sebelum aplikasi menghitung BPJS dan PPh 21: batalkan penetapan bulan itu lalu tetapkan lagi untuk membuat daftar pembayarannya.`,
    };
  const rows: BarisBayar[] = list.map((x) => {
    const lengkap = bolehLihatRekeningPenuh(user, x.pegawai_id);
    const bruto = x.total + x.tambahan;
    const neto = x.neto as number;
    return {
      dirapel: x.dirapel,
      rapel: x.rapel,
      keterangan: x.ditunda ? 'Ditunda' : x.rapel ? labelRapel(x.rapel) : '',
      pegawaiId: x.pegawai_id,
      nip: x.nip,
      nama: x.nama,
      unit: x.unit,
      bankNama: x.bank_nama,
      rekening: lengkap ? x.rekening : samarkanRekening(x.rekening),
      rekeningLengkap: lengkap,
      tpp: x.total,
      tambahan: x.tambahan,
      bruto,
      bpjsPegawai: x.bpjs_pegawai ?? 0,
      pph21: x.pph21 ?? 0,
      tunjanganPph: x.tunjangan_pph ?? 0,
      neto,
      ditunda: x.ditunda,
      dibayar: x.ditunda ? 0 : neto,
      bpjsPemda: x.bpjs_pemda ?? 0,
    };
  });
  const jumlah = Object.fromEntries(KOLOM_JUMLAH.map((k) => [k, rows.reduce((s, x) => s + x[k], 0)])) as Jumlah;
  return {
    ...dasar,
    ok: true as const,
    ditetapkanAt: r.ditetapkan_at,
    rows,
    jumlah,
    pegawai: new Set(rows.map((x) => x.pegawaiId)).size,
    bendahara: r.bendahara,
    kepala: r.kepala,
    // the signature's post: the head of the list's OPD (of the Pemda's own unit: the head's jabatan, e.g. Sekda)
    jabatanKepala: r.opd_akar && r.kepala?.jabatan ? r.kepala.jabatan : `Kepala ${r.opd}`,
  };
}
export type DaftarPembayaran = Extract<Awaited<ReturnType<typeof daftarPembayaran>>, { ok: true }>;

/**
 * The head of the OPD on `hari` (the month's last day), from the history of that day (docs/aturan-tpp.md): the pegawai
 * in service whose riwayat puts them in the OPD and whose atasan is none or outside the OPD, the holder of the OPD's
 * head post first (a post reporting to none or outside the OPD), then that post's Plt (penugasan PLT covering the day),
 * then any such pegawai, highest kelas first; null when nobody. Expects the CTEs `opd` and `sub` (the OPD's units).
 */
function kepalaOpdSql(hari: string) {
  return Prisma.sql`
    WITH pos AS (
      SELECT j.id FROM jabatan j LEFT JOIN jabatan a ON a.id = j.atasan_jabatan_id
      WHERE j.unit_id IN (SELECT id FROM sub) AND (a.id IS NULL OR a.unit_id NOT IN (SELECT id FROM sub))),
    calon AS (
      SELECT p.nama, p.nip, false AS plt, h.jabatan_id IN (SELECT id FROM pos) AS pos, j.kelas, j.nama AS jabatan, p.id
      FROM riwayat_jabatan h JOIN pegawai p ON p.id = h.pegawai_id LEFT JOIN jabatan j ON j.id = h.jabatan_id
      WHERE h.unit_id IN (SELECT id FROM sub)
        AND (h.tmt_awal IS NULL OR h.tmt_awal <= ${hari}::date) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > ${hari}::date)
        AND (p.tmt IS NULL OR p.tmt <= ${hari}::date) AND (p.berhenti IS NULL OR p.berhenti >= ${hari}::date)
        AND (h.atasan_id IS NULL OR NOT EXISTS (
              SELECT 1 FROM sub WHERE sub.id = coalesce(
                (SELECT ha.unit_id FROM riwayat_jabatan ha WHERE ha.pegawai_id = h.atasan_id
                    AND (ha.tmt_awal IS NULL OR ha.tmt_awal <= ${hari}::date) AND (ha.tmt_akhir IS NULL OR ha.tmt_akhir > ${hari}::date) LIMIT 1),
                (SELECT pa.unit_id FROM pegawai pa WHERE pa.id = h.atasan_id))))
      UNION ALL
      SELECT p.nama, p.nip, true, true, j.kelas, j.nama, p.id
      FROM penugasan_atasan t JOIN pegawai p ON p.id = t.pelaksana_id JOIN jabatan j ON j.id = t.jabatan_id
      WHERE t.jenis = 'PLT' AND t.aktif AND t.mulai <= ${hari}::date AND t.selesai >= ${hari}::date AND t.jabatan_id IN (SELECT id FROM pos))
    SELECT json_build_object('nama', nama, 'nip', nip, 'plt', plt, 'jabatan', jabatan) FROM calon
    ORDER BY pos DESC, plt ASC, kelas DESC NULLS LAST, id LIMIT 1`;
}

/** The logo for the PDF's kop. */
export const logoPembayaran = async () => (await getLogo())?.data ?? null;

/**
 * The bank's bulk-transfer rows (admin only, account numbers in full): the rows transferred this month, i.e. neither
 * held nor zero, with an account; the rows left out are returned for the page to name. The export is audited (who took
 * the account numbers of which list), without the numbers.
 */
export async function fileBank(daftar: DaftarPembayaran, who: Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>) {
  const dikirim = daftar.rows.filter((x) => x.dibayar > 0 && x.rekening && x.rekeningLengkap);
  await prisma.$transaction(async (tx) =>
    audit(tx, {
      ...who,
      action: 'pembayaran.file-bank',
      objectType: 'tpp_penetapan',
      objectId: `${daftar.tahun}-${daftar.bulan}`,
      after: { unitId: daftar.unit.id, baris: dikirim.length, jumlah: dikirim.reduce((s, x) => s + x.dibayar, 0) },
    }),
  );
  return dikirim;
}
