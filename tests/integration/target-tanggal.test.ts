import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatTanggal } from '../../src/domain/periode.ts';
import { csrfFrom, DEMO_ACCOUNTS, postMultipart } from '../helpers/app.ts';
import { DEWI, KASI_EGOV, targetFixtures } from './fixtures/target.ts';

// Targets where the answer depends on today's date: today's month is open and the month three months back closed (tutup
// bulan), this month's entries link to this month's target, and a mutasi from today ends the old jabatan's targets. The
// date matrix (vitest.config.ts) runs this file again at the edges of months, years and the input deadline.
const { prisma, today, Y, M, lalu3, depan, ym, byNip, pegawai, tugasDari, as, post, target, entri, bulanan, auditOf } =
  await targetFixtures();

describe('edit and delete a target while no realisasi of it is verified', () => {
  it('when the pegawai edits their target, then the new values are saved, it goes back to the atasan, and it is audited', async () => {
    const t = await target({ bulan: { [M]: 6 }, status: 'DISETUJUI' });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const form = await p.get(`/realisasi-tahunan/target/${t.id}/ubah`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(t.pekerjaan);
    const res = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: 'Menyusun laporan bulanan (diubah)',
      kuantitas: '8',
      satuan: 'Laporan',
      [`b${M}`]: '8',
    });
    expect(res.status).toBe(303);
    const row = await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } });
    expect(row).toMatchObject({ pekerjaan: 'Menyusun laporan bulanan (diubah)', satuan: 'Laporan', status: 'DIAJUKAN' });
    expect(Number(row.kuantitas)).toBe(8);
    expect((await bulanan(t.id))[M - 1]).toBe(8);
    expect(await auditOf('target.ubah', t.id)).toBe(1);
  });
});

describe('the monthly spread changes in open months only', () => {
  it('when a closed month is given another value, then 409 (tutup bulan) and the month keeps its value', async () => {
    const t = await target({ tahun: lalu3.tahun, bulan: { [lalu3.bulan]: 5 } });
    const res = await post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: t.pekerjaan,
      kuantitas: '5',
      [`b${lalu3.bulan}`]: '2',
      [`b${lalu3.bulan === 12 ? 11 : 12}`]: '3',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('sudah ditutup');
    expect((await bulanan(t.id))[lalu3.bulan - 1]).toBe(5);
  });

  it('when the pegawai edits a target whose month is closed without touching it, then the closed month keeps its value', async () => {
    const t = await target({ tahun: lalu3.tahun, bulan: { [lalu3.bulan]: 5 } });
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const form = await p.get(`/realisasi-tahunan/target/${t.id}/ubah`);
    expect(form.text).toMatch(new RegExp(`id="b${lalu3.bulan}"[^>]*readonly`));
    const res = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: 'Judul baru, sebaran tetap', kuantitas: '5' });
    expect(res.status).toBe(303);
    expect((await bulanan(t.id))[lalu3.bulan - 1]).toBe(5);
    // Less than what the closed months already hold cannot be spread: 422 on the quantity.
    const kurang = await post(p, `/realisasi-tahunan/target/${t.id}/ubah`, { pekerjaan: 'Judul baru, sebaran tetap', kuantitas: '4' });
    expect(kurang.status).toBe(422);
    expect(kurang.text).toMatch(/sudah ditutup/);
  });

  it("when an admin reopened the closed month for the pegawai's unit, then Ubah Target offers it and saves its value; closed again, read-only again", async () => {
    const t = await target({ tahun: lalu3.tahun, bulan: { [lalu3.bulan]: 5 } });
    const ubah = `/realisasi-tahunan/target/${t.id}/ubah`;
    const readonly = new RegExp(`id="b${lalu3.bulan}"[^>]*readonly`);
    const admin = await as(DEMO_ACCOUNTS.admin);
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const dibuka = await post(admin, '/admin/tutup-bulan', {
      unitId: String(pegawai.unitId),
      bulan: ym(lalu3),
      alasan: 'Koreksi target triwulan',
    });
    expect(dibuka.status).toBe(303);
    const buka = await prisma.bukaBulan.findFirstOrThrow({ where: { unitId: pegawai.unitId!, tahun: lalu3.tahun, bulan: lalu3.bulan } });
    try {
      const form = await p.get(ubah);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`id="b${lalu3.bulan}"`);
      expect(form.text).not.toMatch(readonly);
      const res = await post(p, ubah, { pekerjaan: t.pekerjaan, kuantitas: '2', [`b${lalu3.bulan}`]: '2' });
      expect(res.status).toBe(303);
      expect((await bulanan(t.id))[lalu3.bulan - 1]).toBe(2);
    } finally {
      expect((await post(admin, `/admin/tutup-bulan/${buka.id}/tutup`, {})).status).toBe(303);
    }
    expect((await p.get(ubah)).text).toMatch(readonly);
  });

  it("when this month's target goes from 0 to a quantity, then this month's entries of that target link to it (their version unchanged)", async () => {
    const t = await target({ bulan: {} });
    const e = await entri(t, today);
    expect(e.targetBulananId).toBeNull();
    const res = await post(await as(DEMO_ACCOUNTS.pegawai), `/realisasi-tahunan/target/${t.id}/ubah`, {
      pekerjaan: t.pekerjaan,
      kuantitas: '3',
      [`b${M}`]: '3',
    });
    expect(res.status).toBe(303);
    const tb = await prisma.targetBulanan.findUniqueOrThrow({ where: { targetTahunanId_bulan: { targetTahunanId: t.id, bulan: M } } });
    const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(after.targetBulananId).toBe(tb.id);
    expect(after.updatedAt.toISOString()).toBe(e.updatedAt.toISOString());
  });
});

describe("the old jabatan's targets end at the TMT of a mutasi", () => {
  it('when a pegawai moves to another jabatan from today, then their old targets are not offered after the TMT and realisasi on them is refused', async () => {
    const dewi = await byNip(DEWI);
    const kasi = await byNip(KASI_EGOV);
    const jabatanBaru = await prisma.jabatan.findFirstOrThrow({
      where: { unitId: kasi.unitId!, id: { not: dewi.jabatanId! }, aktif: true },
    });
    const lama = await target({
      pegawaiId: dewi.id,
      tahun: depan.tahun,
      bulan: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, 1])),
      uraianTugasId: (await tugasDari(dewi.jabatanId)).id,
      status: 'DISETUJUI',
    });
    const bulanIni = await target({
      pegawaiId: dewi.id,
      bulan: { [M]: 4 },
      uraianTugasId: (await tugasDari(dewi.jabatanId)).id,
      status: 'DISETUJUI',
    });
    const d = await as(DEWI);
    expect((await d.get(`/realisasi?bulan=${ym(depan)}`)).text).toContain(lama.pekerjaan);

    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/admin/pegawai/${dewi.id}/riwayat`);
    const res = await admin
      .post(`/admin/pegawai/${dewi.id}/mutasi`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        versi: /name="versi" value="([^"]*)"/.exec(page.text)![1],
        tmt: today,
        unitId: String(kasi.unitId),
        jabatanId: String(jabatanBaru.id),
        nipAtasan: KASI_EGOV,
        alasan: 'SK Bupati 821/200',
      });
    expect(res.status).toBe(303);
    for (const t of [lama, bulanIni]) {
      expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: t.id } })).berakhir?.toISOString().slice(0, 10)).toBe(today);
    }
    expect((await d.get(`/realisasi?bulan=${ym(depan)}`)).text).not.toContain(lama.pekerjaan);
    const tb = bulanIni.bulanan.find((b) => b.bulan === M)!;
    const input = await postMultipart(d, `/realisasi/input/${tb.id}`, {
      idempotencyKey: randomUUID(),
      tanggal: today,
      jumlah: '1',
      konfirmasiLibur: '1',
    });
    expect(input.status).toBe(422);
    expect(input.text).toContain('(TMT mutasi jabatan)');
    expect(await prisma.realisasi.count({ where: { targetTahunanId: bulanIni.id } })).toBe(0);
    expect((await d.get(`/realisasi-tahunan?tahun=${Y}`)).text).toContain(`berakhir ${formatTanggal(today)} (mutasi jabatan)`);
    // The pegawai adds targets for the new jabatan.
    expect((await d.get('/realisasi-tahunan/target-baru')).text).toContain(jabatanBaru.nama);
  });
});
