// Issue 24, as a property: whatever happens to a month — presensi rows added or removed (including none at all),
// hari libur, ketidakhadiran, verifications and returns, a target ended, a norma waktu change, a mutasi mid-month,
// a new and a deactivated pegawai, a setting change, a penetapan and data recorded after it — every output gives
// the same figure for every pegawai (their own page, the month rows the Dashboard and the workbook read, the
// Dashboard's total), and rekap:periksa reports no drift. Generated with fast-check from a fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitungSatu, segarkan } from '../../src/services/bulan-pegawai.service.ts';
import { dashboardUnit } from '../../src/services/dashboard.service.ts';
import { periksaBulan } from '../../src/services/rekap-periksa.service.ts';
import { getSettings, invalidateSettings } from '../../src/services/settings.service.ts';
import { tetapkanTpp } from '../../src/services/tpp.service.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const TAHUN = 2026;
const BULAN = 10;
const HARI = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);

const pegawaiIds = (await prisma.pegawai.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
const units = (await prisma.unitKerja.findMany({ select: { id: true } })).map((u) => u.id);
const jabatan = await prisma.jabatan.findMany({ select: { id: true, unitId: true } });

const pegawai = fc.constantFrom(...pegawaiIds);
const hari = fc.constantFrom(...HARI);
const jam = fc.constantFrom('06:55', '07:30', '07:45', '08:40', '09:50', null);
const pulang = fc.constantFrom('14:00', '15:35', '16:00', '16:45', null);

type Op =
  | { k: 'presensi'; p: number; d: string; m: string | null; q: string | null }
  | { k: 'hapusPresensi'; p: number }
  | { k: 'libur'; d: string }
  | { k: 'izin'; p: number; d: string; n: number }
  | { k: 'verifikasi'; p: number; status: 0 | 1 }
  | { k: 'akhiriTarget'; p: number; d: string }
  | { k: 'norma'; p: number; f: number }
  | { k: 'mutasi'; p: number; d: string; j: number }
  | { k: 'baru'; i: number; d: string }
  | { k: 'nonaktif'; p: number; d: string }
  | { k: 'setting'; porsi: number }
  | { k: 'tetapkan' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('presensi' as const), p: pegawai, d: hari, m: jam, q: pulang }),
  fc.record({ k: fc.constant('hapusPresensi' as const), p: pegawai }),
  fc.record({ k: fc.constant('libur' as const), d: hari }),
  fc.record({ k: fc.constant('izin' as const), p: pegawai, d: hari, n: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ k: fc.constant('verifikasi' as const), p: pegawai, status: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ k: fc.constant('akhiriTarget' as const), p: pegawai, d: hari }),
  fc.record({ k: fc.constant('norma' as const), p: pegawai, f: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ k: fc.constant('mutasi' as const), p: pegawai, d: hari, j: fc.integer({ min: 0, max: jabatan.length - 1 }) }),
  fc.record({ k: fc.constant('baru' as const), i: fc.integer({ min: 0, max: 999 }), d: hari }),
  fc.record({ k: fc.constant('nonaktif' as const), p: pegawai, d: hari }),
  fc.record({ k: fc.constant('setting' as const), porsi: fc.constantFrom(50, 60, 70) }),
  fc.constant({ k: 'tetapkan' as const }),
);

let baruKe = 0;
async function jalankan(o: Op): Promise<void> {
  switch (o.k) {
    case 'presensi':
      if (!o.m && !o.q) return;
      await prisma.$executeRaw`INSERT INTO presensi (pegawai_id, tanggal, jam_masuk, jam_pulang) VALUES (${o.p}, ${o.d}::date, ${o.m}::time, ${o.q}::time)
        ON CONFLICT (pegawai_id, tanggal) DO UPDATE SET jam_masuk = excluded.jam_masuk, jam_pulang = excluded.jam_pulang`;
      return;
    case 'hapusPresensi':
      await prisma.$executeRaw`DELETE FROM presensi WHERE pegawai_id = ${o.p} AND tanggal BETWEEN '2026-10-01' AND '2026-10-31'`;
      return;
    case 'libur':
      await prisma.$executeRaw`INSERT INTO hari_libur (tanggal, nama, jenis, updated_at) VALUES (${o.d}::date, 'Libur uji', 'LIBUR_DAERAH', now()) ON CONFLICT DO NOTHING`;
      return;
    case 'izin':
      await prisma.$executeRaw`INSERT INTO ketidakhadiran (pegawai_id, jenis, mulai, selesai) VALUES (${o.p}, 'IZIN', ${o.d}::date, ${o.d}::date + ${o.n}::int)`;
      return;
    case 'verifikasi': {
      // one of the month's waiting entries is verified, or returned (stays status 0, with a note)
      const e = await prisma.realisasi.findFirst({
        where: { pegawaiId: o.p, status: 0, tanggal: { gte: new Date('2026-10-01'), lte: new Date('2026-10-31') } },
      });
      if (e)
        await prisma.$executeRaw`UPDATE realisasi SET status = ${o.status}, catatan_atasan = ${o.status === 0 ? 'Perbaiki' : null} WHERE id = ${e.id}`;
      return;
    }
    case 'akhiriTarget':
      await prisma.$executeRaw`UPDATE target_tahunan SET berakhir = ${o.d}::date WHERE id = (SELECT id FROM target_tahunan WHERE pegawai_id = ${o.p} AND tahun = 2026 ORDER BY id LIMIT 1)`;
      return;
    case 'norma':
      await prisma.$executeRaw`UPDATE uraian_tugas SET norma_waktu = greatest(1, norma_waktu * ${o.f} / 2) WHERE id = (SELECT uraian_tugas_id FROM target_tahunan WHERE pegawai_id = ${o.p} AND tahun = 2026 ORDER BY id LIMIT 1)`;
      return;
    case 'mutasi': {
      // the open history row ends at the TMT and a new one starts (what the mutasi service writes)
      const j = jabatan[o.j];
      const open = await prisma.riwayatJabatan.findFirst({ where: { pegawaiId: o.p, tmtAkhir: null } });
      if (!open || (open.tmtAwal && open.tmtAwal.toISOString().slice(0, 10) >= o.d)) return;
      await prisma.$transaction([
        prisma.riwayatJabatan.update({ where: { id: open.id }, data: { tmtAkhir: new Date(`${o.d}T00:00:00Z`) } }),
        prisma.riwayatJabatan.create({
          data: { pegawaiId: o.p, jabatanId: j.id, unitId: j.unitId, atasanId: open.atasanId, tmtAwal: new Date(`${o.d}T00:00:00Z`) },
        }),
      ]);
      return;
    }
    case 'baru': {
      const i = baruKe++;
      const nip = `1990010${String(i % 10)}2015${String((i % 12) + 1).padStart(2, '0')}1${String(100 + (i % 900)).padStart(3, '0')}`;
      if (await prisma.pegawai.findUnique({ where: { nip } })) return;
      await prisma.pegawai.create({
        data: { nip, nama: `Pegawai Sifat ${i}`, unitId: units[i % units.length], tmt: new Date(`${o.d}T00:00:00Z`), passwordHash: 'x' },
      });
      return;
    }
    case 'nonaktif':
      await prisma.$executeRaw`UPDATE pegawai SET aktif = false, berhenti = greatest(${o.d}::date, coalesce(tmt, ${o.d}::date)) WHERE id = ${o.p} AND aktif`;
      return;
    case 'setting':
      await prisma.setting.upsert({
        where: { key: 'tppPorsiKinerja' },
        create: { key: 'tppPorsiKinerja', value: o.porsi },
        update: { value: o.porsi },
      });
      await prisma.setting.upsert({
        where: { key: 'tppPorsiDisiplin' },
        create: { key: 'tppPorsiDisiplin', value: 100 - o.porsi },
        update: { value: 100 - o.porsi },
      });
      invalidateSettings();
      return;
    case 'tetapkan': {
      const ada = await prisma.tppPenetapan.findUnique({ where: { tahun_bulan: { tahun: TAHUN, bulan: BULAN } } });
      if (ada) return;
      await tetapkanTpp(TAHUN, BULAN, {
        today: '2026-11-18',
        now: new Date('2026-11-18T03:00:00Z'),
        settings: await getSettings(),
        who: { actorId: null },
      });
      return;
    }
  }
}

describe('a pegawai’s month, whatever happens to it', () => {
  it('when any sequence of changes reaches October, then every output agrees for every pegawai and rekap:periksa finds no drift', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) await jalankan(o);
        const settings = await getSettings();
        // what the lists read (refreshed as they refresh), against each pegawai's page computed from the sources
        await segarkan(TAHUN, BULAN, settings);
        const rows = await prisma.bulanPegawai.findMany({ where: { tahun: TAHUN, bulan: BULAN } });
        const tetap = await prisma.tppTetap.findMany({ where: { tahun: TAHUN, bulan: BULAN } });
        const frozen = new Map(tetap.map((t) => [t.pegawaiId, t.total]));
        for (const r of rows) {
          const own = (await hitungSatu(r.pegawaiId, TAHUN, BULAN, settings))!;
          expect(r.total, `pegawai ${r.pegawaiId}`).toBe(own.tpp.total);
        }
        // the Dashboard's Pemda total: the frozen figures once ditetapkan, else the month rows
        const view = await dashboardUnit({ isAdmin: true, unitId: null }, null, TAHUN, BULAN, settings, { tahun: 2026, bulan: 11 });
        const root = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: null }, orderBy: { id: 'asc' } });
        const inTree = new Set(
          (
            await prisma.$queryRaw<{ id: number }[]>`
          WITH RECURSIVE s AS (SELECT id FROM unit_kerja WHERE id = ${root.id} UNION ALL SELECT u.id FROM unit_kerja u JOIN s ON u.induk_id = s.id)
          SELECT id FROM s`
          ).map((u) => u.id),
        );
        const source = tetap.length > 0 ? tetap : rows;
        expect(view.total.tpp).toBe(source.filter((r) => r.unitId !== null && inTree.has(r.unitId)).reduce((s, r) => s + r.total, 0));
        if (tetap.length > 0) for (const [id, total] of frozen) expect(tetap.find((t) => t.pegawaiId === id)?.total).toBe(total);
        const periksa = await periksaBulan(TAHUN, BULAN, settings);
        expect(periksa.drift).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 12), seed: 20261204, endOnFailure: true },
    );
  }, 240_000);
});
