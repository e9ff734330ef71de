import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { adapterSiasn, type BarisKirim, type KonfigurasiSiasn, SiasnTidakTersedia } from '../../src/features/skp/siasn-adapter.ts';
import { type EvaluasiSiasn, recordSiasn } from '../../src/features/skp/siasn-format.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

// The adapter against a stand-in of the national service (docs/siasn.md "Adapter"): a small HTTP server that checks
// the token flow, the headers and every field of the payload, keeps the records it was sent, and answers as SIASN
// does (success with mapData, a refusal for one NIP, a save that arrives but answers too late, a 503).

type Rekaman = Record<string, unknown> & { id: string };
const SSO = 'sso-token-uji';
const KEY = 'consumer-key';
const SECRET = 'consumer-secret';

const stand = {
  tokens: 0,
  records: new Map<string, Rekaman>(),
  saves: [] as Record<string, unknown>[],
  salahBentuk: [] as string[],
  tolakNip: new Set<string>(),
  lambatSekali: new Set<string>(), // the first save for this pns arrives, but answers after the client gave up
  gagal503Sekali: new Set<string>(), // the first data-utama of this NIP answers 503
  tidakDikenal: new Set<string>(),
  reset() {
    this.tokens = 0;
    this.records.clear();
    this.saves = [];
    this.salahBentuk = [];
    this.tolakNip.clear();
    this.lambatSekali.clear();
    this.gagal503Sekali.clear();
    this.tidakDikenal.clear();
  },
};

const kirimJson = (res: ServerResponse, status: number, body: unknown) => {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
};
const bacaBody = (req: IncomingMessage) =>
  new Promise<string>((ok) => {
    let s = '';
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => ok(s));
  });

/** Every field of a save, as the public clients send it (numbers as numbers, ids and names as strings). */
function periksa(b: Record<string, unknown>, tahunan: boolean): string | null {
  const angka = (k: string, min: number, max: number) => Number.isInteger(b[k]) && (b[k] as number) >= min && (b[k] as number) <= max;
  const teks = (k: string) => typeof b[k] === 'string';
  const wajib = [
    angka('tahun', 2000, 2100),
    angka('hasilKinerjaNilai', 1, 3),
    angka('perilakuKerjaNilai', 1, 3),
    angka('kuadranKinerjaNilai', 1, 5),
    b.statusPenilai === 'ASN' || b.statusPenilai === 'NON ASN',
    ['penilaiNipNrp', 'penilaiNama', 'penilaiGolongan', 'penilaiUnorNama'].every(teks),
    b.statusPenilai === 'NON ASN' || /^\d{18}$/.test(String(b.penilaiNipNrp)),
  ];
  const bentuk = tahunan
    ? [typeof b.pnsDinilaiOrang === 'string' && String(b.pnsDinilaiOrang).startsWith('pns-'), teks('penilaiJabatan')]
    : [
        typeof b.pnsDinilaiId === 'string' && String(b.pnsDinilaiId).startsWith('pns-'),
        b.periodikId === '1',
        angka('bulanMulaiPenilaian', 1, 12),
        angka('bulanSelesaiPenilaian', 1, 12),
        angka('tahunMulaiPenilaian', 2000, 2100),
        angka('tahunSelesaiPenilaian', 2000, 2100),
        teks('penilaiJabatanNama'),
      ];
  return [...wajib, ...bentuk].every(Boolean) ? null : `payload tidak lengkap: ${JSON.stringify(b)}`;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url!, 'http://x');
  const body = await bacaBody(req);
  if (url.pathname === '/oauth2/token') {
    const basic = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;
    if (req.headers.authorization !== basic || body !== 'grant_type=client_credentials')
      return kirimJson(res, 401, { error: 'invalid_client' });
    stand.tokens++;
    return kirimJson(res, 200, { access_token: `wso-${stand.tokens}`, expires_in: 3600 });
  }
  if (!url.pathname.startsWith('/apisiasn/1.0/')) return kirimJson(res, 404, {});
  if (!/^Bearer wso-\d+$/.test(req.headers.authorization ?? '') || req.headers.auth !== `bearer ${SSO}`)
    return kirimJson(res, 401, { message: 'Unauthorized' });
  const path = url.pathname.slice('/apisiasn/1.0'.length);
  let m = /^\/pns\/data-utama\/(\d{18})$/.exec(path);
  if (m && req.method === 'GET') {
    if (stand.gagal503Sekali.delete(m[1])) return kirimJson(res, 503, { message: 'Service Unavailable' });
    if (stand.tidakDikenal.has(m[1])) return kirimJson(res, 200, { code: 0, data: null, message: 'Data tidak ditemukan' });
    return kirimJson(res, 200, { code: 1, data: { id: `pns-${m[1]}`, nipBaru: m[1] } });
  }
  m = /^\/pns\/(rw-kinerjaperiodik|rw-skp22)\/(\d{18})$/.exec(path);
  if (m && req.method === 'GET') {
    const jenis = m[1] === 'rw-skp22' ? 'skp22' : 'kp';
    const data = [...stand.records.values()].filter((r) => r.jenis === jenis && r.pns === `pns-${m![2]}`);
    return data.length ? kirimJson(res, 200, { code: 1, data }) : kirimJson(res, 200, { code: 0, data: null });
  }
  m = /^\/(kinerjaperiodik|skp22)\/save$/.exec(path);
  if (m && req.method === 'POST') {
    const tahunan = m[1] === 'skp22';
    const b = JSON.parse(body) as Record<string, unknown>;
    stand.saves.push(b);
    const salah = periksa(b, tahunan);
    if (salah) {
      stand.salahBentuk.push(salah);
      return kirimJson(res, 400, { success: false, message: salah });
    }
    const pns = String(tahunan ? b.pnsDinilaiOrang : b.pnsDinilaiId);
    if (stand.tolakNip.has(pns.slice(4)))
      return kirimJson(res, 200, { success: false, message: 'Pejabat penilai tidak valid untuk PNS ini' });
    let id = typeof b.id === 'string' ? b.id : null;
    if (id && !stand.records.has(id)) return kirimJson(res, 200, { success: false, message: 'Riwayat tidak ditemukan' });
    id ??= `${tahunan ? 'skp22' : 'kp'}-${stand.records.size + 1}`;
    stand.records.set(id, { ...b, id, jenis: tahunan ? 'skp22' : 'kp', pns });
    if (stand.lambatSekali.delete(pns)) await new Promise((ok) => setTimeout(ok, 700));
    return kirimJson(res, 200, { success: true, message: 'Data berhasil disimpan', mapData: { rwKinerjaPeriodikId: id } });
  }
  kirimJson(res, 404, { message: 'Not Found' });
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const konfig = (lain: Partial<KonfigurasiSiasn> = {}): KonfigurasiSiasn => ({
  apiUrl: `http://127.0.0.1:${port}/apisiasn/1.0`,
  tokenUrl: `http://127.0.0.1:${port}/oauth2/token`,
  consumerKey: KEY,
  consumerSecret: SECRET,
  ssoToken: SSO,
  timeoutMs: 300,
  retries: 2,
  concurrency: 2,
  ...lain,
});
const segera = { jeda: () => Promise.resolve() };

const evaluasi = (nip: string, bulan: number | null, e: Partial<EvaluasiSiasn> = {}): EvaluasiSiasn => ({
  nip,
  nama: `Pegawai ${nip}`,
  tahun: 2025,
  bulan,
  hasilKerja: 'SESUAI',
  perilakuKerja: 'SESUAI',
  predikat: 'Baik',
  penilaiSebagai: null,
  skpMulai: null,
  skpSelesai: null,
  penilai: { nip: '198105122006041003', nama: 'Budi Santoso', golongan: 'III/d', jabatan: 'Kepala Seksi', unit: 'Diskominfo' },
  ...e,
});
const baris = (e: EvaluasiSiasn, ids: Partial<BarisKirim> = {}): BarisKirim => ({
  kunci: `${e.nip}:${e.bulan ?? 'tahunan'}`,
  record: recordSiasn(e),
  pnsId: null,
  riwayatId: null,
  ...ids,
});

beforeEach(() => stand.reset());

describe('the adapter against the stand-in service', () => {
  it('when a month and a year are sent, then the token is fetched once, every payload is complete and each row comes back with its ids', async () => {
    const rows = [
      baris(evaluasi('199203102019032001', 5)),
      baris(evaluasi('199405182020121005', 5)),
      baris(evaluasi('196805201993031004', null)),
    ];
    const hasil = await adapterSiasn(konfig(), segera).kirim(rows);
    expect(stand.salahBentuk).toEqual([]);
    expect(stand.tokens).toBe(1);
    expect(hasil.map((h) => [h.kunci, h.ok, h.pnsId, h.pesan])).toEqual([
      ['199203102019032001:5', true, 'pns-199203102019032001', null],
      ['199405182020121005:5', true, 'pns-199405182020121005', null],
      ['196805201993031004:tahunan', true, 'pns-196805201993031004', null],
    ]);
    expect(hasil.every((h) => h.riwayatId && stand.records.has(h.riwayatId))).toBe(true);
    const bulanan = stand.saves.find((s) => s.pnsDinilaiId === 'pns-199203102019032001')!;
    expect(bulanan).toMatchObject({
      tahun: 2025,
      periodikId: '1',
      bulanMulaiPenilaian: 5,
      bulanSelesaiPenilaian: 5,
      kuadranKinerjaNilai: 2,
      penilaiGolongan: '34',
    });
    expect(bulanan).not.toHaveProperty('id');
    expect(bulanan).not.toHaveProperty('koefisienId');
    expect(stand.saves.find((s) => s.pnsDinilaiOrang === 'pns-196805201993031004')).toMatchObject({
      tahun: 2025,
      penilaiJabatan: 'Kepala Seksi',
    });
  });

  it('when SIASN refuses one row, or does not know a NIP, then those rows carry the message and the others are saved', async () => {
    stand.tolakNip.add('199405182020121005');
    stand.tidakDikenal.add('199601092022032004');
    const hasil = await adapterSiasn(konfig(), segera).kirim([
      baris(evaluasi('199203102019032001', 6)),
      baris(evaluasi('199405182020121005', 6)),
      baris(evaluasi('199601092022032004', 6)),
    ]);
    expect(hasil.map((h) => [h.ok, h.pesan])).toEqual([
      [true, null],
      [false, 'Pejabat penilai tidak valid untuk PNS ini'],
      [false, 'NIP 199601092022032004 tidak ditemukan di SIASN.'],
    ]);
    expect(hasil[1].pnsId).toBe('pns-199405182020121005');
    expect(stand.records.size).toBe(1);
  });

  it('when a save arrives but answers after the timeout, and a lookup meets a 503, then the row is retried as an update: one record, ok', async () => {
    stand.lambatSekali.add('pns-199203102019032001');
    stand.gagal503Sekali.add('199203102019032001');
    const [h] = await adapterSiasn(konfig(), segera).kirim([baris(evaluasi('199203102019032001', 7))]);
    expect(h.ok).toBe(true);
    expect(stand.records.size).toBe(1);
    expect(h.riwayatId).toBe([...stand.records.keys()][0]);
    // the first save (no id) timed out; the retry found the record it had made and sent its id
    expect(stand.saves).toHaveLength(2);
    expect(stand.saves[0]).not.toHaveProperty('id');
    expect(stand.saves[1]).toMatchObject({ id: h.riwayatId });
  });

  it('when the service never answers in time, then after the retries the row says so and nothing else breaks', async () => {
    stand.lambatSekali.add('pns-199405182020121005');
    const [h] = await adapterSiasn(konfig({ retries: 0 }), segera).kirim([baris(evaluasi('199405182020121005', 7))]);
    expect(h.ok).toBe(false);
    expect(h.pesan).toMatch(/tidak menjawab dalam 0.3 detik/);
  });

  it('when a period is sent again with the ids learnt, then SIASN updates its records instead of adding new ones', async () => {
    const adapter = adapterSiasn(konfig(), segera);
    const rows = [baris(evaluasi('199203102019032001', 8)), baris(evaluasi('196805201993031004', null))];
    const pertama = await adapter.kirim(rows);
    const lagi = await adapter.kirim(rows.map((r, i) => ({ ...r, pnsId: pertama[i].pnsId, riwayatId: pertama[i].riwayatId })));
    expect(lagi.map((h) => h.riwayatId)).toEqual(pertama.map((h) => h.riwayatId));
    expect(stand.records.size).toBe(2);
    // and without the ids (a lost answer): the lookup finds them
    const tanpaId = await adapter.kirim(rows);
    expect(tanpaId.map((h) => h.riwayatId)).toEqual(pertama.map((h) => h.riwayatId));
    expect(stand.records.size).toBe(2);
  });

  it('when the credentials are refused, then nothing is sent and the adapter says why', async () => {
    await expect(
      adapterSiasn(konfig({ consumerSecret: 'salah' }), segera).kirim([baris(evaluasi('199203102019032001', 9))]),
    ).rejects.toThrow(SiasnTidakTersedia);
    expect(stand.saves).toEqual([]);
  });
});

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!, {
  SIASN_API_URL: `http://127.0.0.1:${port}/apisiasn/1.0`,
  SIASN_TOKEN_URL: `http://127.0.0.1:${port}/oauth2/token`,
  SIASN_CONSUMER_KEY: KEY,
  SIASN_CONSUMER_SECRET: SECRET,
  SIASN_SSO_TOKEN: SSO,
  SIASN_TIMEOUT_MS: '2000',
});
const as = agentsOf(app);

describe('“Kirim ke SIASN” from the admin page', () => {
  const kirim = async (body: Record<string, string> = {}) => {
    const res = await postForm(await as(DEMO_ACCOUNTS.admin), '/admin/siasn/kirim', {
      tahun: '2025',
      bulan: '5',
      idempotencyKey: randomUUID(),
      ...body,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/siasn?tahun=2025&bulan=5');
    await expect.poll(async () => (await prisma.siasnPengiriman.findFirst({ orderBy: { id: 'desc' } }))?.status).toBe('SELESAI');
    return prisma.siasnPengiriman.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };

  it('when the admin sends a month, then each pegawai’s outcome, ids and audit are kept, the refusal shows on the page, and a resend only sends what needs it', async () => {
    const pegawai = await prisma.pegawai.findMany({
      where: { nip: { in: ['199203102019032001', '199405182020121005', '199601092022032004'] } },
    });
    const budi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    await prisma.evaluasiKinerja.createMany({
      data: pegawai.map((p) => ({
        pegawaiId: p.id,
        tahun: 2025,
        bulan: 5,
        unitId: p.unitId,
        hasilKerja: 'SESUAI' as const,
        perilakuKerja: 'DI_ATAS' as const,
        predikat: 'Baik',
        penilaiId: budi.id,
      })),
    });
    stand.tolakNip.add('199405182020121005');
    const page = await (await as(DEMO_ACCOUNTS.admin)).get('/admin/siasn?tahun=2025&bulan=5');
    expect(page.text).toContain('action="/admin/siasn/kirim"');

    const s = await kirim();
    expect(s).toMatchObject({ jumlah: 3, berhasil: 2, gagal: 1 });
    expect(stand.salahBentuk).toEqual([]);
    const kirimRows = await prisma.siasnKirim.findMany({ where: { tahun: 2025, bulan: 5 }, include: { pegawai: true } });
    expect(kirimRows.map((k) => [k.pegawai.nip, k.status]).sort()).toEqual([
      ['199203102019032001', 'TERKIRIM'],
      ['199405182020121005', 'GAGAL'],
      ['199601092022032004', 'TERKIRIM'],
    ]);
    expect(kirimRows.find((k) => k.status === 'GAGAL')!.pesan).toBe('Pejabat penilai tidak valid untuk PNS ini');
    expect(kirimRows.filter((k) => k.status === 'TERKIRIM').every((k) => k.riwayatId && stand.records.has(k.riwayatId))).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: 'siasn.kirim', after: { path: ['pengiriman'], equals: s.id } } })).toBe(3);
    expect(
      await prisma.auditLog.count({ where: { action: { in: ['siasn.kirim-mulai', 'siasn.kirim-selesai'] }, objectId: String(s.id) } }),
    ).toBe(2);
    const hasil = (await (await as(DEMO_ACCOUNTS.admin)).get('/admin/siasn?tahun=2025&bulan=5')).text;
    expect(hasil).toContain('Pejabat penilai tidak valid untuk PNS ini');
    expect(hasil).toMatch(/2 berhasil, 1 gagal dari 3 dikirim/);

    // fixed at SIASN: the resend sends only the failed row; the others are unchanged since they were sent
    stand.tolakNip.clear();
    const saves = stand.saves.length;
    const ulang = await kirim();
    expect(ulang).toMatchObject({ jumlah: 1, berhasil: 1, gagal: 0 });
    expect(stand.saves.length).toBe(saves + 1);
    expect(await prisma.siasnKirim.count({ where: { tahun: 2025, bulan: 5, status: 'TERKIRIM' } })).toBe(3);
    // "kirim ulang semua": every row again, as updates of the same national records
    const paksa = await kirim({ paksa: '1' });
    expect(paksa).toMatchObject({ jumlah: 3, berhasil: 3 });
    expect(stand.records.size).toBe(3);
    expect(stand.saves.slice(-3).every((b) => typeof b.id === 'string')).toBe(true);
  });

  it('when “Kirim” is double-clicked (one key, two requests at once), then one send starts', async () => {
    const before = await prisma.siasnPengiriman.count();
    const agent = await as(DEMO_ACCOUNTS.admin);
    const body = { tahun: '2025', bulan: '5', idempotencyKey: randomUUID() };
    const [a, b] = await Promise.all([postForm(agent, '/admin/siasn/kirim', body), postForm(agent, '/admin/siasn/kirim', body)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await prisma.siasnPengiriman.count()).toBe(before + 1);
    expect((await agent.get(a.headers.location)).text).not.toContain('masih berjalan');
    await expect.poll(async () => (await prisma.siasnPengiriman.findFirst({ orderBy: { id: 'desc' } }))?.status).toBe('SELESAI');
  });

  it('when a send of the period is still running, then another does not start; when its process stopped long ago, then it is marked TERPUTUS and a new one runs', async () => {
    const admin = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.admin } });
    const jalan = await prisma.siasnPengiriman.create({
      data: { tahun: 2025, bulan: 5, idempotencyKey: randomUUID(), olehId: admin.id, mulaiAt: TEST_NOW, diperbaruiAt: TEST_NOW },
    });
    const agent = await as(DEMO_ACCOUNTS.admin);
    const res = await postForm(agent, '/admin/siasn/kirim', { tahun: '2025', bulan: '5', idempotencyKey: randomUUID() });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location)).text).toContain('Pengiriman periode ini masih berjalan');
    expect(await prisma.siasnPengiriman.count({ where: { tahun: 2025, bulan: 5, status: 'BERJALAN' } })).toBe(1);

    await prisma.siasnPengiriman.update({ where: { id: jalan.id }, data: { diperbaruiAt: new Date(TEST_NOW.getTime() - 11 * 60_000) } });
    const baru = await postForm(agent, '/admin/siasn/kirim', { tahun: '2025', bulan: '5', idempotencyKey: randomUUID() });
    expect(baru.status).toBe(303);
    expect(await prisma.siasnPengiriman.findUniqueOrThrow({ where: { id: jalan.id } })).toMatchObject({ status: 'TERPUTUS' });
    await expect.poll(async () => (await prisma.siasnPengiriman.findFirst({ orderBy: { id: 'desc' } }))?.status).toBe('SELESAI');
  });

  it('when the form is incomplete, then 422 with the message and no send', async () => {
    const before = await prisma.siasnPengiriman.count();
    const res = await postForm(await as(DEMO_ACCOUNTS.admin), '/admin/siasn/kirim', { tahun: '2025', bulan: '5' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Formulir tidak lengkap. Muat ulang halaman');
    expect(await prisma.siasnPengiriman.count()).toBe(before);
  });
});
