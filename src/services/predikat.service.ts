import { prisma } from '../db/prisma.ts';
import { bulanPeriode, type Ekspektasi, type PeriodePredikat, predikatKinerja } from '../domain/predikat.ts';
import { NotFoundError } from '../lib/errors.ts';
import { bolehMenilai } from '../policies/pimpinan.policy.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { diDalamDinas, hitungSatu } from './bulan-pegawai.service.ts';
import { getSettings } from './settings.service.ts';

// Predikat kinerja (PermenPAN-RB 6/2022): the direct atasan rates hasil kerja and perilaku kerja per period; the
// predikat follows from the matrix (src/domain/predikat.ts). The period's capaian is shown beside the form.

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

export async function predikatPegawai(pegawaiId: number, tahun: number) {
  return prisma.predikatKinerja.findMany({ where: { pegawaiId, tahun }, orderBy: { periode: 'asc' } });
}

/** The atasan's direct subordinates with their rating for a period. */
export async function daftarPenilaian(atasanId: number, tahun: number, periode: PeriodePredikat) {
  return prisma.pegawai.findMany({
    where: { atasanId, aktif: true },
    select: { id: true, nama: true, nip: true, predikat: { where: { tahun, periode }, select: { predikat: true } } },
    orderBy: { nama: 'asc' },
  });
}

/** A subordinate the reader may rate (direct atasan only; else 404), with the period's capaian from the rekap. */
export async function bawahanUntukDinilai(
  user: { id: number; isAdmin: boolean; isPimpinan: boolean },
  pegawaiId: number,
  tahun: number,
  periode: PeriodePredikat,
) {
  const p = await prisma.pegawai.findUnique({ where: { id: pegawaiId }, select: { id: true, nama: true, nip: true, atasanId: true } });
  if (!p || !bolehMenilai(user, p)) throw new NotFoundError();
  const settings = await getSettings();
  const [bulanan, ada] = await Promise.all([
    Promise.all(bulanPeriode(periode).map((b) => hitungSatu(pegawaiId, tahun, b, settings))),
    prisma.predikatKinerja.findUnique({ where: { pegawaiId_tahun_periode: { pegawaiId, tahun, periode } } }),
  ]);
  // the months' capaian of the one computation of a pegawai's month (src/domain/bulan-pegawai.ts)
  const nilai = bulanan.filter((b) => b !== null && diDalamDinas(b) && b.capaian.nilai !== null).map((b) => b!.capaian.nilai as number);
  return { pegawai: p, capaianPeriode: nilai.length ? nilai.reduce((s, v) => s + v, 0) / nilai.length : null, ada };
}

export async function simpanPredikat(
  input: {
    pegawaiId: number;
    tahun: number;
    periode: PeriodePredikat;
    hasilKerja: Ekspektasi;
    perilakuKerja: Ekspektasi;
    catatan: string | null;
  },
  penilaiId: number,
  who: Who,
) {
  const predikat = predikatKinerja(input.hasilKerja, input.perilakuKerja);
  await prisma.$transaction(async (tx) => {
    const key = { pegawaiId_tahun_periode: { pegawaiId: input.pegawaiId, tahun: input.tahun, periode: input.periode } };
    const before = await tx.predikatKinerja.findUnique({ where: key });
    const data = { hasilKerja: input.hasilKerja, perilakuKerja: input.perilakuKerja, predikat, catatan: input.catatan, penilaiId };
    const row = await tx.predikatKinerja.upsert({ where: key, create: { ...input, ...data }, update: data });
    await audit(tx, {
      ...who,
      action: before ? 'predikat.ubah' : 'predikat.tambah',
      objectType: 'predikat_kinerja',
      objectId: row.id,
      before: before ? { hasilKerja: before.hasilKerja, perilakuKerja: before.perilakuKerja, predikat: before.predikat } : undefined,
      after: { tahun: input.tahun, periode: input.periode, hasilKerja: input.hasilKerja, perilakuKerja: input.perilakuKerja, predikat },
    });
  });
  return predikat;
}
