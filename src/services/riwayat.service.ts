import { oneByOne } from '../db/one-by-one.ts';
import { pool, prisma } from '../db/prisma.ts';
import { todayIn } from '../domain/periode.ts';
import { cekTmtMutasi, type Jendela } from '../domain/riwayat.ts';
import { awalBulanTerbuka } from '../domain/tutup-bulan.ts';
import { skpIkutMutasi } from '../features/skp/skp-mutasi.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { AppError, NotFoundError } from '../lib/errors.ts';
import { FieldError } from '../lib/field-error.ts';
import { penempatan, wouldLoop } from './admin-tree.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { getSettings } from './settings.service.ts';

/**
 * Riwayat jabatan (issue 11). A pegawai's jabatan, unit and atasan langsung are a history with TMT; the entries of a
 * day are verified by whoever was responsible for the pegawai on that day:
 *   - the atasan named in the history row covering the entry's date;
 *   - while a Plh (the holder is away) or a Plt (the post is vacant) is in force today, the acting pegawai, for the
 *     queue of that person, or of the pegawai whose jabatan reports to that post;
 *   - for a pegawai with no atasan on that date, the pejabat set for their root unit (setting `pejabatPuncak`);
 *   - an admin, on behalf of any of them.
 * The lookup is resolved per request as a few "windows" (pegawai × date span) read through indexes on the history
 * (`atasan_id`, `jabatan_id`) — a team's history, tens of rows — and the entries are then read per window through
 * `realisasi (pegawai_id, status, tanggal)`. Nothing is stored per entry, so a mutasi dated in the past moves the
 * pending entries of the days after its TMT at once, and an entry whose date changes follows its new day.
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
type Db = Prisma.TransactionClient | typeof prisma;
const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const date = (s: string) => new Date(`${s}T00:00:00Z`);

/** The windows through which `actorId` may verify on `today` (YYYY-MM-DD). One query. */
/** The SQL of the windows (one row per way an actor reaches a history row), for this module and the menu's count. */
export async function lingkupSql(actorId: number | Prisma.Sql, today: string): Promise<Prisma.Sql> {
  const { pejabatPuncak } = await getSettings();
  return lingkupSqlWith(actorId, today, pejabatPuncak);
}

/** The same, with the settings at hand; `actorId` may be an SQL expression (the session's pegawai, src/services/auth.service.ts). */
export function lingkupSqlWith(actorId: number | Prisma.Sql, today: string, pejabatPuncak: { unitId: number; nip: string }[]): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE
      puncak(id) AS (
        SELECT s.unit_id FROM unnest(${pejabatPuncak.map((p) => p.unitId)}::int[], ${pejabatPuncak.map((p) => p.nip)}::text[]) AS s(unit_id, nip)
        JOIN pegawai me ON me.id = ${actorId} AND me.nip = s.nip
        UNION SELECT u.id FROM unit_kerja u JOIN puncak ON u.induk_id = puncak.id),
      tugas AS (
        SELECT jenis, pegawai_id, jabatan_id FROM penugasan_atasan
        WHERE pelaksana_id = ${actorId} AND aktif AND mulai <= ${date(today)}::date AND selesai >= ${date(today)}::date)
    SELECT h.id AS riwayat_id, h.pegawai_id, h.tmt_awal, h.tmt_akhir, h.atasan_id, 'atasan' AS sebagai
      FROM riwayat_jabatan h WHERE h.atasan_id = ${actorId}
    UNION ALL
    SELECT h.id, h.pegawai_id, h.tmt_awal, h.tmt_akhir, h.atasan_id, 'Plh'
      FROM tugas t JOIN riwayat_jabatan h ON t.jenis = 'PLH' AND h.atasan_id = t.pegawai_id
    UNION ALL
    SELECT h.id, h.pegawai_id, h.tmt_awal, h.tmt_akhir, h.atasan_id, 'Plt'
      FROM tugas t JOIN jabatan j ON t.jenis = 'PLT' AND j.atasan_jabatan_id = t.jabatan_id
      JOIN riwayat_jabatan h ON h.jabatan_id = j.id
    UNION ALL
    SELECT h.id, h.pegawai_id, h.tmt_awal, h.tmt_akhir, h.atasan_id, 'puncak'
      FROM riwayat_jabatan h WHERE h.atasan_id IS NULL AND h.unit_id IN (SELECT id FROM puncak)`;
}

type JendelaRow = {
  riwayat_id: number;
  pegawai_id: number;
  tmt_awal: Date | string | null;
  tmt_akhir: Date | string | null;
  atasan_id: number | null;
  sebagai: Jendela['sebagai'];
};

export async function lingkupVerifikasi(actorId: number, today: string, db: Db = prisma): Promise<Jendela[]> {
  const q = await lingkupSql(actorId, today);
  // Outside a transaction (the Verifikasi page, its menu's neighbours), a named statement on the pool: planned once
  // per connection instead of on every view (issue 20: its planning was ~0.9 ms of PostgreSQL's CPU per page).
  const rows =
    db === prisma
      ? (
          await pool.query<JendelaRow>({
            name: 'lingkup_verifikasi',
            text: q.text,
            values: q.values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)),
          })
        ).rows
      : await db.$queryRaw<JendelaRow[]>(q);
  return rows
    .filter((r) => r.pegawai_id !== actorId)
    .map((r) => ({
      riwayatId: r.riwayat_id,
      pegawaiId: r.pegawai_id,
      awal: hari(r.tmt_awal),
      akhir: hari(r.tmt_akhir),
      atasanId: r.atasan_id,
      sebagai: r.sebagai,
    }));
}
// a DATE column: a Date through Prisma, 'YYYY-MM-DD' through the pool (src/db/prisma.ts keeps calendar days as text)
const hari = (d: Date | string | null) => (typeof d === 'string' ? d : iso(d));

/** Windows → a Prisma filter on realisasi (an OR of index ranges; no window = nothing). */
export function filterJendela(jendela: Jendela[]): Prisma.RealisasiWhereInput {
  return {
    OR: jendela.map((j) => ({
      pegawaiId: j.pegawaiId,
      ...(j.awal || j.akhir ? { tanggal: { ...(j.awal ? { gte: date(j.awal) } : {}), ...(j.akhir ? { lt: date(j.akhir) } : {}) } } : {}),
    })),
  };
}

/** A pegawai's history, newest first, for the admin's page. */
export async function riwayatPegawai(pegawaiId: number) {
  const rows = await prisma.riwayatJabatan.findMany({
    where: { pegawaiId },
    orderBy: [{ tmtAkhir: { sort: 'desc', nulls: 'first' } }],
    select: {
      id: true,
      tmtAwal: true,
      tmtAkhir: true,
      updatedAt: true,
      atasan: { select: { nip: true, nama: true } },
      jabatanId: true,
      unitId: true,
    },
  });
  const [jabatan, unit] = await Promise.all([
    prisma.jabatan.findMany({
      where: { id: { in: rows.flatMap((r) => (r.jabatanId ? [r.jabatanId] : [])) } },
      select: { id: true, nama: true },
    }),
    prisma.unitKerja.findMany({
      where: { id: { in: rows.flatMap((r) => (r.unitId ? [r.unitId] : [])) } },
      select: { id: true, nama: true },
    }),
  ]);
  const nama = (list: { id: number; nama: string }[], id: number | null) => list.find((x) => x.id === id)?.nama ?? '—';
  return rows.map((r) => ({
    ...r,
    awal: iso(r.tmtAwal),
    akhir: iso(r.tmtAkhir),
    jabatan: nama(jabatan, r.jabatanId),
    unit: nama(unit, r.unitId),
  }));
}

/** The version of a pegawai's history an admin saw (the open row's updated_at), for the mutasi form. */
export async function versiRiwayat(pegawaiId: number): Promise<string | null> {
  const open = await prisma.riwayatJabatan.findFirst({ where: { pegawaiId, tmtAkhir: null }, select: { updatedAt: true } });
  return open?.updatedAt.toISOString() ?? null;
}

export type MutasiInput = {
  tmt: string;
  unitId: number;
  jabatanId: number | null;
  nipAtasan: string | null;
  alasan: string;
  versi: string;
};

export class KonflikError extends AppError {
  constructor(message = 'Riwayat jabatan pegawai ini baru saja diubah oleh admin lain. Muat ulang halaman, periksa, lalu ulangi.') {
    super(message, 409);
  }
}

/**
 * Mutasi: closes the open history row at the TMT and opens the new one, then sets the pegawai's current columns,
 * audited, in one transaction. The pegawai row is locked and the version the admin saw is checked, so of two admins
 * moving the same pegawai at once one wins and the other gets a conflict (409); the exclusion constraint on the
 * history is the last guard against overlapping rows.
 */
export async function mutasi(pegawaiId: number, input: MutasiInput, who: Who, waktu: { now: Date; tz: string }) {
  const today = todayIn(waktu.tz, waktu.now);
  // A closed month cannot change (issue 11): a mutasi may not reach back into it.
  const awal = awalBulanTerbuka(waktu.now, waktu.tz, (await getSettings()).tutupBulanHari);
  try {
    return await prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM pegawai WHERE id = ${pegawaiId} FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundError('Pegawai tidak ditemukan.');
      const open = await tx.riwayatJabatan.findFirst({ where: { pegawaiId, tmtAkhir: null } });
      if (!open || open.updatedAt.toISOString() !== input.versi) throw new KonflikError();
      const { atasan, errors } = await penempatan(tx, input);
      const salahTmt =
        cekTmtMutasi({ tmt: input.tmt, today, awalTerbuka: iso(open.tmtAwal) }) ??
        (input.tmt < awal ? `TMT jatuh di bulan yang sudah ditutup; mutasi paling awal bertanggal ${awal}.` : null);
      if (salahTmt) errors.tmt = salahTmt;
      if (input.nipAtasan) {
        if (!atasan) errors.nipAtasan = 'Tidak ada pegawai dengan NIP ini.';
        else if (atasan.id === pegawaiId) errors.nipAtasan = 'Pegawai tidak dapat menjadi atasan dirinya sendiri.';
        else if (!atasan.aktif) errors.nipAtasan = 'Pegawai dengan NIP ini tidak aktif.';
        else if (await wouldLoop(tx, 'pegawai', pegawaiId, atasan.id))
          errors.nipAtasan = 'Rantai atasan akan berputar: pegawai ini adalah atasan dari atasan yang dipilih.';
      }
      if (Object.keys(errors).length > 0) throw new FieldError(errors);
      const next = { jabatanId: input.jabatanId, unitId: input.unitId, atasanId: atasan?.id ?? null };
      await tx.riwayatJabatan.update({ where: { id: open.id }, data: { tmtAkhir: date(input.tmt) } });
      const baru = await tx.riwayatJabatan.create({ data: { pegawaiId, ...next, tmtAwal: date(input.tmt) } });
      await tx.pegawai.update({ where: { id: pegawaiId }, data: next });
      const targetBerakhir = open.jabatanId !== input.jabatanId ? await akhiriTargetJabatanLama(tx, [pegawaiId], input.tmt) : 0;
      await audit(tx, {
        ...who,
        action: 'pegawai.mutasi',
        objectType: 'pegawai',
        objectId: pegawaiId,
        before: { jabatanId: open.jabatanId, unitId: open.unitId, atasanId: open.atasanId, tmtAwal: iso(open.tmtAwal) },
        after: { ...next, tmt: input.tmt, riwayatId: baru.id, targetBerakhir },
        reason: input.alasan,
      });
      return baru.id;
    });
  } catch (e) {
    // 23P01: the exclusion constraint (another transaction wrote an overlapping row first).
    if (e instanceof Prisma.PrismaClientKnownRequestError && JSON.stringify(e.meta ?? {}).includes('23P01')) throw new KonflikError();
    if (e instanceof Error && /23P01|riwayat_jabatan_tanpa_tumpang/.test(e.message)) throw new KonflikError();
    throw e;
  }
}

/**
 * Issue 11: the targets of the old jabatan end at the TMT. Every target of the TMT's year or later whose kegiatan is
 * not a task of the pegawai's jabatan from the TMT gets `berakhir` = TMT (realisasi dated from then on cannot use it,
 * and Realisasi Kinerja stops offering it in the months after); the pegawai adds targets for the new jabatan.
 * Issue 19: the SKP of the old jabatan closes at TMT − 1 and a draft opens for the new one (skp-mutasi.ts).
 * Set-based, in the mutasi's own transaction (the admin's form and the CSV import). Returns how many targets ended.
 */
export async function akhiriTargetJabatanLama(tx: Prisma.TransactionClient, pegawaiIds: number[], tmt: string): Promise<number> {
  if (pegawaiIds.length === 0) return 0;
  await skpIkutMutasi(tx, pegawaiIds, tmt);
  return tx.$executeRaw`
    UPDATE target_tahunan t SET berakhir = ${date(tmt)}::date, updated_at = now()
    FROM uraian_tugas u, pegawai p
    WHERE u.id = t.uraian_tugas_id AND p.id = t.pegawai_id AND t.pegawai_id = ANY(${pegawaiIds}::int[])
      AND t.berakhir IS NULL AND t.tahun >= ${Number(tmt.slice(0, 4))}
      AND u.jabatan_id IS DISTINCT FROM p.jabatan_id`;
}

/**
 * CSV import: the pegawai whose jabatan, unit or atasan changed get a mutasi dated `today` (the open row closes,
 * a new one opens), set-based, inside the import's transaction. A row opened today already is corrected in place
 * by the trigger instead (a second import the same day is a correction, not another move).
 */
export async function mutasiImpor(
  tx: Prisma.TransactionClient,
  list: { id: number; unitId: number | null; jabatanId: number | null; atasanId: number | null }[],
  today: string,
): Promise<void> {
  if (list.length === 0) return;
  await tx.$executeRaw`
    WITH v(id, unit_id, jabatan_id, atasan_id) AS (
      SELECT * FROM unnest(${list.map((u) => u.id)}::int[], ${list.map((u) => u.unitId)}::int[],
                           ${list.map((u) => u.jabatanId)}::int[], ${list.map((u) => u.atasanId)}::int[])),
    tutup AS (
      UPDATE riwayat_jabatan h SET tmt_akhir = ${date(today)}::date, updated_at = now()
      FROM v WHERE h.pegawai_id = v.id AND h.tmt_akhir IS NULL AND (h.tmt_awal IS NULL OR h.tmt_awal < ${date(today)}::date)
        AND (h.jabatan_id, h.unit_id, h.atasan_id) IS DISTINCT FROM (v.jabatan_id, v.unit_id, v.atasan_id)
      RETURNING h.pegawai_id)
    INSERT INTO riwayat_jabatan (pegawai_id, jabatan_id, unit_id, atasan_id, tmt_awal, updated_at)
    SELECT v.id, v.jabatan_id, v.unit_id, v.atasan_id, ${date(today)}::date, now() FROM v JOIN tutup ON tutup.pegawai_id = v.id`;
}

/** Plt/Plh assignments, newest first (ended ones included, for the record). */
export function daftarPenugasan() {
  return prisma.penugasanAtasan.findMany({
    orderBy: [{ aktif: 'desc' }, { selesai: 'desc' }, { id: 'desc' }],
    take: 200,
    select: {
      id: true,
      jenis: true,
      mulai: true,
      selesai: true,
      alasan: true,
      aktif: true,
      jabatanId: true,
      pelaksana: { select: { nip: true, nama: true } },
      pegawai: { select: { nip: true, nama: true } },
    },
  });
}

export type PenugasanInput = {
  jenis: 'PLT' | 'PLH';
  nipPelaksana: string;
  nipPegawai: string;
  jabatanId: number | null;
  mulai: string;
  selesai: string;
  alasan: string;
  /** the admin confirmed a Plt for a post that is held */
  konfirmasi?: boolean;
};

/** An admin names a Plt (for a vacant post) or a Plh (for an absent atasan), audited. */
export async function tambahPenugasan(input: PenugasanInput, who: Who): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const [pelaksana, pegawai, jabatan] = await oneByOne([
      () => tx.pegawai.findUnique({ where: { nip: input.nipPelaksana }, select: { id: true, aktif: true } }),
      () =>
        input.jenis === 'PLH' ? tx.pegawai.findUnique({ where: { nip: input.nipPegawai }, select: { id: true } }) : Promise.resolve(null),
      () =>
        input.jenis === 'PLT' && input.jabatanId
          ? tx.jabatan.findUnique({
              where: { id: input.jabatanId },
              // who holds the post on the first day of the assignment (a Plt is for a vacant post)
              select: {
                id: true,
                pegawai: { where: { aktif: true }, select: { nama: true }, take: 1 },
              },
            })
          : Promise.resolve(null),
    ]);
    const errors: Record<string, string> = {};
    if (!pelaksana) errors.nipPelaksana = 'Tidak ada pegawai dengan NIP ini.';
    else if (!pelaksana.aktif) errors.nipPelaksana = 'Pegawai dengan NIP ini tidak aktif.';
    if (input.jenis === 'PLH') {
      if (!pegawai) errors.nipPegawai = 'Tidak ada pegawai dengan NIP ini.';
      else if (pegawai.id === pelaksana?.id) errors.nipPegawai = 'Pelaksana harian tidak dapat menggantikan dirinya sendiri.';
    }
    if (input.jenis === 'PLT' && !jabatan) errors.jabatanId = 'Jabatan tidak ditemukan.';
    // A Plt is for a vacant post, and it is paid (src/domain/bulan-pegawai.ts): a post that is held asks the admin to
    // confirm (the holder may be leaving; else a Plh is what is meant).
    else if (input.jenis === 'PLT' && jabatan && jabatan.pegawai.length > 0 && !input.konfirmasi)
      errors.jabatanId = `Jabatan ini masih dijabat oleh ${jabatan.pegawai[0].nama}. Plt untuk jabatan yang kosong; bila pejabatnya berhalangan, pilih Plh. Centang "Tetap simpan" bila memang Plt.`;
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    const row = await tx.penugasanAtasan.create({
      data: {
        jenis: input.jenis,
        pelaksanaId: pelaksana!.id,
        pegawaiId: input.jenis === 'PLH' ? pegawai!.id : null,
        jabatanId: input.jenis === 'PLT' ? jabatan!.id : null,
        mulai: date(input.mulai),
        selesai: date(input.selesai),
        alasan: input.alasan,
      },
    });
    await audit(tx, {
      ...who,
      action: `penugasan.${input.jenis.toLowerCase()}`,
      objectType: 'penugasan_atasan',
      objectId: row.id,
      after: input,
    });
    return row.id;
  });
}

/** Ends an assignment early (the holder is back, the post is filled), audited. Safe to repeat. */
export async function akhiriPenugasan(id: number, who: Who): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.penugasanAtasan.updateMany({ where: { id, aktif: true }, data: { aktif: false } });
    if (count === 0) return false;
    await audit(tx, {
      ...who,
      action: 'penugasan.akhiri',
      objectType: 'penugasan_atasan',
      objectId: id,
      before: { aktif: true },
      after: { aktif: false },
    });
    return true;
  });
}
