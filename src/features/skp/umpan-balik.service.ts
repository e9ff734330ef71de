import { prisma } from '../../db/prisma.ts';
import { parseWaktu, todayIn } from '../../domain/periode.ts';
import { LABEL_BERAKHLAK, type NilaiBerakhlak } from '../../domain/skp.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { FieldError } from '../../lib/field-error.ts';
import { type AuditEntry, audit } from '../../services/audit.service.ts';
import { lingkupSql } from '../../services/riwayat.service.ts';
import { type Akses, aksesPegawai, type Pembaca, wajibMenilai } from './akses.service.ts';
import { bolehMenjawab } from './umpan-balik.policy.ts';
import type { JawabanInput, UmpanBalikInput } from './umpan-balik.schema.ts';

/**
 * Umpan balik berkelanjutan (PermenPAN-RB 6/2022, pelaksanaan kinerja; issue 19 §2): whoever rates the pegawai on
 * that date (the atasan of the history, a Plt/Plh in force, the pejabat puncak, the admin at the top — akses.service.ts)
 * writes dated feedback on an RHK of the pegawai's SKP, on a core value BerAKHLAK or on the SKP as a whole; the
 * pegawai reads it and answers, the atasan may answer again; a pimpinan of the subtree reads. A realisasi returned
 * with a note (verifikasi.service.ts) is written into the same history. The history is append-only (a trigger).
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
export type Waktu = { now: Date; today: string; tz: string };

export type Tentang =
  | { jenis: 'skp' }
  | { jenis: 'rhk'; rhk: string | null }
  | { jenis: 'perilaku'; nilai: NilaiBerakhlak; label: string }
  | { jenis: 'realisasi'; tanggal: string | null; pekerjaan: string | null; rhk: string | null };

export type Item = {
  id: number;
  dibuatAt: Date;
  isi: string;
  penulis: { id: number; nama: string };
  sebagai: string | null;
  tentang: Tentang | null;
  jawaban: Item[];
};

export type RiwayatUmpanBalik = {
  akses: Akses;
  tahun: number;
  pegawai: { id: number; nama: string; nip: string; jabatan: string | null; unit: string | null };
  /** newest month first; in a month, newest feedback first; answers under their feedback, oldest first */
  bulan: { kunci: string; tahun: number; bulan: number; items: Item[] }[];
  /** the pegawai's SKP of the year with their RHK (the form's choices) */
  skp: { id: number; mulai: string; selesai: string; rhk: { id: number; uraian: string; jenis: string }[] }[];
  /** on one's own page: the pegawai one gives feedback to today */
  bawahan: { id: number; nama: string; nip: string }[];
};

type BarisItem = {
  id: number;
  indukId: number | null;
  isi: string;
  dibuatAt: string;
  penulisId: number;
  penulis: string;
  sebagai: string | null;
  perilaku: NilaiBerakhlak | null;
  rhkId: number | null;
  rhk: string | null;
  realisasi: { tanggal: string; pekerjaan: string } | null;
};

/** Access to a year's history is decided on a date of that year: today for this year (or later), 31 December before. */
const tanggalAkses = (tahun: number, today: string) => (tahun < Number(today.slice(0, 4)) ? `${tahun}-12-31` : today);

/** The history of a pegawai's year, with what the reader may do. Out of reach: 404 (akses.service.ts). */
export async function riwayatUmpanBalik(pembaca: Pembaca, pegawaiId: number, tahun: number, w: Waktu): Promise<RiwayatUmpanBalik> {
  const akses = await aksesPegawai(pembaca, pegawaiId, tanggalAkses(tahun, w.today), w.today);
  const awal = parseWaktu(`${tahun}-01-01T00:00`, w.tz)!;
  const akhir = parseWaktu(`${tahun + 1}-01-01T00:00`, w.tz)!;
  // one's own page also lists the pegawai one reaches today (verification windows in force: riwayat.service.ts)
  const lingkup = akses.diri ? Prisma.sql`w AS (${await lingkupSql(pembaca.id, w.today)}),` : Prisma.empty;
  const hariIni = new Date(`${w.today}T00:00:00Z`);
  const bawahan = akses.diri
    ? Prisma.sql`(SELECT coalesce(json_agg(b ORDER BY b.nama, b.id), '[]') FROM (
         SELECT DISTINCT g.id, g.nama, g.nip FROM w JOIN pegawai g ON g.id = w.pegawai_id
         WHERE w.pegawai_id <> ${pembaca.id} AND (w.tmt_awal IS NULL OR w.tmt_awal <= ${hariIni}::date)
           AND (w.tmt_akhir IS NULL OR ${hariIni}::date < w.tmt_akhir)) b)`
    : Prisma.sql`'[]'::json`;
  // ONE statement: the year's feedback (index umpan_balik(pegawai_id, dibuat_at)) and every answer under it
  // (umpan_balik(induk_id)), the pegawai, the SKP of the year with their RHK, and the list above.
  const [r] = await prisma.$queryRaw<
    {
      pegawai: RiwayatUmpanBalik['pegawai'] | null;
      items: BarisItem[];
      skp: RiwayatUmpanBalik['skp'];
      bawahan: RiwayatUmpanBalik['bawahan'];
    }[]
  >`
    WITH ${lingkup}
      induk AS (
        SELECT u.id FROM umpan_balik u
        WHERE u.pegawai_id = ${pegawaiId} AND u.induk_id IS NULL AND u.dibuat_at >= ${awal} AND u.dibuat_at < ${akhir}),
      semua AS (
        SELECT u.* FROM umpan_balik u JOIN induk i ON i.id = u.id
        UNION ALL
        SELECT j.* FROM umpan_balik j JOIN induk i ON j.induk_id = i.id)
    SELECT
      (SELECT json_build_object('id', p.id, 'nama', p.nama, 'nip', p.nip, 'jabatan', j.nama, 'unit', k.nama)
         FROM pegawai p LEFT JOIN jabatan j ON j.id = p.jabatan_id LEFT JOIN unit_kerja k ON k.id = p.unit_id
         WHERE p.id = ${pegawaiId}) AS pegawai,
      (SELECT coalesce(json_agg(json_build_object(
                'id', x.id, 'indukId', x.induk_id, 'isi', x.isi, 'dibuatAt', x.dibuat_at, 'penulisId', x.penulis_id,
                'penulis', g.nama, 'sebagai', x.penulis_sebagai, 'perilaku', x.perilaku, 'rhkId', x.rhk_id, 'rhk', r.uraian,
                'realisasi', CASE WHEN re.id IS NOT NULL THEN json_build_object('tanggal', re.tanggal, 'pekerjaan', re.pekerjaan) END)
              ORDER BY x.dibuat_at, x.id), '[]')
         FROM semua x JOIN pegawai g ON g.id = x.penulis_id
         LEFT JOIN rhk r ON r.id = x.rhk_id LEFT JOIN realisasi re ON re.id = x.realisasi_id) AS items,
      (SELECT coalesce(json_agg(json_build_object('id', s.id, 'mulai', s.mulai, 'selesai', s.selesai, 'rhk',
                (SELECT coalesce(json_agg(json_build_object('id', r.id, 'uraian', r.uraian, 'jenis', r.jenis) ORDER BY r.jenis, r.urutan, r.id), '[]')
                   FROM rhk r WHERE r.skp_id = s.id)) ORDER BY s.mulai), '[]')
         FROM skp s WHERE s.pegawai_id = ${pegawaiId} AND s.tahun = ${tahun}) AS skp,
      ${bawahan} AS bawahan`;
  if (!r.pegawai) throw new NotFoundError();
  return { akses, tahun, pegawai: r.pegawai, bulan: perBulan(r.items, w.tz), skp: r.skp, bawahan: r.bawahan };
}

function tentang(b: BarisItem): Tentang | null {
  if (b.indukId !== null) return null;
  if (b.realisasi)
    return { jenis: 'realisasi', tanggal: b.realisasi?.tanggal ?? null, pekerjaan: b.realisasi?.pekerjaan ?? null, rhk: b.rhk };
  if (b.perilaku) return { jenis: 'perilaku', nilai: b.perilaku, label: LABEL_BERAKHLAK[b.perilaku] };
  if (b.rhkId !== null) return { jenis: 'rhk', rhk: b.rhk };
  return { jenis: 'skp' };
}

/** Threads grouped by month of the feedback (in the Pemda's calendar), newest first. */
function perBulan(rows: BarisItem[], tz: string): RiwayatUmpanBalik['bulan'] {
  const byId = new Map<number, Item>();
  const atas: Item[] = [];
  for (const b of rows) {
    const item: Item = {
      id: b.id,
      dibuatAt: new Date(b.dibuatAt),
      isi: b.isi,
      penulis: { id: b.penulisId, nama: b.penulis },
      sebagai: b.sebagai,
      tentang: tentang(b),
      jawaban: [],
    };
    byId.set(b.id, item);
    if (b.indukId === null) atas.push(item);
    else byId.get(b.indukId)?.jawaban.push(item);
  }
  const bulan: RiwayatUmpanBalik['bulan'] = [];
  for (const item of atas.reverse()) {
    const kunci = todayIn(tz, item.dibuatAt).slice(0, 7);
    let g = bulan.at(-1);
    if (g?.kunci !== kunci) {
      g = { kunci, tahun: Number(kunci.slice(0, 4)), bulan: Number(kunci.slice(5, 7)), items: [] };
      bulan.push(g);
    }
    g.items.push(item);
  }
  return bulan;
}

export type Tertulis = { id: number; pegawaiId: number; baru: boolean };

type Baris = {
  pegawaiId: number;
  skpId?: number | null;
  rhkId?: number | null;
  perilaku?: NilaiBerakhlak | null;
  indukId?: number | null;
  sebagai: string | null;
  isi: string;
};

/**
 * One row and its audit, keyed by (writer, idempotency key): a double-clicked "Kirim" returns the first row and
 * writes nothing more.
 */
async function simpan(
  tx: Prisma.TransactionClient,
  b: Baris,
  o: { penulisId: number; now: Date; key: string; who: Who; action: 'umpan-balik.tulis' | 'umpan-balik.jawab' },
): Promise<Tertulis> {
  const [baru] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO umpan_balik (pegawai_id, skp_id, rhk_id, perilaku, induk_id, penulis_id, penulis_sebagai, isi, dibuat_at, idempotency_key)
    VALUES (${b.pegawaiId}, ${b.skpId ?? null}, ${b.rhkId ?? null}, ${b.perilaku ?? null}::"NilaiBerakhlak", ${b.indukId ?? null},
            ${o.penulisId}, ${b.sebagai}, ${b.isi}, ${o.now}, ${o.key}::uuid)
    ON CONFLICT (penulis_id, idempotency_key) DO NOTHING RETURNING id`;
  if (baru) {
    await audit(tx, { ...o.who, action: o.action, objectType: 'umpan_balik', objectId: baru.id, after: b });
    return { id: baru.id, pegawaiId: b.pegawaiId, baru: true };
  }
  const ada = await tx.umpanBalik.findUniqueOrThrow({
    where: { penulisId_idempotencyKey: { penulisId: o.penulisId, idempotencyKey: o.key } },
    select: { id: true, pegawaiId: true },
  });
  return { ...ada, baru: false };
}

/**
 * A feedback of the atasan (or whoever rates the pegawai today) on an RHK of the pegawai's SKP, a core value or the
 * SKP in force. An RHK of someone else's SKP, or the SKP when the pegawai has none: 422 next to the choice.
 */
export async function tulisUmpanBalik(pembaca: Pembaca, pegawaiId: number, input: UmpanBalikInput, w: Waktu, who: Who): Promise<Tertulis> {
  const akses = await wajibMenilai(pembaca, pegawaiId, w.today, w.today);
  const hariIni = new Date(`${w.today}T00:00:00Z`);
  return prisma.$transaction(async (tx) => {
    const s = input.sasaran;
    let skpId: number | null;
    let rhkId: number | null = null;
    if (s.jenis === 'rhk') {
      const [rhk] = await tx.$queryRaw<{ skp_id: number }[]>`
        SELECT r.skp_id FROM rhk r JOIN skp k ON k.id = r.skp_id WHERE r.id = ${s.rhkId} AND k.pegawai_id = ${pegawaiId}`;
      if (!rhk) throw new FieldError({ sasaran: 'RHK itu bukan bagian dari SKP pegawai ini. Pilih dari daftar.' });
      skpId = rhk.skp_id;
      rhkId = s.rhkId;
    } else {
      // the SKP in force today, else the latest that has started
      const [skp] = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM skp WHERE pegawai_id = ${pegawaiId} AND mulai <= ${hariIni}::date
        ORDER BY (selesai >= ${hariIni}::date) DESC, mulai DESC LIMIT 1`;
      skpId = skp?.id ?? null;
      if (s.jenis === 'skp' && skpId === null)
        throw new FieldError({ sasaran: 'Pegawai ini belum memiliki SKP. Berikan umpan balik pada salah satu nilai BerAKHLAK.' });
    }
    return simpan(
      tx,
      { pegawaiId, skpId, rhkId, perilaku: s.jenis === 'perilaku' ? s.nilai : null, sebagai: akses.sebagai, isi: input.isi },
      { penulisId: pembaca.id, now: w.now, key: input.idempotencyKey, who, action: 'umpan-balik.tulis' },
    );
  });
}

/** The feedback an answer goes under, and the reader's access to its pegawai: 404 out of reach, 403 read-only. */
async function indukTerjangkau(pembaca: Pembaca, indukId: number, w: Waktu) {
  const induk = await prisma.umpanBalik.findUnique({ where: { id: indukId }, select: { pegawaiId: true, indukId: true, dibuatAt: true } });
  if (!induk || induk.indukId !== null) throw new NotFoundError('Umpan balik tidak ditemukan.');
  const akses = await aksesPegawai(pembaca, induk.pegawaiId, w.today, w.today);
  if (!bolehMenjawab(akses)) throw new ForbiddenError('Hanya pegawai yang bersangkutan dan atasannya yang dapat menjawab umpan balik.');
  return { ...induk, akses, tahun: Number(todayIn(w.tz, induk.dibuatAt).slice(0, 4)) };
}

/** The pegawai whose page shows a refused answer again (the same checks as answering). */
export async function pegawaiUntukJawaban(pembaca: Pembaca, indukId: number, w: Waktu): Promise<number> {
  return (await indukTerjangkau(pembaca, indukId, w)).pegawaiId;
}

/**
 * An answer under a feedback: the pegawai, or whoever rates them today. Out of reach (or an answer's answer): 404;
 * readable but not the reader's to answer (a pimpinan): 403.
 */
export async function jawab(
  pembaca: Pembaca,
  indukId: number,
  input: JawabanInput,
  w: Waktu,
  who: Who,
): Promise<Tertulis & { tahun: number }> {
  const induk = await indukTerjangkau(pembaca, indukId, w);
  const sebagai = induk.akses.diri ? null : induk.akses.sebagai;
  const t = await prisma.$transaction((tx) =>
    simpan(
      tx,
      { pegawaiId: induk.pegawaiId, indukId, sebagai, isi: input.isi },
      { penulisId: pembaca.id, now: w.now, key: input.idempotencyKey, who, action: 'umpan-balik.jawab' },
    ),
  );
  return { ...t, tahun: induk.tahun };
}
