import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as clock from '../../src/lib/clock.ts';
import { DEMO_ACCOUNTS, loginAs, postMultipart, tokenOf } from '../helpers/app.ts';
import { realisasiFixtures } from './fixtures/realisasi.ts';

// Realisasi Kinerja where the answer depends on today's date: this month's targets on the page, input on today and on
// tomorrow, a date outside the target's month, and a new target spread over the months left in the year. The date
// matrix (vitest.config.ts) runs this file again at the edges of months, years and the input deadline.
const { prisma, app, today, bulanIni, tahun, pegawai, targetBulanIni, isian } = await realisasiFixtures();

describe('Realisasi Kinerja page', () => {
  it('when the pegawai opens it, then this month’s targets are rows with "Input Realisasi" and the day’s entries show their status', async () => {
    // today's work, one entry waiting and one verified (today may be a 1st, or a Saturday, when the demo has none yet)
    const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    const dasar = { pegawaiId: pegawai.id, tanggal: new Date(`${today}T00:00:00Z`), jumlah: 1, satuan: 'Kegiatan', menit: 30 };
    await prisma.realisasi.createMany({
      data: [
        { ...dasar, pekerjaan: 'Hari ini menunggu', idempotencyKey: randomUUID() },
        {
          ...dasar,
          pekerjaan: 'Hari ini diverifikasi',
          status: 1,
          verifiedById: atasan.id,
          verifiedAt: clock.now(),
          idempotencyKey: randomUUID(),
        },
      ],
    });
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent.get('/realisasi');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Realisasi Kinerja');
    const hariIni = res.text.slice(res.text.indexOf('id="judul-hari"'), res.text.indexOf('id="judul-bulan"'));
    const item = (pekerjaan: string) => hariIni.split('<li class="list-group-item">').find((li) => li.includes(pekerjaan)) ?? '';
    expect(item('Hari ini menunggu')).toContain('Belum diverifikasi');
    expect(item('Hari ini diverifikasi')).toMatch(/>\s*(&#10003;|✓)?\s*Diverifikasi/);
    expect(item('Hari ini diverifikasi')).not.toContain('Belum diverifikasi');
    expect((res.text.match(/>Input Realisasi</g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(res.text).toContain(targetBulanIni.targetTahunan.pekerjaan);
    expect(res.text).toContain('Tambah Realisasi');
  });
});

describe('Input Realisasi', () => {
  it('when the pegawai saves a quantity on a target row, then it is listed as "Belum diverifikasi" with the default minutes', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const form = await agent.get(`/realisasi/input/${targetBulanIni.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Simpan');
    const fields = isian({ jumlah: '3', uraian: 'Pemeliharaan server aplikasi', menit: '' });
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields);
    expect(res.status).toBe(303);
    const page = await agent.get(res.headers.location);
    expect(page.text).toContain('Realisasi berhasil disimpan');
    expect(page.text).toContain('Pemeliharaan server aplikasi');
    expect(page.text).toContain('Belum diverifikasi');
    const row = await prisma.realisasi.findFirstOrThrow({ where: { idempotencyKey: fields.idempotencyKey } });
    expect(row).toMatchObject({
      pegawaiId: pegawai.id,
      status: 0,
      targetBulananId: targetBulanIni.id,
      satuan: targetBulanIni.targetTahunan.satuan,
    });
    expect(Number(row.jumlah)).toBe(3);
    expect(row.menit).toBe(Math.min(1440, 3 * targetBulanIni.targetTahunan.uraianTugas.normaWaktu));
    expect(await prisma.auditLog.count({ where: { action: 'realisasi.buat', objectId: String(row.id), actorId: pegawai.id } })).toBe(1);
  });

  it('when the date is in the future, then it is refused with a clear message', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const besok = new Date(Date.UTC(tahun, bulanIni - 1, Number(today.slice(8, 10)) + 1)).toISOString().slice(0, 10);
    const res = await postMultipart(
      agent,
      '/realisasi/tambah',
      isian({ sumber: 'tambahan', pekerjaan: 'Rapat', satuan: 'Kegiatan', tanggal: besok }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('tidak boleh melewati hari ini');
  });

  it('when the date is outside the target’s month, then the tanggal field says which month', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const other = `${tahun - 1}-12-15`;
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, isian({ tanggal: other }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('bulan target ini');
  });
});

describe('Tambah Realisasi', () => {
  it('when an annual target without a target this month is picked, then the entry is linked to it', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: pegawai.jabatanId! }, orderBy: { id: 'desc' } });
    const tt = await prisma.targetTahunan.create({
      data: {
        pegawaiId: pegawai.id,
        tahun,
        uraianTugasId: tugas.id,
        pekerjaan: 'Target tanpa bulan ini',
        kuantitas: 2,
        satuan: tugas.satuanHasil,
        asal: 'TAMBAHAN',
      },
    });
    const form = await agent.get(`/realisasi/tambah?tanggal=${today}`);
    expect(form.text).toContain(`value="target:${tt.id}"`);
    const fields = isian({ sumber: `target:${tt.id}` });
    expect((await postMultipart(agent, '/realisasi/tambah', fields)).status).toBe(303);
    const row = await prisma.realisasi.findFirstOrThrow({ where: { idempotencyKey: fields.idempotencyKey } });
    expect(row).toMatchObject({ targetTahunanId: tt.id, targetBulananId: null, pekerjaan: 'Target tanpa bulan ini' });
  });
});

describe('Realisasi Tahunan and Tambah Target Baru', () => {
  it('when a new target is saved with no months typed, then it is spread evenly over the remaining months and appears in both pages', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const form = await agent.get('/realisasi-tahunan/target-baru');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Kegiatan Tugas Jabatan');
    const tugas = await prisma.uraianTugas.findFirstOrThrow({
      where: { jabatanId: pegawai.jabatanId!, aktif: true },
      orderBy: { id: 'desc' },
    });
    const key = randomUUID();
    const res = await agent
      .post('/realisasi-tahunan/target-baru')
      .type('form')
      .send({
        _csrf: await tokenOf(agent, '/realisasi-tahunan/target-baru'),
        uraianTugasId: String(tugas.id),
        pekerjaan: 'Migrasi aplikasi ke server baru',
        kuantitas: '13',
        idempotencyKey: key,
      });
    expect(res.status).toBe(303);
    const t = await prisma.targetTahunan.findFirstOrThrow({
      where: { idempotencyKey: key },
      include: { bulanan: { orderBy: { bulan: 'asc' } } },
    });
    expect(t).toMatchObject({ pegawaiId: pegawai.id, tahun, asal: 'TAMBAHAN', satuan: tugas.satuanHasil });
    expect(t.bulanan).toHaveLength(12);
    const sum = t.bulanan.reduce((s, b) => s + Math.round(Number(b.kuantitas) * 100), 0);
    expect(sum).toBe(1300);
    expect(t.bulanan.filter((b) => b.bulan < bulanIni).every((b) => Number(b.kuantitas) === 0)).toBe(true);
    expect((await agent.get(res.headers.location)).text).toContain('Migrasi aplikasi ke server baru');
    const kinerja = await agent.get('/realisasi');
    expect(kinerja.text).toContain('Migrasi aplikasi ke server baru');
    // and it takes a realisasi right away
    const tb = t.bulanan.find((b) => b.bulan === bulanIni)!;
    expect((await postMultipart(agent, `/realisasi/input/${tb.id}`, isian())).status).toBe(303);
  });

  it('when the months typed do not add up to the total, then 422 with the sum explained and the months kept', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: pegawai.jabatanId! } });
    const res = await agent
      .post('/realisasi-tahunan/target-baru')
      .type('form')
      .send({
        _csrf: await tokenOf(agent, '/realisasi-tahunan/target-baru'),
        uraianTugasId: String(tugas.id),
        pekerjaan: 'Sebaran salah',
        kuantitas: '10',
        b11: '3',
        b12: '4',
        idempotencyKey: randomUUID(),
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Jumlah sebaran bulanan (7) harus sama dengan target kuantitas (10)');
    expect(res.text).toContain('id="b12" name="b12"');
    expect(res.text).toMatch(/name="b12"[^>]*value="4"/);
    expect(await prisma.targetTahunan.count({ where: { pekerjaan: 'Sebaran salah' } })).toBe(0);
  });
});
