import argon2 from 'argon2';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSettings, invalidateSettings } from '../../src/services/settings.service.ts';
import { type Agent, buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs, tokenOf } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { validNip } from '../helpers/nip.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '100', LOGIN_MAX_PER_IP: '10000' });

let admin: Agent;
let adminId: number;
beforeAll(async () => {
  admin = await loginAs(app, DEMO_ACCOUNTS.admin);
  adminId = (await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.admin } })).id;
});

async function post(agent: Agent, path: string, body: Record<string, string | string[]>, tokenPage = '/admin') {
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: await tokenOf(agent, tokenPage), ...body });
}
const unitId = async (nama: string) => (await prisma.unitKerja.findFirstOrThrow({ where: { nama } })).id;
const pegawaiId = async (nip: string) => (await prisma.pegawai.findUniqueOrThrow({ where: { nip } })).id;

describe('access', () => {
  it('when anyone but an admin opens an admin page, then anonymous goes to /login, a pegawai gets 403, the admin 200', async () => {
    const u = await unitId('Dinas Kesehatan');
    const j = (await prisma.jabatan.findFirstOrThrow()).id;
    const p = await pegawaiId(DEMO_ACCOUNTS.pegawai);
    const pages = [
      '/admin',
      '/admin/unit-kerja',
      '/admin/unit-kerja/baru',
      `/admin/unit-kerja/${u}/ubah`,
      '/admin/jabatan',
      '/admin/jabatan/baru',
      `/admin/jabatan/${j}/ubah`,
      '/admin/pegawai',
      '/admin/pegawai/baru',
      `/admin/pegawai/${p}/ubah`,
      '/admin/impor',
      '/admin/impor/templat-pegawai.csv',
      '/admin/impor/templat-anjab.csv',
      '/admin/pengaturan',
      '/admin/audit',
    ];
    const pegawai = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    for (const path of pages) {
      const anon = await request(app).get(path);
      expect([path, anon.status, anon.headers.location]).toEqual([path, 303, '/login']);
      const denied = await pegawai.get(path);
      expect([path, denied.status]).toEqual([path, 403]);
      expect(denied.text).toContain('Halaman ini hanya untuk admin kepegawaian.');
      const ok = await admin.get(path);
      expect([path, ok.status]).toEqual([path, 200]);
    }
    const posts = [
      '/admin/unit-kerja',
      `/admin/unit-kerja/${u}`,
      `/admin/unit-kerja/${u}/nonaktifkan`,
      `/admin/unit-kerja/${u}/aktifkan`,
      '/admin/jabatan',
      `/admin/jabatan/${j}`,
      '/admin/pegawai',
      `/admin/pegawai/${p}`,
      `/admin/pegawai/${p}/nonaktifkan`,
      `/admin/pegawai/${p}/aktifkan`,
      `/admin/pegawai/${p}/reset-password`,
      '/admin/pengaturan',
    ];
    const anonAgent = request.agent(app);
    const anonToken = csrfFrom((await anonAgent.get('/login')).text);
    const pegawaiToken = await tokenOf(pegawai, '/akun/password');
    const auditsBefore = await prisma.auditLog.count();
    for (const path of posts) {
      const anon = await anonAgent.post(path).type('form').send({ _csrf: anonToken, nama: 'x' });
      expect([path, anon.status, anon.headers.location]).toEqual([path, 303, '/login']);
      const denied = await pegawai.post(path).type('form').send({ _csrf: pegawaiToken, nama: 'x' });
      expect([path, denied.status]).toEqual([path, 403]);
    }
    for (const kind of ['pegawai', 'anjab']) {
      const denied = await pegawai
        .post(`/admin/impor/${kind}?_csrf=${encodeURIComponent(pegawaiToken)}`)
        .attach('berkas', Buffer.from('nip\n1'), 'x.csv');
      expect(denied.status).toBe(403);
    }
    expect(await prisma.auditLog.count()).toBe(auditsBefore); // nothing changed
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id: p } })).aktif).toBe(true);
  });
});

describe('unit kerja', () => {
  it('when the admin creates, renames and moves a unit, then the tree changes and each change is audited before → after', async () => {
    const dinkes = await unitId('Dinas Kesehatan');
    const res = await post(admin, '/admin/unit-kerja', { nama: 'Bidang Kesehatan Masyarakat', singkatan: '', indukId: String(dinkes) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/unit-kerja');
    const created = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Bidang Kesehatan Masyarakat' } });
    expect(created.indukId).toBe(dinkes);
    const kominfo = await unitId('Dinas Komunikasi dan Informatika');
    const moved = await post(admin, `/admin/unit-kerja/${created.id}`, {
      nama: 'Bidang Kesmas',
      singkatan: 'Kesmas',
      indukId: String(kominfo),
    });
    expect(moved.status).toBe(303);
    expect(await prisma.unitKerja.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      nama: 'Bidang Kesmas',
      indukId: kominfo,
      singkatan: 'Kesmas',
    });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'unitKerja.ubah', objectId: String(created.id) } });
    expect(log.actorId).toBe(adminId);
    expect(log.before).toMatchObject({ nama: 'Bidang Kesehatan Masyarakat', indukId: dinkes });
    expect(log.after).toMatchObject({ nama: 'Bidang Kesmas', indukId: kominfo });
    expect((await admin.get('/admin/unit-kerja')).text).toContain('Bidang Kesmas');
  });

  it('when a unit is moved under its own sub-unit, then it is refused with 422 next to the field and the form keeps what was typed', async () => {
    const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Dinas Komunikasi dan Informatika' } });
    const seksi = await unitId('Seksi Pengembangan Aplikasi');
    const res = await post(admin, `/admin/unit-kerja/${kominfo.id}`, {
      nama: 'Dinas Kominfo Baru',
      singkatan: 'X',
      indukId: String(seksi),
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Unit tidak dapat dipindah ke bawah dirinya sendiri atau sub-unitnya.');
    expect(res.text).toContain('value="Dinas Kominfo Baru"');
    expect(await prisma.unitKerja.findUniqueOrThrow({ where: { id: kominfo.id } })).toMatchObject({
      nama: kominfo.nama,
      indukId: kominfo.indukId,
    });
    const blank = await post(admin, '/admin/unit-kerja', { nama: 'a', indukId: '' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Nama unit kerja minimal 3 karakter.');
  });

  it('when a unit with active pegawai is deactivated, then it is refused; an empty one is deactivated and audited', async () => {
    const seksi = await unitId('Seksi Pengembangan Aplikasi');
    const refused = await post(admin, `/admin/unit-kerja/${seksi}/nonaktifkan`, {});
    expect(refused.status).toBe(303);
    expect((await admin.get('/admin/unit-kerja')).text).toMatch(/Masih ada \d+ pegawai aktif di unit ini/);
    expect((await prisma.unitKerja.findUniqueOrThrow({ where: { id: seksi } })).aktif).toBe(true);
    const kesmas = await unitId('Bidang Kesmas');
    await post(admin, `/admin/unit-kerja/${kesmas}/nonaktifkan`, {});
    expect((await prisma.unitKerja.findUniqueOrThrow({ where: { id: kesmas } })).aktif).toBe(false);
    expect(await prisma.auditLog.count({ where: { action: 'unitKerja.nonaktifkan', objectId: String(kesmas) } })).toBe(1);
  });
});

describe('jabatan', () => {
  it('when a jabatan is created and its atasan jabatan is set to its own subordinate, then the create works and the loop is refused', async () => {
    const seksi = await unitId('Seksi Pengembangan Aplikasi');
    const kasi = await prisma.jabatan.findFirstOrThrow({ where: { nama: 'Kepala Seksi Pengembangan Aplikasi' } });
    const res = await post(admin, '/admin/jabatan', {
      nama: 'Analis Sistem Informasi',
      jenis: 'FUNGSIONAL',
      kelas: '9',
      unitId: String(seksi),
      atasanJabatanId: String(kasi.id),
    });
    expect(res.status).toBe(303);
    const analis = await prisma.jabatan.findFirstOrThrow({ where: { nama: 'Analis Sistem Informasi' } });
    expect(analis).toMatchObject({ jenis: 'FUNGSIONAL', kelas: 9, unitId: seksi, atasanJabatanId: kasi.id });
    const loop = await post(admin, `/admin/jabatan/${kasi.id}`, {
      nama: kasi.nama,
      jenis: kasi.jenis,
      kelas: String(kasi.kelas),
      unitId: String(kasi.unitId),
      atasanJabatanId: String(analis.id),
    });
    expect(loop.status).toBe(422);
    expect(loop.text).toContain('Atasan jabatan tidak boleh jabatan ini sendiri atau bawahannya.');
    expect((await prisma.jabatan.findUniqueOrThrow({ where: { id: kasi.id } })).atasanJabatanId).toBe(kasi.atasanJabatanId);
    const bad = await post(admin, '/admin/jabatan', { nama: 'Analis', jenis: 'DIREKTUR', kelas: '18', unitId: String(seksi) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Pilih jenis jabatan.');
    expect(bad.text).toContain('Kelas jabatan berupa angka 1–17.');
  });
});

describe('pegawai', () => {
  const nip = validNip(777, 2);
  const form = async (over: Record<string, string | string[]> = {}) => ({
    nip,
    nama: 'Sari Indah, S.Kom.',
    golongan: 'III/a',
    unitId: String(await unitId('Seksi Pengembangan Aplikasi')),
    jabatanId: String((await prisma.jabatan.findFirstOrThrow({ where: { nama: 'Pengelola Sistem Informasi' } })).id),
    nipAtasan: DEMO_ACCOUNTS.atasan,
    peran: ['PIMPINAN'],
    ...over,
  });

  it('when the NIP is impossible, then the form answers 422 with the reason and keeps what was typed', async () => {
    const res = await post(admin, '/admin/pegawai', await form({ nip: '199213452019032001' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Tanggal lahir pada NIP (digit 1–8) tidak valid.');
    expect(res.text).toContain('value="199213452019032001"');
    expect(res.text).toContain('value="Sari Indah, S.Kom."');
    const gender = await post(admin, '/admin/pegawai', await form({ nip: '199203102019033001' }));
    expect(gender.text).toContain('Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2.');
    expect(await prisma.pegawai.count({ where: { nama: 'Sari Indah, S.Kom.' } })).toBe(0);
  });

  it('when a pegawai is created, then the temporary password is shown once, works only to reach Ubah Password, and the NIP is decoded on the edit page', async () => {
    const res = await post(admin, '/admin/pegawai', await form());
    expect(res.status).toBe(201);
    const password = res.text.match(/data-testid="password-sementara"><code>([^<]+)</)?.[1];
    expect(password).toBeDefined();
    const p = await prisma.pegawai.findUniqueOrThrow({ where: { nip } });
    expect(p).toMatchObject({ nama: 'Sari Indah, S.Kom.', golongan: 'III_A', peran: ['PEGAWAI', 'PIMPINAN'], mustChangePassword: true });
    expect(await argon2.verify(p.passwordHash, password!)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: 'pegawai.tambah', objectId: String(p.id), actorId: adminId } })).toBe(1);
    const edit = await admin.get(`/admin/pegawai/${p.id}/ubah`);
    expect(edit.text).not.toContain(password!);
    expect(edit.text).toContain('17 Februari 1972'); // validNip(777): born 777 days after 1970-01-01
    expect(edit.text).toContain('Perempuan');
    expect(edit.text).toContain(`TMT CPNS</dt><dd class="col-7">`);
    const newcomer = await loginAs(app, nip, password!);
    const home = await newcomer.get('/');
    expect(home.headers.location).toBe('/akun/password');
  });

  it('when the admin searches by NIP or nama and filters by OPD, then the list shows only the matches, 25 a page', async () => {
    const byNip = await admin.get(`/admin/pegawai?q=${DEMO_ACCOUNTS.pegawai.slice(0, 10)}`);
    expect(byNip.text).toContain('Rina Wulandari');
    expect(byNip.text).not.toContain('Fajar Ramadhan');
    const byNama = await admin.get('/admin/pegawai?q=wulan');
    expect(byNama.text).toContain('Rina Wulandari');
    expect(byNama.text).toContain('1 pegawai');
    const dinkes = await unitId('Dinas Kesehatan');
    const filtered = await admin.get(`/admin/pegawai?unit=${dinkes}`);
    expect(filtered.text).toContain('dr. H. Ahmad Fauzi');
    expect(filtered.text).not.toContain('Rina Wulandari');
    const page2 = await admin.get('/admin/pegawai?hal=2');
    const total = await prisma.pegawai.count();
    expect(page2.text).toContain(`halaman 2 dari ${Math.ceil(total / 25)}`);
    expect((page2.text.match(/\/ubah"/g) ?? []).length).toBe(total - 25);
  });

  it('when the atasan would make a loop, or is the pegawai themself, then it is refused and nothing changes', async () => {
    const budi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan }, include: { unit: true } });
    const body = {
      nip: budi.nip,
      nama: budi.nama,
      golongan: 'III/d',
      unitId: String(budi.unitId),
      jabatanId: String(budi.jabatanId),
      peran: [] as string[],
    };
    const loop = await post(admin, `/admin/pegawai/${budi.id}`, { ...body, nipAtasan: DEMO_ACCOUNTS.pegawai }); // Rina is Budi's bawahan
    expect(loop.status).toBe(422);
    expect(loop.text).toContain('rantai atasan akan berputar');
    const self = await post(admin, `/admin/pegawai/${budi.id}`, { ...body, nipAtasan: budi.nip });
    expect(self.text).toContain('Pegawai tidak dapat menjadi atasan dirinya sendiri.');
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id: budi.id } })).atasanId).toBe(budi.atasanId);
  });

  it('when a pegawai is deactivated, then their open session ends at once, login fails, and history stays', async () => {
    const target = '199405182020121005';
    const victim = await loginAs(app, target);
    expect((await victim.get('/')).status).toBe(200);
    const id = await pegawaiId(target);
    const before = await prisma.pegawai.findUniqueOrThrow({ where: { id } });
    const res = await post(admin, `/admin/pegawai/${id}/nonaktifkan`, {});
    expect(res.status).toBe(303);
    const after = await prisma.pegawai.findUniqueOrThrow({ where: { id } });
    expect(after.aktif).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const next = await victim.get('/');
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe('/login');
    await expect(loginAs(app, target)).rejects.toThrow(/401/);
    expect(await prisma.realisasi.count({ where: { pegawaiId: id } })).toBeGreaterThan(0);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'pegawai.nonaktifkan', objectId: String(id) } });
    // the last day of service (none typed: the Pemda's today) is recorded with it (issue 24)
    expect([log.before, log.after]).toEqual([{ aktif: true }, { aktif: false, berhenti: TEST_TODAY }]);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id } })).berhenti?.toISOString().slice(0, 10)).toBe(TEST_TODAY);
    const self = await post(admin, `/admin/pegawai/${adminId}/nonaktifkan`, {});
    expect(self.status).toBe(303);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id: adminId } })).aktif).toBe(true);
  });

  it('when the admin resets a password, then a new temporary one is shown once, old sessions end, and it must be changed', async () => {
    const target = '198909142015031002';
    const victim = await loginAs(app, target);
    const id = await pegawaiId(target);
    const res = await post(admin, `/admin/pegawai/${id}/reset-password`, {});
    expect(res.status).toBe(200);
    const password = res.text.match(/data-testid="password-sementara"><code>([^<]+)</)![1];
    expect((await victim.get('/')).headers.location).toBe('/login');
    const again = await loginAs(app, target, password);
    expect((await again.get('/')).headers.location).toBe('/akun/password');
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id } })).mustChangePassword).toBe(true);
  });
});

describe('import pages', () => {
  it('when the admin uploads a good semicolon pegawai file, then the accounts exist and the passwords come back once as a download', async () => {
    const token = await tokenOf(admin, '/admin/impor');
    const nipA = validNip(3001);
    const csv = `\uFEFFnip;nama;golongan;unit_kerja;jabatan;nip_atasan;peran\r\n${nipA};Impor Satu;II/a;Dinas Kesehatan;;;pegawai\r\n`;
    const res = await admin
      .post(`/admin/impor/pegawai?_csrf=${encodeURIComponent(token)}`)
      .attach('berkas', Buffer.from(csv), 'pegawai.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Impor berhasil.');
    const link = res.text.match(/href="data:text\/csv;charset=utf-8;base64,([^"]+)"/)?.[1];
    const file = Buffer.from(link!, 'base64').toString('utf8');
    const password = file.split('\r\n')[1].split(';')[2];
    const p = await prisma.pegawai.findUniqueOrThrow({ where: { nip: nipA } });
    expect(await argon2.verify(p.passwordHash, password)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: 'impor.pegawai', actorId: adminId } })).toBe(1);
  });

  it('when the upload has a bad row, then the page lists it by row and column with 422 and nothing is imported', async () => {
    const token = await tokenOf(admin, '/admin/impor');
    const csv = `nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran\n${validNip(3002)},Dua,II/a,Dinas Kesehatan,,,\n${validNip(3003)},,II/a,Dinas Kesehatan,,,\n`;
    const res = await admin
      .post(`/admin/impor/pegawai?_csrf=${encodeURIComponent(token)}`)
      .attach('berkas', Buffer.from(csv), 'pegawai.csv');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Tidak ada data yang disimpan: 1 kesalahan.');
    expect(res.text).toMatch(/<td class="num">3<\/td><td>nama<\/td><td>Nama wajib diisi.<\/td>/);
    expect(await prisma.pegawai.count({ where: { nip: validNip(3002) } })).toBe(0);
    const latin1 = await admin
      .post(`/admin/impor/anjab?_csrf=${encodeURIComponent(token)}`)
      .attach('berkas', Buffer.from([0x6e, 0x61, 0x6d, 0x61, 0xe9, 0x0a]), 'anjab.csv');
    expect(latin1.status).toBe(422);
    expect(latin1.text).toContain('Berkas bukan teks UTF-8.');
  });

  it('when the template is downloaded, then it is a UTF-8 CSV with a BOM and the exact columns', async () => {
    const res = await admin.get('/admin/impor/templat-anjab.csv').buffer(true);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('templat-anjab.csv');
    expect(res.text.split('\r\n')[0]).toBe(
      '\uFEFFinduk_unit_kerja;unit_kerja;jabatan;jenis_jabatan;kelas_jabatan;uraian_tugas;hasil_kerja;satuan_hasil;volume_per_tahun;norma_waktu_menit',
    );
  });
});

describe('settings', () => {
  const valid = async () => {
    const page = await admin.get('/admin/pengaturan');
    const body: Record<string, string> = {};
    for (const m of page.text.matchAll(/<input id="[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)) body[m[1]] = m[2];
    for (const m of page.text.matchAll(/<select id="[^"]+" name="([^"]+)"[\s\S]*?<option value="([^"]*)" selected/g)) body[m[1]] = m[2];
    body.zonaWaktu ??= '';
    return body;
  };

  it('when settings are invalid, then each field says why with 422, the typed values stay, and nothing is saved', async () => {
    const rows = await prisma.setting.count();
    const res = await post(admin, '/admin/pengaturan', {
      ...(await valid()),
      wkeMenitPerTahun: 'banyak',
      'jamKerja.senin.masuk': '7.30',
      'pjBatas.a': '',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('WKE harus berupa angka.');
    expect(res.text).toContain('Jam masuk: tulis jam sebagai HH:MM');
    expect(res.text).toContain('Batas A wajib diisi.');
    expect(res.text).toContain('value="banyak"');
    expect(res.text).toContain('value="7.30"');
    // rules across fields, once every field is well-formed
    const cross = await post(admin, '/admin/pengaturan', {
      ...(await valid()),
      tppPorsiKinerja: '70',
      'pjBatas.c': '0.95',
    });
    expect(cross.status).toBe(422);
    expect(cross.text).toContain('Porsi kinerja dan porsi disiplin harus berjumlah 100%.');
    expect(cross.text).toContain('Batas harus menurun: A ≥ B &gt; C &gt; D &gt; 0.');
    expect(await prisma.setting.count()).toBe(rows);
  });

  it('when valid settings change, then only the changed keys are stored, audited before → after, and read back at once', async () => {
    const res = await post(admin, '/admin/pengaturan', {
      ...(await valid()),
      wkeMenitPerTahun: '72000',
      zonaWaktu: 'Asia/Makassar',
      'jamKerja.sabtu.masuk': '08:00',
      'jamKerja.sabtu.pulang': '12:00',
    });
    expect(res.status).toBe(303);
    const stored = await prisma.setting.findMany({
      where: { key: { in: ['wkeMenitPerTahun', 'zonaWaktu', 'jamKerja', 'namaPemda'] } },
    });
    expect(Object.fromEntries(stored.map((s) => [s.key, s.value]))).toMatchObject({
      wkeMenitPerTahun: 72000,
      zonaWaktu: 'Asia/Makassar',
    });
    expect(stored.find((s) => s.key === 'namaPemda')).toBeUndefined(); // unchanged keys are not written
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'pengaturan.ubah', objectId: 'wkeMenitPerTahun' } });
    expect([log.before, log.after]).toEqual([{ wkeMenitPerTahun: 75000 }, { wkeMenitPerTahun: 72000 }]);
    invalidateSettings();
    const s = await getSettings();
    expect(s.jamKerja.sabtu).toEqual({ masuk: '08:00', pulang: '12:00' });
    expect(s.wkeMenitPerTahun).toBe(72000);
  });
});

describe('audit log viewer', () => {
  it('when the admin filters by action and actor, then only those rows are listed', async () => {
    const res = await admin.get(`/admin/audit?nip=${DEMO_ACCOUNTS.admin}&aksi=pengaturan.ubah`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('pengaturan.ubah');
    expect(res.text).not.toContain('<code>pegawai.tambah</code>');
    const none = await admin.get('/admin/audit?nip=199203102019032001');
    expect(none.text).toContain('Tidak ada catatan.');
    const bad = await admin.get('/admin/audit?nip=abc&dari=kemarin');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('NIP pelaku terdiri dari 18 digit angka.');
  });
});
