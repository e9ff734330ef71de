import { prisma } from '../../db/prisma.ts';
import { jendelaUntuk, tandaSebagai } from '../../domain/riwayat.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { lingkupVerifikasi } from '../../services/riwayat.service.ts';

/**
 * Who reaches a pegawai's SKP, feedback and ratings (issue 19), on a given date of the pegawai's history:
 *   - the pegawai themself (read; they draft their SKP and answer feedback);
 *   - whoever verifies their entries of that date (src/services/riwayat.service.ts): the atasan in the history row,
 *     a Plt/Plh in force today, the pejabat puncak — they approve the SKP, give feedback and rate (`menilai`);
 *   - a pimpinan whose unit subtree held the pegawai on that date (read only);
 *   - the admin (read; writes on behalf only at the top of a hierarchy, where nobody else can: the same rule as
 *     verifying the entries of the Sekda).
 * Anyone else: 404 (the record is out of their reach; its existence is not confirmed).
 */

export type Pembaca = { id: number; isAdmin: boolean; isPimpinan: boolean; unitId: number | null };

export type Akses = {
  /** the reader may read the pegawai's SKP, feedback and ratings of that date */
  baca: true;
  /** the reader may approve, give feedback and rate for that date (as atasan, Plt/Plh, pejabat puncak, or admin on behalf) */
  menilai: boolean;
  /** the reader is the pegawai */
  diri: boolean;
  /** recorded with a decision: 'Plt' | 'Plh' | 'admin' (on behalf), or null for the atasan / pejabat puncak */
  sebagai: 'Plt' | 'Plh' | 'admin' | null;
};

/**
 * The reader's access to `pegawaiId` on `tanggal` (YYYY-MM-DD), Plt/Plh counted by `today`; throws NotFoundError when
 * out of reach. Two statements at most: the reader's windows, then (only for a pimpinan or admin without one) the
 * pegawai's history row of that date.
 */
export async function aksesPegawai(user: Pembaca, pegawaiId: number, tanggal: string, today: string): Promise<Akses> {
  if (user.id === pegawaiId) return { baca: true, menilai: false, diri: true, sebagai: null };
  const jendela = jendelaUntuk(await lingkupVerifikasi(user.id, today), pegawaiId, tanggal);
  if (jendela) return { baca: true, menilai: true, diri: false, sebagai: tandaSebagai(jendela) };
  if (!user.isAdmin && !user.isPimpinan) throw new NotFoundError();
  const rows = await prisma.$queryRaw<{ atasan_id: number | null; dalam_unit: boolean }[]>`
    WITH RECURSIVE sub AS (
      SELECT id FROM unit_kerja WHERE id = ${user.isPimpinan ? user.unitId : null}::int
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    )
    SELECT h.atasan_id, EXISTS (SELECT 1 FROM sub WHERE sub.id = h.unit_id) AS dalam_unit
    FROM riwayat_jabatan h
    WHERE h.pegawai_id = ${pegawaiId}
      AND (h.tmt_awal IS NULL OR h.tmt_awal <= ${tanggal}::date) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > ${tanggal}::date)
    LIMIT 1`;
  const h = rows[0];
  if (!h) throw new NotFoundError();
  if (user.isAdmin) return { baca: true, menilai: h.atasan_id === null, diri: false, sebagai: h.atasan_id === null ? 'admin' : null };
  if (h.dalam_unit) return { baca: true, menilai: false, diri: false, sebagai: null };
  throw new NotFoundError();
}

/** The same, for a write: out of reach is a 404; readable but not the reader's to decide (the pegawai, a pimpinan) 403. */
export async function wajibMenilai(user: Pembaca, pegawaiId: number, tanggal: string, today: string): Promise<Akses> {
  const a = await aksesPegawai(user, pegawaiId, tanggal, today);
  if (!a.menilai) throw new ForbiddenError('Hanya atasan langsung (atau Plt/Plh-nya) yang dapat melakukan ini.');
  return a;
}
