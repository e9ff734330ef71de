import { pool, prisma } from '../db/prisma.ts';
import { batasKoreksi, cekBatasInput } from '../domain/batas-input.ts';
import { capaianBulan, nilaiPecahan } from '../domain/bulan-pegawai.ts';
import { bukanHariKerja, MENIT_SEHARI } from '../domain/kalender.ts';
import { formatTanggal, monthRange, namaBulan, todayIn } from '../domain/periode.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { FieldError } from '../lib/field-error.ts';
import type { FieldErrors } from '../lib/form.ts';
import type { BuktiUpload } from '../middleware/upload.ts';
import type { InputRealisasi, TambahRealisasi, UbahRealisasi } from '../validation/realisasi.schema.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { hariLiburAntara } from './kalender.service.ts';
import { filterJendela, lingkupVerifikasi } from './riwayat.service.ts';
import { getSettings, timezone } from './settings.service.ts';
import { wajibBulanTerbuka } from './tutup-bulan.service.ts';

/** Who acts and when: the pegawai themself (their own entries only). */
export type Pelaku = { pegawaiId: number; now: Date; fallbackTz: string; audit: Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'> };
export type Hasil = { ok: true; id: number; baru: boolean; peringatan?: string } | { ok: false; errors: FieldErrors };

const PER_HALAMAN = 50;
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const num = (v: unknown) => Number(v ?? 0);

/** The fields of an entry that its lists show (Realisasi Kinerja, Verifikasi). */
export const entrySelect = {
  id: true,
  pegawaiId: true,
  tanggal: true,
  pekerjaan: true,
  uraian: true,
  jumlah: true,
  satuan: true,
  menit: true,
  status: true,
  verifiedAt: true,
  catatanAtasan: true,
  returnedAt: true,
  updatedAt: true,
  targetBulananId: true,
  targetTahunanId: true,
  verifiedBy: { select: { nama: true } },
  verifikasiSebagai: true,
  bukti: { select: { namaFile: true } },
} as const;

/** An entry as the lists show it (the fields of entrySelect). */
export type Entri = {
  id: number;
  pegawaiId: number;
  tanggal: Date;
  pekerjaan: string;
  uraian: string | null;
  jumlah: number;
  satuan: string;
  menit: number;
  status: number;
  verifiedAt: Date | null;
  catatanAtasan: string | null;
  returnedAt: Date | null;
  updatedAt: Date;
  targetBulananId: number | null;
  targetTahunanId: number | null;
  verifiedBy: { nama: string } | null;
  bukti: { namaFile: string } | null;
};

/** One entry as json_build_object in SQL: the list fields, the verifier's name and the proof's file name (alias r). */
export const ENTRI_JSON = `json_build_object(
  'id', r.id, 'pegawaiId', r.pegawai_id, 'tanggal', r.tanggal, 'pekerjaan', r.pekerjaan, 'uraian', r.uraian,
  'jumlah', r.jumlah, 'satuan', r.satuan, 'menit', r.menit, 'status', r.status, 'verifiedAt', r.verified_at,
  'catatanAtasan', r.catatan_atasan, 'returnedAt', r.returned_at, 'updatedAt', r.updated_at,
  'targetBulananId', r.target_bulanan_id, 'targetTahunanId', r.target_tahunan_id,
  'verifiedBy', (SELECT json_build_object('nama', v.nama) FROM pegawai v WHERE v.id = r.verified_by_id),
  'verifikasiSebagai', r.verifikasi_sebagai,
  'bukti', (SELECT json_build_object('namaFile', b.nama_file) FROM bukti_dukung b WHERE b.realisasi_id = r.id))`;

type EntriJson = Omit<Entri, 'tanggal' | 'verifiedAt' | 'returnedAt' | 'updatedAt' | 'jumlah'> & {
  tanggal: string;
  verifiedAt: string | null;
  returnedAt: string | null;
  updatedAt: string;
  jumlah: number | string;
};

/** An entry read as JSON back to the shape Prisma gives (dates as Date; updatedAt keeps its milliseconds: it is the version). */
export const entriDariJson = (e: EntriJson): Entri => ({
  ...e,
  tanggal: date(e.tanggal),
  jumlah: Number(e.jumlah),
  verifiedAt: e.verifiedAt ? new Date(e.verifiedAt) : null,
  returnedAt: e.returnedAt ? new Date(e.returnedAt) : null,
  updatedAt: new Date(e.updatedAt),
});

type HalamanRow = {
  targets: {
    id: number;
    kuantitas: string;
    ttId: number;
    pekerjaan: string;
    satuan: string;
    kegiatan: string;
    semua: string;
    terverifikasi: string;
    status: string;
    berakhir: string | null;
    normaWaktu: number;
    /** the RHK of the pegawai's SKP this target realises (issue 19), or null */
    rhk: string | null;
  }[];
  hari: EntriJson[];
  bulan: EntriJson[];
  total: number;
  /** the month's verified minutes (capaian by time) */
  menit: number;
};

// Realisasi Kinerja reads every region of the page in ONE statement (issue 12: at most 4 statements per signed-in
// page): the month's targets with their sums, the chosen day's entries, one page of the month's entries and its
// count. Every region is an index range on realisasi (pegawai_id, tanggal). Named: prepared once per connection.
export const HALAMAN_BULANAN = `
  SELECT
    (SELECT COALESCE(json_agg(json_build_object(
              'id', tb.id, 'kuantitas', tb.kuantitas, 'ttId', tt.id, 'pekerjaan', tt.pekerjaan, 'satuan', tt.satuan,
              'kegiatan', ut.uraian, 'semua', COALESCE(s.semua, 0), 'terverifikasi', COALESCE(s.terverifikasi, 0),
              'status', tt.status, 'berakhir', tt.berakhir, 'normaWaktu', ut.norma_waktu,
              'rhk', (SELECT rh.uraian FROM rhk rh WHERE rh.id = tt.rhk_id))
            ORDER BY tt.id, tb.id), '[]')
       FROM target_bulanan tb
       JOIN target_tahunan tt ON tt.id = tb.target_tahunan_id
       JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
       -- Summed per annual target within the month, as capaian counts them (src/domain/bulan-pegawai.ts):
       -- a verified entry keeps the monthly link it was verified with (frozen), whatever the spread became since.
       LEFT JOIN (SELECT target_tahunan_id, sum(jumlah) AS semua, sum(jumlah) FILTER (WHERE status = 1) AS terverifikasi
                    FROM realisasi
                   WHERE pegawai_id = $1 AND tanggal BETWEEN $2::date AND $3::date AND target_tahunan_id IS NOT NULL
                   GROUP BY target_tahunan_id) s ON s.target_tahunan_id = tt.id
      WHERE tt.pegawai_id = $1 AND tt.tahun = $4 AND tb.bulan = $5 AND tb.kuantitas > 0
        -- a target of the old jabatan ends at the TMT of a mutasi: not a row in the months after it
        AND (tt.berakhir IS NULL OR tt.berakhir > $2::date)) AS targets,
    (SELECT COALESCE(json_agg(${ENTRI_JSON} ORDER BY r.tanggal DESC, r.id DESC), '[]')
       FROM (SELECT * FROM realisasi WHERE pegawai_id = $1 AND tanggal = $6::date ORDER BY id DESC LIMIT 200) r) AS hari,
    (SELECT COALESCE(json_agg(${ENTRI_JSON} ORDER BY r.tanggal DESC, r.id DESC), '[]')
       FROM (SELECT * FROM realisasi WHERE pegawai_id = $1 AND tanggal BETWEEN $2::date AND $3::date
             ORDER BY tanggal DESC, id DESC OFFSET $7 LIMIT ${PER_HALAMAN}) r) AS bulan,
    (SELECT count(*)::int FROM realisasi WHERE pegawai_id = $1 AND tanggal BETWEEN $2::date AND $3::date) AS total,
    (SELECT coalesce(sum(menit) FILTER (WHERE status = 1), 0)::int FROM realisasi
      WHERE pegawai_id = $1 AND tanggal BETWEEN $2::date AND $3::date) AS menit`;

/** Realisasi Kinerja of one month: the monthly targets with their progress, the chosen day's entries and the month's (paged). */
export async function halamanBulanan(pegawaiId: number, tahun: number, bulan: number, hari: string, page: number) {
  const { awal, akhir } = monthRange(tahun, bulan);
  const { rows } = await pool.query<HalamanRow>({
    name: 'realisasi_halaman_bulanan',
    text: HALAMAN_BULANAN,
    values: [pegawaiId, awal, akhir, tahun, bulan, hari, (page - 1) * PER_HALAMAN],
  });
  const { targets, hari: entriHari, bulan: entriBulan, total, menit } = rows[0];
  // the month's capaian so far, by the one rule of a pegawai's month (the same figure as Capaian & TPP)
  const capaian = capaianBulan(
    targets.map((t) => ({
      id: t.ttId,
      pekerjaan: t.pekerjaan,
      satuan: t.satuan,
      asal: '',
      target: String(t.kuantitas),
      terverifikasi: String(t.terverifikasi),
      semua: String(t.semua),
      normaWaktu: t.normaWaktu,
      berakhir: t.berakhir,
    })),
    tahun,
    bulan,
  );
  return {
    rekap: { capaian: nilaiPecahan(capaian.num, capaian.den), menitTerverifikasi: menit },
    targets: targets.map((t) => {
      const semua = num(t.semua);
      return {
        targetBulananId: t.id,
        targetTahunanId: t.ttId,
        pekerjaan: t.pekerjaan,
        kegiatan: t.kegiatan,
        satuan: t.satuan,
        target: num(t.kuantitas),
        terverifikasi: num(t.terverifikasi),
        semua,
        sisa: Math.max(0, num(t.kuantitas) - semua),
        status: t.status,
        berakhir: t.berakhir,
        rhk: t.rhk,
      };
    }),
    entriHari: entriHari.map(entriDariJson),
    entriBulan: { items: entriBulan.map(entriDariJson), total, page, pages: Math.max(1, Math.ceil(total / PER_HALAMAN)) },
  };
}

/** The monthly target a pegawai picked for "Input Realisasi" (their own only: anything else is 404). */
export async function targetBulananMilik(pegawaiId: number, targetBulananId: number) {
  // One statement (the form and every POST of Input Realisasi read it): the target with its annual target and task.
  const [r] = await prisma.$queryRaw<
    {
      id: number;
      bulan: number;
      kuantitas: string;
      tt_id: number;
      tahun: number;
      pekerjaan: string;
      satuan: string;
      uraian: string;
      norma_waktu: number | null;
      status: string;
      berakhir: Date | null;
    }[]
  >`
    SELECT tb.id, tb.bulan, tb.kuantitas::text AS kuantitas, tt.id AS tt_id, tt.tahun, tt.pekerjaan, tt.satuan, ut.uraian, ut.norma_waktu,
      tt.status::text AS status, tt.berakhir
    FROM target_bulanan tb
    JOIN target_tahunan tt ON tt.id = tb.target_tahunan_id
    JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
    WHERE tb.id = ${targetBulananId} AND tt.pegawai_id = ${pegawaiId}`;
  if (!r) throw new NotFoundError('Target tidak ditemukan.');
  return {
    id: r.id,
    bulan: r.bulan,
    kuantitas: new Prisma.Decimal(r.kuantitas),
    targetTahunan: {
      id: r.tt_id,
      tahun: r.tahun,
      pekerjaan: r.pekerjaan,
      satuan: r.satuan,
      status: r.status,
      berakhir: r.berakhir,
      uraianTugas: { uraian: r.uraian, normaWaktu: r.norma_waktu },
    },
  };
}

/** Annual targets of the year with no target in the given month: the choices of "Tambah Realisasi". */
export function targetTanpaBulanIni(pegawaiId: number, tahun: number, bulan: number) {
  const awal = date(`${tahun}-${String(bulan).padStart(2, '0')}-01`);
  return prisma.targetTahunan.findMany({
    where: {
      pegawaiId,
      tahun,
      NOT: { bulanan: { some: { bulan, kuantitas: { gt: 0 } } } },
      OR: [{ berakhir: null }, { berakhir: { gt: awal } }],
    },
    select: { id: true, pekerjaan: true, satuan: true, status: true },
    orderBy: { id: 'asc' },
  });
}

/**
 * Issue 11: a realisasi may not be dated on or after the TMT that ended its target (mutasi out of the jabatan), and,
 * when the setting asks for it, a target must be approved by the atasan before realisasi is entered on it.
 */
async function cekTarget(t: { status: string; berakhir: Date | null }, tanggal: string): Promise<FieldErrors | null> {
  if (t.berakhir && tanggal >= iso(t.berakhir))
    return {
      tanggal: `Target ini berakhir pada ${formatTanggal(t.berakhir)} (TMT mutasi jabatan). Realisasi sejak tanggal itu dicatat pada target jabatan baru, atau lewat Tambah Realisasi.`,
    };
  if (t.status !== 'DISETUJUI' && (await getSettings()).targetWajibDisetujui)
    return {
      target:
        'Target ini belum disetujui atasan. Sesuai pengaturan Pemda, realisasi baru dapat dicatat setelah targetnya disetujui. Ajukan target di Realisasi Tahunan, atau catat lewat Tambah Realisasi tanpa target.',
    };
  return null;
}

async function rules(p: Pelaku) {
  const [settings, tz] = await Promise.all([getSettings(), timezone(p.fallbackTz)]);
  return { batasHari: settings.batasInputHari, koreksiHari: settings.koreksiKembaliHari, tz };
}

/**
 * A closed month: 409 (tutup bulan); past the input deadline or in the future: the field's message. An entry returned
 * by the atasan (`dikembalikan`) may be corrected within its own month for N days after the return, past the deadline.
 */
async function cekTanggal(
  p: Pelaku,
  tanggal: string,
  dikembalikan?: { returnedAt: Date | null; tanggal: string },
): Promise<FieldErrors | null> {
  const { batasHari, koreksiHari, tz } = await rules(p);
  await wajibBulanTerbuka(prisma, [{ pegawaiId: p.pegawaiId, tanggal }], p.now, tz);
  const r = cekBatasInput(tanggal, p.now, tz, batasHari);
  if (r.ok) return null;
  if (
    r.alasan === 'lewat-batas' &&
    dikembalikan?.returnedAt &&
    tanggal.slice(0, 7) === dikembalikan.tanggal.slice(0, 7) &&
    todayIn(tz, p.now) <= batasKoreksi(dikembalikan.returnedAt, tz, koreksiHari)
  )
    return null;
  return { tanggal: r.pesan };
}

/** Issue 11: an entry on a hari libur or a non-working weekday is allowed, confirmed, or refused (setting). */
async function cekKalender(tanggal: string, konfirmasi: boolean): Promise<FieldErrors | null> {
  const [settings, libur] = await Promise.all([getSettings(), hariLiburAntara(tanggal, tanggal)]);
  const alasan = bukanHariKerja(tanggal, settings.jamKerja, libur);
  if (!alasan || settings.realisasiHariLibur === 'izinkan') return null;
  if (settings.realisasiHariLibur === 'tolak') return { tanggal: `Tanggal ini ${alasan}: realisasi tidak dapat dicatat pada hari itu.` };
  return konfirmasi
    ? null
    : { konfirmasiLibur: `Tanggal ini ${alasan}. Centang bila Anda memang bekerja pada hari itu, lalu simpan lagi.` };
}

/**
 * Issue 11: a day holds at most 1,440 minutes of one pegawai's work. Checked inside the writing transaction under a
 * per-pegawai lock, so two entries saved at once cannot together pass the limit. An edit that adds no minutes to its
 * day (`tidakBertambah`) is never refused, so a day already over the limit (older data) can still be corrected.
 * Returns the day's new total.
 */
async function menitHarian(
  tx: Prisma.TransactionClient,
  pegawaiId: number,
  tanggal: string,
  menit: number,
  ubah?: { id: number; tidakBertambah: boolean },
  idempotencyKey?: string,
): Promise<{ total: number; ada: number | null }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(5050611, ${pegawaiId})`;
  // After the lock, in one statement: the day's other minutes, and — for a new entry — whether its idempotency key is
  // already saved (a double click whose first request committed while this one waited): then nothing is checked.
  const [r] = await tx.$queryRaw<{ menit: number; ada: number | null }[]>`
    SELECT coalesce(sum(menit) FILTER (WHERE id <> ${ubah?.id ?? 0}), 0)::int AS menit,
           (SELECT id FROM realisasi WHERE pegawai_id = ${pegawaiId} AND idempotency_key = ${idempotencyKey ?? null}) AS ada
    FROM realisasi WHERE pegawai_id = ${pegawaiId} AND tanggal = ${tanggal}::date`;
  if (r.ada !== null) return { total: r.menit, ada: r.ada };
  const total = r.menit + menit;
  if (total > MENIT_SEHARI && !ubah?.tidakBertambah)
    throw new FieldError({
      menit: `Jumlah waktu pada tanggal ini menjadi ${total.toLocaleString('id-ID')} menit, melebihi 1.440 menit (24 jam). Periksa kembali menit entri lain pada hari itu.`,
    });
  return { total, ada: null };
}

/** The softer warning (setting menitHarianPeringatan), shown after a save. */
async function peringatanMenit(total: number): Promise<string | undefined> {
  const { menitHarianPeringatan } = await getSettings();
  return total > menitHarianPeringatan
    ? `Total waktu Anda pada tanggal ini ${total.toLocaleString('id-ID')} menit, lebih dari ${menitHarianPeringatan.toLocaleString('id-ID')} menit. Pastikan tidak ada yang tercatat dua kali.`
    : undefined;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === 'P2002';

type DataBaru = {
  tanggal: string;
  targetTahunanId: number | null;
  targetBulananId: number | null;
  pekerjaan: string;
  uraian: string | null;
  jumlah: number;
  satuan: string;
  menit: number;
  idempotencyKey: string;
};

/** One insert (with its evidence) per idempotency key: a double-clicked or retried "Simpan" creates exactly one entry. */
async function buat(p: Pelaku, data: DataBaru, bukti?: BuktiUpload): Promise<Hasil> {
  try {
    let total = 0;
    let ada: number | null = null;
    const id = await prisma.$transaction(async (tx) => {
      ({ total, ada } = await menitHarian(tx, p.pegawaiId, data.tanggal, data.menit, undefined, data.idempotencyKey));
      if (ada !== null) return ada;
      const row = await tx.realisasi.create({
        data: { ...data, tanggal: date(data.tanggal), pegawaiId: p.pegawaiId, status: 0 },
        select: { id: true },
      });
      if (bukti) await tx.buktiDukung.create({ data: { realisasiId: row.id, ...bukti, data: new Uint8Array(bukti.data) } });
      await audit(tx, {
        ...p.audit,
        action: 'realisasi.buat',
        objectType: 'realisasi',
        objectId: row.id,
        after: { ...data, bukti: bukti?.namaFile },
      });
      return row.id;
    });
    if (ada !== null) return { ok: true, id, baru: false };
    return { ok: true, id, baru: true, peringatan: await peringatanMenit(total) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, errors: e.fields };
    if (!isUniqueViolation(e)) throw e;
    const row = await prisma.realisasi.findUniqueOrThrow({
      where: { pegawaiId_idempotencyKey: { pegawaiId: p.pegawaiId, idempotencyKey: data.idempotencyKey } },
      select: { id: true },
    });
    return { ok: true, id: row.id, baru: false };
  }
}

const menitDefault = (jumlah: number, norma: number | null) => (norma ? Math.min(1440, Math.round(jumlah * norma)) : 0);

/** "Input Realisasi" on a monthly target row (article steps 4–5). */
export async function inputRealisasi(p: Pelaku, input: InputRealisasi, bukti?: BuktiUpload): Promise<Hasil> {
  const t = await targetBulananMilik(p.pegawaiId, input.targetBulananId);
  const [y, m] = input.tanggal.split('-').map(Number);
  if (y !== t.targetTahunan.tahun || m !== t.bulan) {
    return { ok: false, errors: { tanggal: `Tanggal harus di bulan ${namaBulan(t.bulan)} ${t.targetTahunan.tahun}, bulan target ini.` } };
  }
  const dateErrors =
    (await cekTarget(t.targetTahunan, input.tanggal)) ??
    (await cekTanggal(p, input.tanggal)) ??
    (await cekKalender(input.tanggal, input.konfirmasiLibur));
  if (dateErrors) return { ok: false, errors: dateErrors };
  return buat(
    p,
    {
      tanggal: input.tanggal,
      targetTahunanId: t.targetTahunan.id,
      targetBulananId: t.id,
      pekerjaan: t.targetTahunan.pekerjaan,
      uraian: input.uraian,
      jumlah: input.jumlah,
      satuan: t.targetTahunan.satuan,
      menit: input.menit ?? menitDefault(input.jumlah, t.targetTahunan.uraianTugas.normaWaktu),
      idempotencyKey: input.idempotencyKey,
    },
    bukti,
  );
}

/** "Tambah Realisasi": work outside this month's targets (article step 6). */
export async function tambahRealisasi(p: Pelaku, input: TambahRealisasi, bukti?: BuktiUpload): Promise<Hasil> {
  const dateErrors = (await cekTanggal(p, input.tanggal)) ?? (await cekKalender(input.tanggal, input.konfirmasiLibur));
  if (dateErrors) return { ok: false, errors: dateErrors };
  if (input.targetTahunanId === null) {
    return buat(
      p,
      {
        tanggal: input.tanggal,
        targetTahunanId: null,
        targetBulananId: null,
        pekerjaan: input.pekerjaan!,
        uraian: input.uraian,
        jumlah: input.jumlah,
        satuan: input.satuan!,
        menit: input.menit ?? 0,
        idempotencyKey: input.idempotencyKey,
      },
      bukti,
    );
  }
  const [y, m] = input.tanggal.split('-').map(Number);
  const t = await prisma.targetTahunan.findFirst({
    where: { id: input.targetTahunanId, pegawaiId: p.pegawaiId },
    select: {
      id: true,
      tahun: true,
      pekerjaan: true,
      satuan: true,
      status: true,
      berakhir: true,
      uraianTugas: { select: { normaWaktu: true } },
      bulanan: { where: { bulan: m, kuantitas: { gt: 0 } }, select: { id: true } },
    },
  });
  if (!t) throw new NotFoundError('Target tidak ditemukan.');
  if (y !== t.tahun) return { ok: false, errors: { tanggal: `Tanggal harus di tahun ${t.tahun}, tahun target ini.` } };
  const targetErrors = await cekTarget(t, input.tanggal);
  if (targetErrors) return { ok: false, errors: targetErrors.target ? { sumber: targetErrors.target } : targetErrors };
  return buat(
    p,
    {
      tanggal: input.tanggal,
      targetTahunanId: t.id,
      targetBulananId: t.bulanan[0]?.id ?? null,
      pekerjaan: input.pekerjaan ?? t.pekerjaan,
      uraian: input.uraian,
      jumlah: input.jumlah,
      satuan: t.satuan,
      menit: input.menit ?? menitDefault(input.jumlah, t.uraianTugas.normaWaktu),
      idempotencyKey: input.idempotencyKey,
    },
    bukti,
  );
}

/** One entry of the pegawai (404 for anyone else's), for the edit form. */
export async function entriMilik(pegawaiId: number, id: number) {
  const r = await prisma.realisasi.findFirst({
    where: { id, pegawaiId },
    select: {
      ...entrySelect,
      targetBulanan: { select: { bulan: true } },
      targetTahunan: { select: { tahun: true, berakhir: true, uraianTugas: { select: { normaWaktu: true } } } },
    },
  });
  if (!r) throw new NotFoundError('Realisasi tidak ditemukan.');
  return r;
}

const TERKUNCI = 'Realisasi yang sudah diverifikasi atasan terkunci: tidak dapat diubah atau dihapus.';

/** Edit of an entry while status is 0 (a returned one too: the atasan's note is cleared, it waits for verification again). */
export async function ubahRealisasi(p: Pelaku, id: number, input: UbahRealisasi, bukti?: BuktiUpload): Promise<Hasil> {
  const before = await entriMilik(p.pegawaiId, id);
  if (before.status !== 0) throw new ForbiddenError(TERKUNCI);
  const lama = iso(before.tanggal);
  if (before.targetTahunan && Number(input.tanggal.slice(0, 4)) !== before.targetTahunan.tahun) {
    return { ok: false, errors: { tanggal: `Tanggal harus di tahun ${before.targetTahunan.tahun}, tahun targetnya.` } };
  }
  const berakhir = before.targetTahunan?.berakhir;
  if (berakhir && input.tanggal !== lama && input.tanggal >= iso(berakhir))
    return {
      ok: false,
      errors: {
        tanggal: `Target ini berakhir pada ${formatTanggal(berakhir)} (TMT mutasi jabatan): tanggal realisasinya harus sebelum itu.`,
      },
    };
  const kembali = { returnedAt: before.returnedAt, tanggal: lama };
  const dateErrors =
    (await cekTanggal(p, lama, kembali)) ??
    (await cekTanggal(p, input.tanggal, kembali)) ??
    (input.tanggal !== lama ? await cekKalender(input.tanggal, input.konfirmasiLibur) : null);
  if (dateErrors) return { ok: false, errors: dateErrors };
  // Issue 11: an entry moved to another month follows that month's target of the same annual target (or none).
  const targetBulananId =
    before.targetTahunanId && input.tanggal.slice(0, 7) !== lama.slice(0, 7)
      ? ((
          await prisma.targetBulanan.findFirst({
            where: { targetTahunanId: before.targetTahunanId, bulan: Number(input.tanggal.slice(5, 7)), kuantitas: { gt: 0 } },
            select: { id: true },
          })
        )?.id ?? null)
      : before.targetBulananId;
  const data = {
    targetBulananId,
    tanggal: date(input.tanggal),
    jumlah: input.jumlah,
    uraian: input.uraian,
    menit: input.menit ?? menitDefault(input.jumlah, before.targetTahunan?.uraianTugas.normaWaktu ?? null),
    catatanAtasan: null,
    returnedAt: null,
  };
  let total = 0;
  try {
    await prisma.$transaction(async (tx) => {
      ({ total } = await menitHarian(tx, p.pegawaiId, input.tanggal, data.menit, {
        id,
        tidakBertambah: input.tanggal === lama && data.menit <= before.menit,
      }));
      // Conditional on status 0: an atasan verifying at the same moment wins or loses as a whole, never half.
      const { count } = await tx.realisasi.updateMany({ where: { id, pegawaiId: p.pegawaiId, status: 0 }, data });
      if (count === 0) throw new ForbiddenError(TERKUNCI);
      if (bukti || input.hapusBukti) await tx.buktiDukung.deleteMany({ where: { realisasiId: id } });
      if (bukti) await tx.buktiDukung.create({ data: { realisasiId: id, ...bukti, data: new Uint8Array(bukti.data) } });
      await audit(tx, {
        ...p.audit,
        action: 'realisasi.ubah',
        objectType: 'realisasi',
        objectId: id,
        before: {
          tanggal: lama,
          jumlah: before.jumlah,
          uraian: before.uraian,
          menit: before.menit,
          catatanAtasan: before.catatanAtasan,
          bukti: before.bukti?.namaFile,
        },
        after: { ...data, tanggal: input.tanggal, bukti: bukti?.namaFile ?? (input.hapusBukti ? null : before.bukti?.namaFile) },
      });
    });
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, errors: e.fields };
    throw e;
  }
  return { ok: true, id, baru: false, peringatan: await peringatanMenit(total) };
}

export async function hapusRealisasi(p: Pelaku, id: number): Promise<{ ok: true } | { ok: false; pesan: string }> {
  const before = await entriMilik(p.pegawaiId, id);
  if (before.status !== 0) throw new ForbiddenError(TERKUNCI);
  const dateErrors = await cekTanggal(p, iso(before.tanggal), { returnedAt: before.returnedAt, tanggal: iso(before.tanggal) });
  if (dateErrors) return { ok: false, pesan: dateErrors.tanggal };
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.realisasi.deleteMany({ where: { id, pegawaiId: p.pegawaiId, status: 0 } });
    if (count === 0) throw new ForbiddenError(TERKUNCI);
    await audit(tx, {
      ...p.audit,
      action: 'realisasi.hapus',
      objectType: 'realisasi',
      objectId: id,
      before: { ...before, tanggal: iso(before.tanggal) },
    });
  });
  return { ok: true };
}

/**
 * Evidence of an entry, for its owner, whoever verifies it (the atasan on the entry's date, a Plt/Plh in force, the
 * pejabat puncak) and admins; 404 for everyone else.
 */
export async function buktiUntuk(user: { id: number; isAdmin: boolean }, realisasiId: number, today: string) {
  const verifikator = user.isAdmin ? [] : (filterJendela(await lingkupVerifikasi(user.id, today)).OR as object[]);
  const r = await prisma.realisasi.findFirst({
    where: { id: realisasiId, OR: user.isAdmin ? undefined : [{ pegawaiId: user.id }, ...verifikator] },
    select: { bukti: { select: { namaFile: true, mime: true, ukuran: true, data: true } } },
  });
  if (!r?.bukti) throw new NotFoundError('Bukti dukung tidak ditemukan.');
  return r.bukti;
}
