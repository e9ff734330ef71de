import { prisma } from '../../db/prisma.ts';
import { namaBulan } from '../../domain/periode.ts';
import { labelPeriode, type PeriodeEvaluasi, type PredikatOrganisasi, predikatOrganisasiDari, rentangPeriode } from '../../domain/skp.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { FieldError } from '../../lib/field-error.ts';
import { type AuditEntry, audit } from '../../services/audit.service.ts';
import { getSettings } from '../../services/settings.service.ts';
import { bulanSama } from './evaluasi.sql.ts';

/**
 * Kinerja organisasi (issue 19): the capaian (%) of each OPD for a month or the year, with its source (e.g. the OPD's
 * LKjIP, the Renja's evaluation), entered by the admin kepegawaian. Its predikat organisasi, by the bands of the
 * setting `predikatOrganisasiBatas`, is stored with it as decided then (a later change of the bands does not rewrite a
 * recorded period; saving the period again does). It drives the leader's rule and the distribution curve.
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export type BarisOrganisasi = {
  unit_id: number;
  nama: string;
  capaian: string | null;
  predikat: PredikatOrganisasi | null;
  sumber: string | null;
  updated_at: Date | null;
  dicatat_oleh: string | null;
};

/** Every OPD with its record for the period (none yet: nulls). One statement. */
export function daftarKinerjaOrganisasi(p: PeriodeEvaluasi): Promise<BarisOrganisasi[]> {
  return prisma.$queryRaw<BarisOrganisasi[]>`
    SELECT u.id AS unit_id, u.nama, k.capaian::text AS capaian, k.predikat, k.sumber, k.updated_at, g.nama AS dicatat_oleh
    FROM unit_kerja u
    LEFT JOIN kinerja_organisasi k ON k.unit_id = u.id AND k.tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`k.bulan`, p.bulan)}
    LEFT JOIN pegawai g ON g.id = k.dicatat_oleh_id
    WHERE unit_opd(u.id) = u.id AND (u.aktif OR k.id IS NOT NULL)
    ORDER BY u.nama`;
}

export type InputOrganisasi = { unitId: number; capaian: number; sumber: string };

/** Records (or corrects) an OPD's capaian for the period, audited. 422 next to the field for a unit that is no OPD or a period not begun. */
export async function simpanKinerjaOrganisasi(p: PeriodeEvaluasi, input: InputOrganisasi, today: string, who: Who) {
  if (rentangPeriode(p).awal > today)
    throw new FieldError({ capaian: `${labelPeriode(p, namaBulan)} belum dimulai: capaian organisasinya belum dapat dicatat.` });
  const { predikatOrganisasiBatas } = await getSettings();
  const predikat = predikatOrganisasiDari(input.capaian, predikatOrganisasiBatas);
  return prisma.$transaction(async (tx) => {
    const opd = await tx.$queryRaw<
      { unit_id: number }[]
    >`SELECT id AS unit_id FROM unit_kerja WHERE id = ${input.unitId} AND unit_opd(id) = id`;
    if (opd.length === 0) throw new FieldError({ unitId: 'Pilih OPD (unit kerja langsung di bawah Pemda, atau Pemda itu sendiri).' });
    const [ada] = await tx.$queryRaw<{ id: number; capaian: string; predikat: PredikatOrganisasi; sumber: string }[]>`
      SELECT id, capaian::text AS capaian, predikat, sumber FROM kinerja_organisasi
      WHERE unit_id = ${input.unitId} AND tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`bulan`, p.bulan)} FOR UPDATE`;
    // the same figures posted twice (a double click): one record, one audit row
    if (ada && Number(ada.capaian) === input.capaian && ada.sumber === input.sumber && ada.predikat === predikat) return predikat;
    const data = { capaian: input.capaian, predikat, sumber: input.sumber, dicatatOlehId: who.actorId };
    const row = ada
      ? await tx.kinerjaOrganisasi.update({ where: { id: ada.id }, data })
      : await tx.kinerjaOrganisasi.create({ data: { ...data, unitId: input.unitId, tahun: p.tahun, bulan: p.bulan } });
    await audit(tx, {
      ...who,
      action: ada ? 'kinerja-organisasi.ubah' : 'kinerja-organisasi.tambah',
      objectType: 'kinerja_organisasi',
      objectId: row.id,
      before: ada ? { capaian: Number(ada.capaian), predikat: ada.predikat, sumber: ada.sumber } : undefined,
      after: { unitId: input.unitId, tahun: p.tahun, bulan: p.bulan, capaian: input.capaian, predikat, sumber: input.sumber },
    });
    return predikat;
  });
}
