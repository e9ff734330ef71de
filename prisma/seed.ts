// Demo data for a new installation: `npm start` seeds it once into the embedded database;
// `npm run db:seed` writes it into the database of DATABASE_URL (only when asked).

import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import type { Golongan } from '../src/generated/prisma/enums.ts';
import * as clock from '../src/lib/clock.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, JABATAN, PEGAWAI, UNITS } from './demo-data.ts';
import { seedDemoEvaluasi } from './demo-evaluasi.ts';
import { seedHariLibur, seedKetidakhadiran, seedPresensi, seedTppPagu } from './demo-presensi.ts';
import { seedSkp } from './demo-skp.ts';
import { seedUmpanBalik } from './demo-umpan-balik.ts';

const SEEDED_KEY = 'demo_seeded_at';

/** Golongan as written ("III/a") → enum name (III_A). */
const golonganEnum = (g: string) => g.replace('/', '_').toUpperCase() as Golongan;

export async function isDemoSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.setting.findUnique({ where: { key: SEEDED_KEY } })) !== null;
}

/**
 * Seeds the demo Pemda as it stands on `today`, the reference date (YYYY-MM-DD, the Pemda's calendar): targets and a
 * year of realisasi up to that day (from 1 January; in January from 1 January of the year before, so the month the
 * atasan are closing is there too), so every page shows the whole workflow on whatever date the demo starts.
 */
export async function seedDemo(prisma: PrismaClient, opts: { today: string; passwordHash: string }): Promise<void> {
  const { today, passwordHash } = opts;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`tanggal acuan tidak valid: ${today}`);
  const tahun = Number(today.slice(0, 4));
  const dariTahun = today.slice(5, 7) === '01' ? tahun - 1 : tahun;

  await prisma.$transaction(
    async (tx) => {
      // Units (parents first: the list is ordered).
      const unitId = new Map<string, number>();
      for (const u of UNITS) {
        const row = await tx.unitKerja.create({
          data: { nama: u.nama, singkatan: u.singkatan, indukId: u.induk ? unitId.get(u.induk) : null },
        });
        unitId.set(u.key, row.id);
      }
      // Jabatan and their Anjab tasks.
      const jabatanId = new Map<string, number>();
      for (const j of JABATAN) {
        const row = await tx.jabatan.create({
          data: {
            nama: j.nama,
            jenis: j.jenis,
            kelas: j.kelas,
            unitId: unitId.get(j.unit)!,
            ikhtisar: j.ikhtisar,
            bahanKerja: 'Peraturan perundang-undangan\nData dan dokumen kerja\nDisposisi pimpinan',
            perangkatKerja: 'Komputer dan jaringan internet\nAplikasi perkantoran\nPedoman dan SOP',
            tanggungJawab: 'Kelancaran pelaksanaan tugas\nKeakuratan hasil kerja\nKerahasiaan data',
            wewenang: 'Meminta data dan informasi yang diperlukan\nMemberi saran kepada atasan',
            korelasiJabatan: j.atasan ? 'Atasan langsung: koordinasi dan pelaporan' : 'Bupati dan Sekretaris Daerah: koordinasi',
            kondisiLingkungan: 'Di dalam ruangan kantor, penerangan dan suhu memadai',
            risikoBahaya: 'Kelelahan mata dan punggung akibat bekerja di depan komputer',
            syaratJabatan: `Pangkat/golongan minimal sesuai kelas jabatan ${j.kelas}\nPendidikan sesuai bidang tugas\nSehat jasmani dan rohani`,
            prestasiDiharapkan: 'Menyelesaikan tugas tepat waktu, tepat mutu dan tepat jumlah',
            uraianTugas: {
              create: j.tugas.map(([uraian, hasilKerja, satuanHasil, volumePerTahun, normaWaktu], urutan) => ({
                uraian,
                hasilKerja,
                satuanHasil,
                volumePerTahun,
                normaWaktu,
                urutan,
              })),
            },
          },
        });
        jabatanId.set(j.key, row.id);
      }
      for (const j of JABATAN) {
        if (j.atasan) await tx.jabatan.update({ where: { id: jabatanId.get(j.key) }, data: { atasanJabatanId: jabatanId.get(j.atasan) } });
      }
      // Pegawai (atasan first: the list is ordered).
      const jabatanByKey = new Map(JABATAN.map((j) => [j.key, j]));
      const pegawaiId = new Map<string, number>();
      for (const p of PEGAWAI) {
        const row = await tx.pegawai.create({
          data: {
            nip: p.nip,
            nama: p.nama,
            golongan: golonganEnum(p.golongan),
            jabatanId: jabatanId.get(p.jabatan),
            unitId: unitId.get(jabatanByKey.get(p.jabatan)!.unit),
            atasanId: p.atasan ? pegawaiId.get(p.atasan) : null,
            peran: p.peran ?? ['PEGAWAI'],
            passwordHash,
          },
        });
        pegawaiId.set(p.nip, row.id);
      }

      await seedTahunan(tx, { today, dariTahun, demoPegawai: DEMO_ACCOUNTS.pegawai });
      await seedSkp(tx, { today, dariTahun });
      // Presensi, hari libur, ketidakhadiran, TPP pagu and predikat (issue 10); the rekap triggers follow.
      await seedHariLibur(tx, { today, dariTahun });
      await seedKetidakhadiran(tx, { today, dariTahun });
      await seedPresensi(tx, { today, dariTahun });
      await seedTppPagu(tx, { today, dariTahun });
      // Umpan balik (issue 19): after the SKP and the realisasi it is about
      await seedUmpanBalik(tx, { today, dariTahun, demoPegawai: DEMO_ACCOUNTS.pegawai });
      await seedDemoEvaluasi(tx, { today, dariTahun });
      await tx.setting.create({ data: { key: SEEDED_KEY, value: { tanggal: today, at: clock.now().toISOString() } } });
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * A year of work, written set-based (a handful of statements whatever the size): targets for each year from
 * `dariTahun`, and realisasi on the working days from 1 January of `dariTahun` up to `today`, chosen by a hash of
 * (pegawai, day) so the demo is the same on every machine. Entries are verified by the atasan the next day, except
 * what an atasan would still have on the desk at `today`: the last five working days, and on days 1–5 of a month
 * (the input deadline, when atasan verify the month) also the previous month's last week. The top of the hierarchy
 * (no atasan in the system) records none: nobody could verify them.
 */
async function seedTahunan(tx: Tx, o: { today: string; dariTahun: number; demoPegawai: string }) {
  const tahun = Number(o.today.slice(0, 4));
  // Targets: the first 4 tasks of the jabatan (the demo pegawai: 5), the yearly volume ÷ 12 each month.
  await tx.$executeRaw`
    INSERT INTO target_tahunan (pegawai_id, tahun, uraian_tugas_id, pekerjaan, kuantitas, satuan, asal, updated_at)
    SELECT p.id, y.tahun, u.id, u.uraian, 12 * GREATEST(1, round(u.volume_per_tahun / 12)), u.satuan_hasil, 'SKP', now()
    FROM pegawai p
    CROSS JOIN generate_series(${o.dariTahun}::int, ${tahun}::int) AS y(tahun)
    JOIN LATERAL (
      SELECT * FROM uraian_tugas u WHERE u.jabatan_id = p.jabatan_id AND u.aktif
      ORDER BY u.urutan, u.id LIMIT CASE WHEN p.nip = ${o.demoPegawai} THEN 5 ELSE 4 END
    ) u ON true
    ORDER BY y.tahun, p.id, u.urutan`;
  await tx.$executeRaw`
    INSERT INTO target_bulanan (target_tahunan_id, bulan, kuantitas)
    SELECT t.id, m, t.kuantitas / 12 FROM target_tahunan t CROSS JOIN generate_series(1, 12) AS m
    ORDER BY t.id, m`;

  // Realisasi: up to two entries a working day for every pegawai who has an atasan.
  await tx.$executeRaw`
    WITH hari AS (
      SELECT d::date AS tanggal FROM generate_series(make_date(${o.dariTahun}::int, 1, 1), ${o.today}::date, interval '1 day') AS d
      WHERE extract(isodow FROM d) < 6
    ),
    terbuka AS (
      -- what is still on the atasan's desk today: the last five working days, and on days 1–5 the previous month's last week
      (SELECT tanggal FROM hari ORDER BY tanggal DESC LIMIT 5)
      UNION
      SELECT tanggal FROM hari
      WHERE extract(day FROM ${o.today}::date) <= 5
        AND tanggal > (date_trunc('month', ${o.today}::date) - interval '8 days')::date
        AND tanggal < date_trunc('month', ${o.today}::date)::date
    ),
    target AS (
      SELECT t.pegawai_id, t.tahun, b.bulan, b.id AS bulanan_id, t.id AS tahunan_id, t.pekerjaan, t.satuan, u.norma_waktu,
             row_number() OVER w - 1 AS ke, count(*) OVER (PARTITION BY t.pegawai_id, t.tahun, b.bulan) AS banyak
      FROM target_tahunan t JOIN target_bulanan b ON b.target_tahunan_id = t.id JOIN uraian_tugas u ON u.id = t.uraian_tugas_id
      WINDOW w AS (PARTITION BY t.pegawai_id, t.tahun, b.bulan ORDER BY t.id)
    ),
    entri AS (
      SELECT p.id AS pegawai_id, p.atasan_id, h.tanggal, n.ke AS urutan,
             abs(hashtext(p.nip || ':' || h.tanggal || ':' || n.ke)) AS acak
      FROM pegawai p CROSS JOIN hari h CROSS JOIN (VALUES (1), (2)) AS n(ke)
      WHERE p.atasan_id IS NOT NULL AND p.aktif
    )
    INSERT INTO realisasi (pegawai_id, tanggal, target_tahunan_id, target_bulanan_id, pekerjaan, uraian, jumlah, satuan, menit,
                           status, verified_by_id, verified_at, idempotency_key, created_at, updated_at)
    SELECT e.pegawai_id, e.tanggal,
           CASE WHEN tugas_tambahan THEN NULL ELSE t.tahunan_id END,
           CASE WHEN tugas_tambahan THEN NULL ELSE t.bulanan_id END,
           CASE WHEN tugas_tambahan THEN 'Rapat koordinasi internal' ELSE t.pekerjaan END,
           NULL,
           1 + e.acak % 3,
           CASE WHEN tugas_tambahan THEN 'Kegiatan' ELSE t.satuan END,
           CASE WHEN tugas_tambahan THEN 90
                WHEN e.urutan = 1 THEN LEAST((1 + e.acak % 3) * t.norma_waktu, 240 + e.acak % 180)
                ELSE LEAST((1 + e.acak % 3) * t.norma_waktu, 60 + e.acak % 120) END,
           CASE WHEN o.tanggal IS NULL THEN 1 ELSE 0 END,
           CASE WHEN o.tanggal IS NULL THEN e.atasan_id END,
           CASE WHEN o.tanggal IS NULL THEN (e.tanggal + 1) + time '02:00' AT TIME ZONE 'UTC' END,
           md5(e.pegawai_id || ':' || e.tanggal || ':' || e.urutan)::uuid,
           (e.tanggal + time '09:00') AT TIME ZONE 'UTC', now()
    FROM entri e
    JOIN target t ON t.pegawai_id = e.pegawai_id AND t.tahun = extract(year FROM e.tanggal) AND t.bulan = extract(month FROM e.tanggal)
                 AND t.ke = e.acak % t.banyak
    LEFT JOIN terbuka o ON o.tanggal = e.tanggal
    CROSS JOIN LATERAL (SELECT e.urutan = 2 AND e.acak % 20 = 0 AS tugas_tambahan) x
    -- about 7 days in 10 have a first entry, 3 in 10 a second one
    WHERE (e.urutan = 1 AND e.acak % 10 < 7) OR (e.urutan = 2 AND e.acak % 10 < 3)
    ORDER BY e.tanggal, e.pegawai_id, e.urutan`;

  // The demo pegawai always has work on the desk: an entry on each of the last five working days (added where the
  // hash left a day empty), one returned by the atasan with a note, and one with a bukti dukung.
  const demo = await tx.pegawai.findUniqueOrThrow({ where: { nip: o.demoPegawai }, select: { id: true } });
  await tx.$executeRaw`
    INSERT INTO realisasi (pegawai_id, tanggal, target_tahunan_id, target_bulanan_id, pekerjaan, jumlah, satuan, menit,
                           idempotency_key, created_at, updated_at)
    SELECT ${demo.id}, h.tanggal, t.id, b.id, t.pekerjaan, 2, t.satuan, 180,
           md5(${demo.id} || ':' || h.tanggal || ':demo')::uuid, (h.tanggal + time '09:00') AT TIME ZONE 'UTC', now()
    FROM (SELECT d::date AS tanggal FROM generate_series(${o.today}::date - 14, ${o.today}::date, interval '1 day') AS d
          WHERE extract(isodow FROM d) < 6 ORDER BY d DESC LIMIT 5) h
    JOIN target_tahunan t ON t.pegawai_id = ${demo.id} AND t.tahun = extract(year FROM h.tanggal)
    JOIN target_bulanan b ON b.target_tahunan_id = t.id AND b.bulan = extract(month FROM h.tanggal)
    WHERE NOT EXISTS (SELECT 1 FROM realisasi r WHERE r.pegawai_id = ${demo.id} AND r.tanggal = h.tanggal)
      AND t.id = (SELECT min(id) FROM target_tahunan WHERE pegawai_id = ${demo.id} AND tahun = extract(year FROM h.tanggal))`;
  // Returned on the afternoon of its day: the newest pending entry before today.
  await tx.$executeRaw`
    UPDATE realisasi SET catatan_atasan = ${CATATAN_DIKEMBALIKAN}, returned_at = (tanggal + time '16:00') AT TIME ZONE 'Asia/Jakarta'
    WHERE id = (SELECT id FROM realisasi WHERE pegawai_id = ${demo.id} AND status = 0 AND tanggal < ${o.today}::date
                ORDER BY tanggal DESC, id LIMIT 1)`;
  await tx.$executeRaw`
    INSERT INTO bukti_dukung (realisasi_id, nama_file, mime, ukuran, sha256, data)
    SELECT id, 'laporan-pemeliharaan-server.pdf', 'application/pdf', ${BUKTI_PDF.length}, ${sha256(BUKTI_PDF)}, ${BUKTI_PDF}
    FROM realisasi WHERE pegawai_id = ${demo.id} AND status = 0 AND catatan_atasan IS NULL
    ORDER BY tanggal DESC, id LIMIT 1`;
  // Persetujuan Target (issue 11): the SKP targets above are approved; one target another subordinate of the demo
  // atasan added this month waits for the atasan's approval, spread from this month to December.
  await tx.$executeRaw`
    WITH t AS (
      INSERT INTO target_tahunan (pegawai_id, tahun, uraian_tugas_id, pekerjaan, kuantitas, satuan, asal, status, updated_at)
      SELECT p.id, ${tahun}, u.id, 'Rencana tambahan: ' || u.uraian, 13 - ${Number(o.today.slice(5, 7))}, u.satuan_hasil, 'TAMBAHAN', 'DIAJUKAN', now()
      FROM pegawai p JOIN pegawai a ON a.id = p.atasan_id AND a.nip = ${DEMO_ACCOUNTS.atasan}
      JOIN LATERAL (SELECT * FROM uraian_tugas u WHERE u.jabatan_id = p.jabatan_id AND u.aktif ORDER BY u.urutan, u.id LIMIT 1) u ON true
      WHERE p.nip <> ${o.demoPegawai} AND p.aktif
      ORDER BY p.id LIMIT 1
      RETURNING id)
    INSERT INTO target_bulanan (target_tahunan_id, bulan, kuantitas)
    SELECT t.id, m, CASE WHEN m >= ${Number(o.today.slice(5, 7))} THEN 1 ELSE 0 END FROM t CROSS JOIN generate_series(1, 12) AS m`;
}

export const CATATAN_DIKEMBALIKAN = 'Mohon lengkapi uraian: sebutkan modul yang diperbarui dan hasil pengujiannya.';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A one-page PDF "Laporan pemeliharaan server" (the demo's bukti dukung). */
const BUKTI_PDF = (() => {
  const text = 'Laporan pemeliharaan server aplikasi e-Kinerja';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 14 Tf 72 770 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 14 Tf 72 770 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
})();

// `npm run db:seed [-- --tanggal YYYY-MM-DD]`: seeds the database of DATABASE_URL (refuses to seed twice) as it
// stands on the reference date (default: today in APP_TIMEZONE by the app's clock, which APP_NOW may set).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { connectDb, disconnectDb } = await import('../src/db/prisma.ts');
  const { hashPassword } = await import('../src/services/auth.service.ts');
  const { parseWaktu, todayIn } = await import('../src/domain/periode.ts');
  const { loadEnv } = await import('../src/config/env.ts');
  const env = loadEnv();
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === '--tanggal' || a.startsWith('--tanggal='));
  const tanggalArg = i < 0 ? undefined : args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
  if (tanggalArg !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(tanggalArg) && parseWaktu(tanggalArg, env.APP_TIMEZONE))) {
    console.error(`--tanggal harus tanggal yang ada, YYYY-MM-DD (contoh: --tanggal 2026-12-01), bukan "${tanggalArg}".`);
    process.exit(1);
  }
  if (env.APP_NOW) clock.setClock(parseWaktu(env.APP_NOW, env.APP_TIMEZONE)!);
  const url = env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL belum diisi. Contoh: DATABASE_URL=postgresql://user@host:5432/ekinerja npm run db:seed');
    process.exit(1);
  }
  const { prisma } = connectDb(url);
  if (await isDemoSeeded(prisma)) {
    console.log('Data demo sudah ada di basis data ini; tidak ditulis ulang.');
  } else {
    const today = tanggalArg ?? todayIn(env.APP_TIMEZONE, clock.now());
    await seedDemo(prisma, { today, passwordHash: await hashPassword(DEMO_PASSWORD) });
    console.log(`Data demo per ${today} ditulis. Login demo (password ${DEMO_PASSWORD}): ${Object.values(DEMO_ACCOUNTS).join(', ')}`);
  }
  await disconnectDb();
}
