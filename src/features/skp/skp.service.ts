import { prisma } from '../../db/prisma.ts';
import { BERAKHLAK, type NilaiBerakhlak } from '../../domain/skp.ts';
import type { StatusTarget } from '../../domain/target.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { FieldError } from '../../lib/field-error.ts';
import { type AuditEntry, audit } from '../../services/audit.service.ts';
import { lingkupSql } from '../../services/riwayat.service.ts';
import { type Akses, aksesPegawai, type Pembaca, wajibMenilai } from './akses.service.ts';
import { bisaDiajukanSkp, statusSkpSetelahUbah, tanggalAkses, tanggalRencana } from './skp.policy.ts';
import type { LampiranInput, PerilakuInput, RhkInput } from './skp.schema.ts';

/**
 * The SKP of a pegawai (PermenPAN-RB 6/2022, issue 19; docs/skp.md "SKP and its workflow"): its RHK cascaded from the
 * atasan's, their indicators, the perilaku kerja with the ekspektasi khusus pimpinan, the Lampiran, and Persetujuan
 * Target's workflow (draf → diajukan → disetujui / dikembalikan). Who reaches an SKP is `aksesPegawai` on the SKP's
 * date (skp.policy.ts `tanggalAkses`); out of reach is a 404, readable but not one's to change a 403.
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

/** A refusal because of the SKP's state (a decision on a changed SKP, a deleted RHK others build on): 409. */
export class SkpKonflikError extends AppError {
  constructor(message: string, judul = 'SKP tidak dapat diubah') {
    super(message, 409, judul);
  }
}

export type SkpRingkas = {
  id: number;
  pegawai: { id: number; nip: string; nama: string };
  tahun: number;
  mulai: string;
  selesai: string;
  status: StatusTarget;
  jabatan: string | null;
  unit: string | null;
  jumlahRhk: number;
};

const RINGKAS = Prisma.sql`
  s.id, s.tahun::int AS tahun, s.mulai::text AS mulai, s.selesai::text AS selesai, s.status::text AS status,
  json_build_object('id', p.id, 'nip', p.nip, 'nama', p.nama) AS pegawai, j.nama AS jabatan, u.nama AS unit,
  (SELECT count(*)::int FROM rhk r WHERE r.skp_id = s.id) AS "jumlahRhk"`;

/**
 * The /skp page: the reader's own SKP of the year, and those of the pegawai they rate (direct subordinates by date,
 * Plt/Plh, pejabat puncak) on each SKP's date. One statement: the reader's windows, then both lists through
 * skp (pegawai_id, tahun).
 */
export async function halamanSkp(user: Pembaca, tahun: number, today: string) {
  const rows = await prisma.$queryRaw<(SkpRingkas & { milik: boolean })[]>`
    WITH w AS (${await lingkupSql(user.id, today)}),
      b AS (SELECT DISTINCT pegawai_id, tmt_awal, tmt_akhir FROM w WHERE pegawai_id <> ${user.id})
    SELECT ${RINGKAS}, true AS milik
    FROM skp s JOIN pegawai p ON p.id = s.pegawai_id LEFT JOIN jabatan j ON j.id = s.jabatan_id LEFT JOIN unit_kerja u ON u.id = s.unit_id
    WHERE s.pegawai_id = ${user.id} AND s.tahun = ${tahun}
    UNION ALL
    SELECT DISTINCT ON (s.id) ${RINGKAS}, false
    FROM b JOIN skp s ON s.pegawai_id = b.pegawai_id AND s.tahun = ${tahun}
      AND (b.tmt_awal IS NULL OR b.tmt_awal <= LEAST(GREATEST(${today}::date, s.mulai), s.selesai))
      AND (b.tmt_akhir IS NULL OR LEAST(GREATEST(${today}::date, s.mulai), s.selesai) < b.tmt_akhir)
    JOIN pegawai p ON p.id = s.pegawai_id LEFT JOIN jabatan j ON j.id = s.jabatan_id LEFT JOIN unit_kerja u ON u.id = s.unit_id
    ORDER BY milik DESC, mulai, id
    LIMIT 1000`;
  const milik = rows.filter((r) => r.milik);
  const bawahan = rows.filter((r) => !r.milik).sort((a, b) => a.pegawai.nama.localeCompare(b.pegawai.nama, 'id'));
  const hari = tanggalRencana(tahun, today);
  return { milik, bawahan, bolehBuat: !milik.some((s) => s.mulai <= hari && hari <= s.selesai) };
}

type Kepala = { id: number; pegawaiId: number; tahun: number; mulai: string; selesai: string; status: StatusTarget; versi: number };

/** An SKP's header (404 when there is none); its reach is checked by the caller. */
async function kepala(id: number, db: Prisma.TransactionClient | typeof prisma = prisma): Promise<Kepala> {
  const [s] = await db.$queryRaw<Kepala[]>`
    SELECT id, pegawai_id AS "pegawaiId", tahun::int AS tahun, mulai::text AS mulai, selesai::text AS selesai,
           status::text AS status, versi FROM skp WHERE id = ${id}`;
  if (!s) throw new NotFoundError('SKP tidak ditemukan.');
  return s;
}

/** The pegawai's own SKP for a change: someone who may read it gets 403, anyone else 404. */
async function wajibPemilik(user: Pembaca, s: Kepala, today: string): Promise<void> {
  if (user.id === s.pegawaiId) return;
  await aksesPegawai(user, s.pegawaiId, tanggalAkses(s, today), today);
  throw new ForbiddenError('Hanya pegawai pemilik SKP yang dapat menyusun dan mengubahnya.');
}

export type Intervensi =
  | { jenis: 'rhk'; id: number; uraian: string; pegawai: string }
  | { jenis: 'tujuan'; id: number; kode: string | null; uraian: string };

export type RhkDetail = {
  id: number;
  jenis: 'UTAMA' | 'TAMBAHAN';
  uraian: string;
  urutan: number;
  rhkAtasanId: number | null;
  tujuanOpdId: number | null;
  intervensi: Intervensi | null;
  indikator: { aspek: string; iki: string; targetAngka: string | null; satuan: string | null; targetTeks: string | null }[];
  target: { id: number; pekerjaan: string; kuantitas: string; satuan: string }[];
  bawahan: { id: number; uraian: string; pegawai: string }[];
};

export type SkpDetail = SkpRingkas & {
  versi: number;
  catatanAtasan: string | null;
  diputusAt: string | null;
  diputusSebagai: string | null;
  dukunganSumberDaya: string | null;
  skemaPertanggungjawaban: string | null;
  konsekuensi: string | null;
  golongan: string | null;
  penilai: { id: number; nip: string; nama: string; sebagai: 'Plt' | null; jabatan: string | null; unit: string | null } | null;
  rhk: RhkDetail[];
  perilaku: { nilai: NilaiBerakhlak; ekspektasiKhusus: string }[];
};

/**
 * One SKP with everything its page and its PDF show, and the reader's access. One statement for the SKP (its RHK with
 * what each intervenes, indicators, targets and the bawahan RHK that intervene it; the perilaku; the pejabat penilai
 * of the SKP's date from the history), then the access rule (none for the pegawai themself).
 */
export async function detailSkp(user: Pembaca, id: number, today: string): Promise<{ skp: SkpDetail; akses: Akses; tanggal: string }> {
  const [s] = await prisma.$queryRaw<(SkpDetail & { pegawaiId: number })[]>`
    SELECT ${RINGKAS}, s.pegawai_id AS "pegawaiId", s.versi, s.catatan_atasan AS "catatanAtasan",
      to_char(s.diputus_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "diputusAt", s.diputus_sebagai AS "diputusSebagai",
      s.dukungan_sumber_daya AS "dukunganSumberDaya", s.skema_pertanggungjawaban AS "skemaPertanggungjawaban", s.konsekuensi,
      p.golongan::text AS golongan,
      -- the pejabat penilai on the SKP's date: the atasan in the history row, else a Plt of the post it reports to
      (SELECT json_build_object('id', a.id, 'nip', a.nip, 'nama', a.nama, 'sebagai', x.sebagai,
                'jabatan', COALESCE((SELECT ja.nama FROM riwayat_jabatan ha JOIN jabatan ja ON ja.id = ha.jabatan_id
                                      WHERE ha.pegawai_id = a.id AND (ha.tmt_awal IS NULL OR ha.tmt_awal <= d.tanggal)
                                        AND (ha.tmt_akhir IS NULL OR ha.tmt_akhir > d.tanggal) LIMIT 1),
                                    (SELECT ja.nama FROM jabatan ja WHERE ja.id = a.jabatan_id)),
                'unit', (SELECT ua.nama FROM unit_kerja ua WHERE ua.id = a.unit_id))
         FROM (SELECT h.atasan_id AS id, NULL::text AS sebagai, 0 AS urut FROM riwayat_jabatan h
                WHERE h.pegawai_id = s.pegawai_id AND h.atasan_id IS NOT NULL
                  AND (h.tmt_awal IS NULL OR h.tmt_awal <= d.tanggal) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > d.tanggal)
               UNION ALL
               SELECT t.pelaksana_id, 'Plt', 1 FROM riwayat_jabatan h JOIN jabatan j ON j.id = h.jabatan_id
                 JOIN penugasan_atasan t ON t.jenis = 'PLT' AND t.aktif AND t.jabatan_id = j.atasan_jabatan_id
                  AND t.mulai <= d.tanggal AND t.selesai >= d.tanggal
                WHERE h.pegawai_id = s.pegawai_id
                  AND (h.tmt_awal IS NULL OR h.tmt_awal <= d.tanggal) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > d.tanggal)
               ORDER BY urut LIMIT 1) x
         JOIN pegawai a ON a.id = x.id) AS penilai,
      (SELECT COALESCE(json_agg(json_build_object(
          'id', r.id, 'jenis', r.jenis, 'uraian', r.uraian, 'urutan', r.urutan,
          'rhkAtasanId', r.rhk_atasan_id, 'tujuanOpdId', r.tujuan_opd_id,
          'intervensi', CASE
             WHEN r.rhk_atasan_id IS NOT NULL THEN (SELECT json_build_object('jenis', 'rhk', 'id', ra.id, 'uraian', ra.uraian, 'pegawai', pa.nama)
                                                    FROM rhk ra JOIN skp sa ON sa.id = ra.skp_id JOIN pegawai pa ON pa.id = sa.pegawai_id WHERE ra.id = r.rhk_atasan_id)
             WHEN r.tujuan_opd_id IS NOT NULL THEN (SELECT json_build_object('jenis', 'tujuan', 'id', t.id, 'kode', t.kode, 'uraian', t.uraian)
                                                    FROM tujuan_opd t WHERE t.id = r.tujuan_opd_id) END,
          'indikator', (SELECT COALESCE(json_agg(json_build_object('aspek', i.aspek, 'iki', i.iki, 'targetAngka', i.target_angka::text,
                                                                  'satuan', i.satuan, 'targetTeks', i.target_teks) ORDER BY i.aspek), '[]')
                        FROM rhk_indikator i WHERE i.rhk_id = r.id),
          'target', (SELECT COALESCE(json_agg(json_build_object('id', tt.id, 'pekerjaan', tt.pekerjaan, 'kuantitas', tt.kuantitas::text,
                                                               'satuan', tt.satuan) ORDER BY tt.id), '[]')
                     FROM target_tahunan tt WHERE tt.rhk_id = r.id),
          'bawahan', (SELECT COALESCE(json_agg(json_build_object('id', rb.id, 'uraian', rb.uraian, 'pegawai', pb.nama) ORDER BY pb.nama, rb.id), '[]')
                      FROM rhk rb JOIN skp sb ON sb.id = rb.skp_id JOIN pegawai pb ON pb.id = sb.pegawai_id WHERE rb.rhk_atasan_id = r.id)
        ) ORDER BY r.jenis, r.urutan, r.id), '[]') FROM rhk r WHERE r.skp_id = s.id) AS rhk,
      (SELECT COALESCE(json_agg(json_build_object('nilai', sp.nilai, 'ekspektasiKhusus', sp.ekspektasi_khusus)), '[]')
         FROM skp_perilaku sp WHERE sp.skp_id = s.id) AS perilaku
    FROM skp s JOIN pegawai p ON p.id = s.pegawai_id LEFT JOIN jabatan j ON j.id = s.jabatan_id LEFT JOIN unit_kerja u ON u.id = s.unit_id
    CROSS JOIN LATERAL (SELECT LEAST(GREATEST(${today}::date, s.mulai), s.selesai) AS tanggal) d
    WHERE s.id = ${id}`;
  if (!s) throw new NotFoundError('SKP tidak ditemukan.');
  const tanggal = tanggalAkses(s, today);
  const akses = await aksesPegawai(user, s.pegawaiId, tanggal, today);
  return { skp: s, akses, tanggal };
}

export type PilihanIntervensi = {
  /** the pegawai is the top of their OPD over the SKP (no atasan, Plt included, in the same OPD): they intervene OPD goals */
  puncak: boolean;
  rhkAtasan: { id: number; uraian: string; pegawai: string; mulai: string; selesai: string }[];
  tujuan: { id: number; kode: string | null; uraian: string; unit: string }[];
};

/**
 * What an RHK of this SKP may intervene (issue 19 §1, docs/skp.md):
 *   - the RHK of an SKP of the pegawai's atasan — whoever the history names as atasan over the SKP's dates, or a Plt of
 *     the post the pegawai's jabatan reports to — whose period overlaps the days that person was the atasan;
 *   - for the top of an OPD (no such atasan in the same OPD, or none at all: a Kepala OPD under the Sekda, the Sekda
 *     themself) instead the active goals (tujuan_opd) of their OPD for the SKP's year; with no atasan at all (the
 *     Sekda) also the Pemda's own goals (the root unit's).
 * The OPD of a unit is `unit_opd()` (migration 20261211000000_skp_core): the unit under the root. One statement.
 */
export async function pilihanIntervensi(skpId: number, db: Prisma.TransactionClient | typeof prisma = prisma): Promise<PilihanIntervensi> {
  const [r] = await db.$queryRaw<PilihanIntervensi[]>`
    WITH s AS (SELECT * FROM skp WHERE id = ${skpId}),
    riwayat AS (
      SELECT h.jabatan_id, h.unit_id, h.atasan_id,
             GREATEST(COALESCE(h.tmt_awal, s.mulai), s.mulai) AS dari, LEAST(COALESCE(h.tmt_akhir - 1, s.selesai), s.selesai) AS sampai
      FROM s JOIN riwayat_jabatan h ON h.pegawai_id = s.pegawai_id
      WHERE (h.tmt_awal IS NULL OR h.tmt_awal <= s.selesai) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > s.mulai)),
    -- without a history row over the SKP: today's jabatan, unit and atasan (as the migration of recorded targets does)
    h AS (
      SELECT * FROM riwayat
      UNION ALL
      SELECT p.jabatan_id, p.unit_id, p.atasan_id, s.mulai, s.selesai FROM s JOIN pegawai p ON p.id = s.pegawai_id
      WHERE NOT EXISTS (SELECT 1 FROM riwayat)),
    atasan AS (
      SELECT h.atasan_id AS id, h.unit_id, h.dari, h.sampai FROM h WHERE h.atasan_id IS NOT NULL
      UNION
      SELECT t.pelaksana_id, h.unit_id, GREATEST(h.dari, t.mulai), LEAST(h.sampai, t.selesai)
      FROM h JOIN jabatan j ON j.id = h.jabatan_id
      JOIN penugasan_atasan t ON t.jenis = 'PLT' AND t.aktif AND t.jabatan_id = j.atasan_jabatan_id AND t.mulai <= h.sampai AND t.selesai >= h.dari),
    -- the atasan's unit on the first day they were atasan (their history; else their unit today)
    atasan_unit AS (
      SELECT a.*, COALESCE(
        (SELECT ha.unit_id FROM riwayat_jabatan ha WHERE ha.pegawai_id = a.id
            AND (ha.tmt_awal IS NULL OR ha.tmt_awal <= a.dari) AND (ha.tmt_akhir IS NULL OR ha.tmt_akhir > a.dari) LIMIT 1),
        (SELECT pa.unit_id FROM pegawai pa WHERE pa.id = a.id)) AS atasan_unit_id
      FROM atasan a),
    k AS (
      SELECT NOT EXISTS (SELECT 1 FROM atasan_unit a WHERE unit_opd(a.atasan_unit_id) = unit_opd(a.unit_id)) AS puncak,
             NOT EXISTS (SELECT 1 FROM atasan) AS tanpa_atasan,
             (SELECT unit_id FROM s) AS unit_id, (SELECT tahun FROM s) AS tahun)
    SELECT k.puncak,
      (SELECT COALESCE(json_agg(x ORDER BY x.pegawai, x.mulai, x.urutan, x.id), '[]') FROM (
         SELECT DISTINCT ON (r.id) r.id, r.uraian, r.urutan, pa.nama AS pegawai, sa.mulai::text AS mulai, sa.selesai::text AS selesai
         FROM atasan a JOIN skp sa ON sa.pegawai_id = a.id AND sa.mulai <= a.sampai AND sa.selesai >= a.dari
         JOIN rhk r ON r.skp_id = sa.id JOIN pegawai pa ON pa.id = a.id
         WHERE NOT k.puncak) x) AS "rhkAtasan",
      (SELECT COALESCE(json_agg(json_build_object('id', t.id, 'kode', t.kode, 'uraian', t.uraian, 'unit', un.nama)
                                ORDER BY t.unit_id <> unit_opd(k.unit_id), t.urutan, t.kode, t.id), '[]')
         FROM tujuan_opd t JOIN unit_kerja un ON un.id = t.unit_id
        WHERE k.puncak AND t.tahun = k.tahun AND t.aktif
          AND (t.unit_id = unit_opd(k.unit_id) OR (k.tanpa_atasan AND t.unit_id = unit_akar(k.unit_id)))) AS tujuan
    FROM k`;
  return r;
}

/** The field error for a chosen intervention that the rules refuse, or null. */
function salahIntervensi(
  input: Pick<RhkInput, 'jenis' | 'rhkAtasanId' | 'tujuanOpdId'>,
  p: PilihanIntervensi,
  wajib: boolean,
): string | null {
  if (input.rhkAtasanId !== null) {
    if (p.puncak)
      return 'Anda pimpinan tertinggi OPD pada periode SKP ini: RHK Anda mengintervensi tujuan OPD, bukan RHK atasan di luar OPD.';
    if (!p.rhkAtasan.some((r) => r.id === input.rhkAtasanId))
      return 'RHK yang dipilih bukan RHK atasan Anda pada periode SKP ini. Pilih dari daftar RHK atasan.';
  }
  if (input.tujuanOpdId !== null) {
    if (!p.puncak) return 'Tujuan OPD diintervensi oleh pimpinan tertinggi OPD. Pilih RHK atasan Anda yang diintervensi.';
    if (!p.tujuan.some((t) => t.id === input.tujuanOpdId)) return 'Tujuan ini bukan tujuan OPD Anda yang aktif pada tahun SKP ini.';
  }
  if (wajib && input.jenis === 'UTAMA' && input.rhkAtasanId === null && input.tujuanOpdId === null)
    return p.puncak
      ? 'RHK utama harus mengintervensi salah satu tujuan OPD sebelum SKP diajukan.'
      : 'RHK utama harus mengintervensi salah satu RHK atasan sebelum SKP diajukan.';
  return null;
}

/** The trigger rhk_tanpa_putaran (a cascade that would loop) refused the write. */
const putaran = (e: unknown) => /rhk_tanpa_putaran|putaran intervensi/.test(`${(e as Error)?.message ?? ''} ${JSON.stringify(e ?? {})}`);
const PESAN_PUTARAN = 'Pilihan ini membuat intervensi berputar (RHK atasan itu, lewat atasannya, mengintervensi RHK ini). Pilih RHK lain.';

/** The RHK of an SKP with its fields, for the edit form (404 when it is not of that SKP). */
export async function rhkUntukUbah(skpId: number, rhkId: number) {
  const r = await prisma.rhk.findFirst({
    where: { id: rhkId, skpId },
    select: { id: true, jenis: true, uraian: true, rhkAtasanId: true, tujuanOpdId: true, indikator: true },
  });
  if (!r) throw new NotFoundError('RHK tidak ditemukan.');
  return r;
}

/** The RHK form: the SKP (the reader must be its pegawai), and what its RHK may intervene. */
export async function formRhk(user: Pembaca, skpId: number, today: string) {
  const s = await kepala(skpId);
  await wajibPemilik(user, s, today);
  return { skp: s, pilihan: await pilihanIntervensi(skpId) };
}

/**
 * Saves a new RHK (`rhkId` null; idempotent by the form's key) or changes one, with its indicators, in one
 * transaction on the locked SKP: the intervention is checked against the rules above (422 next to the field), the
 * database's trigger refuses a loop (422 too), and an approved or submitted SKP goes back to the atasan.
 */
export async function simpanRhk(
  user: Pembaca,
  skpId: number,
  rhkId: number | null,
  input: RhkInput,
  today: string,
  who: Who,
): Promise<{ ok: true; id: number } | { ok: false; errors: Record<string, string> }> {
  const s = await kepala(skpId);
  await wajibPemilik(user, s, today);
  if (rhkId === null && input.idempotencyKey) {
    const ada = await prisma.rhk.findUnique({
      where: { skpId_idempotencyKey: { skpId, idempotencyKey: input.idempotencyKey } },
      select: { id: true },
    });
    if (ada) return { ok: true, id: ada.id };
  }
  const lama = rhkId === null ? null : await rhkUntukUbah(skpId, rhkId);
  const status = statusSkpSetelahUbah(s.status);
  const salah = salahIntervensi(input, await pilihanIntervensi(skpId), status === 'DIAJUKAN');
  if (salah) return { ok: false, errors: { intervensi: salah } };
  try {
    const id = await prisma.$transaction(async (tx) => {
      // the SKP locked first: its state is read after any decision or change that was on its way
      await tx.$queryRaw`SELECT id FROM skp WHERE id = ${skpId} FOR UPDATE`;
      const kunci = await kepala(skpId, tx);
      const data = { jenis: input.jenis, uraian: input.uraian, rhkAtasanId: input.rhkAtasanId, tujuanOpdId: input.tujuanOpdId };
      let id: number;
      if (lama) {
        const { count } = await tx.rhk.updateMany({ where: { id: lama.id, skpId }, data });
        if (count === 0) throw new NotFoundError('RHK tidak ditemukan.');
        id = lama.id;
        await tx.rhkIndikator.deleteMany({ where: { rhkId: id } });
      } else {
        const urutan = (await tx.rhk.aggregate({ where: { skpId }, _max: { urutan: true } }))._max.urutan ?? 0;
        id = (
          await tx.rhk.create({ data: { skpId, ...data, urutan: urutan + 1, idempotencyKey: input.idempotencyKey }, select: { id: true } })
        ).id;
      }
      await tx.rhkIndikator.createMany({ data: input.indikator.map((i) => ({ rhkId: id, ...i })) });
      const baru = statusSkpSetelahUbah(kunci.status);
      await tx.skp.update({ where: { id: skpId }, data: { status: baru, versi: { increment: 1 } } });
      await audit(tx, {
        ...who,
        action: lama ? 'rhk.ubah' : 'rhk.buat',
        objectType: 'rhk',
        objectId: id,
        before: lama ? { ...lama, indikator: lama.indikator.map(({ id: _, rhkId: __, ...i }) => i) } : undefined,
        after: { skpId, ...data, indikator: input.indikator, statusSkp: baru },
      });
      return id;
    });
    return { ok: true, id };
  } catch (e) {
    if (putaran(e)) return { ok: false, errors: { intervensi: PESAN_PUTARAN } };
    // the chosen RHK (or goal) was deleted between the check and the write
    if (
      (e as { code?: string })?.code === 'P2003' ||
      /23503|rhk_rhk_atasan_id_fkey|rhk_tujuan_opd_id_fkey/.test(`${(e as Error)?.message} ${JSON.stringify(e ?? {})}`)
    )
      return { ok: false, errors: { intervensi: 'RHK atau tujuan yang dipilih baru saja dihapus. Pilih yang lain.' } };
    if ((e as { code?: string })?.code === 'P2002' && rhkId === null && input.idempotencyKey) {
      const ada = await prisma.rhk.findUniqueOrThrow({ where: { skpId_idempotencyKey: { skpId, idempotencyKey: input.idempotencyKey } } });
      return { ok: true, id: ada.id };
    }
    throw e;
  }
}

/**
 * Deletes an RHK of the pegawai's SKP. An RHK that bawahan intervene stays (409 naming them: they unlink first; the
 * foreign key is RESTRICT as the last guard); the targets linked to it stay, outside the SKP (rhk_id → null).
 */
export async function hapusRhk(user: Pembaca, skpId: number, rhkId: number, today: string, who: Who): Promise<void> {
  const s = await kepala(skpId);
  await wajibPemilik(user, s, today);
  const lama = await rhkUntukUbah(skpId, rhkId);
  const bawahan = await prisma.$queryRaw<{ nama: string; uraian: string }[]>`
    SELECT p.nama, r.uraian FROM rhk r JOIN skp sb ON sb.id = r.skp_id JOIN pegawai p ON p.id = sb.pegawai_id
    WHERE r.rhk_atasan_id = ${rhkId} ORDER BY p.nama, r.id`;
  const tolak = (list: { nama: string; uraian: string }[]) =>
    new SkpKonflikError(
      `RHK ini diintervensi oleh RHK bawahan: ${list.map((b) => `${b.nama} ("${b.uraian}")`).join('; ')}. Minta mereka memilih RHK lain dulu, lalu hapus.`,
      'RHK tidak dapat dihapus',
    );
  if (bawahan.length > 0) throw tolak(bawahan);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM skp WHERE id = ${skpId} FOR UPDATE`;
      const kunci = await kepala(skpId, tx);
      const { count } = await tx.rhk.deleteMany({ where: { id: rhkId, skpId } });
      if (count === 0) throw new NotFoundError('RHK tidak ditemukan.');
      const baru = statusSkpSetelahUbah(kunci.status);
      await tx.skp.update({ where: { id: skpId }, data: { status: baru, versi: { increment: 1 } } });
      await audit(tx, { ...who, action: 'rhk.hapus', objectType: 'rhk', objectId: rhkId, before: lama, after: { statusSkp: baru } });
    });
  } catch (e) {
    const sqlState = JSON.stringify(e ?? {});
    if ((e as { code?: string })?.code === 'P2003' || /23503|rhk_rhk_atasan_id_fkey/.test(`${(e as Error)?.message} ${sqlState}`))
      throw tolak([{ nama: 'bawahan', uraian: 'baru saja dipilih' }]);
    throw e;
  }
}

/** Lampiran SKP: the pegawai's texts; a change to an approved SKP sends it back to the atasan. */
export async function simpanLampiran(user: Pembaca, skpId: number, input: LampiranInput, today: string, who: Who): Promise<void> {
  const s = await kepala(skpId);
  await wajibPemilik(user, s, today);
  await prisma.$transaction(async (tx) => {
    const kunci = await kepala(skpId, tx);
    const before = await tx.skp.findUniqueOrThrow({
      where: { id: skpId },
      select: { dukunganSumberDaya: true, skemaPertanggungjawaban: true, konsekuensi: true },
    });
    if (
      before.dukunganSumberDaya === input.dukunganSumberDaya &&
      before.skemaPertanggungjawaban === input.skemaPertanggungjawaban &&
      before.konsekuensi === input.konsekuensi
    )
      return;
    const baru = statusSkpSetelahUbah(kunci.status);
    const { count } = await tx.skp.updateMany({
      where: { id: skpId, versi: kunci.versi },
      data: { ...input, status: baru, versi: { increment: 1 } },
    });
    if (count === 0) throw new SkpKonflikError('SKP ini baru saja diubah. Muat ulang halaman, lalu ulangi.');
    await audit(tx, { ...who, action: 'skp.lampiran', objectType: 'skp', objectId: skpId, before, after: { ...input, status: baru } });
  });
}

/**
 * Ekspektasi khusus pimpinan (one per core value, empty = none), written by whoever rates the pegawai on the SKP's
 * date. The atasan's own part of the SKP: it does not send the SKP back, nor move its version.
 */
export async function simpanPerilaku(user: Pembaca, skpId: number, input: PerilakuInput, today: string, who: Who): Promise<void> {
  const s = await kepala(skpId);
  await wajibMenilai(user, s.pegawaiId, tanggalAkses(s, today), today);
  await prisma.$transaction(async (tx) => {
    const before = await tx.skpPerilaku.findMany({ where: { skpId }, select: { nilai: true, ekspektasiKhusus: true } });
    const isi = BERAKHLAK.filter((n) => input[n]);
    await tx.skpPerilaku.deleteMany({ where: { skpId, nilai: { notIn: isi } } });
    for (const nilai of isi) {
      const lama = before.find((b) => b.nilai === nilai);
      if (lama?.ekspektasiKhusus === input[nilai]) continue;
      await tx.skpPerilaku.upsert({
        where: { skpId_nilai: { skpId, nilai } },
        create: { skpId, nilai, ekspektasiKhusus: input[nilai]!, ditulisOlehId: user.id },
        update: { ekspektasiKhusus: input[nilai]!, ditulisOlehId: user.id },
      });
    }
    await audit(tx, {
      ...who,
      action: 'skp.ekspektasi',
      objectType: 'skp',
      objectId: skpId,
      before: Object.fromEntries(before.map((b) => [b.nilai, b.ekspektasiKhusus])),
      after: Object.fromEntries(isi.map((n) => [n, input[n]])),
    });
  });
}

/**
 * "Ajukan": a draft or returned SKP goes to the atasan when it is complete — at least one RHK utama, and every RHK utama
 * intervenes what the rules allow today (an atasan's RHK of the SKP's dates, or an OPD goal for the top). Otherwise the
 * reason (422 on the page). Safe to repeat.
 */
export async function ajukanSkp(
  user: Pembaca,
  skpId: number,
  today: string,
  who: Who,
): Promise<{ ok: true; diajukan: boolean } | { ok: false; pesan: string }> {
  const s = await kepala(skpId);
  await wajibPemilik(user, s, today);
  if (!bisaDiajukanSkp(s.status)) return { ok: true, diajukan: false };
  const [rhk, pilihan] = [
    await prisma.rhk.findMany({ where: { skpId }, select: { id: true, jenis: true, uraian: true, rhkAtasanId: true, tujuanOpdId: true } }),
    await pilihanIntervensi(skpId),
  ];
  const utama = rhk.filter((r) => r.jenis === 'UTAMA');
  if (utama.length === 0)
    return { ok: false, pesan: 'SKP belum memiliki RHK utama. Tambahkan paling sedikit satu RHK utama, lalu ajukan.' };
  const salah = utama.flatMap((r) => {
    const m = salahIntervensi(r, pilihan, true);
    return m ? [`"${r.uraian}": ${m}`] : [];
  });
  if (salah.length > 0) return { ok: false, pesan: `SKP belum dapat diajukan. ${salah.join(' ')}` };
  const diajukan = await prisma.$transaction(async (tx) => {
    const { count } = await tx.skp.updateMany({
      where: { id: skpId, status: { in: ['DRAF', 'DIKEMBALIKAN'] } },
      data: { status: 'DIAJUKAN', catatanAtasan: null, versi: { increment: 1 } },
    });
    if (count === 0) return false;
    await audit(tx, {
      ...who,
      action: 'skp.ajukan',
      objectType: 'skp',
      objectId: skpId,
      before: { status: s.status },
      after: { status: 'DIAJUKAN' },
    });
    return true;
  });
  return { ok: true, diajukan };
}

/**
 * The atasan approves the SKP or returns it with a note (Persetujuan Target's rule): whoever rates the pegawai on the
 * SKP's date; conditional on the version they saw, so a change by the pegawai in between is not approved unseen (409
 * "baru saja diubah"); repeating the same decision is a no-op.
 */
export async function putuskanSkp(
  user: Pembaca,
  skpId: number,
  keputusan: { setujui: true } | { setujui: false; catatan: string },
  versi: number,
  waktu: { now: Date; today: string },
  who: Who,
): Promise<void> {
  const s = await kepala(skpId);
  const akses = await wajibMenilai(user, s.pegawaiId, tanggalAkses(s, waktu.today), waktu.today);
  const status = keputusan.setujui ? 'DISETUJUI' : 'DIKEMBALIKAN';
  if (s.status === status && s.versi === versi) return;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.skp.updateMany({
      where: { id: skpId, status: 'DIAJUKAN', versi },
      data: {
        status,
        catatanAtasan: keputusan.setujui ? null : keputusan.catatan,
        diputusOlehId: user.id,
        diputusAt: waktu.now,
        diputusSebagai: akses.sebagai,
      },
    });
    if (count === 0)
      throw new SkpKonflikError('SKP ini baru saja diubah oleh pegawai atau sudah diputus. Muat ulang halaman, periksa, lalu ulangi.');
    await audit(tx, {
      ...who,
      action: keputusan.setujui ? 'skp.setujui' : 'skp.kembalikan',
      objectType: 'skp',
      objectId: skpId,
      before: { status: s.status, versi },
      after: { status, catatanAtasan: keputusan.setujui ? null : keputusan.catatan, sebagai: akses.sebagai },
    });
  });
}

export type SkpMenunggu = SkpRingkas & { versi: number };

/**
 * Persetujuan Target's SKP: the submitted SKP of the pegawai `actorId` rates on each SKP's date (the same windows as the
 * targets and the menu badge). One statement through skp (pegawai_id, status).
 */
export async function daftarSkpMenunggu(actorId: number, today: string): Promise<SkpMenunggu[]> {
  return prisma.$queryRaw<SkpMenunggu[]>`
    WITH w AS (${await lingkupSql(actorId, today)}),
      b AS (SELECT DISTINCT pegawai_id, tmt_awal, tmt_akhir FROM w WHERE pegawai_id <> ${actorId})
    SELECT DISTINCT ON (p.nama, s.id) ${RINGKAS}, s.versi
    FROM b JOIN skp s ON s.pegawai_id = b.pegawai_id AND s.status = 'DIAJUKAN'
      AND (b.tmt_awal IS NULL OR b.tmt_awal <= LEAST(GREATEST(${today}::date, s.mulai), s.selesai))
      AND (b.tmt_akhir IS NULL OR LEAST(GREATEST(${today}::date, s.mulai), s.selesai) < b.tmt_akhir)
    JOIN pegawai p ON p.id = s.pegawai_id LEFT JOIN jabatan j ON j.id = s.jabatan_id LEFT JOIN unit_kerja u ON u.id = s.unit_id
    ORDER BY p.nama, s.id
    LIMIT 500`;
}

/**
 * "Buat SKP": an SKP for the stretch of the jabatan the pegawai holds on the planning day of `tahun` (skp.policy.ts
 * `tanggalRencana`): consecutive history rows of that jabatan clipped to the year, less the days other SKP of the
 * pegawai already cover; without a history row, the whole year in today's jabatan. Idempotent: an SKP that already
 * covers that day is the answer, and the form's key makes a double click one SKP.
 */
export async function buatSkp(user: Pembaca, tahun: number, key: string, today: string, who: Who): Promise<number> {
  const hari = tanggalRencana(tahun, today);
  const ada = await prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM skp WHERE pegawai_id = ${user.id} AND ((mulai <= ${hari}::date AND selesai >= ${hari}::date) OR idempotency_key = ${key}::uuid)
    LIMIT 1`;
  if (ada[0]) return ada[0].id;
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM pegawai WHERE id = ${user.id} FOR UPDATE`;
      const [r] = await tx.$queryRaw<{ id: number | null }[]>`
        WITH y AS (SELECT make_date(${tahun}::int, 1, 1) AS awal, make_date(${tahun}::int, 12, 31) AS akhir),
        h AS (
          SELECT h.jabatan_id, h.unit_id, h.atasan_id, GREATEST(COALESCE(h.tmt_awal, y.awal), y.awal) AS dari,
                 LEAST(COALESCE(h.tmt_akhir - 1, y.akhir), y.akhir) AS sampai
          FROM riwayat_jabatan h, y
          WHERE h.pegawai_id = ${user.id} AND (h.tmt_awal IS NULL OR h.tmt_awal <= y.akhir) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > y.awal)),
        pada AS (SELECT * FROM h WHERE dari <= ${hari}::date AND sampai >= ${hari}::date LIMIT 1),
        -- the stretch: the rows of the same jabatan with no other jabatan between them and the planning day
        rentang AS (
          SELECT min(h.dari) AS dari, max(h.sampai) AS sampai FROM h, pada
          WHERE h.jabatan_id IS NOT DISTINCT FROM pada.jabatan_id
            AND NOT EXISTS (SELECT 1 FROM h x WHERE x.jabatan_id IS DISTINCT FROM pada.jabatan_id
                              AND ((x.dari > h.sampai AND x.sampai < pada.dari) OR (x.sampai < h.dari AND x.dari > pada.sampai)))),
        pilih AS (
          SELECT rentang.dari, rentang.sampai, pada.jabatan_id, pada.unit_id, pada.atasan_id FROM rentang, pada
          UNION ALL
          SELECT y.awal, y.akhir, p.jabatan_id, p.unit_id, p.atasan_id FROM y, pegawai p WHERE p.id = ${user.id} AND NOT EXISTS (SELECT 1 FROM h)),
        -- less the days other SKP cover: from the day after the last one ending before the planning day to the day
        -- before the first one starting after it
        bebas AS (
          SELECT GREATEST(pilih.dari, COALESCE((SELECT max(s.selesai) + 1 FROM skp s WHERE s.pegawai_id = ${user.id} AND s.selesai < ${hari}::date), pilih.dari)) AS dari,
                 LEAST(pilih.sampai, COALESCE((SELECT min(s.mulai) - 1 FROM skp s WHERE s.pegawai_id = ${user.id} AND s.mulai > ${hari}::date), pilih.sampai)) AS sampai,
                 pilih.jabatan_id, pilih.unit_id, pilih.atasan_id
          FROM pilih)
        INSERT INTO skp (pegawai_id, tahun, mulai, selesai, jabatan_id, unit_id, atasan_id, status, idempotency_key, updated_at)
        SELECT ${user.id}, ${tahun}, dari, sampai, jabatan_id, unit_id, atasan_id, 'DRAF', ${key}::uuid, now()
        FROM bebas WHERE dari <= sampai
        RETURNING id`;
      if (!r?.id) throw new FieldError({ tahun: `Tidak ada masa jabatan Anda pada tahun ${tahun} yang belum memiliki SKP.` });
      await audit(tx, { ...who, action: 'skp.buat', objectType: 'skp', objectId: r.id, after: { tahun } });
      return r.id;
    });
  } catch (e) {
    // the exclusion constraint or the key: another request made it at the same instant
    if (/skp_tidak_tumpang|skp_pegawai_id_idempotency_key_key|23P01|P2002/.test(`${(e as Error)?.message} ${JSON.stringify(e ?? {})}`)) {
      const [s] = await prisma.$queryRaw<{ id: number }[]>`
        SELECT id FROM skp WHERE pegawai_id = ${user.id} AND ((mulai <= ${hari}::date AND selesai >= ${hari}::date) OR idempotency_key = ${key}::uuid) LIMIT 1`;
      if (s) return s.id;
    }
    throw e;
  }
}

// ── The targets are the RHK's targets (issue 19 §1): Tambah Target Baru and Realisasi Tahunan link a target to an RHK ──

export type RhkPilihan = { id: number; uraian: string; jenis: 'UTAMA' | 'TAMBAHAN'; tahun: number; mulai: string; selesai: string };

/** The RHK of the pegawai's own SKP in the given years, for a target's "RHK yang didukung". One statement. */
export function rhkPegawai(pegawaiId: number, tahun: number[]): Promise<RhkPilihan[]> {
  return prisma.$queryRaw<RhkPilihan[]>`
    SELECT r.id, r.uraian, r.jenis::text AS jenis, s.tahun::int AS tahun, s.mulai::text AS mulai, s.selesai::text AS selesai
    FROM skp s JOIN rhk r ON r.skp_id = s.id
    WHERE s.pegawai_id = ${pegawaiId} AND s.tahun = ANY(${tahun}::int[])
    ORDER BY s.mulai, r.jenis, r.urutan, r.id`;
}

/** Is `rhkId` an RHK of one of the pegawai's own SKP of `tahun`? */
export async function rhkMilik(pegawaiId: number, tahun: number, rhkId: number): Promise<boolean> {
  return (await prisma.rhk.count({ where: { id: rhkId, skp: { pegawaiId, tahun } } })) > 0;
}

/** One target of the pegawai with its RHK, and the RHK of their SKP of its year to choose from (404 for anyone else's). */
export async function targetDenganRhk(pegawaiId: number, targetId: number) {
  const t = await prisma.targetTahunan.findFirst({
    where: { id: targetId, pegawaiId },
    select: {
      id: true,
      tahun: true,
      pekerjaan: true,
      kuantitas: true,
      satuan: true,
      rhkId: true,
      uraianTugas: { select: { uraian: true } },
    },
  });
  if (!t) throw new NotFoundError('Target tidak ditemukan.');
  return { target: { ...t, kuantitas: Number(t.kuantitas) }, pilihan: await rhkPegawai(pegawaiId, [t.tahun]) };
}

/**
 * The pegawai links their target to an RHK of their SKP of the target's year (or unlinks it). The target's quantity,
 * spread and approval do not change, so Realisasi Kinerja and every capaian read the same rows; audited.
 */
export async function ubahRhkTarget(
  pegawaiId: number,
  targetId: number,
  rhkId: number | null,
  who: Who,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const { target } = await targetDenganRhk(pegawaiId, targetId);
  if (rhkId !== null && !(await rhkMilik(pegawaiId, target.tahun, rhkId)))
    return { ok: false, errors: { rhkId: `Pilih RHK dari SKP Anda tahun ${target.tahun}.` } };
  if (target.rhkId === rhkId) return { ok: true };
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.targetTahunan.updateMany({ where: { id: targetId, pegawaiId }, data: { rhkId } });
    if (count === 0) throw new NotFoundError('Target tidak ditemukan.');
    await audit(tx, {
      ...who,
      action: 'target.rhk',
      objectType: 'target_tahunan',
      objectId: targetId,
      before: { rhkId: target.rhkId },
      after: { rhkId },
    });
  });
  return { ok: true };
}
