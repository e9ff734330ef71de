// Predikat kinerja: the direct atasan rates a subordinate per period; the predikat follows the matrix; the pegawai
// sees it; anyone else is refused with a 404.
import { describe, expect, it } from 'vitest';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const rekan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '199405182020121005' } });

describe('predikat kinerja', () => {
  it('when the atasan rates hasil kerja di atas and perilaku sesuai for Triwulan II, then the predikat is Baik, audited, and the pegawai sees it', async () => {
    const atasan = await loginAs(app, DEMO_ACCOUNTS.atasan);
    const list = await atasan.get('/predikat?tahun=2026&periode=TW2');
    expect(list.text).toContain(`/predikat/pegawai/${pegawai.id}?tahun=2026&periode=TW2`);
    const form = await atasan.get(`/predikat/pegawai/${pegawai.id}?tahun=2026&periode=TW2`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('capaian periode ini');
    const bad = await atasan
      .post(`/predikat/pegawai/${pegawai.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), tahun: '2026', periode: 'TW2', hasilKerja: 'DI_ATAS', perilakuKerja: '', catatan: 'Bagus' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Pilih predikat perilaku kerja.');
    expect(bad.text).toContain('Bagus');
    const res = await atasan
      .post(`/predikat/pegawai/${pegawai.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), tahun: '2026', periode: 'TW2', hasilKerja: 'DI_ATAS', perilakuKerja: 'SESUAI', catatan: '' });
    expect(res.status).toBe(303);
    const row = await prisma.predikatKinerja.findUniqueOrThrow({
      where: { pegawaiId_tahun_periode: { pegawaiId: pegawai.id, tahun: 2026, periode: 'TW2' } },
    });
    expect(row.predikat).toBe('Baik');
    expect(await prisma.auditLog.count({ where: { objectType: 'predikat_kinerja', objectId: String(row.id) } })).toBe(1);
    const own = await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/predikat?tahun=2026');
    expect(own.text).toContain('Triwulan II');
    expect(own.text).toContain('Baik');
  });

  it('when someone who is not the direct atasan opens or posts the rating, then 404 and nothing is stored', async () => {
    const peer = await loginAs(app, rekan.nip);
    expect((await peer.get(`/predikat/pegawai/${pegawai.id}`)).status).toBe(404);
    const page = await peer.get('/predikat');
    const res = await peer
      .post(`/predikat/pegawai/${pegawai.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), tahun: '2026', periode: 'TW1', hasilKerja: 'DI_BAWAH', perilakuKerja: 'DI_BAWAH' });
    expect(res.status).toBe(404);
    expect(await prisma.predikatKinerja.count({ where: { pegawaiId: pegawai.id, tahun: 2026, periode: 'TW1' } })).toBe(0);
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    expect((await admin.get(`/predikat/pegawai/${pegawai.id}`)).status).toBe(404);
  });
});
