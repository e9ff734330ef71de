import { prisma } from '../db/prisma.ts';
import { capaianRataRata, capaianTarget, sebarRata } from '../domain/capaian.ts';
import type { FieldErrors } from '../lib/form.ts';
import type { TargetBaru } from '../validation/target.schema.ts';
import { audit } from './audit.service.ts';
import type { Pelaku } from './realisasi.service.ts';

const num = (v: unknown) => Number(v ?? 0);

/** Realisasi Tahunan: the year's annual targets, their monthly spread, realisasi per month (verified / all) and capaian. */
export async function halamanTahunan(pegawaiId: number, tahun: number) {
  const [targets, rows] = await Promise.all([
    // The year's targets with their kegiatan and monthly spread in one statement (no relation loads).
    prisma.$queryRaw<
      {
        id: number;
        pekerjaan: string;
        kuantitas: unknown;
        satuan: string;
        asal: string;
        kegiatan: string;
        bulanan: { bulan: number; kuantitas: number }[];
      }[]
    >`
      SELECT tt.id, tt.pekerjaan, tt.kuantitas, tt.satuan, tt.asal::text AS asal, ut.uraian AS kegiatan,
             coalesce((SELECT json_agg(json_build_object('bulan', tb.bulan, 'kuantitas', tb.kuantitas))
                       FROM target_bulanan tb WHERE tb.target_tahunan_id = tt.id), '[]') AS bulanan
      FROM target_tahunan tt JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
      WHERE tt.pegawai_id = ${pegawaiId} AND tt.tahun = ${tahun}
      ORDER BY tt.id`,
    // One aggregate over the pegawai's year, through the (pegawai_id, tanggal) index.
    prisma.$queryRaw<{ target_tahunan_id: number | null; bulan: number; terverifikasi: string | null; semua: string }[]>`
      SELECT target_tahunan_id, extract(month FROM tanggal)::int AS bulan,
             sum(jumlah) FILTER (WHERE status = 1) AS terverifikasi, sum(jumlah) AS semua
      FROM realisasi
      WHERE pegawai_id = ${pegawaiId} AND tanggal BETWEEN ${`${tahun}-01-01`}::date AND ${`${tahun}-12-31`}::date
      GROUP BY 1, 2`,
  ]);
  const list = targets.map((t) => {
    const bulan = Array.from({ length: 12 }, (_, i) => {
      const r = rows.find((x) => x.target_tahunan_id === t.id && x.bulan === i + 1);
      return {
        target: num(t.bulanan.find((b) => b.bulan === i + 1)?.kuantitas),
        terverifikasi: num(r?.terverifikasi),
        semua: num(r?.semua),
      };
    });
    const terverifikasi = bulan.reduce((s, b) => s + b.terverifikasi, 0);
    return {
      id: t.id,
      pekerjaan: t.pekerjaan,
      kegiatan: t.kegiatan,
      satuan: t.satuan,
      asal: t.asal,
      kuantitas: num(t.kuantitas),
      bulan,
      terverifikasi,
      semua: bulan.reduce((s, b) => s + b.semua, 0),
      capaian: capaianTarget(terverifikasi, num(t.kuantitas)),
    };
  });
  const tambahan = rows.filter((r) => r.target_tahunan_id === null);
  return {
    targets: list,
    capaian: capaianRataRata(list.map((t) => t.capaian)),
    tugasTambahan: {
      terverifikasi: tambahan.reduce((s, r) => s + num(r.terverifikasi), 0),
      semua: tambahan.reduce((s, r) => s + num(r.semua), 0),
    },
  };
}

/** The kegiatan tugas jabatan a pegawai may pick: the active Anjab tasks of their current jabatan. */
export async function kegiatanTugasJabatan(pegawaiId: number) {
  const p = await prisma.pegawai.findUnique({
    where: { id: pegawaiId },
    select: {
      jabatan: {
        select: {
          nama: true,
          uraianTugas: {
            where: { aktif: true },
            select: { id: true, uraian: true, satuanHasil: true },
            orderBy: [{ urutan: 'asc' }, { id: 'asc' }],
          },
        },
      },
    },
  });
  return { jabatan: p?.jabatan?.nama ?? null, tugas: p?.jabatan?.uraianTugas ?? [] };
}

/** "Tambah Target Baru" (article steps 7–8): a new annual target from a task of the pegawai's jabatan, spread over months. */
export async function simpanTargetBaru(
  p: Pelaku,
  tahun: number,
  bulanIni: number,
  input: TargetBaru,
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
  const { tugas } = await kegiatanTugasJabatan(p.pegawaiId);
  const task = tugas.find((t) => t.id === input.uraianTugasId);
  if (!task) return { ok: false, errors: { uraianTugasId: 'Pilih kegiatan tugas jabatan dari daftar jabatan Anda.' } };

  const typed = Array.from({ length: 12 }, (_, i) => (input as Record<string, unknown>)[`b${i + 1}`] as number | undefined);
  let months: number[];
  if (typed.every((v) => v === undefined)) {
    months = sebarRata(input.kuantitas, bulanIni);
  } else {
    months = typed.map((v) => v ?? 0);
    const cents = months.reduce((s, v) => s + Math.round(v * 100), 0);
    if (cents !== Math.round(input.kuantitas * 100)) {
      const total = (cents / 100).toLocaleString('id-ID');
      return {
        ok: false,
        errors: {
          bulan: `Jumlah sebaran bulanan (${total}) harus sama dengan target kuantitas (${input.kuantitas.toLocaleString('id-ID')}).`,
        },
      };
    }
  }
  const satuan = input.satuan?.trim() || task.satuanHasil;

  const existing = await prisma.targetTahunan.findUnique({
    where: { pegawaiId_idempotencyKey: { pegawaiId: p.pegawaiId, idempotencyKey: input.idempotencyKey } },
    select: { id: true },
  });
  if (existing) return { ok: true, id: existing.id };
  try {
    const id = await prisma.$transaction(async (tx) => {
      const t = await tx.targetTahunan.create({
        data: {
          pegawaiId: p.pegawaiId,
          tahun,
          uraianTugasId: task.id,
          pekerjaan: input.pekerjaan,
          kuantitas: input.kuantitas,
          satuan,
          asal: 'TAMBAHAN',
          idempotencyKey: input.idempotencyKey,
          bulanan: { create: months.map((kuantitas, i) => ({ bulan: i + 1, kuantitas })) },
        },
        select: { id: true },
      });
      await audit(tx, {
        ...p.audit,
        action: 'target.buat',
        objectType: 'target_tahunan',
        objectId: t.id,
        after: { tahun, uraianTugasId: task.id, pekerjaan: input.pekerjaan, kuantitas: input.kuantitas, satuan, bulanan: months },
      });
      return t.id;
    });
    return { ok: true, id };
  } catch (e) {
    if ((e as { code?: string })?.code !== 'P2002') throw e;
    const row = await prisma.targetTahunan.findUniqueOrThrow({
      where: { pegawaiId_idempotencyKey: { pegawaiId: p.pegawaiId, idempotencyKey: input.idempotencyKey } },
      select: { id: true },
    });
    return { ok: true, id: row.id };
  }
}
