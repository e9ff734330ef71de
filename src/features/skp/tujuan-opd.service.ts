import { prisma } from '../../db/prisma.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { FieldError } from '../../lib/field-error.ts';
import { type AuditEntry, audit } from '../../services/audit.service.ts';
import { checkEachRow, csvFile, failed, type ImportError, norm, readImportFile, unreadable } from '../../services/import/reader.ts';
import { auditInBatches, chunks } from '../../services/import/transaction.ts';
import { CONTROL_LINE } from '../../validation/common.ts';
import type { Pembaca } from './akses.service.ts';
import type { TujuanInput } from './skp.schema.ts';

/**
 * Tujuan OPD (issue 19): the goals of an OPD for a year, which the RHK of the top of the OPD intervene. Kept by the
 * admin for any OPD (and the Pemda's own goals, the Sekda's), and by a pimpinan for their own OPD (`unit_opd` of their
 * unit); anyone else 403, an OPD out of a pimpinan's reach 404. A goal is deactivated, never deleted: RHK name it.
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
export type Opd = { id: number; nama: string };

/** Who may keep goals at all (the route's policy): the admin and pimpinan. */
export const bolehKelolaTujuan = (user: Pembaca): boolean => user.isAdmin || user.isPimpinan;

/** The OPD the reader keeps goals for: every OPD and the Pemda (admin), their own OPD (pimpinan). One statement. */
export async function opdTerjangkau(user: Pembaca): Promise<Opd[]> {
  if (!bolehKelolaTujuan(user)) throw new ForbiddenError('Tujuan OPD dikelola oleh admin dan pimpinan OPD.');
  return prisma.$queryRaw<Opd[]>`
    SELECT u.id, u.nama FROM unit_kerja u
    WHERE u.aktif AND (
      (${user.isAdmin} AND (u.induk_id IS NULL OR u.induk_id IN (SELECT id FROM unit_kerja WHERE induk_id IS NULL)))
      OR (NOT ${user.isAdmin} AND u.id = unit_opd(${user.unitId}::int)))
    ORDER BY u.induk_id NULLS FIRST, u.nama`;
}

async function wajibOpd(user: Pembaca, unitId: number): Promise<Opd> {
  const opd = (await opdTerjangkau(user)).find((o) => o.id === unitId);
  if (!opd) throw new NotFoundError('OPD tidak ditemukan atau di luar jangkauan Anda.');
  return opd;
}

export async function daftarTujuan(user: Pembaca, unitParam: number | undefined, tahun: number) {
  const opd = await opdTerjangkau(user);
  const unit = opd.find((o) => o.id === (unitParam ?? opd[opd.length > 1 ? 1 : 0]?.id));
  if (!unit) throw new NotFoundError('OPD tidak ditemukan atau di luar jangkauan Anda.');
  const tujuan = await prisma.tujuanOpd.findMany({
    where: { unitId: unit.id, tahun },
    orderBy: [{ aktif: 'desc' }, { urutan: 'asc' }, { kode: 'asc' }, { id: 'asc' }],
    select: { id: true, kode: true, uraian: true, indikator: true, target: true, aktif: true, _count: { select: { rhk: true } } },
  });
  return { opd, unit, tujuan };
}

/** One goal in the reader's reach (404 otherwise). */
export async function tujuanMilik(user: Pembaca, id: number) {
  const t = await prisma.tujuanOpd.findUnique({ where: { id } });
  if (!t) throw new NotFoundError('Tujuan OPD tidak ditemukan.');
  await wajibOpd(user, t.unitId);
  return t;
}

const DUPLIKAT = 'Tujuan dengan uraian ini sudah ada pada OPD dan tahun tersebut.';
const unik = (e: unknown) => /tujuan_opd_unit_id_tahun_uraian_key|P2002|23505/.test(`${(e as Error)?.message} ${JSON.stringify(e ?? {})}`);

/** Adds a goal (idempotent by the form's key) or changes one, audited; the same uraian twice in an OPD-year is a 422. */
export async function simpanTujuan(user: Pembaca, id: number | null, input: TujuanInput, who: Who): Promise<number> {
  const lama = id === null ? null : await tujuanMilik(user, id);
  const unitId = lama?.unitId ?? input.unitId;
  await wajibOpd(user, unitId);
  if (!lama && input.idempotencyKey) {
    const ada = await prisma.tujuanOpd.findUnique({ where: { unitId_idempotencyKey: { unitId, idempotencyKey: input.idempotencyKey } } });
    if (ada) return ada.id;
  }
  const data = { kode: input.kode, uraian: input.uraian, indikator: input.indikator, target: input.target };
  try {
    return await prisma.$transaction(async (tx) => {
      if (lama) {
        await tx.tujuanOpd.update({ where: { id: lama.id }, data });
        await audit(tx, { ...who, action: 'tujuan_opd.ubah', objectType: 'tujuan_opd', objectId: lama.id, before: lama, after: data });
        return lama.id;
      }
      const urutan =
        ((await tx.tujuanOpd.aggregate({ where: { unitId, tahun: input.tahun }, _max: { urutan: true } }))._max.urutan ?? 0) + 1;
      const row = await tx.tujuanOpd.create({
        data: { ...data, unitId, tahun: input.tahun, urutan, idempotencyKey: input.idempotencyKey },
      });
      await audit(tx, {
        ...who,
        action: 'tujuan_opd.buat',
        objectType: 'tujuan_opd',
        objectId: row.id,
        after: { unitId, tahun: input.tahun, ...data },
      });
      return row.id;
    });
  } catch (e) {
    if (unik(e)) {
      if (!lama && input.idempotencyKey) {
        const ada = await prisma.tujuanOpd.findUnique({
          where: { unitId_idempotencyKey: { unitId, idempotencyKey: input.idempotencyKey } },
        });
        if (ada) return ada.id;
      }
      throw new FieldError({ uraian: DUPLIKAT });
    }
    throw e;
  }
}

/** Deactivates (or activates again) a goal: RHK that intervene it keep it; it is no longer offered. Safe to repeat. */
export async function aturAktifTujuan(user: Pembaca, id: number, aktif: boolean, who: Who) {
  const t = await tujuanMilik(user, id);
  if (t.aktif === aktif) return t;
  await prisma.$transaction(async (tx) => {
    await tx.tujuanOpd.update({ where: { id }, data: { aktif } });
    await audit(tx, {
      ...who,
      action: aktif ? 'tujuan_opd.aktifkan' : 'tujuan_opd.nonaktifkan',
      objectType: 'tujuan_opd',
      objectId: id,
      before: { aktif: t.aktif },
      after: { aktif },
    });
  });
  return t;
}

// ── CSV import: kode,uraian,indikator,target (only uraian required), all or nothing, errors by row and column ─────────

const KOLOM = ['uraian'] as const;
const OPSIONAL = ['kode', 'indikator', 'target'] as const;
const PANJANG = { kode: 40, uraian: 1000, indikator: 1000, target: 200 } as const;

/** The template the admin fills in (semicolons, as Indonesian Excel writes). */
export const TEMPLATE_TUJUAN = csvFile([
  ['kode', 'uraian', 'indikator', 'target'],
  ['T1', 'Meningkatnya kualitas pelayanan publik', 'Indeks kepuasan masyarakat', '85 poin'],
]);

export type HasilImporTujuan = { ok: boolean; rows: number; errors: ImportError[]; dibuat: number; diubah: number; tetap: number };

/**
 * Reads a file of goals for one OPD and year. Every row is checked (uraian present, lengths, no control characters, the
 * same uraian twice in the file); any problem: nothing is written and each is listed by row and column. Otherwise one
 * transaction: a goal whose uraian is new is added, one that exists (same OPD, year and uraian) takes the file's kode,
 * indikator and target and is active again; audited per goal. Importing the same file again changes nothing.
 */
export async function imporTujuan(user: Pembaca, unitId: number, tahun: number, text: string, who: Who): Promise<HasilImporTujuan> {
  await wajibOpd(user, unitId);
  const started = performance.now();
  const gagal = (rows: number, errors: ImportError[]) => {
    const f = failed(rows, errors, started);
    return { ok: false, rows: f.rows, errors: f.errors, dibuat: 0, diubah: 0, tetap: 0 };
  };
  const file = readImportFile(text, KOLOM, OPSIONAL);
  if (unreadable(file)) return gagal(0, file.errors);
  const seen = new Map<string, number>();
  const rows = checkEachRow(file, (v, err, baris) => {
    for (const k of ['kode', 'uraian', 'indikator', 'target'] as const) {
      if (v[k].length > PANJANG[k]) err(k, `Paling banyak ${PANJANG[k]} karakter.`);
      if (CONTROL_LINE.test(v[k])) err(k, 'Berisi karakter yang tidak diizinkan.');
    }
    if (v.uraian === '') err('uraian', 'Uraian tujuan wajib diisi.');
    const kunci = norm(v.uraian);
    if (v.uraian && seen.has(kunci)) err('uraian', `Uraian ini sudah ada pada baris ${seen.get(kunci)}.`);
    else seen.set(kunci, baris);
    return { kode: v.kode || null, uraian: v.uraian.replace(/\s+/g, ' '), indikator: v.indikator || null, target: v.target || null };
  });
  if (file.errors.length > 0) return gagal(file.rows.length, file.errors);
  return prisma.$transaction(async (tx) => {
    // one import of an OPD's goals at a time: two at once would each add what the other is adding
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(5050507, ${unitId}::int)`;
    const lama = await tx.tujuanOpd.findMany({ where: { unitId, tahun } });
    const byUraian = new Map(lama.map((t) => [t.uraian, t]));
    let urutan = lama.reduce((m, t) => Math.max(m, t.urutan), 0);
    const baru = rows.filter((r) => !byUraian.has(r.uraian)).map((r) => ({ ...r, unitId, tahun, urutan: ++urutan }));
    const ubah = rows.flatMap((r) => {
      const t = byUraian.get(r.uraian);
      return t && (t.kode !== r.kode || t.indikator !== r.indikator || t.target !== r.target || !t.aktif) ? [{ t, r }] : [];
    });
    const dibuat = [];
    for (const batch of chunks(baru))
      dibuat.push(...(await tx.tujuanOpd.createManyAndReturn({ data: batch, select: { id: true, uraian: true } })));
    for (const batch of chunks(ubah))
      await tx.$executeRaw`
        UPDATE tujuan_opd t SET kode = v.kode, indikator = v.indikator, target = v.target, aktif = true, updated_at = now()
        FROM unnest(${batch.map((b) => b.t.id)}::int[], ${batch.map((b) => b.r.kode)}::text[], ${batch.map((b) => b.r.indikator)}::text[],
                    ${batch.map((b) => b.r.target)}::text[]) AS v(id, kode, indikator, target)
        WHERE t.id = v.id`;
    await auditInBatches(tx, [
      ...dibuat.map((t) => ({
        ...who,
        action: 'tujuan_opd.impor',
        objectType: 'tujuan_opd',
        objectId: t.id,
        after: { unitId, tahun, uraian: t.uraian },
      })),
      ...ubah.map(({ t, r }) => ({
        ...who,
        action: 'tujuan_opd.impor',
        objectType: 'tujuan_opd',
        objectId: t.id,
        before: { kode: t.kode, indikator: t.indikator, target: t.target, aktif: t.aktif },
        after: { kode: r.kode, indikator: r.indikator, target: r.target, aktif: true },
      })),
      {
        ...who,
        action: 'impor.tujuan_opd',
        objectType: 'impor',
        after: { unitId, tahun, baris: rows.length, dibuat: dibuat.length, diubah: ubah.length },
      },
    ]);
    return {
      ok: true,
      rows: rows.length,
      errors: [],
      dibuat: dibuat.length,
      diubah: ubah.length,
      tetap: rows.length - dibuat.length - ubah.length,
    };
  });
}
