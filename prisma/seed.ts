// Demo data for a new installation: `npm start` seeds it once into the embedded database;
// `npm run db:seed` writes it into the database of DATABASE_URL (only when asked).
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client.ts';
import type { Golongan } from '../src/generated/prisma/enums.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, JABATAN, PEGAWAI, UNITS } from './demo-data.ts';

const SEEDED_KEY = 'demo_seeded_at';

/** Golongan as written ("III/a") → enum name (III_A). */
const golonganEnum = (g: string) => g.replace('/', '_').toUpperCase() as Golongan;

// A small deterministic generator: the same demo every time.
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Working days (Mon–Fri) from `from` to `to` inclusive, as YYYY-MM-DD. */
function workingDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); iso(d) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(iso(d));
  }
  return out;
}

export async function isDemoSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.setting.findUnique({ where: { key: SEEDED_KEY } })) !== null;
}

/**
 * Seeds the demo Pemda. `today` is the Pemda's calendar date (YYYY-MM-DD): targets are for its year,
 * realisasi run up to it (older months verified, the current month partly waiting for the atasan).
 */
export async function seedDemo(prisma: PrismaClient, opts: { today: string; passwordHash: string }): Promise<void> {
  const { today, passwordHash } = opts;
  const tahun = Number(today.slice(0, 4));
  const bulanIni = Number(today.slice(5, 7));
  const random = rng(20260101);

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

      // Targets for this year: 4 tasks of the jabatan (the demo pegawai: 5), spread over the 12 months.
      const tugas = await tx.uraianTugas.findMany({ orderBy: [{ jabatanId: 'asc' }, { urutan: 'asc' }] });
      const tugasByJabatan = new Map<number, typeof tugas>();
      for (const t of tugas) tugasByJabatan.set(t.jabatanId, [...(tugasByJabatan.get(t.jabatanId) ?? []), t]);
      type Plan = {
        pegawaiNip: string;
        targetBulananIds: Map<number, { id: number; tahunanId: number; pekerjaan: string; satuan: string; norma: number }[]>;
      };
      const plans: Plan[] = [];
      for (const p of PEGAWAI) {
        const list = (tugasByJabatan.get(jabatanId.get(p.jabatan)!) ?? []).slice(0, p.nip === DEMO_ACCOUNTS.pegawai ? 5 : 4);
        const perBulan = new Map<number, { id: number; tahunanId: number; pekerjaan: string; satuan: string; norma: number }[]>();
        for (const t of list) {
          const monthly = Math.max(1, Math.round(Number(t.volumePerTahun) / 12));
          const tt = await tx.targetTahunan.create({
            data: {
              pegawaiId: pegawaiId.get(p.nip)!,
              tahun,
              uraianTugasId: t.id,
              pekerjaan: t.uraian,
              kuantitas: monthly * 12,
              satuan: t.satuanHasil,
              asal: 'SKP',
              bulanan: { create: Array.from({ length: 12 }, (_, i) => ({ bulan: i + 1, kuantitas: monthly })) },
            },
            include: { bulanan: true },
          });
          for (const b of tt.bulanan) {
            const arr = perBulan.get(b.bulan) ?? [];
            arr.push({ id: b.id, tahunanId: tt.id, pekerjaan: tt.pekerjaan, satuan: tt.satuan, norma: t.normaWaktu });
            perBulan.set(b.bulan, arr);
          }
        }
        plans.push({ pegawaiNip: p.nip, targetBulananIds: perBulan });
      }

      // Realisasi from the first day of last month up to yesterday; last month verified, this month mostly waiting.
      const start = new Date(Date.UTC(tahun, bulanIni - 2, 1));
      const from = start.getUTCFullYear() === tahun ? iso(start) : `${tahun}-01-01`;
      const yesterday = new Date(`${today}T00:00:00Z`);
      yesterday.setUTCDate(yesterday.getUTCDate() - 1);
      const days = workingDays(from, iso(yesterday));
      const atasanOf = new Map(PEGAWAI.map((p) => [p.nip, p.atasan]));
      const rows: Prisma.RealisasiCreateManyInput[] = [];
      for (const plan of plans) {
        for (const day of days) {
          if (random() < 0.35) continue; // not every day has an entry
          const bulan = Number(day.slice(5, 7));
          const options = plan.targetBulananIds.get(bulan) ?? [];
          if (options.length === 0) continue;
          const t = options[Math.floor(random() * options.length)];
          const jumlah = 1 + Math.floor(random() * 3);
          const atasanNip = atasanOf.get(plan.pegawaiNip);
          const verified = atasanNip !== undefined && (bulan < bulanIni ? true : random() < 0.3);
          rows.push({
            pegawaiId: pegawaiId.get(plan.pegawaiNip)!,
            tanggal: new Date(`${day}T00:00:00Z`),
            targetTahunanId: t.tahunanId,
            targetBulananId: t.id,
            pekerjaan: t.pekerjaan,
            uraian: null,
            jumlah,
            satuan: t.satuan,
            menit: Math.min(1440, jumlah * t.norma),
            status: verified ? 1 : 0,
            verifiedById: verified ? pegawaiId.get(atasanNip!) : null,
            verifiedAt: verified ? new Date(`${day}T09:00:00Z`) : null,
            idempotencyKey: randomUUID(),
          });
        }
      }
      await tx.realisasi.createMany({ data: rows });
      await tx.setting.create({ data: { key: SEEDED_KEY, value: new Date().toISOString() } });
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

// `npm run db:seed`: seeds the database of DATABASE_URL (refuses to seed twice).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { connectDb, disconnectDb } = await import('../src/db/prisma.ts');
  const { hashPassword } = await import('../src/services/auth.service.ts');
  const { todayIn } = await import('../src/domain/periode.ts');
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL belum diisi. Contoh: DATABASE_URL=postgresql://user@host:5432/ekinerja npm run db:seed');
    process.exit(1);
  }
  const { prisma } = connectDb(url);
  if (await isDemoSeeded(prisma)) {
    console.log('Data demo sudah ada di basis data ini; tidak ditulis ulang.');
  } else {
    await seedDemo(prisma, { today: todayIn(process.env.APP_TIMEZONE ?? 'Asia/Jakarta'), passwordHash: await hashPassword(DEMO_PASSWORD) });
    console.log(`Data demo ditulis. Login demo (password ${DEMO_PASSWORD}): ${Object.values(DEMO_ACCOUNTS).join(', ')}`);
  }
  await disconnectDb();
}
