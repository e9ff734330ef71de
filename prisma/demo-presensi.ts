// The demo Pemda's presensi, hari libur, ketidakhadiran and TPP pagu (issue 10): set-based, a fixed number
// of statements whatever the reference date, chosen by a hash of (pegawai, day) so the demo is the same everywhere.

import type { PrismaClient } from '../src/generated/prisma/client.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type Opts = { today: string; dariTahun: number };

/** Hari libur with fixed dates (the ones that follow the moon change each year; the admin enters those). */
export async function seedHariLibur(tx: Tx, o: Opts): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO hari_libur (tanggal, nama, jenis, updated_at)
    SELECT make_date(y, l.bulan, l.hari), l.nama, l.jenis::"JenisLibur", now()
    FROM generate_series(${o.dariTahun}::int, ${Number(o.today.slice(0, 4))}::int) AS y
    CROSS JOIN (VALUES
      (1, 1, 'Tahun Baru Masehi', 'LIBUR_NASIONAL'),
      (5, 1, 'Hari Buruh Internasional', 'LIBUR_NASIONAL'),
      (6, 1, 'Hari Lahir Pancasila', 'LIBUR_NASIONAL'),
      (8, 17, 'Hari Kemerdekaan Republik Indonesia', 'LIBUR_NASIONAL'),
      (9, 14, 'Hari Jadi Kabupaten Sukamaju', 'LIBUR_DAERAH'),
      (12, 24, 'Cuti bersama Natal', 'CUTI_BERSAMA'),
      (12, 25, 'Hari Raya Natal', 'LIBUR_NASIONAL')
    ) AS l(bulan, hari, nama, jenis)
    ON CONFLICT (tanggal) DO NOTHING`;
}

// Working days of the demo period up to yesterday (today's clock-out has not happened yet).
const HARI_KERJA = (o: Opts) => `
  SELECT d::date AS tanggal FROM generate_series(make_date(${o.dariTahun}, 1, 1), '${o.today}'::date - 1, interval '1 day') AS d
  WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM hari_libur hl WHERE hl.tanggal = d::date)`;

/** About 2 days in 100 an izin, sakit, cuti or dinas luar (one day each). */
export async function seedKetidakhadiran(tx: Tx, o: Opts): Promise<void> {
  await tx.$executeRawUnsafe(`
    WITH hari AS (${HARI_KERJA(o)})
    INSERT INTO ketidakhadiran (pegawai_id, jenis, mulai, selesai, catatan)
    SELECT p.id, (ARRAY['IZIN','SAKIT','CUTI','DINAS_LUAR']::"JenisKetidakhadiran"[])[1 + (abs(hashtext(p.nip || ':k:' || h.tanggal)) / 7) % 4],
           h.tanggal, h.tanggal, 'Data demo'
    FROM pegawai p CROSS JOIN hari h
    WHERE p.aktif AND abs(hashtext(p.nip || ':k:' || h.tanggal)) % 100 < 2
    ORDER BY h.tanggal, p.id`);
}

/**
 * Clock-in and clock-out on every working day not covered by a ketidakhadiran: mostly on time; about 8 in 100 late
 * (1–120 minutes), 4 in 100 leaving early, 1 in 100 without a clock-out, and 1 in 200 absent without a record.
 */
export async function seedPresensi(tx: Tx, o: Opts): Promise<void> {
  await tx.$executeRawUnsafe(`
    WITH hari AS (${HARI_KERJA(o)}),
    x AS (
      SELECT p.id AS pegawai_id, h.tanggal, abs(hashtext(p.nip || ':p:' || h.tanggal)) AS a,
             CASE WHEN extract(isodow FROM h.tanggal) = 5 THEN time '16:30' ELSE time '16:00' END AS pulang
      FROM pegawai p CROSS JOIN hari h
      WHERE p.aktif
        AND NOT EXISTS (SELECT 1 FROM ketidakhadiran k WHERE k.pegawai_id = p.id AND h.tanggal BETWEEN k.mulai AND k.selesai)
    )
    INSERT INTO presensi (pegawai_id, tanggal, jam_masuk, jam_pulang, sumber)
    SELECT pegawai_id, tanggal,
           CASE WHEN a % 100 < 8 THEN time '07:30' + make_interval(mins => 1 + (a / 100) % 120)
                ELSE time '07:00' + make_interval(mins => (a / 100) % 30, secs => (a / 7) % 60) END,
           CASE WHEN (a / 19) % 100 < 1 THEN NULL
                WHEN (a / 13) % 100 < 4 THEN pulang - make_interval(mins => 1 + (a / 17) % 100)
                ELSE pulang + make_interval(mins => (a / 7) % 60) END,
           'DEMO'
    FROM x WHERE a % 200 <> 0
    ORDER BY tanggal, pegawai_id`);
}

/** Pagu TPP per kelas jabatan 1–17 for each demo year. */
export async function seedTppPagu(tx: Tx, o: Opts): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO tpp_pagu (kelas, tahun, pagu, updated_at)
    SELECT k, y, 1000000 + k * k * 100000, now()
    FROM generate_series(1, 17) AS k CROSS JOIN generate_series(${o.dariTahun}::int, ${Number(o.today.slice(0, 4))}::int) AS y`;
}
