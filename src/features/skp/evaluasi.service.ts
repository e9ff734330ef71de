import { prisma } from '../../db/prisma.ts';
import type { TargetBulan } from '../../domain/bulan-pegawai.ts';
import { type CapaianRhk, capaianPerRhk, type RhkRingkas } from '../../domain/evaluasi.ts';
import { geser, type KeadaanKurva, type Pelanggaran, pelanggaranBaru, periksaKurva } from '../../domain/kurva.ts';
import { formatTanggal, namaBulan, todayIn } from '../../domain/periode.ts';
import { type Ekspektasi, type Predikat, predikatKinerja } from '../../domain/predikat.ts';
import { jendelaUntuk } from '../../domain/riwayat.ts';
import type { Settings } from '../../domain/settings.ts';
import {
  hasilKerjaPimpinan,
  kepalaOpd,
  LABEL_PREDIKAT_ORGANISASI,
  labelPeriode,
  type PeriodeEvaluasi,
  type PredikatOrganisasi,
  periodeBerakhir,
  rentangPeriode,
} from '../../domain/skp.ts';
import { bulanDitutup, hariTerakhirTerbuka } from '../../domain/tutup-bulan.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { AppError, NotFoundError } from '../../lib/errors.ts';
import { FieldError } from '../../lib/field-error.ts';
import { type AuditEntry, audit } from '../../services/audit.service.ts';
import { bulanSatu } from '../../services/bulan-pegawai.service.ts';
import { getLogo } from '../../services/logo.service.ts';
import { lingkupVerifikasi } from '../../services/riwayat.service.ts';
import { getSettings } from '../../services/settings.service.ts';
import { BulanDitutupError } from '../../services/tutup-bulan.service.ts';
import { type Akses, aksesPegawai, type Pembaca, wajibMenilai } from './akses.service.ts';
import { atasanOpdLateral, type BarisKeadaan, bulanSama, kurvaCte, posisiSql, unitOpdCte } from './evaluasi.sql.ts';
import { keadaanDari } from './kurva.service.ts';

/**
 * Evaluasi kinerja periodik (issue 19; PermenPAN-RB 6/2022): every month, and for the year, whoever rates the pegawai
 * gives hasil kerja and perilaku kerja (di bawah / sesuai / di atas ekspektasi); the predikat is the matrix's
 * (src/domain/predikat.ts). The rules (docs/skp.md "Evaluasi kinerja"):
 *   - who rates: `wajibMenilai` (akses.service.ts) on the pegawai's last day in the period — their atasan then, a
 *     Plt/Plh in force today (recorded in `penilai_sebagai`), the pejabat puncak, or an admin on behalf at the top;
 *     anyone else 404, a reader who may not rate (the pegawai, a pimpinan) 403;
 *   - when: once the period has ended (else 422), until the month closes by the app's tutup bulan (the year: with
 *     December), unless the admin reopened that month for the pegawai's unit (else 409). The rating is then as final
 *     as the month's capaian and TPP it sits beside;
 *   - the head of an OPD: hasil kerja is the OPD's capaian organisasi (the leader's rule), none recorded → 422;
 *   - a stale form (the rating changed since it was opened: `versi`) → 409; the same rating posted twice is one save;
 *   - a rating that breaks the OPD's distribution curve is saved only when confirmed ("Tetap simpan"), marked
 *     `melanggar_kurva`. Ratings of one OPD and period are serialised by an advisory lock, so two atasan saving at
 *     once cannot both pass the check and break the curve together.
 * Every save writes an audit row in its transaction.
 */

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
export type Waktu = { now: Date; tz: string };

type EvaluasiTersimpan = {
  id: number;
  hasilKerja: Ekspektasi;
  perilakuKerja: Ekspektasi;
  predikat: Predikat;
  catatan: string | null;
  penilaiNama: string | null;
  penilaiNip: string | null;
  penilaiSebagai: string | null;
  hasilDariOrganisasi: boolean;
  melanggarKurva: boolean;
  versi: number;
  updatedAt: string;
};
type Organisasi = { capaian: string; predikat: PredikatOrganisasi; sumber: string };
export type UmpanBalikBaris = {
  id: number;
  dibuatAt: string;
  penulis: string;
  penulisSebagai: string | null;
  isi: string;
  rhk: string | null;
  perilaku: string | null;
  jawaban: boolean;
  realisasi: boolean;
};
type TargetTahun = Omit<TargetBulan, 'semua'> & { bulan: number };

type Baris = {
  id: number;
  nip: string;
  nama: string;
  golongan: string | null;
  tanggal: string;
  unit_id: number | null;
  atasan_id: number | null;
  jabatan_nama: string | null;
  unit_nama: string | null;
  atasan_nama: string | null;
  atasan_nip: string | null;
  opd_id: number | null;
  opd_nama: string | null;
  atasan_opd_ids: (number | null)[];
  skp_id: number | null;
  organisasi: Organisasi | null;
  evaluasi: EvaluasiTersimpan | null;
  dibuka: boolean;
  umpan_balik: UmpanBalikBaris[];
  rhk: RhkRingkas[];
  rhk_target: { t: number; r: number | null }[];
  target_tahun: TargetTahun[] | null;
  bulanan: { bulan: number; predikat: Predikat; hasilKerja: Ekspektasi; perilakuKerja: Ekspektasi }[] | null;
  keadaan: BarisKeadaan | null;
};

const d = (s: string) => Prisma.sql`${s}::date`;

/**
 * Everything the form, the read-only page and the PDF show of one pegawai's period, in ONE statement: the position
 * (history), the OPD and whether they head it, the organisation's capaian, the rating, whether the admin reopened the
 * month for their unit, the period's feedback, the SKP's RHK and which targets realise them, the curve's state of
 * their OPD, and for the year the twelve months' targets and ratings. Null when the pegawai has no history in it.
 */
async function bacaPeriode(pegawaiId: number, p: PeriodeEvaluasi, tz: string): Promise<Baris | null> {
  const { awal, akhir } = rentangPeriode(p);
  const tahunan = p.bulan === null;
  const rows = await prisma.$queryRaw<Baris[]>`
    WITH RECURSIVE
      pos AS (${posisiSql(p, Prisma.sql`h.pegawai_id = ${pegawaiId}`)}),
      ${unitOpdCte('uo')},
      o AS (SELECT x.opd_id FROM pos JOIN uo x ON x.unit_id = pos.unit_id),
      naik(id) AS (
        SELECT unit_id FROM pos WHERE unit_id IS NOT NULL
        UNION SELECT u.induk_id FROM unit_kerja u JOIN naik ON u.id = naik.id WHERE u.induk_id IS NOT NULL),
      ${kurvaCte(p, Prisma.sql`SELECT opd_id FROM o`)}
    SELECT g.id, g.nip, g.nama, g.golongan::text AS golongan, pos.tanggal::text AS tanggal, pos.unit_id, pos.atasan_id,
           j.nama AS jabatan_nama, u.nama AS unit_nama, a.nama AS atasan_nama, a.nip AS atasan_nip,
           o.opd_id, ou.nama AS opd_nama, coalesce(atas.opd_ids, '{}') AS atasan_opd_ids,
           (SELECT s.id FROM skp s WHERE s.pegawai_id = g.id AND s.tahun = ${p.tahun} AND s.mulai <= pos.tanggal AND s.selesai >= pos.tanggal
             LIMIT 1) AS skp_id,
           (SELECT json_build_object('capaian', k.capaian::text, 'predikat', k.predikat, 'sumber', k.sumber) FROM kinerja_organisasi k
             WHERE k.unit_id = o.opd_id AND k.tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`k.bulan`, p.bulan)}) AS organisasi,
           (SELECT json_build_object('id', e.id, 'hasilKerja', e.hasil_kerja, 'perilakuKerja', e.perilaku_kerja, 'predikat', e.predikat,
                     'catatan', e.catatan, 'penilaiNama', pn.nama, 'penilaiNip', pn.nip, 'penilaiSebagai', e.penilai_sebagai,
                     'hasilDariOrganisasi', e.hasil_dari_organisasi, 'melanggarKurva', e.melanggar_kurva, 'versi', e.versi,
                     'updatedAt', e.updated_at)
              FROM evaluasi_kinerja e LEFT JOIN pegawai pn ON pn.id = e.penilai_id
             WHERE e.pegawai_id = g.id AND e.tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`e.bulan`, p.bulan)}) AS evaluasi,
           EXISTS (SELECT 1 FROM buka_bulan b WHERE b.aktif AND b.tahun = ${p.tahun} AND b.bulan = ${p.bulan ?? 12}
                     AND b.unit_id IN (SELECT id FROM naik)) AS dibuka,
           (SELECT coalesce(json_agg(json_build_object('id', ub.id, 'dibuatAt', ub.dibuat_at, 'penulis', pw.nama,
                     'penulisSebagai', ub.penulis_sebagai, 'isi', ub.isi, 'rhk', r.uraian, 'perilaku', ub.perilaku,
                     'jawaban', ub.induk_id IS NOT NULL, 'realisasi', ub.realisasi_id IS NOT NULL) ORDER BY ub.dibuat_at, ub.id), '[]')
              FROM umpan_balik ub JOIN pegawai pw ON pw.id = ub.penulis_id LEFT JOIN rhk r ON r.id = ub.rhk_id
             WHERE ub.pegawai_id = g.id AND ub.dibuat_at >= (${d(awal)}::timestamp AT TIME ZONE ${tz})
               AND ub.dibuat_at < ((${d(akhir)} + 1)::timestamp AT TIME ZONE ${tz})) AS umpan_balik,
           (SELECT coalesce(json_agg(json_build_object('id', r.id, 'uraian', r.uraian, 'jenis', r.jenis) ORDER BY s.mulai, r.urutan, r.id), '[]')
              FROM skp s JOIN rhk r ON r.skp_id = s.id
             WHERE s.pegawai_id = g.id AND s.tahun = ${p.tahun} AND s.mulai <= ${d(akhir)} AND s.selesai >= ${d(awal)}) AS rhk,
           (SELECT coalesce(json_agg(json_build_object('t', t.id, 'r', t.rhk_id)), '[]') FROM target_tahunan t
             WHERE t.pegawai_id = g.id AND t.tahun = ${p.tahun}) AS rhk_target,
           CASE WHEN ${tahunan} THEN
             (SELECT coalesce(json_agg(json_build_object('id', tt.id, 'pekerjaan', tt.pekerjaan, 'satuan', tt.satuan, 'asal', tt.asal::text,
                       'normaWaktu', ut.norma_waktu, 'berakhir', tt.berakhir::text, 'bulan', tb.bulan, 'target', tb.kuantitas::text,
                       'terverifikasi', coalesce(v.jumlah, 0)::text) ORDER BY tt.id, tb.bulan), '[]')
                FROM target_tahunan tt
                JOIN target_bulanan tb ON tb.target_tahunan_id = tt.id
                JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
                LEFT JOIN (SELECT r.target_tahunan_id, extract(month FROM r.tanggal)::int AS bulan, sum(r.jumlah) AS jumlah
                             FROM realisasi r WHERE r.pegawai_id = g.id AND r.status = 1 AND r.tanggal BETWEEN ${d(awal)} AND ${d(akhir)}
                            GROUP BY 1, 2) v ON v.target_tahunan_id = tt.id AND v.bulan = tb.bulan
               WHERE tt.pegawai_id = g.id AND tt.tahun = ${p.tahun}
                 AND (tt.berakhir IS NULL OR tt.berakhir > make_date(${p.tahun}::int, tb.bulan::int, 1))) END AS target_tahun,
           CASE WHEN ${tahunan} THEN
             (SELECT coalesce(json_agg(json_build_object('bulan', e.bulan, 'predikat', e.predikat, 'hasilKerja', e.hasil_kerja,
                       'perilakuKerja', e.perilaku_kerja) ORDER BY e.bulan), '[]')
                FROM evaluasi_kinerja e WHERE e.pegawai_id = g.id AND e.tahun = ${p.tahun} AND e.bulan IS NOT NULL) END AS bulanan,
           (SELECT row_to_json(kk) FROM k_keadaan kk) AS keadaan
    FROM pos
    JOIN pegawai g ON g.id = pos.pegawai_id
    LEFT JOIN jabatan j ON j.id = pos.jabatan_id
    LEFT JOIN unit_kerja u ON u.id = pos.unit_id
    LEFT JOIN pegawai a ON a.id = pos.atasan_id
    LEFT JOIN o ON true
    LEFT JOIN unit_kerja ou ON ou.id = o.opd_id
    ${atasanOpdLateral('pos', 'uo')}`;
  return rows[0] ?? null;
}

/** The state of a period for rating: ended, closed by tutup bulan (and not reopened for the pegawai's unit). */
export type Jadwal = { berakhir: boolean; ditutup: boolean; pesan: string | null };

function jadwal(p: PeriodeEvaluasi, dibuka: boolean, waktu: Waktu, settings: Settings): Jadwal {
  const today = todayIn(waktu.tz, waktu.now);
  if (!periodeBerakhir(p, today)) {
    const mulai = p.bulan === null || p.bulan === 12 ? `${p.tahun + 1}-01-01` : `${p.tahun}-${String(p.bulan + 1).padStart(2, '0')}-01`;
    return {
      berakhir: false,
      ditutup: false,
      pesan: `${judulPeriode(p)} belum berakhir: evaluasinya dapat diberikan mulai ${formatTanggal(mulai)}.`,
    };
  }
  const awalTutup = `${p.tahun}-${String(p.bulan ?? 12).padStart(2, '0')}-01`;
  if (!bulanDitutup(awalTutup, waktu.now, waktu.tz, settings.tutupBulanHari) || dibuka)
    return { berakhir: true, ditutup: false, pesan: null };
  return { berakhir: true, ditutup: true, pesan: pesanDitutup(p, settings.tutupBulanHari) };
}

const judulPeriode = (p: PeriodeEvaluasi) => (p.bulan === null ? `Tahun ${p.tahun}` : `Bulan ${namaBulan(p.bulan)} ${p.tahun}`);

function pesanDitutup(p: PeriodeEvaluasi, hari: number): string {
  const bulan = p.bulan ?? 12;
  const sejak = formatTanggal(hariTerakhirTerbuka(`${p.tahun}-${String(bulan).padStart(2, '0')}-01`, hari));
  return (
    `Evaluasi ${labelPeriode(p, namaBulan)} sudah ditutup (tutup bulan, sejak berakhirnya ${sejak}). ` +
    `Bila perlu diberikan atau diubah, minta admin kepegawaian membuka kembali bulan ${namaBulan(bulan)} ${p.tahun} untuk unit kerja pegawai ini.`
  );
}

export class EvaluasiKonflikError extends AppError {
  constructor() {
    super('Evaluasi ini baru saja diubah oleh orang lain. Muat ulang halaman, periksa, lalu ulangi.', 409);
  }
}

/** The curve's state of the pegawai's OPD, the bounds of its predikat organisasi, and the pegawai's part in it. */
function kurvaPegawai(b: Baris, settings: Settings) {
  if (!b.keadaan || !b.organisasi) return null;
  // the top of the Pemda's hierarchy (no atasan) is rated from outside it and not counted (evaluasi.sql.ts)
  if (b.atasan_id === null) return null;
  return {
    keadaan: keadaanDari(b.keadaan),
    batas: settings.kurvaDistribusi[b.organisasi.predikat],
    predikatOrganisasi: b.organisasi.predikat,
  };
}

export type DataEvaluasi = Awaited<ReturnType<typeof formEvaluasi>>;

/**
 * One pegawai's period as the reader may see it (404 out of reach): the rating, the form's facts (capaian per RHK,
 * the period's feedback, the leader's rule, the curve), and what the reader may do. Four statements for an atasan:
 * the session (before this), the period's facts, the reader's windows, and the month's computation.
 */
export async function formEvaluasi(user: Pembaca, pegawaiId: number, p: PeriodeEvaluasi, waktu: Waktu) {
  const settings = await getSettings();
  const b = await bacaPeriode(pegawaiId, p, waktu.tz);
  if (!b) throw new NotFoundError();
  const akses = await aksesPegawai(user, pegawaiId, b.tanggal, todayIn(waktu.tz, waktu.now));
  const rhkTarget = new Map(b.rhk_target.map((x) => [x.t, x.r]));
  let capaianBulan: number | null = null;
  let capaian: CapaianRhk[];
  let ditetapkan = false;
  if (p.bulan !== null) {
    // the month's figure of the one computation (src/domain/bulan-pegawai.ts): the frozen month once ditetapkan
    const bulan = await bulanSatu(pegawaiId, p.tahun, p.bulan, settings);
    const m = bulan?.tetap ?? bulan?.kini ?? null;
    ditetapkan = Boolean(bulan?.tetap);
    capaianBulan = m?.capaian.nilai ?? null;
    capaian = capaianPerRhk(m ? [{ tahun: p.tahun, bulan: p.bulan, targets: m.capaian.targets }] : [], rhkTarget, b.rhk);
  } else {
    const perBulan = Array.from({ length: 12 }, (_, i) => ({
      tahun: p.tahun,
      bulan: i + 1,
      targets: (b.target_tahun ?? []).filter((t) => t.bulan === i + 1).map((t) => ({ ...t, semua: t.terverifikasi })),
    }));
    capaian = capaianPerRhk(perBulan, rhkTarget, b.rhk);
  }
  const kepala = kepalaOpd({ opdId: b.opd_id, atasanOpdIds: b.atasan_opd_ids });
  const kurva = kurvaPegawai(b, settings);
  return {
    periode: p,
    pegawai: { id: b.id, nip: b.nip, nama: b.nama, golongan: b.golongan },
    posisi: {
      tanggal: b.tanggal,
      jabatanNama: b.jabatan_nama,
      unitNama: b.unit_nama,
      atasanNama: b.atasan_nama,
      atasanNip: b.atasan_nip,
      opdId: b.opd_id,
      opdNama: b.opd_nama,
    },
    akses,
    jadwal: jadwal(p, b.dibuka, waktu, settings),
    evaluasi: b.evaluasi,
    capaianBulan,
    ditetapkan,
    capaian,
    umpanBalik: b.umpan_balik,
    bulanan: b.bulanan ?? [],
    pimpinan: kepala
      ? {
          organisasi: b.organisasi,
          hasilKerja: b.organisasi ? hasilKerjaPimpinan(b.organisasi.predikat) : null,
          label: b.organisasi ? LABEL_PREDIKAT_ORGANISASI[b.organisasi.predikat] : null,
          opdNama: b.opd_nama,
        }
      : null,
    kurva: kurva && { ...kurva, pelanggaran: periksaKurva(kurva.batas, kurva.keadaan) },
  };
}

export type InputEvaluasi = {
  hasilKerja: Ekspektasi | null;
  perilakuKerja: Ekspektasi;
  catatan: string | null;
  versi: number;
  konfirmasiKurva: boolean;
};

/** A rating broke the curve and was not confirmed: the form comes back with the warning and "Tetap simpan" (422). */
export class KurvaError extends FieldError {
  constructor(readonly pelanggaran: Pelanggaran[]) {
    super({ kurva: pelanggaran.map((x) => x.pesan).join(' ') });
  }
}

/** Saves the rating of one pegawai's period (rules above). Returns the predikat and whether it broke the curve. */
export async function simpanEvaluasi(user: Pembaca, pegawaiId: number, p: PeriodeEvaluasi, input: InputEvaluasi, waktu: Waktu, who: Who) {
  const settings = await getSettings();
  const today = todayIn(waktu.tz, waktu.now);
  const b = await bacaPeriode(pegawaiId, p, waktu.tz);
  if (!b) throw new NotFoundError();
  const akses: Akses = await wajibMenilai(user, pegawaiId, b.tanggal, today);
  const j = jadwal(p, false, waktu, settings);
  if (!j.berakhir) throw new FieldError({ _form: j.pesan! });

  // the leader's rule: the head of an OPD is rated on hasil kerja by the OPD's capaian organisasi
  let hasilKerja = input.hasilKerja;
  const kepala = kepalaOpd({ opdId: b.opd_id, atasanOpdIds: b.atasan_opd_ids });
  if (kepala) {
    if (!b.organisasi)
      throw new FieldError({
        hasilKerja:
          `${b.nama} adalah kepala ${b.opd_nama}: rating hasil kerjanya mengikuti capaian organisasi, yang untuk ${labelPeriode(p, namaBulan)} ` +
          'belum dicatat. Minta admin kepegawaian (BKPSDM) mencatatnya di Admin → Kinerja Organisasi, lalu ulangi.',
      });
    hasilKerja = hasilKerjaPimpinan(b.organisasi.predikat);
  }
  if (!hasilKerja) throw new FieldError({ hasilKerja: 'Pilih rating hasil kerja.' });
  const predikat = predikatKinerja(hasilKerja, input.perilakuKerja);
  const bulanTutup = p.bulan ?? 12;

  return prisma.$transaction(async (tx) => {
    // tutup bulan: a reopen row read FOR SHARE, so the admin's "tutup kembali" cannot slip between check and write
    if (bulanDitutup(`${p.tahun}-${String(bulanTutup).padStart(2, '0')}-01`, waktu.now, waktu.tz, settings.tutupBulanHari)) {
      const buka = await tx.$queryRaw<{ id: number }[]>`
        WITH RECURSIVE naik(id) AS (
          SELECT ${b.unit_id}::int WHERE ${b.unit_id}::int IS NOT NULL
          UNION SELECT u.induk_id FROM unit_kerja u JOIN naik ON u.id = naik.id WHERE u.induk_id IS NOT NULL)
        SELECT id FROM buka_bulan WHERE aktif AND tahun = ${p.tahun} AND bulan = ${bulanTutup} AND unit_id IN (SELECT id FROM naik) FOR SHARE`;
      if (buka.length === 0) throw new BulanDitutupError(pesanDitutup(p, settings.tutupBulanHari));
    }
    const kurva = kurvaPegawai(b, settings);
    // ratings of one OPD and period one at a time: the curve is read and written under the same lock
    if (kurva && b.opd_id !== null)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${b.opd_id}::int, ${p.tahun * 100 + (p.bulan ?? 0)}::int)`;
    const [ada] = await tx.$queryRaw<
      {
        id: number;
        versi: number;
        hasil_kerja: Ekspektasi;
        perilaku_kerja: Ekspektasi;
        catatan: string | null;
        predikat: Predikat;
        melanggar_kurva: boolean;
      }[]
    >`
      SELECT id, versi, hasil_kerja, perilaku_kerja, catatan, predikat, melanggar_kurva FROM evaluasi_kinerja
      WHERE pegawai_id = ${pegawaiId} AND tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`bulan`, p.bulan)} FOR UPDATE`;
    const sama = ada && ada.hasil_kerja === hasilKerja && ada.perilaku_kerja === input.perilakuKerja && ada.catatan === input.catatan;
    if ((ada?.versi ?? 0) !== input.versi) {
      // the same rating sent twice (a double click, a retry): done already
      if (sama) return { predikat, melanggarKurva: ada.melanggar_kurva, id: ada.id, berubah: false };
      throw new EvaluasiKonflikError();
    }
    let melanggarKurva = false;
    if (kurva) {
      const [baris] = await tx.$queryRaw<BarisKeadaan[]>`
        WITH RECURSIVE ${kurvaCte(p, Prisma.sql`${b.opd_id}::int`)} SELECT * FROM k_keadaan`;
      const sebelum: KeadaanKurva = baris ? keadaanDari(baris) : kurva.keadaan;
      const baru = pelanggaranBaru(kurva.batas, sebelum, geser(sebelum, ada?.predikat ?? null, predikat));
      if (baru.length > 0 && !input.konfirmasiKurva) throw new KurvaError(baru);
      melanggarKurva = baru.length > 0;
    }
    const data = {
      hasilKerja,
      perilakuKerja: input.perilakuKerja,
      predikat,
      catatan: input.catatan,
      penilaiId: user.id,
      penilaiSebagai: akses.sebagai,
      hasilDariOrganisasi: kepala,
      melanggarKurva,
      unitId: b.unit_id,
      skpId: b.skp_id,
    };
    const row = ada
      ? await tx.evaluasiKinerja.update({ where: { id: ada.id }, data: { ...data, versi: { increment: 1 } } })
      : await tx.evaluasiKinerja.create({ data: { ...data, pegawaiId, tahun: p.tahun, bulan: p.bulan, versi: 1 } });
    await audit(tx, {
      ...who,
      // a Plt/Plh rates for the atasan of the history row
      onBehalfOfId: akses.sebagai === 'Plt' || akses.sebagai === 'Plh' ? b.atasan_id : null,
      action: ada ? 'evaluasi.ubah' : 'evaluasi.tambah',
      objectType: 'evaluasi_kinerja',
      objectId: row.id,
      before: ada
        ? { hasilKerja: ada.hasil_kerja, perilakuKerja: ada.perilaku_kerja, predikat: ada.predikat, catatan: ada.catatan }
        : undefined,
      after: {
        pegawaiId,
        tahun: p.tahun,
        bulan: p.bulan,
        hasilKerja,
        perilakuKerja: input.perilakuKerja,
        predikat,
        catatan: input.catatan,
        sebagai: akses.sebagai,
        hasilDariOrganisasi: kepala,
        melanggarKurva,
      },
    });
    return { predikat, melanggarKurva, id: row.id, berubah: true };
  });
}

/** A pegawai's own ratings of a year (with who rated and their note), months first, then the year. One statement. */
export function evaluasiMilik(pegawaiId: number, tahun: number) {
  return prisma.$queryRaw<
    {
      bulan: number | null;
      hasilKerja: Ekspektasi;
      perilakuKerja: Ekspektasi;
      predikat: Predikat;
      catatan: string | null;
      penilaiSebagai: string | null;
      hasilDariOrganisasi: boolean;
      penilaiNama: string | null;
    }[]
  >`
    SELECT e.bulan, e.hasil_kerja AS "hasilKerja", e.perilaku_kerja AS "perilakuKerja", e.predikat, e.catatan,
           e.penilai_sebagai AS "penilaiSebagai", e.hasil_dari_organisasi AS "hasilDariOrganisasi", pn.nama AS "penilaiNama"
    FROM evaluasi_kinerja e LEFT JOIN pegawai pn ON pn.id = e.penilai_id
    WHERE e.pegawai_id = ${pegawaiId} AND e.tahun = ${tahun}
    ORDER BY e.bulan NULLS LAST`;
}

type BarisBawahan = {
  pegawai_id: number;
  nip: string;
  nama: string;
  jabatan: string | null;
  tanggal: string;
  atasan_id: number | null;
  predikat: Predikat | null;
  melanggar_kurva: boolean | null;
};

/**
 * The pegawai the reader rates for the period, with their rating (or none): those the reader's windows reach on the
 * pegawai's last day in it (atasan, Plt/Plh, pejabat puncak), and for an admin the top of the hierarchy (no atasan
 * then), rated on behalf. Two statements: the windows, then the positions and ratings.
 */
export async function daftarDinilai(user: Pembaca, p: PeriodeEvaluasi, today: string) {
  const jendela = await lingkupVerifikasi(user.id, today);
  const ids = [...new Set(jendela.map((j) => j.pegawaiId))];
  if (ids.length === 0 && !user.isAdmin) return [];
  const atas = user.isAdmin
    ? Prisma.sql`OR h.pegawai_id IN (SELECT h2.pegawai_id FROM riwayat_jabatan h2 WHERE h2.atasan_id IS NULL)`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<BarisBawahan[]>`
    WITH pos AS (${posisiSql(p, Prisma.sql`(h.pegawai_id = ANY(${ids}::int[]) ${atas}) AND h.pegawai_id <> ${user.id}`)})
    SELECT pos.pegawai_id, g.nip, g.nama, j.nama AS jabatan, pos.tanggal::text AS tanggal, pos.atasan_id, e.predikat, e.melanggar_kurva
    FROM pos JOIN pegawai g ON g.id = pos.pegawai_id
    LEFT JOIN jabatan j ON j.id = pos.jabatan_id
    LEFT JOIN evaluasi_kinerja e ON e.pegawai_id = pos.pegawai_id AND e.tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`e.bulan`, p.bulan)}
    ORDER BY g.nama`;
  return rows
    .map((r) => {
      const w = jendelaUntuk(jendela, r.pegawai_id, r.tanggal);
      const sebagai = w
        ? w.sebagai === 'Plt' || w.sebagai === 'Plh'
          ? w.sebagai
          : null
        : user.isAdmin && r.atasan_id === null
          ? 'admin'
          : undefined;
      return { ...r, sebagai };
    })
    .filter((r): r is typeof r & { sebagai: 'Plt' | 'Plh' | 'admin' | null } => r.sebagai !== undefined);
}

/** The Dokumen Evaluasi Kinerja's data: the period as its readers see it, with the Pemda's name and logo. */
export async function dokumenEvaluasi(user: Pembaca, pegawaiId: number, p: PeriodeEvaluasi, waktu: Waktu) {
  const [data, logo, settings] = await Promise.all([formEvaluasi(user, pegawaiId, p, waktu), getLogo(), getSettings()]);
  return { ...data, namaPemda: settings.namaPemda, logo: logo?.data ?? null, zona: waktu.tz };
}
