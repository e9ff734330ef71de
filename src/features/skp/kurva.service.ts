import { prisma } from '../../db/prisma.ts';
import { type KeadaanKurva, lengkap, periksaKurva } from '../../domain/kurva.ts';
import type { Settings } from '../../domain/settings.ts';
import type { PeriodeEvaluasi, PredikatOrganisasi } from '../../domain/skp.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { getLogo } from '../../services/logo.service.ts';
import { getSettings } from '../../services/settings.service.ts';
import { bolehBukaKurva, type PembacaKurva } from './evaluasi.policy.ts';
import { type BarisKeadaan, bulanSama, kurvaCte } from './evaluasi.sql.ts';

/**
 * Kurva distribusi per OPD and period (issue 19, src/domain/kurva.ts): how many of the OPD's pegawai to be rated have
 * each predikat, against the bounds of the OPD's predikat organisasi. Who reads which OPD: the admin every OPD; a
 * pimpinan the OPDs of their unit subtree (and the OPD their unit lies in); an atasan the OPD of their own unit.
 * Counts only, no names. Anyone else: 403; an OPD out of the reader's reach: 404.
 */

export const keadaanDari = (b: BarisKeadaan): KeadaanKurva => ({
  wajib: b.wajib,
  jumlah: { 'Sangat Baik': b.sb, Baik: b.b, 'Butuh Perbaikan': b.bp, 'Kurang/Misconduct': b.k, 'Sangat Kurang': b.sk },
});

type Baris = BarisKeadaan & {
  id: number;
  nama: string;
  capaian: string | null;
  predikat: PredikatOrganisasi | null;
  sumber: string | null;
  kepala_nama: string | null;
  kepala_nip: string | null;
};

export type StatusKurva = ReturnType<typeof statusDari>;

function statusDari(r: Baris, settings: Settings) {
  const keadaan = keadaanDari({ ...r, wajib: r.wajib ?? 0, sb: r.sb ?? 0, b: r.b ?? 0, bp: r.bp ?? 0, k: r.k ?? 0, sk: r.sk ?? 0 });
  const batas = r.predikat ? settings.kurvaDistribusi[r.predikat] : null;
  return {
    opdId: r.id,
    nama: r.nama,
    organisasi: r.predikat && r.capaian !== null ? { capaian: Number(r.capaian), predikat: r.predikat, sumber: r.sumber ?? '' } : null,
    batas,
    keadaan,
    lengkap: lengkap(keadaan),
    pelanggaran: batas ? periksaKurva(batas, keadaan) : [],
    kepala: r.kepala_nama ? { nama: r.kepala_nama, nip: r.kepala_nip ?? '' } : null,
  };
}

/** Every OPD the reader may read that has pegawai to rate, with its curve for the period (one statement). 403 for a reader who rates nobody. */
export async function kurvaTerbaca(user: PembacaKurva, adaJendela: boolean, p: PeriodeEvaluasi, hanya?: number): Promise<StatusKurva[]> {
  if (!bolehBukaKurva(user, adaJendela)) throw new ForbiddenError('Kurva distribusi untuk atasan, pimpinan, dan admin kepegawaian.');
  const settings = await getSettings();
  const rows = await prisma.$queryRaw<Baris[]>`
    WITH RECURSIVE
      sub AS (
        SELECT id FROM unit_kerja WHERE id = ${user.isPimpinan ? user.unitId : null}::int
        UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id),
      boleh AS (
        SELECT DISTINCT x.opd_id FROM (SELECT id AS unit_id, unit_opd(id) AS opd_id FROM unit_kerja) x
        WHERE (${user.isAdmin} OR x.unit_id IN (SELECT id FROM sub) OR x.unit_id = ${user.unitId}::int)
          AND (${hanya ?? null}::int IS NULL OR x.opd_id = ${hanya ?? null}::int)),
      ${kurvaCte(p, Prisma.sql`SELECT opd_id FROM boleh`)}
    SELECT u.id, u.nama, k.capaian::text AS capaian, k.predikat, k.sumber, kk.wajib, kk.sb, kk.b, kk.bp, kk.k, kk.sk, kk.kepala_id,
           kp.nama AS kepala_nama, kp.nip AS kepala_nip
    FROM boleh JOIN unit_kerja u ON u.id = boleh.opd_id
    LEFT JOIN k_keadaan kk ON kk.opd_id = boleh.opd_id
    LEFT JOIN kinerja_organisasi k ON k.unit_id = boleh.opd_id AND k.tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`k.bulan`, p.bulan)}
    LEFT JOIN pegawai kp ON kp.id = kk.kepala_id
    ORDER BY u.nama`;
  // an OPD with nobody to rate (the Pemda's own root unit, a Sekretariat Daerah of the Sekda alone) has no curve to show
  return rows.filter((r) => hanya !== undefined || (r.wajib ?? 0) > 0).map((r) => statusDari(r, settings));
}

/** One OPD's curve (404 when the reader may not read it), for the page's detail and the Pola Distribusi PDF. */
export async function kurvaOpd(user: PembacaKurva, adaJendela: boolean, p: PeriodeEvaluasi, unitId: number) {
  const satu = (await kurvaTerbaca(user, adaJendela, p, unitId))[0];
  if (!satu) throw new NotFoundError();
  return satu;
}

/** The Pola Distribusi PDF's data: the OPD's curve with the Pemda's name and logo. */
export async function polaDistribusi(user: PembacaKurva, adaJendela: boolean, p: PeriodeEvaluasi, unitId: number) {
  const [kurva, logo, settings] = await Promise.all([kurvaOpd(user, adaJendela, p, unitId), getLogo(), getSettings()]);
  return { kurva, periode: p, namaPemda: settings.namaPemda, logo: logo?.data ?? null };
}
