import { prisma } from '../db/prisma.ts';
import { formatTanggal } from '../domain/periode.ts';
import { FieldError } from '../lib/field-error.ts';
import type { HukdisInput, PenundaanInput } from '../validation/disiplin.schema.ts';
import { type AuditEntry, audit } from './audit.service.ts';

// Hukuman disiplin and penundaan of a pegawai's TPP (issue 22). Their effect is a line of each month they reach,
// computed with the rest of the month (src/domain/bulan-pegawai.ts); a trigger marks those months to be computed again.

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
const hari = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const tanggalDb = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The pegawai's records, newest first. */
export async function daftarDisiplin(pegawaiId: number) {
  const [hukuman, penundaan] = await prisma.$transaction([
    prisma.hukumanDisiplin.findMany({ where: { pegawaiId }, orderBy: { mulai: 'desc' } }),
    prisma.penundaanTpp.findMany({ where: { pegawaiId }, orderBy: { mulai: 'desc' } }),
  ]);
  return {
    hukuman: hukuman.map((h) => ({ ...h, mulai: hari(h.mulai)!, selesai: hari(h.selesai)!, persen: Number(h.persen) })),
    penundaan: penundaan.map((t) => ({ ...t, mulai: hari(t.mulai)!, dilepas: hari(t.dilepas) })),
  };
}

/** Records a hukuman; one overlapping another of the same pegawai is refused next to its dates. */
export async function catatHukdis(pegawaiId: number, input: HukdisInput, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const tumpang = await tx.hukumanDisiplin.findFirst({
      where: { pegawaiId, mulai: { lte: tanggalDb(input.selesai) }, selesai: { gte: tanggalDb(input.mulai) } },
    });
    if (tumpang) {
      const pesan = `Bertumpang tindih dengan hukuman ${tumpang.jenis} (${formatTanggal(hari(tumpang.mulai)!)} – ${formatTanggal(hari(tumpang.selesai)!)}).`;
      throw new FieldError({ mulai: pesan, selesai: pesan });
    }
    const h = await tx.hukumanDisiplin
      .create({ data: { pegawaiId, ...input, mulai: tanggalDb(input.mulai), selesai: tanggalDb(input.selesai), dibuatOleh: who.actorId } })
      .catch((err: unknown) => {
        // two admins recording overlapping hukuman at once: PostgreSQL's exclusion constraint keeps one
        if (String((err as Error)?.message).includes('hukuman_disiplin_tidak_tumpang'))
          throw new FieldError({ mulai: 'Bertumpang tindih dengan hukuman lain pegawai ini (baru saja dicatat).' });
        throw err;
      });
    await audit(tx, { ...who, action: 'hukdis.catat', objectType: 'hukuman_disiplin', objectId: h.id, after: { pegawaiId, ...input } });
  });
}

export async function hapusHukdis(pegawaiId: number, id: number, who: Who): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const h = await tx.hukumanDisiplin.findFirst({ where: { id, pegawaiId } });
    if (!h) return false;
    await tx.hukumanDisiplin.delete({ where: { id } });
    await audit(tx, {
      ...who,
      action: 'hukdis.hapus',
      objectType: 'hukuman_disiplin',
      objectId: id,
      before: { ...h, persen: Number(h.persen) },
    });
    return true;
  });
}

/** Records a penundaan; while one is not released, another is refused. */
export async function catatPenundaan(pegawaiId: number, input: PenundaanInput, who: Who): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const terbuka = await tx.penundaanTpp.findFirst({ where: { pegawaiId, dilepas: null } });
    if (terbuka) throw new FieldError({ mulai: `Penundaan sejak ${formatTanggal(hari(terbuka.mulai)!)} belum dilepas.` });
    const t = await tx.penundaanTpp.create({
      data: { pegawaiId, alasan: input.alasan, mulai: tanggalDb(input.mulai), dibuatOleh: who.actorId },
    });
    await audit(tx, { ...who, action: 'penundaan.catat', objectType: 'penundaan_tpp', objectId: t.id, after: { pegawaiId, ...input } });
  });
}

/** Releases a penundaan on a date: the months it held are paid. */
export async function lepasPenundaan(pegawaiId: number, id: number, dilepas: string, who: Who): Promise<'ok' | 'tidak-ada'> {
  return prisma.$transaction(async (tx) => {
    const t = await tx.penundaanTpp.findFirst({ where: { id, pegawaiId, dilepas: null } });
    if (!t) return 'tidak-ada';
    if (dilepas < hari(t.mulai)!) throw new FieldError({ dilepas: 'Tanggal dilepas tidak boleh sebelum penundaan dimulai.' });
    await tx.penundaanTpp.update({ where: { id }, data: { dilepas: tanggalDb(dilepas) } });
    await audit(tx, {
      ...who,
      action: 'penundaan.lepas',
      objectType: 'penundaan_tpp',
      objectId: id,
      before: { dilepas: null },
      after: { dilepas },
    });
    return 'ok';
  });
}
