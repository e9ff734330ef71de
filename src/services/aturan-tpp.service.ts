import { prisma } from '../db/prisma.ts';
import { type AturanTpp, aturanTppSchema, type VersiAturan, versiBawaan } from '../domain/aturan-tpp.ts';
import type { Settings } from '../domain/settings.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { FieldError, violatedConstraint } from '../lib/field-error.ts';
import { type AuditEntry, audit } from './audit.service.ts';

// TPP rule sets per year (issue 22, src/domain/aturan-tpp.ts): a save writes a new version (never changes one: a
// trigger refuses it), audited with what changed; a new version marks every computed month of its year (trigger), so
// every list follows at its next read. A month ditetapkan keeps the version it was computed with (tpp_penetapan.aturan).
//
// Two admins, or a double-clicked Simpan: the form carries the version it was opened on (`dariVersi`) and the save
// writes dariVersi + 1 only if that is still the latest. The second of two identical submits finds its content already
// saved and succeeds without a second version; a different content saved meanwhile is a 422 asking to reload.

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
type Db = Pick<Prisma.TransactionClient, 'aturanTpp'>;

const versiDari = (r: {
  id: number;
  tahun: number;
  versi: number;
  nama: string;
  dasarHukum: string | null;
  isi: unknown;
}): VersiAturan => ({
  id: r.id,
  tahun: r.tahun,
  versi: r.versi,
  nama: r.nama,
  dasarHukum: r.dasarHukum,
  // stored only through this service after the schema; parsed again so that a row written by hand cannot pay wrongly
  isi: aturanTppSchema.parse(r.isi),
});

/** The year's version in force (its highest), or null when the year runs on the default from Pengaturan. */
export async function aturanBerlaku(tahun: number, db: Db = prisma): Promise<VersiAturan | null> {
  const r = await db.aturanTpp.findFirst({ where: { tahun }, orderBy: { versi: 'desc' } });
  return r ? versiDari(r) : null;
}

/** The page of a year: the version in force (or the default), and every version, newest first, with who saved it. */
export async function halamanAturan(tahun: number, settings: Settings) {
  const rows = await prisma.$queryRaw<
    { id: number; versi: number; nama: string; dasar_hukum: string | null; created_at: Date; oleh: string | null; dipakai: number }[]
  >`
    SELECT a.id, a.versi, a.nama, a.dasar_hukum, a.created_at, p.nama AS oleh,
           (SELECT count(*)::int FROM tpp_penetapan tp WHERE tp.aturan_id = a.id) AS dipakai
    FROM aturan_tpp a LEFT JOIN pegawai p ON p.id = a.dibuat_oleh
    WHERE a.tahun = ${tahun} ORDER BY a.versi DESC`;
  const berlaku = rows.length ? await aturanVersi(rows[0].id) : versiBawaan(tahun, settings);
  return { berlaku: berlaku as VersiAturan, riwayat: rows };
}

/** One stored version (for viewing or to start a new one from it), or null. */
export async function aturanVersi(id: number): Promise<VersiAturan | null> {
  const r = await prisma.aturanTpp.findUnique({ where: { id } });
  return r ? versiDari(r) : null;
}

/** The parts of a rule set that differ between two versions (the audit row keeps only those, before → after). */
function beda(a: AturanTpp, b: AturanTpp) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of Object.keys(b) as (keyof AturanTpp)[]) {
    if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
    before[k] = a[k];
    after[k] = b[k];
  }
  return { before, after };
}

const sama = (a: { nama: string; dasarHukum: string | null; isi: unknown }, b: typeof a) =>
  a.nama === b.nama && a.dasarHukum === b.dasarHukum && JSON.stringify(a.isi) === JSON.stringify(b.isi);

/**
 * Saves a new version of the year's rule set, opened on version `dariVersi` (0: the default). Returns the version in
 * force afterwards, and whether this call wrote it.
 */
export async function simpanAturan(
  tahun: number,
  input: { nama: string; dasarHukum: string | null; isi: AturanTpp },
  dariVersi: number,
  settings: Settings,
  who: Who,
): Promise<{ versi: number; baru: boolean }> {
  const isi = aturanTppSchema.parse(input.isi);
  try {
    return await prisma.$transaction(async (tx) => {
      const kini = await aturanBerlaku(tahun, tx);
      if ((kini?.versi ?? 0) !== dariVersi) {
        if (kini && sama(kini, { ...input, isi })) return { versi: kini.versi, baru: false };
        throw new FieldError({
          _form: `Aturan TPP tahun ${tahun} baru saja disimpan orang lain (versi ${kini?.versi ?? 0}). Muat ulang halaman, lalu ulangi perubahan Anda.`,
        });
      }
      const sebelum = kini ?? versiBawaan(tahun, settings);
      const row = await tx.aturanTpp.create({
        data: { tahun, versi: dariVersi + 1, nama: input.nama, dasarHukum: input.dasarHukum, isi: isi as object, dibuatOleh: who.actorId },
      });
      const d = beda(sebelum.isi, isi);
      await audit(tx, {
        ...who,
        action: 'aturan-tpp.simpan',
        objectType: 'aturan_tpp',
        objectId: row.id,
        before: { tahun, versi: sebelum.versi, nama: sebelum.nama, dasarHukum: sebelum.dasarHukum, ...d.before },
        after: { tahun, versi: row.versi, nama: row.nama, dasarHukum: row.dasarHukum, ...d.after },
      });
      return { versi: row.versi, baru: true };
    });
  } catch (err) {
    // the same version written by a concurrent request at the same instant: the unique index kept one
    if (violatedConstraint(err) === 'aturan_tpp_tahun_versi_key') {
      const kini = await aturanBerlaku(tahun);
      if (kini && sama(kini, { ...input, isi })) return { versi: kini.versi, baru: false };
      throw new FieldError({ _form: `Aturan TPP tahun ${tahun} baru saja disimpan orang lain. Muat ulang halaman.` });
    }
    throw err;
  }
}
