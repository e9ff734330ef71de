// Generated inputs against every form (tests/fuzz/forms.ts): no input may produce a 5xx. The normal suite runs a few
// dozen inputs per form with a fixed seed (repeatable); `npm run fuzz` runs 10,000 per form (FUZZ_RUNS, FUZZ_SEED).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMS, type FuzzForm, type FuzzIds } from '../fuzz/forms.ts';
import { type Agent, buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '1000000', LOGIN_MAX_PER_IP: '1000000', LOGIN_DELAY_MAX_MS: '0' });

let ids: FuzzIds;
const agents = new Map<string | null, { agent: Agent; token: string }>();
beforeAll(async () => {
  const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
  const tb = await prisma.targetBulanan.findFirstOrThrow({
    where: { targetTahunan: { pegawaiId: pegawai.id } },
    include: { targetTahunan: true },
  });
  const r = await prisma.realisasi.create({
    data: {
      pegawaiId: pegawai.id,
      tanggal: new Date(`${TEST_TODAY}T00:00:00Z`),
      pekerjaan: 'Fuzz',
      jumlah: 1,
      satuan: 'Kegiatan',
      idempotencyKey: randomUUID(),
    },
  });
  const jabatan = await prisma.jabatan.findFirstOrThrow({ where: { uraianTugas: { some: {} } }, include: { uraianTugas: true } });
  const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
  const lampau = new Date(Date.UTC(2020, 0, 2));
  // The records the end/close/(de)activate/delete buttons act on: the fuzz's own, in the past or unused, so acting on
  // them leaves the demo accounts and the records the other forms use as they were.
  const penugasan = await prisma.penugasanAtasan.create({
    data: { jenis: 'PLH', pelaksanaId: atasan.id, pegawaiId: pegawai.id, mulai: lampau, selesai: lampau, alasan: 'Fuzz' },
  });
  const bukaBulan = await prisma.bukaBulan.create({ data: { unitId: jabatan.unitId, tahun: 2020, bulan: 1, alasan: 'Fuzz' } });
  const ketidakhadiran = await prisma.ketidakhadiran.create({
    data: { pegawaiId: pegawai.id, jenis: 'SAKIT', mulai: lampau, selesai: lampau, catatan: 'Fuzz' },
  });
  const unitLain = await prisma.unitKerja.create({ data: { nama: 'Unit Fuzz', indukId: jabatan.unitId } });
  const pegawaiLain = await prisma.pegawai.create({
    data: { nip: '199912312024011001', nama: 'Pegawai Fuzz', passwordHash: pegawai.passwordHash },
  });
  const uraianTugasLain = await prisma.uraianTugas.create({
    data: {
      jabatanId: jabatan.id,
      uraian: 'Fuzz: uraian tugas',
      hasilKerja: 'Laporan',
      satuanHasil: 'Laporan',
      volumePerTahun: 12,
      normaWaktu: 60,
    },
  });
  const targetDraf = await prisma.targetTahunan.create({
    data: {
      pegawaiId: pegawai.id,
      tahun: Number(TEST_TODAY.slice(0, 4)),
      uraianTugasId: tb.targetTahunan.uraianTugasId,
      pekerjaan: 'Fuzz: draf',
      kuantitas: 1,
      satuan: 'Kegiatan',
      status: 'DRAF',
    },
  });
  const rhk = await prisma.rhk.findFirstOrThrow({ where: { skp: { pegawaiId: pegawai.id } }, orderBy: { id: 'desc' } });
  const umpanBalik = await prisma.umpanBalik.create({
    data: { pegawaiId: pegawai.id, rhkId: rhk.id, skpId: rhk.skpId, penulisId: atasan.id, isi: 'Fuzz: umpan balik', dibuatAt: lampau },
  });
  ids = {
    targetBulanan: tb.id,
    targetTahunan: tb.targetTahunanId,
    uraianTugas: tb.targetTahunan.uraianTugasId,
    realisasi: r.id,
    realisasiVersi: r.updatedAt.toISOString(),
    unit: jabatan.unitId,
    jabatan: jabatan.id,
    pegawai: pegawai.id,
    penugasan: penugasan.id,
    bukaBulan: bukaBulan.id,
    ketidakhadiran: ketidakhadiran.id,
    unitLain: unitLain.id,
    pegawaiLain: pegawaiLain.id,
    uraianTugasLain: uraianTugasLain.id,
    targetDraf: targetDraf.id,
    umpanBalik: umpanBalik.id,
    ...(await skpIds(pegawai.id, atasan.id)),
  };
  for (const as of ['pegawai', 'atasan', 'admin', 'pimpinan'] as const) {
    const agent = await loginAs(app, DEMO_ACCOUNTS[as]);
    agents.set(as, { agent, token: csrfFrom((await agent.get('/akun/password')).text) });
  }
  const anon = request.agent(app);
  agents.set(null, { agent: anon, token: csrfFrom((await anon.get('/login')).text) });
});

/** The SKP records the SKP forms act on (issue 19): the demo pegawai's SKP of the year and its neighbours in the cascade. */
async function skpIds(pegawaiId: number, atasanId: number) {
  const tahun = Number(TEST_TODAY.slice(0, 4));
  const skp = await prisma.skp.findFirstOrThrow({ where: { pegawaiId, tahun } });
  const rhk = await prisma.rhk.findFirstOrThrow({ where: { skpId: skp.id } });
  const rhkAtasan = await prisma.rhk.findFirstOrThrow({ where: { skp: { pegawaiId: atasanId, tahun } } });
  const kadis = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pimpinan } });
  const tujuan = await prisma.tujuanOpd.findFirstOrThrow({ where: { unitId: kadis.unitId!, tahun } });
  return { skp: skp.id, rhk: rhk.id, rhkAtasan: rhkAtasan.id, tujuan: tujuan.id };
}

async function send(form: FuzzForm, body: Record<string, string | string[] | undefined>): Promise<number | null> {
  const { agent, token } = agents.get(form.as)!;
  const path = form.path(ids);
  const values = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
  try {
    if (form.method === 'get') return (await agent.get(path).query(values)).status;
    if (!form.multipart)
      return (
        await agent
          .post(path)
          .type('form')
          .send({ ...values, _csrf: token })
      ).status;
    let req = agent.post(`${path}?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) req = req.field(k, one);
    return (await req).status;
  } catch (err) {
    // the client itself could not encode the value (a lone surrogate in a URL): nothing reached the server
    if (err instanceof URIError) return null;
    throw err;
  }
}

describe(`fuzzing every form (${RUNS} inputs each, seed ${SEED})`, () => {
  it.each(FORMS.map((f) => [f.name, f] as const))(
    'when generated inputs are sent to %s, then no answer is a 5xx',
    async (_name, form) => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.record(form.fields(ids)), async (body) => {
          const status = await send(form, body);
          if (status === null) return true;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          return status < 500;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // the inputs reached the form (not all stopped at the door by a 403/404)
      const reached = [...statuses].filter(([s]) => s !== 403 && s !== 404).reduce((n, [, c]) => n + c, 0);
      expect(reached).toBeGreaterThan(0);
    },
    600_000,
  );
});
