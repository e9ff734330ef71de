import { prisma } from '../db/prisma.ts';
import { golonganFromEnum, golonganToEnum, normalisePeran } from '../domain/kepegawaian.ts';
import { decodeNip } from '../domain/nip.ts';
import { salahPasanganRekening, samarkanRekening } from '../domain/rekening.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { FieldError } from '../lib/field-error.ts';
import { temporaryPassword } from '../lib/password.ts';
import type { PegawaiInput } from '../validation/admin-pegawai.schema.ts';
import { penempatan, wouldLoop } from './admin-tree.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { hashPassword } from './auth.service.ts';

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
export const PER_PAGE = 25;

/** The list: search by NIP (prefix) or nama (part), filter by a unit and everything under it, 25 a page. */
export async function listPegawai(filter: { q: string; unitId?: number; page: number }) {
  let unitIds: number[] | undefined;
  if (filter.unitId) {
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE sub(id) AS (SELECT id FROM unit_kerja WHERE id = ${filter.unitId}
        UNION SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id)
      SELECT id FROM sub`;
    unitIds = rows.map((r) => r.id);
  }
  const q = filter.q.trim();
  const where: Prisma.PegawaiWhereInput = {
    unitId: unitIds ? { in: unitIds } : undefined,
    OR: q ? (/^\d+$/.test(q) ? [{ nip: { startsWith: q } }] : [{ nama: { contains: q, mode: 'insensitive' } }]) : undefined,
  };
  const [total, rows] = await Promise.all([
    prisma.pegawai.count({ where }),
    prisma.pegawai.findMany({
      where,
      select: {
        id: true,
        nip: true,
        nama: true,
        golongan: true,
        aktif: true,
        peran: true,
        mustChangePassword: true,
        jabatan: { select: { nama: true } },
        unit: { select: { nama: true } },
        atasan: { select: { nama: true } },
      },
      orderBy: [{ nama: 'asc' }, { id: 'asc' }],
      skip: (filter.page - 1) * PER_PAGE,
      take: PER_PAGE,
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    rows: rows.map((r) => ({ ...r, golongan: golonganFromEnum(r.golongan) })),
  };
}

export async function getPegawai(id: number) {
  const p = await prisma.pegawai.findUnique({
    where: { id },
    select: {
      id: true,
      nip: true,
      nama: true,
      golongan: true,
      unitId: true,
      jabatanId: true,
      peran: true,
      aktif: true,
      tmt: true,
      berhenti: true,
      bankNama: true,
      rekening: true,
      gaji: true,
      statusPtkp: true,
      mustChangePassword: true,
      atasan: { select: { nip: true, nama: true } },
      _count: { select: { bawahan: { where: { aktif: true } } } },
    },
  });
  return p && { ...p, golongan: golonganFromEnum(p.golongan) };
}

type Snapshot = {
  nip: string;
  nama: string;
  tmt: string | null;
  golongan: string | null;
  unitId: number | null;
  jabatanId: number | null;
  atasanId: number | null;
  peran: string[];
  bankNama: string | null;
  rekening: string | null;
  gaji: number | null;
  statusPtkp: string | null;
};

/** What the audit log keeps of a snapshot: the account number masked, never in clear (issue 22). */
const untukAudit = (s: Snapshot) => ({ ...s, rekening: samarkanRekening(s.rekening) });

/** Checks against the data and returns the row to write; FieldError for what the admin must fix. */
async function resolve(tx: Prisma.TransactionClient, input: PegawaiInput, id: number | undefined, who: Who): Promise<Snapshot> {
  const nipTaken = await tx.pegawai.findFirst({ where: { nip: input.nip, NOT: id ? { id } : undefined }, select: { nama: true } });
  const { atasan, errors } = await penempatan(tx, input);
  if (nipTaken) errors.nip = `NIP ini sudah dipakai oleh ${nipTaken.nama}.`;
  if (input.nipAtasan) {
    if (input.nipAtasan === input.nip || (id && atasan?.id === id))
      errors.nipAtasan = 'Pegawai tidak dapat menjadi atasan dirinya sendiri.';
    else if (!atasan) errors.nipAtasan = 'Tidak ada pegawai dengan NIP ini.';
    else if (!atasan.aktif) errors.nipAtasan = 'Pegawai dengan NIP ini tidak aktif.';
    else if (id && (await wouldLoop(tx, 'pegawai', id, atasan.id))) {
      errors.nipAtasan = 'Pegawai ini (langsung atau tidak langsung) adalah atasan dari atasan yang dipilih: rantai atasan akan berputar.';
    }
  }
  const pasangan = salahPasanganRekening(input.bankNama, input.rekening);
  if (pasangan) errors[pasangan.kolom === 'bank' ? 'bankNama' : 'rekening'] = pasangan.pesan;
  if (id && id === who.actorId && !input.peran.includes('ADMIN')) errors.peran = 'Anda tidak dapat mencabut peran admin Anda sendiri.';
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
  const nip = decodeNip(input.nip);
  return {
    nip: input.nip,
    nama: input.nama,
    // nobody is paid for days before their TMT in this Pemda (issue 24); by default the TMT CPNS of the NIP
    tmt: input.tmt ?? (nip.ok ? `${nip.info.tmtCpns}-01` : null),
    golongan: input.golongan,
    unitId: input.unitId,
    jabatanId: input.jabatanId,
    atasanId: atasan?.id ?? null,
    peran: input.peran,
    bankNama: input.bankNama,
    rekening: input.rekening,
    gaji: input.gaji,
    statusPtkp: input.statusPtkp,
  };
}

const toData = (s: Snapshot) => ({
  ...s,
  tmt: s.tmt ? new Date(`${s.tmt}T00:00:00Z`) : null,
  golongan: s.golongan ? golonganToEnum(s.golongan as never) : null,
  peran: normalisePeran(s.peran),
});

/** A new account with a temporary password, returned once (for the admin to hand over) and stored only hashed. */
export async function createPegawai(input: PegawaiInput, who: Who): Promise<{ id: number; password: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const row = await resolve(tx, input, undefined, who);
    const p = await tx.pegawai.create({ data: { ...toData(row), passwordHash, mustChangePassword: true } });
    await audit(tx, { ...who, action: 'pegawai.tambah', objectType: 'pegawai', objectId: p.id, after: untukAudit(row) });
    return { id: p.id, password };
  });
}

export async function updatePegawai(id: number, input: PegawaiInput, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.pegawai.findUnique({ where: { id } });
    if (!before) throw new FieldError({ nip: 'Pegawai tidak ditemukan.' });
    const row = await resolve(tx, input, id, who);
    await tx.pegawai.update({ where: { id }, data: toData(row) });
    const old: Snapshot = {
      nip: before.nip,
      nama: before.nama,
      tmt: before.tmt ? before.tmt.toISOString().slice(0, 10) : null,
      golongan: golonganFromEnum(before.golongan),
      unitId: before.unitId,
      jabatanId: before.jabatanId,
      atasanId: before.atasanId,
      peran: before.peran,
      bankNama: before.bankNama,
      rekening: before.rekening,
      gaji: before.gaji,
      statusPtkp: before.statusPtkp,
    };
    await audit(tx, {
      ...who,
      action: 'pegawai.ubah',
      objectType: 'pegawai',
      objectId: id,
      before: untukAudit(old),
      after: untukAudit(row),
    });
  });
}

/**
 * Deactivate: the account can no longer log in and every open session ends at its next request (session_version
 * moves on). Nothing is deleted: realisasi, targets and audit rows keep pointing at the pegawai.
 */
export async function setPegawaiAktif(
  id: number,
  aktif: boolean,
  who: Who,
  /** deactivation: the last day of service (YYYY-MM-DD); the months served stay in every output and penetapan */
  berhenti?: string,
): Promise<{ ok: true; bawahan: number } | { ok: false; pesan: string }> {
  if (!aktif && id === who.actorId) return { ok: false, pesan: 'Anda tidak dapat menonaktifkan akun Anda sendiri.' };
  return prisma.$transaction(async (tx) => {
    const p = await tx.pegawai.findUnique({
      where: { id },
      select: { aktif: true, tmt: true, _count: { select: { bawahan: { where: { aktif: true } } } } },
    });
    if (!p) return { ok: false, pesan: 'Pegawai tidak ditemukan.' };
    if (!aktif && berhenti && p.tmt && berhenti < p.tmt.toISOString().slice(0, 10))
      return { ok: false, pesan: 'Hari terakhir bertugas tidak boleh sebelum TMT pegawai ini.' };
    if (p.aktif !== aktif) {
      await tx.pegawai.update({
        where: { id },
        data: aktif
          ? { aktif, berhenti: null }
          : { aktif, berhenti: berhenti ? new Date(`${berhenti}T00:00:00Z`) : null, sessionVersion: { increment: 1 } },
      });
      await audit(tx, {
        ...who,
        action: aktif ? 'pegawai.aktifkan' : 'pegawai.nonaktifkan',
        objectType: 'pegawai',
        objectId: id,
        before: { aktif: p.aktif },
        after: aktif ? { aktif } : { aktif, berhenti: berhenti ?? null },
      });
    }
    return { ok: true, bawahan: p._count.bawahan };
  });
}

/** A new temporary password (shown once), to be changed at the next login; the old sessions end. */
export async function resetPassword(id: number, who: Who): Promise<{ nip: string; nama: string; password: string } | null> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const p = await tx.pegawai.findUnique({ where: { id }, select: { nip: true, nama: true } });
    if (!p) return null;
    await tx.pegawai.update({ where: { id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await audit(tx, { ...who, action: 'pegawai.resetPassword', objectType: 'pegawai', objectId: id, after: { mustChangePassword: true } });
    return { ...p, password };
  });
}
