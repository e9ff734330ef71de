import type { Prisma } from '../../generated/prisma/client.ts';

const date = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * A mutasi and the SKP (issue 19: "a mutasi closes the SKP at its TMT and opens one for the new jabatan"), in the
 * mutasi's own transaction (src/services/riwayat.service.ts `mutasi`, `mutasiImpor`), set-based, after the history row
 * opened at `tmt` is written. For each pegawai whose jabatan from the TMT differs from their SKP's:
 *   - the SKP covering the TMT and started before it ends at TMT − 1 (what was planned and approved stays, for the
 *     evaluation of those months);
 *   - an SKP of the old jabatan that starts on or after the TMT (next year's, planned from October, or one a back-dated
 *     mutasi overtakes) becomes the new jabatan's: its jabatan, unit and atasan follow the history and it goes back to
 *     draft, RHK and targets kept, for the pegawai to review against the new jabatan and submit again — nothing is
 *     deleted behind the pegawai's back;
 *   - where an SKP was closed, a draft SKP for the new jabatan opens at the TMT, up to 31 December or the day before the
 *     pegawai's next SKP.
 * A new atasan alone (same jabatan) changes no SKP: who approves and rates is read from the history by date.
 * Returns how many SKP were closed.
 */
export async function skpIkutMutasi(tx: Prisma.TransactionClient, pegawaiIds: number[], tmt: string): Promise<number> {
  if (pegawaiIds.length === 0) return 0;
  const ditutup = await tx.$queryRaw<{ pegawai_id: number }[]>`
    UPDATE skp s SET selesai = ${date(tmt)}::date - 1, versi = s.versi + 1, updated_at = now()
    FROM riwayat_jabatan h
    WHERE h.pegawai_id = s.pegawai_id AND h.tmt_awal = ${date(tmt)}::date AND s.pegawai_id = ANY(${pegawaiIds}::int[])
      AND s.mulai < ${date(tmt)}::date AND s.selesai >= ${date(tmt)}::date AND s.jabatan_id IS DISTINCT FROM h.jabatan_id
    RETURNING s.pegawai_id`;
  await tx.$executeRaw`
    UPDATE skp s SET jabatan_id = h.jabatan_id, unit_id = h.unit_id, atasan_id = h.atasan_id, status = 'DRAF',
                     catatan_atasan = NULL, versi = s.versi + 1, updated_at = now()
    FROM riwayat_jabatan h
    WHERE h.pegawai_id = s.pegawai_id AND h.tmt_awal = ${date(tmt)}::date AND s.pegawai_id = ANY(${pegawaiIds}::int[])
      AND s.mulai >= ${date(tmt)}::date AND s.jabatan_id IS DISTINCT FROM h.jabatan_id`;
  const ids = ditutup.map((d) => d.pegawai_id);
  if (ids.length === 0) return 0;
  await tx.$executeRaw`
    INSERT INTO skp (pegawai_id, tahun, mulai, selesai, jabatan_id, unit_id, atasan_id, status, updated_at)
    SELECT h.pegawai_id, extract(year FROM h.tmt_awal)::int, h.tmt_awal,
           LEAST(make_date(extract(year FROM h.tmt_awal)::int, 12, 31),
                 COALESCE((SELECT min(s.mulai) - 1 FROM skp s WHERE s.pegawai_id = h.pegawai_id AND s.mulai > h.tmt_awal), 'infinity'::date)),
           h.jabatan_id, h.unit_id, h.atasan_id, 'DRAF', now()
    FROM riwayat_jabatan h
    WHERE h.pegawai_id = ANY(${ids}::int[]) AND h.tmt_awal = ${date(tmt)}::date
      AND NOT EXISTS (SELECT 1 FROM skp s WHERE s.pegawai_id = h.pegawai_id AND s.mulai <= h.tmt_awal AND s.selesai >= h.tmt_awal)`;
  return ids.length;
}
