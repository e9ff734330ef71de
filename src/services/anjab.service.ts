import { prisma } from '../db/prisma.ts';
import { type AbkFigures, hitungJabatan } from '../domain/abk.ts';
import { ANJAB_BAGIAN, type JenisJabatan, pohonUnit, type UnitInTree } from '../domain/anjab.ts';
import { AppError, NotFoundError } from '../lib/errors.ts';
import type { AnjabInput, UraianTugasInput } from '../validation/anjab.schema.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { getSettings } from './settings.service.ts';

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;

/** A rule broken by one field (e.g. a name already taken): the form shows it next to that field. */
export class AnjabFieldError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, 422);
  }
}

const prismaCode = (e: unknown) => (e as { code?: string })?.code;

export type AnjabListItem = { id: number; nama: string; kode: string | null; jenis: JenisJabatan; kelas: number; jumlahTugas: number };
export type AnjabGroup = { unit: UnitInTree; jabatan: AnjabListItem[] };

/**
 * The jabatan of the Pemda by unit (tree order), optionally those whose name, kode or unit matches `q`,
 * and the jabatan of the reader (a shortcut to "my Anjab", from the session's pegawai: no statement of its own).
 */
export async function daftarAnjab(
  saya: { jabatanId: number | null; jabatanNama: string | null },
  q?: string,
): Promise<{ groups: AnjabGroup[]; total: number; jabatanSaya: { id: number; nama: string } | null }> {
  const contains = q ? { contains: q, mode: 'insensitive' as const } : undefined;
  const [units, jabatan] = await Promise.all([
    prisma.unitKerja.findMany({ where: { aktif: true }, select: { id: true, nama: true, indukId: true }, orderBy: { id: 'asc' } }),
    prisma.jabatan.findMany({
      where: { aktif: true, ...(contains ? { OR: [{ nama: contains }, { kode: contains }, { unit: { nama: contains } }] } : {}) },
      select: {
        id: true,
        nama: true,
        kode: true,
        jenis: true,
        kelas: true,
        unitId: true,
        _count: { select: { uraianTugas: { where: { aktif: true } } } },
      },
      orderBy: [{ kelas: 'desc' }, { nama: 'asc' }],
    }),
  ]);
  const byUnit = new Map<number, AnjabListItem[]>();
  for (const j of jabatan) {
    const item = { id: j.id, nama: j.nama, kode: j.kode, jenis: j.jenis, kelas: j.kelas, jumlahTugas: j._count.uraianTugas };
    const list = byUnit.get(j.unitId);
    if (list) list.push(item);
    else byUnit.set(j.unitId, [item]);
  }
  const groups = pohonUnit(units)
    .filter((u) => byUnit.has(u.id))
    .map((unit) => ({ unit, jabatan: byUnit.get(unit.id)! }));
  return {
    groups,
    total: groups.reduce((n, g) => n + g.jabatan.length, 0),
    jabatanSaya: saya.jabatanId && saya.jabatanNama ? { id: saya.jabatanId, nama: saya.jabatanNama } : null,
  };
}

export type AnjabTugas = {
  id: number;
  uraian: string;
  hasilKerja: string;
  satuanHasil: string;
  volume: string;
  normaWaktu: number;
  urutan: number;
  aktif: boolean;
  jumlahTarget: number;
};
export type AnjabDokumen = {
  id: number;
  nama: string;
  kode: string | null;
  jenis: JenisJabatan;
  kelas: number;
  aktif: boolean;
  unitLabel: string;
  atasanJabatan: { id: number; nama: string } | null;
  bagian: Record<(typeof ANJAB_BAGIAN)[number]['key'], string | null>;
  tugas: AnjabTugas[];
  bezetting: number;
  abk: AbkFigures;
  wkeMenitPerTahun: number;
};

/** The full Anjab document of a jabatan, with its ABK figures from the active tasks. */
export async function anjabDokumen(id: number): Promise<AnjabDokumen> {
  const [j, units, settings] = await Promise.all([
    prisma.jabatan.findUnique({
      where: { id },
      include: {
        atasanJabatan: { select: { id: true, nama: true } },
        uraianTugas: { orderBy: [{ urutan: 'asc' }, { id: 'asc' }], include: { _count: { select: { targetTahunan: true } } } },
        _count: { select: { pegawai: { where: { aktif: true } } } },
      },
    }),
    prisma.unitKerja.findMany({ select: { id: true, nama: true, indukId: true }, orderBy: { id: 'asc' } }),
    getSettings(),
  ]);
  if (!j) throw new NotFoundError('Jabatan tidak ditemukan.');
  const tugas: AnjabTugas[] = j.uraianTugas.map((t) => ({
    id: t.id,
    uraian: t.uraian,
    hasilKerja: t.hasilKerja,
    satuanHasil: t.satuanHasil,
    volume: t.volumePerTahun.toFixed(2),
    normaWaktu: t.normaWaktu,
    urutan: t.urutan,
    aktif: t.aktif,
    jumlahTarget: t._count.targetTahunan,
  }));
  const bezetting = j._count.pegawai;
  return {
    id: j.id,
    nama: j.nama,
    kode: j.kode,
    jenis: j.jenis,
    kelas: j.kelas,
    aktif: j.aktif,
    unitLabel: pohonUnit(units).find((u) => u.id === j.unitId)?.label ?? '',
    atasanJabatan: j.atasanJabatan,
    bagian: Object.fromEntries(ANJAB_BAGIAN.map((b) => [b.key, j[b.key]])) as AnjabDokumen['bagian'],
    tugas,
    bezetting,
    abk: hitungJabatan(
      tugas.filter((t) => t.aktif),
      bezetting,
      settings,
    ),
    wkeMenitPerTahun: settings.wkeMenitPerTahun,
  };
}

const ANJAB_FIELDS = ['nama', 'kode', 'jenis', 'kelas', ...ANJAB_BAGIAN.map((b) => b.key)] as const;

/** Admin: change the identitas and sections of a jabatan's Anjab. Audited with the fields that changed. */
export async function ubahAnjab(id: number, input: AnjabInput, who: Who): Promise<{ changed: boolean }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.jabatan.findUnique({ where: { id } });
      if (!before) throw new NotFoundError('Jabatan tidak ditemukan.');
      const changed = ANJAB_FIELDS.filter((k) => before[k] !== input[k]);
      if (changed.length === 0) return { changed: false };
      await tx.jabatan.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, input[k]])) });
      await audit(tx, {
        ...who,
        action: 'anjab.ubah',
        objectType: 'jabatan',
        objectId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, input[k]])),
      });
      return { changed: true };
    });
  } catch (e) {
    if (prismaCode(e) === 'P2002') throw new AnjabFieldError('nama', 'Nama jabatan ini sudah dipakai jabatan lain di unit yang sama.');
    throw e;
  }
}

const TUGAS_DUPLIKAT = 'Uraian tugas ini sudah ada pada jabatan ini.';
const tugasSnapshot = (t: {
  uraian: string;
  hasilKerja: string;
  satuanHasil: string;
  volumePerTahun: unknown;
  normaWaktu: number;
  urutan: number;
  aktif: boolean;
}) => ({
  uraian: t.uraian,
  hasilKerja: t.hasilKerja,
  satuanHasil: t.satuanHasil,
  volumePerTahun: String(t.volumePerTahun),
  normaWaktu: t.normaWaktu,
  urutan: t.urutan,
  aktif: t.aktif,
});

/** Admin: the jabatan's name (for forms) and one of its tasks when `tugasId` is given. */
export async function tugasUntukForm(jabatanId: number, tugasId?: number) {
  const jabatan = await prisma.jabatan.findUnique({
    where: { id: jabatanId },
    select: { id: true, nama: true, uraianTugas: tugasId ? { where: { id: tugasId } } : false },
  });
  if (!jabatan) throw new NotFoundError('Jabatan tidak ditemukan.');
  const tugas = tugasId ? jabatan.uraianTugas?.[0] : undefined;
  if (tugasId && !tugas) throw new NotFoundError('Uraian tugas tidak ditemukan.');
  return { jabatan: { id: jabatan.id, nama: jabatan.nama }, tugas: tugas ? { id: tugas.id, ...tugasSnapshot(tugas) } : null };
}

/** Admin: add a task (at the end unless an urutan is given). */
export async function tambahTugas(jabatanId: number, input: UraianTugasInput, who: Who): Promise<number> {
  try {
    return await prisma.$transaction(async (tx) => {
      const jabatan = await tx.jabatan.findUnique({ where: { id: jabatanId }, select: { id: true } });
      if (!jabatan) throw new NotFoundError('Jabatan tidak ditemukan.');
      const last = await tx.uraianTugas.aggregate({ where: { jabatanId }, _max: { urutan: true } });
      const created = await tx.uraianTugas.create({
        data: {
          jabatanId,
          uraian: input.uraian,
          hasilKerja: input.hasilKerja,
          satuanHasil: input.satuanHasil,
          volumePerTahun: input.volumePerTahun,
          normaWaktu: input.normaWaktu,
          urutan: input.urutan ?? (last._max.urutan ?? -1) + 1,
        },
      });
      await audit(tx, {
        ...who,
        action: 'uraianTugas.tambah',
        objectType: 'uraian_tugas',
        objectId: created.id,
        after: { jabatanId, ...tugasSnapshot(created) },
      });
      return created.id;
    });
  } catch (e) {
    if (prismaCode(e) === 'P2002') throw new AnjabFieldError('uraian', TUGAS_DUPLIKAT);
    throw e;
  }
}

/** Admin: change a task's text or workload figures. */
export async function ubahTugas(jabatanId: number, tugasId: number, input: UraianTugasInput, who: Who): Promise<void> {
  try {
    await prisma.$transaction(async (tx) => {
      const before = await tx.uraianTugas.findFirst({ where: { id: tugasId, jabatanId } });
      if (!before) throw new NotFoundError('Uraian tugas tidak ditemukan.');
      const after = await tx.uraianTugas.update({
        where: { id: tugasId },
        data: {
          uraian: input.uraian,
          hasilKerja: input.hasilKerja,
          satuanHasil: input.satuanHasil,
          volumePerTahun: input.volumePerTahun,
          normaWaktu: input.normaWaktu,
          ...(input.urutan === undefined ? {} : { urutan: input.urutan }),
        },
      });
      await audit(tx, {
        ...who,
        action: 'uraianTugas.ubah',
        objectType: 'uraian_tugas',
        objectId: tugasId,
        before: tugasSnapshot(before),
        after: tugasSnapshot(after),
      });
    });
  } catch (e) {
    if (prismaCode(e) === 'P2002') throw new AnjabFieldError('uraian', TUGAS_DUPLIKAT);
    throw e;
  }
}

/** Admin: retire (aktif=false) or bring back a task. Safe to repeat: no change, no audit row. */
export async function setTugasAktif(jabatanId: number, tugasId: number, aktif: boolean, who: Who): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.uraianTugas.updateMany({ where: { id: tugasId, jabatanId, aktif: !aktif }, data: { aktif } });
    if (count === 0) {
      if (!(await tx.uraianTugas.findFirst({ where: { id: tugasId, jabatanId }, select: { id: true } })))
        throw new NotFoundError('Uraian tugas tidak ditemukan.');
      return false;
    }
    await audit(tx, {
      ...who,
      action: aktif ? 'uraianTugas.aktifkan' : 'uraianTugas.nonaktifkan',
      objectType: 'uraian_tugas',
      objectId: tugasId,
      before: { aktif: !aktif },
      after: { aktif },
    });
    return true;
  });
}

export const TUGAS_DIPAKAI = 'Uraian tugas ini sudah dipakai target pegawai, jadi tidak dapat dihapus. Nonaktifkan saja.';

/** Admin: delete a task that no target uses; one with targets can only be retired (409). */
export async function hapusTugas(jabatanId: number, tugasId: number, who: Who): Promise<void> {
  try {
    await prisma.$transaction(async (tx) => {
      const t = await tx.uraianTugas.findFirst({
        where: { id: tugasId, jabatanId },
        include: { _count: { select: { targetTahunan: true } } },
      });
      if (!t) throw new NotFoundError('Uraian tugas tidak ditemukan.');
      if (t._count.targetTahunan > 0) throw new AppError(TUGAS_DIPAKAI, 409);
      await tx.uraianTugas.delete({ where: { id: tugasId } });
      await audit(tx, {
        ...who,
        action: 'uraianTugas.hapus',
        objectType: 'uraian_tugas',
        objectId: tugasId,
        before: { jabatanId, ...tugasSnapshot(t) },
      });
    });
  } catch (e) {
    // a target created between the count and the delete: the foreign key refuses, with the same answer
    if (prismaCode(e) === 'P2003') throw new AppError(TUGAS_DIPAKAI, 409);
    throw e;
  }
}
