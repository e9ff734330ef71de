import { prisma } from '../db/prisma.ts';
import { capaianRataRata, capaianTarget, sebarRata } from '../domain/capaian.ts';
import { todayIn } from '../domain/periode.ts';
import { jendelaUntuk, tandaSebagai } from '../domain/riwayat.ts';
import {
  bisaDiajukan,
  bulanBerubah,
  bulanMulai,
  type StatusTarget,
  sebaranSalinan,
  sebaranUbah,
  statusSetelahUbah,
  tahunRencana,
} from '../domain/target.ts';
import { rhkMilik } from '../features/skp/skp.service.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { AppError, NotFoundError } from '../lib/errors.ts';
import type { FieldErrors } from '../lib/form.ts';
import type { TargetBaru, UbahTarget } from '../validation/target.schema.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import type { Pelaku } from './realisasi.service.ts';
import { lingkupSql, lingkupVerifikasi } from './riwayat.service.ts';
import { getSettings, timezone } from './settings.service.ts';
import { bulanTertutupBagi, wajibBulanTerbuka } from './tutup-bulan.service.ts';

const num = (v: unknown) => Number(v ?? 0);

/** Realisasi Tahunan: the year's annual targets, their monthly spread, realisasi per month (verified / all) and capaian. */
export async function halamanTahunan(pegawaiId: number, tahun: number) {
  const [targets, rows] = await Promise.all([
    // One statement (issue 12: ≤ 4 per page): the year's targets with their kegiatan and monthly spread.
    prisma.$queryRaw<
      {
        id: number;
        pekerjaan: string;
        kuantitas: string;
        satuan: string;
        asal: string;
        status: string;
        catatanAtasan: string | null;
        berakhir: Date | null;
        disalinDariId: number | null;
        kegiatan: string;
        rhk: string | null;
        bulanan: { bulan: number; kuantitas: string }[];
      }[]
    >`
      SELECT t.id, t.pekerjaan, t.kuantitas::text AS kuantitas, t.satuan, t.asal::text AS asal, t.status::text AS status,
             t.catatan_atasan AS "catatanAtasan", t.berakhir, t.disalin_dari_id AS "disalinDariId",
             u.uraian AS kegiatan, (SELECT rh.uraian FROM rhk rh WHERE rh.id = t.rhk_id) AS rhk,
             (SELECT COALESCE(json_agg(json_build_object('bulan', b.bulan, 'kuantitas', b.kuantitas)), '[]')
                FROM target_bulanan b WHERE b.target_tahunan_id = t.id) AS bulanan
      FROM target_tahunan t JOIN uraian_tugas u ON u.id = t.uraian_tugas_id
      WHERE t.pegawai_id = ${pegawaiId} AND t.tahun = ${tahun}
      ORDER BY t.id`,
    // One aggregate over the pegawai's year, through the (pegawai_id, tanggal) index.
    prisma.$queryRaw<{ target_tahunan_id: number | null; bulan: number; terverifikasi: string | null; semua: string }[]>`
      SELECT target_tahunan_id, extract(month FROM tanggal)::int AS bulan,
             sum(jumlah) FILTER (WHERE status = 1) AS terverifikasi, sum(jumlah) AS semua
      FROM realisasi
      WHERE pegawai_id = ${pegawaiId} AND tanggal BETWEEN ${`${tahun}-01-01`}::date AND ${`${tahun}-12-31`}::date
      GROUP BY 1, 2`,
  ]);
  const list = targets.map((t) => {
    const bulan = Array.from({ length: 12 }, (_, i) => {
      const r = rows.find((x) => x.target_tahunan_id === t.id && x.bulan === i + 1);
      return {
        target: num(t.bulanan.find((b) => b.bulan === i + 1)?.kuantitas),
        terverifikasi: num(r?.terverifikasi),
        semua: num(r?.semua),
      };
    });
    const terverifikasi = bulan.reduce((s, b) => s + b.terverifikasi, 0);
    return {
      id: t.id,
      pekerjaan: t.pekerjaan,
      kegiatan: t.kegiatan,
      rhk: t.rhk,
      satuan: t.satuan,
      asal: t.asal,
      status: t.status as StatusTarget,
      catatanAtasan: t.catatanAtasan,
      berakhir: t.berakhir ? (t.berakhir instanceof Date ? t.berakhir.toISOString() : String(t.berakhir)).slice(0, 10) : null,
      disalin: t.disalinDariId !== null,
      kuantitas: num(t.kuantitas),
      bulan,
      terverifikasi,
      semua: bulan.reduce((s, b) => s + b.semua, 0),
      capaian: capaianTarget(terverifikasi, num(t.kuantitas)),
    };
  });
  const tambahan = rows.filter((r) => r.target_tahunan_id === null);
  return {
    targets: list,
    capaian: capaianRataRata(list.map((t) => t.capaian)),
    tugasTambahan: {
      terverifikasi: tambahan.reduce((s, r) => s + num(r.terverifikasi), 0),
      semua: tambahan.reduce((s, r) => s + num(r.semua), 0),
    },
  };
}

/** The kegiatan tugas jabatan a pegawai may pick: the active Anjab tasks of their current jabatan. */
export async function kegiatanTugasJabatan(pegawaiId: number) {
  const p = await prisma.pegawai.findUnique({
    where: { id: pegawaiId },
    select: {
      jabatan: {
        select: {
          nama: true,
          uraianTugas: {
            where: { aktif: true },
            select: { id: true, uraian: true, satuanHasil: true },
            orderBy: [{ urutan: 'asc' }, { id: 'asc' }],
          },
        },
      },
    },
  });
  return { jabatan: p?.jabatan?.nama ?? null, tugas: p?.jabatan?.uraianTugas ?? [] };
}

/** "Tambah Target Baru" (article steps 7–8): a new annual target from a task of the pegawai's jabatan, spread over months. */
export async function simpanTargetBaru(
  p: Pelaku,
  today: string,
  input: TargetBaru,
): Promise<{ ok: true; id: number; tahun: number } | { ok: false; errors: FieldErrors }> {
  const boleh = tahunRencana(today, (await getSettings()).rencanaTahunDepanBulan);
  const tahun = input.tahun ?? boleh[0];
  if (!boleh.includes(tahun)) return { ok: false, errors: { tahun: `Target dapat ditambahkan untuk tahun ${boleh.join(' atau ')}.` } };
  const bulanIni = bulanMulai(tahun, today);
  const { tugas } = await kegiatanTugasJabatan(p.pegawaiId);
  const task = tugas.find((t) => t.id === input.uraianTugasId);
  if (!task) return { ok: false, errors: { uraianTugasId: 'Pilih kegiatan tugas jabatan dari daftar jabatan Anda.' } };

  const typed = Array.from({ length: 12 }, (_, i) => (input as Record<string, unknown>)[`b${i + 1}`] as number | undefined);
  let months: number[];
  if (typed.every((v) => v === undefined)) {
    months = sebarRata(input.kuantitas, bulanIni);
  } else {
    months = typed.map((v) => v ?? 0);
    const cents = months.reduce((s, v) => s + Math.round(v * 100), 0);
    if (cents !== Math.round(input.kuantitas * 100)) {
      const total = (cents / 100).toLocaleString('id-ID');
      return {
        ok: false,
        errors: {
          bulan: `Jumlah sebaran bulanan (${total}) harus sama dengan target kuantitas (${input.kuantitas.toLocaleString('id-ID')}).`,
        },
      };
    }
  }
  const satuan = input.satuan?.trim() || task.satuanHasil;
  // issue 19: the RHK it supports must be one of the pegawai's own SKP of that year
  if (input.rhkId && !(await rhkMilik(p.pegawaiId, tahun, input.rhkId)))
    return { ok: false, errors: { rhkId: `Pilih RHK dari SKP Anda tahun ${tahun}.` } };

  const existing = await prisma.targetTahunan.findUnique({
    where: { pegawaiId_idempotencyKey: { pegawaiId: p.pegawaiId, idempotencyKey: input.idempotencyKey } },
    select: { id: true },
  });
  if (existing) return { ok: true, id: existing.id, tahun };
  try {
    const id = await prisma.$transaction(async (tx) => {
      const t = await tx.targetTahunan.create({
        data: {
          pegawaiId: p.pegawaiId,
          tahun,
          uraianTugasId: task.id,
          pekerjaan: input.pekerjaan,
          kuantitas: input.kuantitas,
          satuan,
          asal: 'TAMBAHAN',
          // Issue 11: a target the pegawai adds goes to the atasan for approval (Persetujuan Target).
          status: 'DIAJUKAN',
          rhkId: input.rhkId ?? null,
          idempotencyKey: input.idempotencyKey,
          bulanan: { create: months.map((kuantitas, i) => ({ bulan: i + 1, kuantitas })) },
        },
        select: { id: true },
      });
      await audit(tx, {
        ...p.audit,
        action: 'target.buat',
        objectType: 'target_tahunan',
        objectId: t.id,
        after: {
          tahun,
          uraianTugasId: task.id,
          pekerjaan: input.pekerjaan,
          kuantitas: input.kuantitas,
          satuan,
          bulanan: months,
          rhkId: input.rhkId ?? null,
        },
      });
      return t.id;
    });
    return { ok: true, id, tahun };
  } catch (e) {
    if ((e as { code?: string })?.code !== 'P2002') throw e;
    const row = await prisma.targetTahunan.findUniqueOrThrow({
      where: { pegawaiId_idempotencyKey: { pegawaiId: p.pegawaiId, idempotencyKey: input.idempotencyKey } },
      select: { id: true },
    });
    return { ok: true, id: row.id, tahun };
  }
}

/** A target refused because of its state (verified realisasi, realisasi attached, a race): 409 with the reason. */
export class TargetTerkunciError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const awalBulan = (tahun: number, bulan: number) => `${tahun}-${String(bulan).padStart(2, '0')}-01`;
const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

/** One target of the pegawai (404 for anyone else's) with its spread and how much realisasi it carries. */
export async function targetMilik(pegawaiId: number, id: number) {
  const [t, r] = await Promise.all([
    prisma.targetTahunan.findFirst({
      where: { id, pegawaiId },
      select: {
        id: true,
        tahun: true,
        pekerjaan: true,
        kuantitas: true,
        satuan: true,
        status: true,
        catatanAtasan: true,
        berakhir: true,
        updatedAt: true,
        uraianTugas: { select: { uraian: true } },
        bulanan: { select: { id: true, bulan: true, kuantitas: true } },
      },
    }),
    // Through the realisasi (target_tahunan_id) index: a target's entries, a few hundred at most.
    prisma.$queryRaw<{ semua: number; terverifikasi: number }[]>`
      SELECT count(*)::int AS semua, count(*) FILTER (WHERE status = 1)::int AS terverifikasi
      FROM realisasi WHERE target_tahunan_id = ${id} AND pegawai_id = ${pegawaiId}`,
  ]);
  if (!t) throw new NotFoundError('Target tidak ditemukan.');
  const bulan = Array.from({ length: 12 }, (_, i) => num(t.bulanan.find((b) => b.bulan === i + 1)?.kuantitas));
  return {
    ...t,
    kuantitas: num(t.kuantitas),
    status: t.status as StatusTarget,
    berakhir: isoOrNull(t.berakhir),
    bulan,
    realisasi: r[0].semua,
    terverifikasi: r[0].terverifikasi,
  };
}

/** Which months of a pegawai's target year are closed today: tutup bulan by the clock, less the months an admin reopened. */
export async function bulanTertutup(pegawaiId: number, tahun: number, now: Date, fallbackTz: string): Promise<boolean[]> {
  return bulanTertutupBagi(prisma, pegawaiId, tahun, now, await timezone(fallbackTz));
}

const TERKUNCI_UBAH =
  'Target ini sudah memiliki realisasi yang diverifikasi atasan: pekerjaan, target kuantitas dan satuannya tidak dapat diubah lagi. Sebaran bulan yang belum ditutup masih dapat diatur (jumlahnya tetap).';

/**
 * Ubah target (issue 11): pekerjaan, kuantitas and satuan while no realisasi of it is verified; the monthly spread in
 * months not yet closed (closed months keep their value; a month the admin reopened for the pegawai's unit may change).
 * The entries of each changed month follow their month's target (linked when it is above 0, else "tugas tambahan" of
 * the same annual target), as "Tambah Realisasi" links them. A target the atasan saw goes back to them (DIAJUKAN).
 */
export async function ubahTarget(p: Pelaku, id: number, input: UbahTarget): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const t = await targetMilik(p.pegawaiId, id);
  const satuan = input.satuan?.trim() || t.satuan;
  const intiBerubah =
    input.pekerjaan !== t.pekerjaan || Math.round(input.kuantitas * 100) !== Math.round(t.kuantitas * 100) || satuan !== t.satuan;
  if (t.terverifikasi > 0 && intiBerubah) throw new TargetTerkunciError(TERKUNCI_UBAH);

  const tz = await timezone(p.fallbackTz);
  // closed by the clock and not reopened by an admin for the pegawai's unit (the months the form shows read-only)
  const ditutup = await bulanTertutupBagi(prisma, p.pegawaiId, t.tahun, p.now, tz);
  const typed = Array.from({ length: 12 }, (_, i) => (input as Record<string, unknown>)[`b${i + 1}`] as number | undefined);
  // A value typed for a closed month that differs from the stored one is a change to a closed month: the 409 of tutup
  // bulan, with its message (unless an admin reopened the month since the read above: then it is open after all).
  const diKetikTutup = typed.flatMap((v, i) =>
    ditutup[i] && v !== undefined && Math.round(v * 100) !== Math.round(t.bulan[i] * 100) ? [i + 1] : [],
  );
  if (diKetikTutup.length > 0) {
    await wajibBulanTerbuka(
      prisma,
      diKetikTutup.map((m) => ({ pegawaiId: p.pegawaiId, tanggal: awalBulan(t.tahun, m) })),
      p.now,
      tz,
    );
    for (const m of diKetikTutup) ditutup[m - 1] = false;
  }
  const today = todayIn(tz, p.now);
  const sebaran = sebaranUbah({ kuantitas: input.kuantitas, typed, lama: t.bulan, ditutup, dariBulan: bulanMulai(t.tahun, today) });
  if (!sebaran.ok) return { ok: false, errors: { [sebaran.field]: sebaran.pesan } };
  const berubah = bulanBerubah(t.bulan, sebaran.bulan);
  // The authoritative check (with reopened months): every changed month must be open for the pegawai's unit.
  await wajibBulanTerbuka(
    prisma,
    berubah.map((m) => ({ pegawaiId: p.pegawaiId, tanggal: awalBulan(t.tahun, m) })),
    p.now,
    tz,
  );
  const status = statusSetelahUbah(t.status);

  await prisma.$transaction(async (tx) => {
    // Conditional on the version the pegawai loaded and on no verified entry (an atasan may verify meanwhile).
    const terkunci = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM target_tahunan WHERE id = ${id} AND pegawai_id = ${p.pegawaiId} FOR UPDATE`;
    if (terkunci.length === 0) throw new NotFoundError('Target tidak ditemukan.');
    if (intiBerubah) {
      // FOR SHARE on the target's entries: a verification committing at this moment (UPDATE of one of them) is waited
      // for and then seen as verified; one starting after waits for this edit. Either way exactly one rule applies.
      const [v] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*) FILTER (WHERE status = 1)::int AS n FROM (
          SELECT status FROM realisasi WHERE target_tahunan_id = ${id} AND pegawai_id = ${p.pegawaiId} FOR SHARE) r`;
      if (v.n > 0) throw new TargetTerkunciError(TERKUNCI_UBAH);
    }
    await tx.targetTahunan.update({
      where: { id },
      data: {
        pekerjaan: input.pekerjaan,
        kuantitas: input.kuantitas,
        satuan,
        status,
        ...(status !== t.status ? { catatanAtasan: null } : {}),
      },
    });
    await simpanBulan(tx, id, p.pegawaiId, berubah, sebaran.bulan);
    await audit(tx, {
      ...p.audit,
      action: 'target.ubah',
      objectType: 'target_tahunan',
      objectId: id,
      before: { pekerjaan: t.pekerjaan, kuantitas: t.kuantitas, satuan: t.satuan, status: t.status, bulanan: t.bulan },
      after: { pekerjaan: input.pekerjaan, kuantitas: input.kuantitas, satuan, status, bulanan: sebaran.bulan },
    });
  });
  return { ok: true };
}

/** Writes the changed months of a spread and re-links that target's entries of those months (set-based, two statements). */
async function simpanBulan(tx: Prisma.TransactionClient, id: number, pegawaiId: number, berubah: number[], bulan: number[]) {
  if (berubah.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO target_bulanan (target_tahunan_id, bulan, kuantitas)
    SELECT ${id}, m, k FROM unnest(${berubah}::int[], ${berubah.map((m) => bulan[m - 1])}::numeric[]) AS v(m, k)
    ON CONFLICT (target_tahunan_id, bulan) DO UPDATE SET kuantitas = EXCLUDED.kuantitas`;
  // Raw SQL on purpose: re-linking is not an edit of the entry, so its version (updated_at) stays. Verified entries
  // are frozen by the database (realisasi_freeze_verified) and keep their link; the pages and capaian sum an annual
  // target's entries by month, so they count either way.
  await tx.$executeRaw`
    UPDATE realisasi r SET target_bulanan_id = (
      SELECT tb.id FROM target_bulanan tb WHERE tb.target_tahunan_id = ${id} AND tb.bulan = extract(month FROM r.tanggal) AND tb.kuantitas > 0)
    WHERE r.target_tahunan_id = ${id} AND r.pegawai_id = ${pegawaiId} AND r.status = 0
      AND extract(month FROM r.tanggal)::int = ANY(${berubah}::int[])`;
}

/**
 * Hapus target (issue 11): only a target with no realisasi at all. Entries, verified or not, are the pegawai's record of
 * work against that target; detaching them silently would move them to "tugas tambahan" behind the pegawai's back, so
 * the page says which entries to delete or move first. A target with a quantity in a closed month is part of that
 * month's reported capaian: 409 like any change to a closed month.
 */
export async function hapusTarget(p: Pelaku, id: number): Promise<void> {
  const t = await targetMilik(p.pegawaiId, id);
  if (t.terverifikasi > 0)
    throw new TargetTerkunciError(`Target ini sudah memiliki ${t.terverifikasi} realisasi yang diverifikasi atasan: tidak dapat dihapus.`);
  if (t.realisasi > 0)
    throw new TargetTerkunciError(
      `Target ini masih memiliki ${t.realisasi} realisasi yang belum diverifikasi. Hapus realisasi itu dulu di Realisasi Kinerja, lalu hapus targetnya.`,
    );
  const tz = await timezone(p.fallbackTz);
  const terisi = t.bulan.flatMap((v, i) => (v > 0 ? [i + 1] : []));
  await wajibBulanTerbuka(
    prisma,
    terisi.map((m) => ({ pegawaiId: p.pegawaiId, tanggal: awalBulan(t.tahun, m) })),
    p.now,
    tz,
  );
  try {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.targetTahunan.deleteMany({ where: { id, pegawaiId: p.pegawaiId } });
      if (count === 0) throw new NotFoundError('Target tidak ditemukan.');
      await audit(tx, {
        ...p.audit,
        action: 'target.hapus',
        objectType: 'target_tahunan',
        objectId: id,
        before: { tahun: t.tahun, pekerjaan: t.pekerjaan, kuantitas: t.kuantitas, satuan: t.satuan, status: t.status, bulanan: t.bulan },
      });
    });
  } catch (e) {
    // P2003 / 23503: a realisasi was added to it meanwhile (the foreign key refuses the delete).
    if ((e as { code?: string })?.code === 'P2003' || /23503|foreign key/i.test(String((e as Error)?.message)))
      throw new TargetTerkunciError('Baru saja ada realisasi yang dicatat pada target ini: target tidak dapat dihapus.');
    throw e;
  }
}

/** "Ajukan": the pegawai submits a draft or a returned target to the atasan. Safe to repeat. */
export async function ajukanTarget(p: Pelaku, id: number): Promise<boolean> {
  const t = await targetMilik(p.pegawaiId, id);
  if (!bisaDiajukan(t.status)) return false;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.targetTahunan.updateMany({
      where: { id, pegawaiId: p.pegawaiId, status: { in: ['DRAF', 'DIKEMBALIKAN'] } },
      data: { status: 'DIAJUKAN', catatanAtasan: null },
    });
    if (count === 0) return false;
    await audit(tx, {
      ...p.audit,
      action: 'target.ajukan',
      objectType: 'target_tahunan',
      objectId: id,
      before: { status: t.status, catatanAtasan: t.catatanAtasan },
      after: { status: 'DIAJUKAN' },
    });
    return true;
  });
}

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export type TargetMenunggu = {
  id: number;
  tahun: number;
  pekerjaan: string;
  kuantitas: number;
  satuan: string;
  kegiatan: string;
  asal: string;
  updatedAt: string;
  bulanan: number[];
  pegawai: { id: number; nip: string; nama: string };
};

/**
 * Persetujuan Target: the annual targets waiting for `actorId`, who approves them by the verification rule applied to
 * today (the atasan now, a Plt/Plh in force, the pejabat puncak). One statement: the windows, then the waiting targets
 * of the pegawai they reach today, through target_tahunan (pegawai_id, status).
 */
export async function daftarPersetujuan(actorId: number, today: string): Promise<TargetMenunggu[]> {
  const d = new Date(`${today}T00:00:00Z`);
  const rows = await prisma.$queryRaw<
    (Omit<TargetMenunggu, 'kuantitas' | 'bulanan'> & { kuantitas: string; bulanan: (string | null)[] })[]
  >`
    WITH w AS (${await lingkupSql(actorId, today)}),
      p AS (SELECT DISTINCT pegawai_id FROM w WHERE pegawai_id <> ${actorId}
              AND (tmt_awal IS NULL OR tmt_awal <= ${d}::date) AND (tmt_akhir IS NULL OR ${d}::date < tmt_akhir))
    SELECT t.id, t.tahun::int AS tahun, t.pekerjaan, t.kuantitas::text AS kuantitas, t.satuan, u.uraian AS kegiatan, t.asal::text AS asal,
      to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
      json_build_object('id', pg.id, 'nip', pg.nip, 'nama', pg.nama) AS pegawai,
      ARRAY(SELECT COALESCE((SELECT tb.kuantitas::text FROM target_bulanan tb WHERE tb.target_tahunan_id = t.id AND tb.bulan = m), '0')
            FROM generate_series(1, 12) m) AS bulanan
    FROM p JOIN target_tahunan t ON t.pegawai_id = p.pegawai_id AND t.status = 'DIAJUKAN'
    JOIN pegawai pg ON pg.id = t.pegawai_id
    JOIN uraian_tugas u ON u.id = t.uraian_tugas_id
    ORDER BY pg.nama, t.tahun, t.id
    LIMIT 500`;
  return rows.map((r) => ({ ...r, kuantitas: num(r.kuantitas), bulanan: r.bulanan.map(num) }));
}

/**
 * The atasan approves a target or returns it with a note. Reach as for verifikasi, on today's date (out of reach,
 * the pegawai's own target included: 404). Conditional on the version the atasan saw, so an edit by the pegawai
 * in between is not approved unseen (409); repeating the same decision is a no-op.
 */
export async function putuskanTarget(
  actorId: number,
  id: number,
  keputusan: { setujui: true } | { setujui: false; catatan: string },
  versi: string,
  waktu: { now: Date; today: string },
  who: Who,
): Promise<void> {
  const { today } = waktu;
  const t = await prisma.targetTahunan.findUnique({
    where: { id },
    select: { id: true, pegawaiId: true, status: true, updatedAt: true, catatanAtasan: true },
  });
  const jendela = t && t.pegawaiId !== actorId ? jendelaUntuk(await lingkupVerifikasi(actorId, today), t.pegawaiId, today) : undefined;
  if (!t || !jendela) throw new NotFoundError('Target tidak ditemukan.');
  const status = keputusan.setujui ? 'DISETUJUI' : 'DIKEMBALIKAN';
  if (t.status === status) return;
  const sebagai = tandaSebagai(jendela);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.targetTahunan.updateMany({
      where: { id, status: 'DIAJUKAN', updatedAt: Number.isNaN(Date.parse(versi)) ? new Date(0) : new Date(versi) },
      data: {
        status,
        catatanAtasan: keputusan.setujui ? null : keputusan.catatan,
        diputusOlehId: actorId,
        diputusAt: waktu.now,
        diputusSebagai: sebagai,
      },
    });
    if (count === 0)
      throw new TargetTerkunciError(
        'Target ini baru saja diubah atau sudah diputus. Muat ulang halaman Persetujuan Target, periksa, lalu ulangi.',
      );
    await audit(tx, {
      ...who,
      action: keputusan.setujui ? 'target.setujui' : 'target.kembalikan',
      objectType: 'target_tahunan',
      objectId: id,
      before: { status: t.status, catatanAtasan: t.catatanAtasan },
      after: { status, catatanAtasan: keputusan.setujui ? null : keputusan.catatan, sebagai },
    });
  });
}

/**
 * "Salin target tahun lalu": last year's targets of the pegawai's current jabatan (its active Anjab tasks) into `tahun`
 * as drafts. A target is copied at most once (unique disalin_dari_id, ON CONFLICT DO NOTHING), so a double click or a
 * second visit copies nothing more. Returns the number copied.
 */
export async function salinTargetTahunLalu(
  p: Pelaku,
  tahun: number,
  today: string,
): Promise<{ ok: true; jumlah: number } | { ok: false; pesan: string }> {
  const boleh = tahunRencana(today, (await getSettings()).rencanaTahunDepanBulan);
  if (!boleh.includes(tahun)) return { ok: false, pesan: `Target dapat disalin ke tahun ${boleh.join(' atau ')}.` };
  const { tugas } = await kegiatanTugasJabatan(p.pegawaiId);
  const sumber = await prisma.targetTahunan.findMany({
    where: { pegawaiId: p.pegawaiId, tahun: tahun - 1, uraianTugasId: { in: tugas.map((t) => t.id) }, salinan: null },
    select: {
      id: true,
      uraianTugasId: true,
      pekerjaan: true,
      kuantitas: true,
      satuan: true,
      bulanan: { select: { bulan: true, kuantitas: true } },
    },
    orderBy: { id: 'asc' },
  });
  if (sumber.length === 0) return { ok: true, jumlah: 0 };
  const dari = bulanMulai(tahun, today);
  return prisma.$transaction(async (tx) => {
    const baru = await tx.targetTahunan.createManyAndReturn({
      data: sumber.map((s) => ({
        pegawaiId: p.pegawaiId,
        tahun,
        uraianTugasId: s.uraianTugasId,
        pekerjaan: s.pekerjaan,
        kuantitas: s.kuantitas,
        satuan: s.satuan,
        asal: 'TAMBAHAN' as const,
        status: 'DRAF' as const,
        disalinDariId: s.id,
      })),
      skipDuplicates: true,
      select: { id: true, disalinDariId: true },
    });
    if (baru.length === 0) return { ok: true as const, jumlah: 0 };
    await tx.targetBulanan.createMany({
      data: baru.flatMap((b) => {
        const s = sumber.find((x) => x.id === b.disalinDariId)!;
        const lama = Array.from({ length: 12 }, (_, i) => num(s.bulanan.find((x) => x.bulan === i + 1)?.kuantitas));
        return sebaranSalinan(num(s.kuantitas), lama, dari).map((kuantitas, i) => ({ targetTahunanId: b.id, bulan: i + 1, kuantitas }));
      }),
    });
    await audit(tx, {
      ...p.audit,
      action: 'target.salin',
      objectType: 'target_tahunan',
      objectId: baru[0].id,
      after: { tahun, dari: baru.map((b) => ({ id: b.id, disalinDariId: b.disalinDariId })) },
    });
    return { ok: true as const, jumlah: baru.length };
  });
}
