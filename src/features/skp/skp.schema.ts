import { z } from 'zod';
import { ASPEK_RHK, type AspekRhk, BERAKHLAK, LABEL_ASPEK, type NilaiBerakhlak } from '../../domain/skp.ts';
import { idempotencyKey, idOpsional, idWajib, parseAngka, teks, teksOpsional, teksPanjang } from '../../validation/common.ts';

/** "Buat SKP": the year, and the form's key (a double click makes one SKP). */
export const buatSkpSchema = z.object({
  tahun: z.coerce.number({ error: 'Pilih tahun.' }).int('Pilih tahun.').min(2000, 'Pilih tahun.').max(2100, 'Pilih tahun.'),
  idempotencyKey,
});

const angkaTarget = (label: string) =>
  z.preprocess(
    parseAngka,
    z
      .number({ error: `${label} harus berupa angka.` })
      .min(0, `${label} tidak boleh negatif.`)
      .max(999_999_999_999, `${label} terlalu besar.`)
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, `${label} paling banyak 2 angka di belakang koma.`)
      .optional(),
  );

export type Indikator = { aspek: AspekRhk; iki: string; targetAngka: number | null; satuan: string | null; targetTeks: string | null };

const aspekFields = Object.fromEntries(
  ASPEK_RHK.flatMap((a) => [
    [`iki_${a}`, teksOpsional(`IKI ${LABEL_ASPEK[a].toLowerCase()}`, 1000)],
    [`angka_${a}`, angkaTarget('Target')],
    [`satuan_${a}`, teksOpsional('Satuan', 60)],
    [`teks_${a}`, teksOpsional('Target', 500)],
  ]),
) as Record<string, z.ZodType>;

/**
 * One RHK with its indicators (PermenPAN-RB 6/2022): jenis, uraian, what it intervenes (`rhk:<id>` an atasan's RHK,
 * `tujuan:<id>` an OPD goal, empty: nothing yet), and per aspek an IKI with a target that is a number with its satuan
 * or a statement. At least one aspek; an aspek is all or nothing (IKI and target together).
 */
export const rhkSchema = z
  .object({
    jenis: z.enum(['UTAMA', 'TAMBAHAN'], { error: 'Pilih jenis RHK.' }),
    uraian: teks('Uraian RHK', 1000),
    intervensi: z
      .string({ error: 'Pilihan tidak valid.' })
      .trim()
      .regex(/^((rhk|tujuan):[1-9]\d{0,9})?$/, 'Pilihan tidak valid.')
      .optional()
      .transform((v) => v || null),
    idempotencyKey: idempotencyKey.optional(),
    ...aspekFields,
  })
  .superRefine((v, ctx) => {
    const r = v as Record<string, unknown>;
    let ada = 0;
    for (const a of ASPEK_RHK) {
      const iki = r[`iki_${a}`] as string | null;
      const angka = r[`angka_${a}`] as number | undefined;
      const satuan = r[`satuan_${a}`] as string | null;
      const teksTarget = r[`teks_${a}`] as string | null;
      const adaTarget = angka !== undefined || Boolean(teksTarget);
      if (!iki && !adaTarget && !satuan) continue;
      ada++;
      if (!iki)
        ctx.addIssue({
          code: 'custom',
          path: [`iki_${a}`],
          message: `Tulis indikator kinerja individu (IKI) aspek ${LABEL_ASPEK[a].toLowerCase()}.`,
        });
      if (!adaTarget)
        ctx.addIssue({
          code: 'custom',
          path: [`angka_${a}`],
          message: 'Isi target berupa angka dengan satuannya, atau tulis target berupa pernyataan.',
        });
      if (angka !== undefined && !satuan)
        ctx.addIssue({ code: 'custom', path: [`satuan_${a}`], message: 'Tulis satuan target angka ini.' });
    }
    if (ada === 0)
      ctx.addIssue({ code: 'custom', path: ['iki_KUANTITAS'], message: 'Isi paling sedikit satu indikator (IKI dan targetnya).' });
  })
  .transform((v) => {
    const r = v as Record<string, unknown>;
    const indikator: Indikator[] = ASPEK_RHK.flatMap((a) => {
      const iki = r[`iki_${a}`] as string | null;
      if (!iki) return [];
      const angka = r[`angka_${a}`] as number | undefined;
      return [
        {
          aspek: a,
          iki,
          targetAngka: angka ?? null,
          satuan: angka !== undefined ? ((r[`satuan_${a}`] as string | null) ?? null) : null,
          targetTeks: (r[`teks_${a}`] as string | null) ?? null,
        },
      ];
    });
    const [jenisPilihan, idPilihan] = v.intervensi ? v.intervensi.split(':') : [null, null];
    return {
      jenis: v.jenis,
      uraian: v.uraian,
      rhkAtasanId: jenisPilihan === 'rhk' ? Number(idPilihan) : null,
      tujuanOpdId: jenisPilihan === 'tujuan' ? Number(idPilihan) : null,
      idempotencyKey: v.idempotencyKey ?? null,
      indikator,
    };
  });
export type RhkInput = z.output<typeof rhkSchema>;

/** Lampiran SKP: three free texts (multi-line). */
export const lampiranSchema = z.object({
  dukunganSumberDaya: teksPanjang('Dukungan sumber daya', 4000),
  skemaPertanggungjawaban: teksPanjang('Skema pertanggungjawaban', 4000),
  konsekuensi: teksPanjang('Konsekuensi', 4000),
});
export type LampiranInput = z.output<typeof lampiranSchema>;

/** Ekspektasi khusus pimpinan: one optional text per core value (empty = none). */
export const perilakuSchema = z.object(
  Object.fromEntries(BERAKHLAK.map((n) => [n, teksPanjang('Ekspektasi khusus', 2000)])) as Record<
    NilaiBerakhlak,
    ReturnType<typeof teksPanjang>
  >,
);
export type PerilakuInput = Record<NilaiBerakhlak, string | null>;

const versiSkp = z.coerce
  .number({ error: 'Formulir tidak lengkap. Muat ulang halaman.' })
  .int('Formulir tidak lengkap. Muat ulang halaman.')
  .min(0, 'Formulir tidak lengkap. Muat ulang halaman.')
  .max(2_147_483_647, 'Formulir tidak lengkap. Muat ulang halaman.');

/** Persetujuan: approve the version the atasan saw, or return it with a note. */
export const setujuiSkpSchema = z.object({ versi: versiSkp });
export const kembalikanSkpSchema = z.object({ versi: versiSkp, catatan: teks('Catatan', 1000) });

/** Realisasi Tahunan: the RHK a target supports ("" = none). */
export const rhkTargetSchema = z.object({ rhkId: idOpsional('Pilih RHK dari daftar.') });

const tahunSchema = z.coerce.number({ error: 'Pilih tahun.' }).int('Pilih tahun.').min(2000, 'Pilih tahun.').max(2100, 'Pilih tahun.');

/** Tujuan OPD: one goal of an OPD for a year (the unit and year are fixed once it exists). */
export const tujuanSchema = z.object({
  unitId: idWajib('Pilih OPD.'),
  tahun: tahunSchema,
  kode: teksOpsional('Kode', 40),
  uraian: teks('Uraian tujuan', 1000),
  indikator: teksOpsional('Indikator', 1000),
  target: teksOpsional('Target', 200),
  idempotencyKey: idempotencyKey.optional(),
});
export type TujuanInput = z.output<typeof tujuanSchema>;

/** Tujuan OPD, CSV import: the OPD and year the file's goals belong to. */
export const imporTujuanSchema = z.object({ unitId: idWajib('Pilih OPD.'), tahun: tahunSchema });
