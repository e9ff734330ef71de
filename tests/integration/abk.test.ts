import pg from 'pg';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { importAnjabCsv } from '../../src/services/import/anjab.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);

const FIELDS = 'unit_kerja,jabatan,beban_kerja_menit,beban_kerja_jam,kebutuhan,kebutuhan_bulat,bezetting,selisih,ej,pj';
const KADIS = 'Kepala Dinas Komunikasi dan Informatika';

const csvRows = (text: string) =>
  text
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
const jabatanId = async (nama: string) => (await prisma.jabatan.findFirstOrThrow({ where: { nama } })).id;
const unitId = async (nama: string) => (await prisma.unitKerja.findFirstOrThrow({ where: { nama } })).id;
const jsonRecord = async (jabatan: string) => {
  const res = await request(app).get('/abk.json');
  return (res.body as Record<string, unknown>[]).find((r) => r.jabatan === jabatan);
};

describe('ABK pages for the public', () => {
  it('when a citizen opens /abk, then the Pemda totals equal Σ volume × norma of every active task, with one row per unit', async () => {
    const [{ jam, bezetting }] = await prisma.$queryRaw<{ jam: string; bezetting: number }[]>`
      SELECT (SELECT round(sum(t.volume_per_tahun * t.norma_waktu) / 60, 2) FROM uraian_tugas t JOIN jabatan j ON j.id = t.jabatan_id
               WHERE t.aktif AND j.aktif)::text AS jam,
             (SELECT count(*)::int FROM pegawai WHERE aktif AND jabatan_id IS NOT NULL) AS bezetting`;
    const [whole, dec] = jam.split('.');
    const jamId = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${dec}`;
    const res = await request(app).get('/abk');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Analisis Beban Kerja (ABK)');
    expect(res.text).toContain(`${jamId} jam`);
    expect(res.text).toContain(`${bezetting} <span class="small fw-normal text-secondary">orang</span>`);
    const units = await prisma.unitKerja.findMany({ where: { aktif: true } });
    for (const u of units) expect(res.text).toContain(`href="/abk/unit/${u.id}"`);
    expect(res.text).toContain('75.000 menit per tahun');
    expect(res.text).not.toContain('name="_csrf"');
  });

  it('when a unit page is opened, then it lists the jabatan of the unit and its sub-units, and an unknown unit is a 404', async () => {
    const id = await unitId('Dinas Komunikasi dan Informatika');
    const res = await request(app).get(`/abk/unit/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(KADIS);
    expect(res.text).toContain('Pengelola Sistem Informasi'); // a seksi two levels down
    expect(res.text).toContain('Bidang Aplikasi Informatika');
    expect(res.text).not.toContain('Kepala Dinas Kesehatan');
    expect((await request(app).get('/abk/unit/999999')).status).toBe(404);
    expect((await request(app).get('/abk/unit/abc')).status).toBe(404);
  });

  it('when the Kepala Dinas jabatan page is opened, then each task shows volume × norma and the sums can be checked', async () => {
    const id = await jabatanId(KADIS);
    const res = await request(app).get(`/abk/jabatan/${id}`);
    expect(res.status).toBe(200);
    // 6 × 1200 = 7200; Σ = 34,320 menit = 572 jam; 34,320 ÷ 75,000 = 0.4576 → 0,46
    expect(res.text).toMatch(/× 1\.200<\/td>\s*<td class="num">= 7\.200,00/);
    expect(res.text).toContain('34.320,00 menit ÷ 60 = <strong>572,00 jam</strong>');
    expect(res.text).toContain('34.320,00 ÷ 75.000 = <strong>0,46</strong>');
    expect(res.text).toContain('Simulasi');
    expect(res.text).not.toContain('Hasil simulasi');
    expect((await request(app).get('/abk/jabatan/999999')).status).toBe(404);
  });

  it('when a visitor changes a volume in the simulasi, then the new kebutuhan shows and nothing is saved', async () => {
    const id = await jabatanId(KADIS);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: id, normaWaktu: 1200 } });
    const auditBefore = await prisma.auditLog.count();
    // 12 × 1200 instead of 6 × 1200: 34,320 + 7,200 = 41,520 → 0.5536 → 0,55
    const res = await request(app).get(`/abk/jabatan/${id}?v${tugas.id}=12`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Hasil simulasi (tidak disimpan)');
    expect(res.text).toContain('41.520,00 ÷ 75.000 = <strong>0,55</strong>');
    expect(res.text).toMatch(new RegExp(`name="v${tugas.id}" inputmode="decimal"\\s+value="12"`));
    const after = await prisma.uraianTugas.findUniqueOrThrow({ where: { id: tugas.id } });
    expect(after.volumePerTahun.toString()).toBe('6');
    expect(await prisma.auditLog.count()).toBe(auditBefore);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when a simulasi volume is not a number, then the page answers 422 with the message by the field and keeps what was typed', async () => {
    const id = await jabatanId(KADIS);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: id, normaWaktu: 1200 } });
    const res = await request(app).get(`/abk/jabatan/${id}?v${tugas.id}=${encodeURIComponent('<b>dua</b>')}`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Volume harus angka 0 atau lebih');
    expect(res.text).toContain('value="&lt;b&gt;dua&lt;/b&gt;"');
    expect(res.text).not.toContain('Hasil simulasi');
  });
});

describe('ABK open data', () => {
  it('when /abk.csv is downloaded, then it has exactly the documented columns and one record per active jabatan', async () => {
    const res = await request(app).get('/abk.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="abk.csv"');
    const rows = csvRows(res.text);
    expect(rows[0].join(',')).toBe(FIELDS);
    expect(rows.length - 1).toBe(await prisma.jabatan.count({ where: { aktif: true } }));
    const kadis = rows.find((r) => r[1] === KADIS)!;
    const bez = await prisma.pegawai.count({ where: { aktif: true, jabatan: { nama: KADIS } } });
    expect(bez).toBe(1);
    // bezetting 1: kebutuhan 0.46 → 0, selisih +1, EJ 0.46 → E
    expect(kadis.join(',')).toBe(`Dinas Komunikasi dan Informatika,${KADIS},34320.00,572.00,0.46,0,1,1,0.46,E`);
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(10);
      for (const i of [2, 3, 4]) expect(r[i]).toMatch(/^\d+\.\d{2}$/);
      expect(r[8]).toMatch(/^(\d+\.\d{2})?$/);
    }
  });

  it('when /abk.json is read, then each record has exactly the fields and the same figures as the CSV; EJ and PJ are null without holders', async () => {
    const csv = csvRows((await request(app).get('/abk.csv')).text);
    const res = await request(app).get('/abk.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.text).toMatch(/"kebutuhan":\d+\.\d{2},/);
    const records = res.body as Record<string, unknown>[];
    expect(records).toHaveLength(csv.length - 1);
    records.forEach((r, i) => {
      expect(Object.keys(r).join(',')).toBe(FIELDS);
      expect([r.unit_kerja, r.jabatan, r.kebutuhan_bulat, r.bezetting, r.selisih, r.pj ?? '']).toEqual([
        csv[i + 1][0],
        csv[i + 1][1],
        Number(csv[i + 1][5]),
        Number(csv[i + 1][6]),
        Number(csv[i + 1][7]),
        csv[i + 1][9],
      ]);
      if (r.bezetting === 0) expect([r.ej, r.pj]).toEqual([null, null]);
    });
  });
});

describe('ABK cache', () => {
  it('when an uraian tugas volume changes in the database, then the next request shows the new figures (stamp moved)', async () => {
    const before = await request(app).get('/abk.csv');
    const again = await request(app).get('/abk.csv').set('If-None-Match', before.headers.etag);
    expect(again.status).toBe(304);
    const id = await jabatanId(KADIS);
    await prisma.uraianTugas.updateMany({ where: { jabatanId: id, normaWaktu: 1200 }, data: { volumePerTahun: 12 } });
    const after = await request(app).get('/abk.csv').set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(
      csvRows(after.text)
        .find((r) => r[1] === KADIS)!
        .slice(2, 5),
    ).toEqual(['41520.00', '692.00', '0.55']);
    expect((await request(app).get(`/abk/jabatan/${id}`)).text).toContain('41.520,00 ÷ 75.000 = <strong>0,55</strong>');
    await prisma.uraianTugas.updateMany({ where: { jabatanId: id, normaWaktu: 1200 }, data: { volumePerTahun: 6 } });
  });

  it('when WKE is set to 72,000 menit, then kebutuhan is recomputed with it and the page states it', async () => {
    await request(app).get('/abk');
    await prisma.setting.create({ data: { key: 'wkeMenitPerTahun', value: 72_000 } });
    try {
      // 34,320 ÷ 72,000 = 0.4766 → 0.48
      expect((await jsonRecord(KADIS))?.kebutuhan).toBe(0.48);
      expect((await request(app).get('/abk')).text).toContain('72.000 menit per tahun');
    } finally {
      await prisma.setting.delete({ where: { key: 'wkeMenitPerTahun' } });
    }
    expect((await jsonRecord(KADIS))?.kebutuhan).toBe(0.46);
  });

  it('when the Kepala Dinas leaves the jabatan, then bezetting drops to 0 and EJ/PJ become empty', async () => {
    await request(app).get('/abk.json');
    const kadis = await prisma.pegawai.findFirstOrThrow({ where: { jabatan: { nama: KADIS } } });
    await prisma.pegawai.update({ where: { id: kadis.id }, data: { aktif: false } });
    try {
      expect(await jsonRecord(KADIS)).toMatchObject({ bezetting: 0, selisih: 0, ej: null, pj: null });
    } finally {
      await prisma.pegawai.update({ where: { id: kadis.id }, data: { aktif: true } });
    }
    expect(await jsonRecord(KADIS)).toMatchObject({ bezetting: 1, ej: 0.46, pj: 'E' });
  });

  it('when an Anjab CSV is imported (issue 5 service), then /abk.json and the unit page carry the new jabatan and its figures', async () => {
    await request(app).get('/abk.json'); // warm the cache first: the import must invalidate it
    const admin = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.admin } });
    const csv = [
      'induk_unit_kerja,unit_kerja,jabatan,jenis_jabatan,kelas_jabatan,uraian_tugas,hasil_kerja,satuan_hasil,volume_per_tahun,norma_waktu_menit',
      'Pemerintah Kabupaten Sukamaju,Dinas Pariwisata,Pemandu Wisata Ahli,Fungsional,9,Memandu kunjungan wisata,Laporan kunjungan,Kunjungan,300,120',
      'Pemerintah Kabupaten Sukamaju,Dinas Pariwisata,Pemandu Wisata Ahli,Fungsional,9,Menyusun paket wisata,Paket wisata,Paket,12.5,600',
    ].join('\r\n');
    const result = await importAnjabCsv(csv, { actorId: admin.id });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    // 300 × 120 + 12.5 × 600 = 36,000 + 7,500 = 43,500 menit = 725 jam; ÷ 75,000 = 0.58 → 1; no holder
    expect(await jsonRecord('Pemandu Wisata Ahli')).toEqual({
      unit_kerja: 'Dinas Pariwisata',
      jabatan: 'Pemandu Wisata Ahli',
      beban_kerja_menit: 43500,
      beban_kerja_jam: 725,
      kebutuhan: 0.58,
      kebutuhan_bulat: 1,
      bezetting: 0,
      selisih: -1,
      ej: null,
      pj: null,
    });
    const csvText = (await request(app).get('/abk.csv')).text;
    expect(csvText).toContain('\r\nDinas Pariwisata,Pemandu Wisata Ahli,43500.00,725.00,0.58,1,0,-1,,\r\n');
    const page = await request(app).get(`/abk/unit/${await unitId('Dinas Pariwisata')}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Pemandu Wisata Ahli');
    expect(page.text).toContain('−1 (kurang)');
  });
});

describe('ABK cost per request', () => {
  // Every statement of the app goes through pg.Client#query (Prisma's pg adapter and the pool alike).
  async function queriesOf(path: string, headers: Record<string, string> = {}) {
    const original = pg.Client.prototype.query;
    const seen: string[] = [];
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text: string };
      seen.push(typeof q === 'string' ? q : q.text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const res = await request(app).get(path).set(headers);
      return { res, seen };
    } finally {
      pg.Client.prototype.query = original;
    }
  }

  it('when the snapshot is warm, then a public page or file costs one query (the stamp), and a cold one a single load more', async () => {
    await prisma.setting.upsert({
      where: { key: 'namaPemda' },
      create: { key: 'namaPemda', value: 'Pemerintah Kabupaten Sukamaju' },
      update: {},
    });
    // the header's settings and logo are a separate per-instance cache (5 s): warm it, so only the ABK reads count
    await getSettings();
    const cold = await queriesOf('/abk');
    expect(cold.res.status).toBe(200);
    expect(cold.seen).toHaveLength(2);
    for (const path of [
      '/abk',
      '/abk.csv',
      '/abk.json',
      `/abk/unit/${await unitId('Dinas Kesehatan')}`,
      `/abk/jabatan/${await jabatanId(KADIS)}`,
    ]) {
      await request(app).get(path);
      const warm = await queriesOf(path);
      expect(warm.res.status, path).toBe(200);
      expect(warm.seen, path).toEqual(["SELECT value #>> '{}' AS versi FROM setting WHERE key = 'abk_versi'"]);
    }
  });

  it('when a browser accepts brotli, then the page comes pre-compressed with an ETag, and a repeat visit gets 304', async () => {
    const first = await request(app).get('/abk').set('Accept-Encoding', 'gzip, br');
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.text).toContain('Analisis Beban Kerja (ABK)');
    const again = await request(app).get('/abk').set('Accept-Encoding', 'gzip, br').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    const gzip = await request(app).get('/abk').set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(first.text);
  });
});

describe('public access and personal data', () => {
  const publicPaths = async () => {
    const units = await prisma.unitKerja.findMany({ select: { id: true } });
    const jabatan = await prisma.jabatan.findMany({ select: { id: true } });
    return ['/abk', '/abk.csv', '/abk.json', ...units.map((u) => `/abk/unit/${u.id}`), ...jabatan.map((j) => `/abk/jabatan/${j.id}`)];
  };

  it('when anonymous, then every /abk* page and file answers 200 without creating a session', async () => {
    const sessions = await prisma.session.count();
    for (const path of await publicPaths()) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['set-cookie'], path).toBeUndefined();
      expect(res.headers['cache-control'], path).toBe('public, no-cache');
    }
    expect(await prisma.session.count()).toBe(sessions);
  });

  it('when every public page and file is scanned, then no NIP-shaped number and no name of a pegawai appears', async () => {
    const pegawai = await prisma.pegawai.findMany({ select: { nama: true, nip: true } });
    expect(pegawai.length).toBeGreaterThan(30);
    for (const path of await publicPaths()) {
      const { text } = await request(app).get(path);
      expect(text.match(/\d{18}/), path).toBeNull();
      for (const p of pegawai) expect(text.includes(p.nama), `${path}: ${p.nama}`).toBe(false);
    }
  });

  it('when a pegawai is logged in, then /abk shows the side menu and is not stored by caches', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent.get('/abk');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Realisasi Kinerja');
    expect(res.headers['cache-control']).toBe('no-store');
    const anon = await request(app).get('/abk');
    expect(anon.text).not.toContain('Realisasi Kinerja');
    expect(anon.text).toContain('href="/login"');
  });
});
