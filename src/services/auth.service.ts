import argon2 from 'argon2';
import { prisma } from '../db/prisma.ts';

// argon2id with OWASP's recommended minimum (m=19 MiB, t=2, p=1) raised to m=64 MiB, t=3: ~60 ms here.
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

// Verifying against this hash when the NIP is unknown keeps both answers equally slow (no NIP enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Checks a NIP and password; returns the pegawai id and session version, or null — one answer for every failure. */
export async function checkCredentials(nip: string, password: string): Promise<{ id: number; sessionVersion: number } | null> {
  const pegawai = await prisma.pegawai.findUnique({
    where: { nip },
    select: { id: true, passwordHash: true, aktif: true, sessionVersion: true },
  });
  if (!pegawai) {
    dummyHash ??= hashPassword('tidak-ada-pegawai-dengan-nip-ini');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(pegawai.passwordHash, password).catch(() => false);
  if (!ok || !pegawai.aktif) return null;
  return { id: pegawai.id, sessionVersion: pegawai.sessionVersion };
}

/** The signed-in pegawai as every request sees it: read fresh each request, so a new atasan or role applies at once. */
export async function loadCurrentUser(id: number, sessionVersion: number): Promise<Express.User | null> {
  const p = await prisma.pegawai.findUnique({
    where: { id },
    select: {
      id: true,
      nip: true,
      nama: true,
      peran: true,
      aktif: true,
      atasanId: true,
      unitId: true,
      mustChangePassword: true,
      sessionVersion: true,
      jabatan: { select: { nama: true } },
      unit: { select: { nama: true } },
      _count: { select: { bawahan: { where: { aktif: true } } } },
    },
  });
  if (!p || !p.aktif || p.sessionVersion !== sessionVersion) return null;
  return {
    id: p.id,
    nip: p.nip,
    nama: p.nama,
    peran: p.peran,
    isAdmin: p.peran.includes('ADMIN'),
    isPimpinan: p.peran.includes('PIMPINAN'),
    jabatanNama: p.jabatan?.nama ?? null,
    unitNama: p.unit?.nama ?? null,
    unitId: p.unitId,
    atasanId: p.atasanId,
    jumlahBawahan: p._count.bawahan,
    mustChangePassword: p.mustChangePassword,
    sessionVersion: p.sessionVersion,
  };
}
