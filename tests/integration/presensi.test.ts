// Presensi: import (CLI service and admin upload), the monthly rekap kept by triggers, hari libur and
// ketidakhadiran, the calendar page and who may see it. Dates are fixed in October 2026 (before the pinned day).
import { describe, expect, it } from 'vitest';
import { ringkas, statusHari } from '../../src/domain/presensi.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { hitungSatu } from '../../src/services/bulan-pegawai.service.ts';
import { importPresensiCsv } from '../../src/services/import/presensi.ts';
import { hariLiburAntara } from '../../src/services/kalender.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });
const admin = await byNip(DEMO_ACCOUNTS.admin);
const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
const rekan = await byNip('199405182020121005'); // same atasan as the demo pegawai
const opts = { actorId: admin.id, namaFile: 'uji.csv', tahun: 2026, today: '2026-11-18' };

// A clean October: no presensi, no coverage, no hari libur, no ketidakhadiran (the demo may have some).
await prisma.$executeRaw`DELETE FROM presensi WHERE tanggal BETWEEN '2026-10-01' AND '2026-10-31'`;
await prisma.$executeRaw`DELETE FROM presensi_cakupan WHERE tahun = 2026 AND bulan = 10`;
await prisma.$executeRaw`DELETE FROM hari_libur WHERE tanggal BETWEEN '2026-10-01' AND '2026-10-31'`;
await prisma.$executeRaw`DELETE FROM ketidakhadiran WHERE mulai <= '2026-10-31' AND selesai >= '2026-10-01'`;

const N = DEMO_ACCOUNTS.pegawai;
// Oct 2026: Thu 1, Fri 2 (ends 16:30), Mon 5, Tue 6 (no row), Wed 7, Thu 8, Fri 9.
const FILE = [
  'nip;tanggal;jam_masuk;jam_pulang',
  `${N};2026-10-01;07:30;16:00`, // on time
  `${N};2026-10-02;07:31;16:30`, // TL1
  `${N};2026-10-05;08:01:00;15:29`, // TL2 (31 min), PSW2 (31 min)
  `${N};2026-10-07;;16:00`, // no clock-in: TL4
  `${N};2026-10-08;09:31;`, // TL4 (121 min), no clock-out: PSW4
  `${N};2026-10-09;07:00;16:29:59`, // one second early: PSW1
].join('\r\n');

/** October's presensi summary of the one computation of a pegawai's month (what every output shows). */
const rekap = async (pegawaiId: number) => {
  const r = (await hitungSatu(pegawaiId, 2026, 10, await getSettings()))!.presensi.ringkasan;
  const [tl1, tl2, tl3, tl4] = r.tl.slice(1);
  const [psw1, psw2, psw3, psw4] = r.psw.slice(1);
  return { hariKerja: r.hariKerja, hadir: r.hadir, alpa: r.alpa, menitTl: r.menitTl, tl1, tl2, tl3, tl4, psw1, psw2, psw3, psw4 };
};

describe('presensi import', () => {
  it('when a file has bad rows, then nothing is written and each problem names its row and column', async () => {
    const before = await prisma.presensi.count();
    const res = await importPresensiCsv(
      [
        'nip,tanggal,jam_masuk,jam_pulang',
        `${N},2026-10-01,25:61,16:00`,
        `${N},2025-12-31,07:30,16:00`,
        '199001012020011999,2026-10-01,07:30,16:00',
        `${N},2026-10-02,07:30,16:00`,
        `${N},2026-10-02,07:35,16:00`,
        `${N},2026-11-30,07:30,16:00`,
        `${N},2026-13-01,07:30,16:00`,
      ].join('\n'),
      opts,
    );
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { baris: 2, kolom: 'jam_masuk', pesan: 'Jam "25:61" tidak valid; tulis JJ:MM atau JJ:MM:DD (00:00–23:59).' },
      { baris: 3, kolom: 'tanggal', pesan: 'Tanggal 2025-12-31 di luar tahun 2026.' },
      { baris: 4, kolom: 'nip', pesan: 'NIP 199001012020011999 tidak terdaftar.' },
      { baris: 6, kolom: 'tanggal', pesan: `NIP ${N} tanggal 2026-10-02 sudah ada di baris 5.` },
      { baris: 7, kolom: 'tanggal', pesan: 'Tanggal 2026-11-30 belum terjadi.' },
      { baris: 8, kolom: 'tanggal', pesan: 'Tanggal "2026-13-01" tidak valid; tulis TTTT-BB-HH.' },
    ]);
    expect(await prisma.presensi.count()).toBe(before);
  });

  it('when a good file is imported, then the month rekap matches the hand count; everyone else is absent on the covered days', async () => {
    const res = await importPresensiCsv(`\uFEFF${FILE}`, opts);
    expect(res).toMatchObject({ ok: true, rows: 6, baru: 6, diubah: 0, tetap: 0 });
    expect(await rekap(pegawai.id)).toMatchObject({
      hariKerja: 7,
      hadir: 6,
      tl1: 1,
      tl2: 1,
      tl3: 0,
      tl4: 2,
      psw1: 1,
      psw2: 1,
      psw3: 0,
      psw4: 1,
      alpa: 1,
      menitTl: 1 + 31 + 121,
    });
    // the machine's data reaches 9 October: a pegawai with no record is absent on those 7 working days, not on the 12th
    expect(await rekap(rekan.id)).toMatchObject({ hariKerja: 7, hadir: 0, alpa: 7 });
  });

  it('when the trigger and the domain module count the same days, then they agree', async () => {
    const jamKerja = DEFAULT_SETTINGS.jamKerja;
    const days = ['01', '02', '05', '06', '07', '08', '09'].map((d) => {
      const row = FILE.split('\r\n').find((l) => l.includes(`2026-10-${d}`));
      const [, , masuk, pulang] = row ? row.split(';') : ['', '', '', ''];
      return statusHari({ tanggal: `2026-10-${d}`, jamKerja, jamMasuk: masuk || null, jamPulang: pulang || null });
    });
    const r = ringkas(days);
    expect(await rekap(pegawai.id)).toMatchObject({
      hariKerja: r.hariKerja,
      hadir: r.hadir,
      tl1: r.tl[1],
      tl2: r.tl[2],
      tl4: r.tl[4],
      psw1: r.psw[1],
      psw2: r.psw[2],
      psw4: r.psw[4],
      alpa: r.alpa,
      menitTl: r.menitTl,
    });
  });

  it('when the same file is imported again, then nothing changes; a changed time is updated and audited', async () => {
    expect(await importPresensiCsv(FILE, opts)).toMatchObject({ ok: true, baru: 0, diubah: 0, tetap: 6 });
    const changed = FILE.replace(`${N};2026-10-01;07:30;16:00`, `${N};2026-10-01;07:45;16:00`);
    expect(await importPresensiCsv(changed, opts)).toMatchObject({ ok: true, baru: 0, diubah: 1, tetap: 5 });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'presensi.ubah' }, orderBy: { id: 'desc' } });
    expect(log.before).toMatchObject({ tanggal: '2026-10-01', jamMasuk: '07:30:00' });
    expect(log.after).toMatchObject({ tanggal: '2026-10-01', jamMasuk: '07:45:00' });
    expect(await rekap(pegawai.id)).toMatchObject({ tl1: 2, menitTl: 15 + 1 + 31 + 121 });
    expect(await prisma.auditLog.count({ where: { action: 'presensi.impor' } })).toBe(3);
  });

  it('when the admin uploads a file on the Impor Presensi page, then it is imported; a pegawai gets 403', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const page = await agent.get('/admin/presensi');
    expect(page.status).toBe(200);
    const token = csrfFrom(page.text);
    const upload = FILE.replace(`${N};2026-10-09;07:00;16:29:59`, `${N};2026-10-09;07:00;16:30`);
    const res = await agent
      .post(`/admin/presensi?_csrf=${encodeURIComponent(token)}`)
      .field('tahun', '2026')
      .attach('berkas', Buffer.from(upload), 'presensi-oktober.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('presensi-oktober.csv</strong> berhasil');
    expect(await rekap(pegawai.id)).toMatchObject({ psw1: 0 });
    const bad = await agent
      .post(`/admin/presensi?_csrf=${encodeURIComponent(token)}`)
      .field('tahun', '2026')
      .attach('berkas', Buffer.from(`nip,tanggal,jam_masuk,jam_pulang\n${N},2026-10-01,7.30,16:00\n`), 'salah.csv');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Baris 2, kolom jam_masuk: Jam &#34;7.30&#34; tidak valid');
    const peg = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    expect((await peg.get('/admin/presensi')).status).toBe(403);
  });
});

describe('hari libur and ketidakhadiran', () => {
  it('when the admin adds a hari libur on a day without a record, then that day is no longer absent, and it is audited', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const page = await agent.get('/admin/hari-libur?tahun=2026');
    const bad = await agent
      .post('/admin/hari-libur?tahun=2026')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), tanggal: '2026-02-30', nama: '', jenis: 'LIBUR_DAERAH' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Tanggal tidak valid.');
    expect(bad.text).toContain('Nama hari libur wajib diisi.');
    const res = await agent
      .post('/admin/hari-libur?tahun=2026')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), tanggal: '2026-10-06', nama: 'Hari Jadi Kabupaten', jenis: 'LIBUR_DAERAH' });
    expect(res.status).toBe(303);
    expect(await hariLiburAntara('2026-10-01', '2026-10-31')).toEqual(new Map([['2026-10-06', 'Hari Jadi Kabupaten']]));
    expect(await rekap(pegawai.id)).toMatchObject({ hariKerja: 6, alpa: 0 });
    expect(await rekap(rekan.id)).toMatchObject({ hariKerja: 6, alpa: 6 });
    expect(await prisma.auditLog.count({ where: { action: 'hari-libur.tambah', objectId: '2026-10-06' } })).toBe(1);
  });

  it('when the admin records an izin covering a day with lateness, then that day counts nothing; bad input is 422', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.admin);
    const token = csrfFrom((await agent.get('/admin/ketidakhadiran')).text);
    const post = (fields: Record<string, string>) => {
      let req = agent.post(`/admin/ketidakhadiran?_csrf=${encodeURIComponent(token)}`);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req;
    };
    const bad = await post({ nip: '123', jenis: 'IZIN', mulai: '2026-10-08', selesai: '2026-10-07', catatan: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('NIP terdiri dari 18 digit angka.');
    expect(bad.text).toContain('Tanggal selesai tidak boleh sebelum tanggal mulai.');
    const res = await post({ nip: N, jenis: 'IZIN', mulai: '2026-10-08', selesai: '2026-10-08', catatan: 'Keperluan keluarga' });
    expect(res.status).toBe(303);
    expect(await prisma.auditLog.count({ where: { action: 'ketidakhadiran.tambah' } })).toBe(1);
    // the upload above put 1 October back to 07:30: TL minutes are 2 October (1) and 5 October (31)
    expect(await rekap(pegawai.id)).toMatchObject({ hariKerja: 5, tl4: 1, psw4: 0, menitTl: 1 + 31 });
  });
});

describe('presensi calendar and access', () => {
  it('when the pegawai opens Presensi for October, then the calendar shows each day with its band', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent.get('/presensi?bulan=2026-10');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Presensi Oktober 2026');
    expect(res.text).toContain('TL2 · PSW2');
    expect(res.text).toContain('Hari Jadi Kabupaten');
    expect(res.text).toContain('Izin');
    expect(res.text).toContain('Belum ada data'); // after 9 October
  });

  it('when someone opens another pegawai’s presensi or TPP, then only the atasan, a pimpinan of the unit and the admin see it; others 404', async () => {
    const path = `/presensi/pegawai/${pegawai.id}?bulan=2026-10`;
    const tpp = `/tpp/pegawai/${pegawai.id}?bulan=2026-10`;
    const rekanAgent = await loginAs(app, rekan.nip);
    expect((await rekanAgent.get(path)).status).toBe(404);
    expect((await rekanAgent.get(tpp)).status).toBe(404);
    expect((await (await loginAs(app, DEMO_ACCOUNTS.atasan)).get(path)).status).toBe(200);
    expect((await (await loginAs(app, DEMO_ACCOUNTS.admin)).get(tpp)).status).toBe(200);
    const pimpinan = await loginAs(app, '197004151996031002'); // Kepala Diskominfo: the pegawai's unit is under his
    expect((await pimpinan.get(path)).status).toBe(200);
    // a pimpinan outside the unit: the Kepala Diskominfo for someone of another OPD
    // someone outside the Diskominfo subtree
    const [luar] = await prisma.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE s AS (SELECT id FROM unit_kerja WHERE id = (SELECT unit_id FROM pegawai WHERE nip = '197004151996031002')
        UNION ALL SELECT u.id FROM unit_kerja u JOIN s ON u.induk_id = s.id)
      SELECT id FROM pegawai WHERE unit_id NOT IN (SELECT id FROM s) AND id <> ${admin.id} ORDER BY id LIMIT 1`;
    expect((await pimpinan.get(`/presensi/pegawai/${luar.id}`)).status).toBe(404);
    expect((await pimpinan.get('/presensi/pegawai/abc')).status).toBe(404);
  });
});
