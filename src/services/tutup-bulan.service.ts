import { prisma } from '../db/prisma.ts';
import { bulanDitutup, pesanDitutup } from '../domain/tutup-bulan.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/errors.ts';
import { FieldError } from '../lib/field-error.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { getSettings } from './settings.service.ts';

/**
 * Tutup bulan (issue 11). Months close by the clock (src/domain/tutup-bulan.ts); an admin reopens one month for one
 * unit (and its sub-units) with a reason, and closes it again. Every change to an entry checks, inside its own
 * transaction, that the entry's month is open for the unit the pegawai belonged to on the entry's date; the reopen
 * rows it relies on are read FOR SHARE, so a verify racing "tutup kembali" either commits before the close (and the
 * close waits for it) or sees the month closed: exactly one outcome.
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
type Db = Prisma.TransactionClient | typeof prisma;

export class BulanDitutupError extends AppError {
  constructor(message: string) {
    super(message, 409, 'Bulan sudah ditutup');
  }
}

/** Throws BulanDitutupError (409) unless every entry's month is open at `now` for its pegawai's unit on that date. */
export async function wajibBulanTerbuka(db: Db, entries: { pegawaiId: number; tanggal: string }[], now: Date, tz: string): Promise<void> {
  const { tutupBulanHari } = await getSettings();
  const ditutup = entries.filter((e) => bulanDitutup(e.tanggal, now, tz, tutupBulanHari));
  if (ditutup.length === 0) return;
  // FOR SHARE: an admin's "tutup kembali" cannot slip between this check and the caller's write
  const terbuka = await dibukaKembali(db, ditutup, { lock: true });
  const pertama = ditutup.find((_, i) => !terbuka.has(i));
  if (pertama) throw new BulanDitutupError(pesanDitutup(pertama.tanggal, tutupBulanHari));
}

/**
 * Which of the months of a year are closed for one pegawai at `now`: closed by the clock (tutup bulan) and not reopened
 * by an admin for the pegawai's unit (or a unit above it) on the month's first day. For the forms that show a month
 * read-only; the write itself is checked again by wajibBulanTerbuka.
 */
export async function bulanTertutupBagi(db: Db, pegawaiId: number, tahun: number, now: Date, tz: string): Promise<boolean[]> {
  const { tutupBulanHari } = await getSettings();
  const awal = Array.from({ length: 12 }, (_, i) => `${tahun}-${String(i + 1).padStart(2, '0')}-01`);
  const ditutup = awal.map((tanggal) => bulanDitutup(tanggal, now, tz, tutupBulanHari));
  const diperiksa = awal.flatMap((tanggal, i) => (ditutup[i] ? [{ pegawaiId, tanggal, bulan: i }] : []));
  if (diperiksa.length === 0) return ditutup;
  const terbuka = await dibukaKembali(db, diperiksa, { lock: false });
  for (const i of terbuka) ditutup[diperiksa[i].bulan] = false;
  return ditutup;
}

/** The indexes of the entries whose month an admin reopened for the pegawai's unit on that date, or a unit above it. */
async function dibukaKembali(db: Db, entries: { pegawaiId: number; tanggal: string }[], opts: { lock: boolean }): Promise<Set<number>> {
  const bulan = [...new Set(entries.map((e) => e.tanggal.slice(0, 7)))];
  const buka = opts.lock
    ? await db.$queryRaw<{ unit_id: number; ym: string }[]>`
        SELECT unit_id, to_char(make_date(tahun, bulan, 1), 'YYYY-MM') AS ym FROM buka_bulan
        WHERE aktif AND to_char(make_date(tahun, bulan, 1), 'YYYY-MM') = ANY(${bulan}::text[]) FOR SHARE`
    : await db.$queryRaw<{ unit_id: number; ym: string }[]>`
        SELECT unit_id, to_char(make_date(tahun, bulan, 1), 'YYYY-MM') AS ym FROM buka_bulan
        WHERE aktif AND to_char(make_date(tahun, bulan, 1), 'YYYY-MM') = ANY(${bulan}::text[])`;
  if (buka.length === 0) return new Set();
  // The unit of each pegawai on the entry's date, and whether a reopened unit is that unit or one of its ancestors.
  const rows = await db.$queryRaw<{ i: number }[]>`
    WITH RECURSIVE e(i, pegawai_id, tanggal) AS (
      SELECT * FROM unnest(${entries.map((_, i) => i)}::int[], ${entries.map((d) => d.pegawaiId)}::int[], ${entries.map((d) => d.tanggal)}::date[])),
    naik(i, unit_id, ym) AS (
      SELECT e.i, h.unit_id, to_char(e.tanggal, 'YYYY-MM') FROM e JOIN riwayat_jabatan h ON h.pegawai_id = e.pegawai_id
        AND (h.tmt_awal IS NULL OR h.tmt_awal <= e.tanggal) AND (h.tmt_akhir IS NULL OR e.tanggal < h.tmt_akhir)
      UNION SELECT naik.i, u.induk_id, naik.ym FROM naik JOIN unit_kerja u ON u.id = naik.unit_id WHERE u.induk_id IS NOT NULL)
    SELECT DISTINCT naik.i FROM naik JOIN unnest(${buka.map((b) => b.unit_id)}::int[], ${buka.map((b) => b.ym)}::text[]) AS b(unit_id, ym)
      ON b.unit_id = naik.unit_id AND b.ym = naik.ym`;
  return new Set(rows.map((r) => r.i));
}

/** Reopened months, newest first. */
export function daftarBuka() {
  return prisma.bukaBulan.findMany({ orderBy: [{ aktif: 'desc' }, { tahun: 'desc' }, { bulan: 'desc' }, { id: 'desc' }], take: 200 });
}

/** The admin reopens one month for one unit, with a reason, audited (a second reopen of the same month is a no-op). */
export async function bukaBulan(input: { unitId: number; bulan: string; alasan: string }, who: Who): Promise<void> {
  const [tahun, bulan] = input.bulan.split('-').map(Number);
  await prisma.$transaction(async (tx) => {
    const unit = await tx.unitKerja.findUnique({ where: { id: input.unitId }, select: { id: true } });
    if (!unit) throw new FieldError({ unitId: 'Pilih unit kerja.' });
    const row = await tx.bukaBulan.upsert({
      where: { unitId_tahun_bulan: { unitId: input.unitId, tahun, bulan } },
      create: { unitId: input.unitId, tahun, bulan, alasan: input.alasan },
      update: { aktif: true, alasan: input.alasan },
    });
    await audit(tx, {
      ...who,
      action: 'bulan.buka',
      objectType: 'buka_bulan',
      objectId: row.id,
      after: { unitId: input.unitId, tahun, bulan },
      reason: input.alasan,
    });
  });
}

/** Closes a reopened month again, audited. Waits for verifications in flight on that month (they hold FOR SHARE). */
export async function tutupKembali(id: number, who: Who): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.bukaBulan.updateMany({ where: { id, aktif: true }, data: { aktif: false } });
    if (count === 0) return false;
    await audit(tx, {
      ...who,
      action: 'bulan.tutup',
      objectType: 'buka_bulan',
      objectId: id,
      before: { aktif: true },
      after: { aktif: false },
    });
    return true;
  });
}
