// Issue 22, the rapel of a postponed month (docs/aturan-tpp.md "Rapel"): a month held by a penundaan when it was
// ditetapkan is paid, once released, on the daftar pembayaran of the first penetapan made on or after the release date
// (rapel-urutan.test.ts) — a line of its own with the held month's frozen neto, in the totals, the workbook's
// formulas, the bank file and the signed PDF — and never again; a release recorded before the held month is
// ditetapkan pays it in its own month. The suite's clock at 18 November 2026; November and December are ditetapkan
// at instants of December 2026 and January 2027.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTOH_ATURAN } from '../../src/domain/aturan-tpp.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, loginAs, postForm } from '../helpers/app.ts';
import { atInstant } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const rina = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const dewi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '199601092022032004' } }); // Dewi Lestari, Diskominfo
const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Dinas Komunikasi dan Informatika' } });
const LABEL = 'Rapel TPP Oktober 2026 (penundaan dilepas 20 November 2026)';
const rp = (v: number) => `Rp ${v.toLocaleString('id-ID')}`;
const binary = (res: import('node:http').IncomingMessage, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
type Agent = Awaited<ReturnType<typeof as>>;
const unduh = (agent: Agent, path: string) =>
  agent
    .get(path)
    .buffer(true)
    .parse(binary as never);
/** The admin ditetapkan a month at an instant (signed in then: a session does not outlive a jump of weeks). */
const tetapkan = (bulan: string, pada: string) =>
  atInstant(pada, async () =>
    postForm(await loginAs(app, DEMO_ACCOUNTS.admin), `/admin/tpp/tetapkan?tahun=${bulan.slice(0, 4)}`, { bulan }),
  );
const tunda = async (admin: Agent, pegawaiId: number, mulai: string) => {
  const res = await postForm(admin, `/admin/pegawai/${pegawaiId}/penundaan`, { alasan: 'LHKASN 2026 belum dilaporkan', mulai });
  expect(res.status).toBe(303);
  return prisma.penundaanTpp.findFirstOrThrow({ where: { pegawaiId, dilepas: null } });
};
const lepas = async (admin: Agent, pegawaiId: number, id: number, dilepas: string) =>
  expect((await postForm(admin, `/admin/pegawai/${pegawaiId}/penundaan/${id}/lepas`, { dilepas })).status).toBe(303);
/** The frozen rows of a month in Diskominfo's subtree. */
async function tetapKominfo(tahun: number, bulan: number) {
  const ids = (
    await prisma.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE b AS (SELECT ${kominfo.id}::int AS id UNION ALL SELECT u.id FROM unit_kerja u JOIN b ON u.induk_id = b.id) SELECT id FROM b`
  ).map((r) => r.id);
  return (await prisma.tppTetap.findMany({ where: { tahun, bulan } })).filter((t) => ids.includes(t.unitId!));
}
const tetapSatu = (pegawaiId: number, tahun: number, bulan: number) =>
  prisma.tppTetap.findUniqueOrThrow({ where: { tahun_bulan_pegawaiId: { tahun, bulan, pegawaiId } } });

beforeAll(async () => {
  await prisma.pegawai.update({ where: { id: rina.id }, data: { bankNama: 'Bank Kalsel', rekening: '001234567890', gaji: 4_500_000 } });
  await prisma.pegawai.update({ where: { id: dewi.id }, data: { bankNama: 'Bank Kalsel', rekening: '009988776655', gaji: 3_200_000 } });
});

describe('rapel of a postponed month', () => {
  it('when October is held, released on 20 November and November is ditetapkan, then November’s list pays October once, in every file, and December’s does not', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    // Rina is held from 10 October; Dewi from 5 October, released on 5 November, before October is ditetapkan
    const tundaRina = await tunda(admin, rina.id, '2026-10-10');
    const tundaDewi = await tunda(admin, dewi.id, '2026-10-05');
    await lepas(admin, dewi.id, tundaDewi.id, '2026-11-05');
    expect((await tetapkan('2026-10', '2026-11-18T10:00')).status).toBe(303);
    const oktRina = await tetapSatu(rina.id, 2026, 10);
    expect([oktRina.ditunda, (await tetapSatu(dewi.id, 2026, 10)).ditunda]).toEqual([true, false]);
    expect(oktRina.neto).toBeGreaterThan(0);

    // October's list: Rina listed, not transferred; Dewi paid in her own month
    const okt = await admin.get(`/pembayaran?bulan=2026-10&unit=${kominfo.id}`);
    expect(okt.status).toBe(200);
    const oktRows = await tetapKominfo(2026, 10);
    expect(okt.text).toContain(`data-jumlah-dibayar>${rp(oktRows.filter((t) => !t.ditunda).reduce((s, t) => s + t.neto!, 0))}<`);
    expect(okt.text).toMatch(/data-pembayaran-ditunda><strong>1 pegawai ditunda<\/strong>[^<]*Rina Wulandari/);

    // released on 20 November: owed, waiting for the next list
    await lepas(admin, rina.id, tundaRina.id, '2026-11-20');
    const menunggu = (await admin.get(`/tpp/pegawai/${rina.id}?bulan=2026-10`)).text;
    expect(menunggu).toMatch(
      /data-tpp-ditunda>[^<]*dilepas pada 20 November 2026: dibayarkan sebagai rapel pada daftar pembayaran bulan pertama/,
    );
    expect(await prisma.tppRapel.count()).toBe(0);

    // November ditetapkan on 15 December: October's frozen lines are paid on November's list
    expect((await tetapkan('2026-11', '2026-12-15T10:00')).status).toBe(303);
    expect(await prisma.tppRapel.findMany()).toEqual([
      { pegawaiId: rina.id, tahun: 2026, bulan: 10, bayarTahun: 2026, bayarBulan: 11, dilepas: new Date('2026-11-20T00:00:00Z') },
    ]);
    const novRows = await tetapKominfo(2026, 11);
    expect(novRows.find((t) => t.pegawaiId === rina.id)?.ditunda).toBe(false);
    const dibayar = novRows.filter((t) => !t.ditunda).reduce((s, t) => s + t.neto!, 0) + oktRina.neto!;
    const neto = novRows.reduce((s, t) => s + t.neto!, 0) + oktRina.neto!;
    const nov = await admin.get(`/pembayaran?bulan=2026-11&unit=${kominfo.id}`);
    expect(nov.status).toBe(200);
    expect(nov.text).toMatch(new RegExp(`data-rapel="2026-10">[\\s\\S]*?${LABEL.replace(/[()]/g, '\\$&')}`));
    expect(nov.text).toContain(`data-jumlah-dibayar>${rp(dibayar)}<`);
    expect(nov.text).toContain(`data-jumlah-neto>${rp(neto)}<`);
    expect(nov.text).toContain(`data-jumlah-tpp>${rp(novRows.reduce((s, t) => s + t.total, 0) + oktRina.total)}<`);
    expect(nov.text).toMatch(/data-pembayaran-rapel><strong>1 rapel<\/strong>/);

    // the workbook: the rapel is a row of its own, its Dibayarkan a formula of its row, in the SUM
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await unduh(admin, `/pembayaran/unit/${kominfo.id}.xlsx?bulan=2026-11`)).body as never);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(4).values as string[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    let rapel: ExcelJS.Row | undefined;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((r, n) => {
      if (n > 4 && r.getCell(col('Keterangan')).value === LABEL) rapel = r;
      if (n > 4 && r.getCell(1).value === 'Jumlah') total = r;
    });
    expect(rapel!.getCell(col('NIP')).value).toBe(rina.nip);
    expect(rapel!.getCell(col('Dibayarkan')).value).toEqual({
      formula: `IF(N${rapel!.number}="Ditunda",0,M${rapel!.number})`,
      result: oktRina.neto,
    });
    expect((total!.getCell(col('Dibayarkan')).value as { result: number }).result).toBe(dibayar);

    // the bank file: the rapel is a transfer of its own, named after the held month
    const csv = (await admin.get(`/pembayaran/unit/${kominfo.id}.csv?bulan=2026-11`)).text.split('\r\n');
    const novRina = novRows.find((t) => t.pegawaiId === rina.id)!;
    expect(csv.filter((l) => l.startsWith('001234567890,'))).toEqual([
      `001234567890,"RINA WULANDARI, S.KOM.",BANK KALSEL,${novRina.neto},TPP 2026-11 ${rina.nip}`,
      `001234567890,"RINA WULANDARI, S.KOM.",BANK KALSEL,${oktRina.neto},RAPEL TPP 2026-10 ${rina.nip}`,
    ]);

    // the signed sheet
    const teks = pdfText((await unduh(admin, `/pembayaran/unit/${kominfo.id}.pdf?bulan=2026-11`)).body as Buffer).replace(/\s+/g, ' ');
    expect(teks).toContain(LABEL);
    expect(teks).toContain(`Jumlah dibayarkan: ${rp(dibayar)}`);
    expect(teks).toContain(`termasuk rapel TPP yang ditunda lalu dilepas: 1 baris, ${rp(oktRina.neto!)}`);

    // the pegawai's Capaian & TPP: October says where it was paid, November lists the rapel
    const oktPage = (await admin.get(`/tpp/pegawai/${rina.id}?bulan=2026-10`)).text;
    expect(oktPage).toMatch(/data-tpp-ditunda>[^<]*dilepas pada 20 November 2026: dibayarkan pada daftar November 2026 \(rapel\)/);
    const novPage = (await admin.get(`/tpp/pegawai/${rina.id}?bulan=2026-11`)).text;
    expect(novPage).toMatch(new RegExp(`data-tpp-rapel>[\\s\\S]*?${LABEL.replace(/[()]/g, '\\$&')}[\\s\\S]*?\\+ ${rp(oktRina.neto!)}<`));
    // October's list stays as it was paid, and says where the held row went
    expect((await admin.get(`/pembayaran?bulan=2026-10&unit=${kominfo.id}`)).text).toContain(
      'Rina Wulandari, S.Kom. (sudah dirapel pada daftar November 2026)',
    );

    // December ditetapkan on 15 January: nothing is paid twice
    expect((await tetapkan('2026-12', '2027-01-15T10:00')).status).toBe(303);
    const des = await admin.get(`/pembayaran?bulan=2026-12&unit=${kominfo.id}`);
    expect(des.status).toBe(200);
    expect(des.text).not.toContain('data-rapel=');
    const desRows = await tetapKominfo(2026, 12);
    expect(des.text).toContain(`data-jumlah-dibayar>${rp(desRows.filter((t) => !t.ditunda).reduce((s, t) => s + t.neto!, 0))}<`);
    expect(await prisma.tppRapel.count()).toBe(1);
    // Dewi, released before October was ditetapkan, was paid in October and is never a rapel
    expect(await prisma.tppRapel.count({ where: { pegawaiId: dewi.id } })).toBe(0);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'tpp.tetapkan', objectId: '2026-11' } });
    expect(log.after).toMatchObject({ rapel: 1 });
  });

  it('when the held month is unfrozen after its rapel was paid, then 422 names the list that paid it, and PostgreSQL refuses a second rapel', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const res = await postForm(admin, '/admin/tpp/batal', { bulan: '2026-10', alasan: 'Koreksi presensi Oktober' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('sudah dibayarkan sebagai rapel pada daftar pembayaran November 2026');
    expect(await prisma.tppPenetapan.count({ where: { tahun: 2026, bulan: 10 } })).toBe(1);
    await expect(
      prisma.$executeRaw`INSERT INTO tpp_rapel (pegawai_id, tahun, bulan, bayar_tahun, bayar_bulan, dilepas)
                         VALUES (${rina.id}, 2026, 10, 2026, 12, '2026-11-20')`,
    ).rejects.toThrow(/tpp_rapel_pkey/);
    // only a month frozen as held can be paid as a rapel
    await expect(
      prisma.$executeRaw`INSERT INTO tpp_rapel (pegawai_id, tahun, bulan, bayar_tahun, bayar_bulan, dilepas)
                         VALUES (${dewi.id}, 2026, 10, 2026, 12, '2026-11-05')`,
    ).rejects.toThrow(/tpp_rapel_ditahan/);
  });

  it('when the paying month is unfrozen, then its rapel goes with it and the next penetapan of it pays the held month again', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const res = await postForm(admin, '/admin/tpp/batal', { bulan: '2026-11', alasan: 'Koreksi presensi November' });
    expect(res.status).toBe(303);
    expect(await prisma.tppRapel.count()).toBe(0);
    expect((await admin.get(`/tpp/pegawai/${rina.id}?bulan=2026-10`)).text).toContain(
      'dibayarkan sebagai rapel pada daftar pembayaran bulan pertama',
    );
    expect((await tetapkan('2026-11', '2026-12-16T10:00')).status).toBe(303);
    expect(await prisma.tppRapel.findMany({ select: { pegawaiId: true, bayarBulan: true } })).toEqual([
      { pegawaiId: rina.id, bayarBulan: 11 },
    ]);
  });

  it('when the year’s rule set does not pay held months, then a released month is never paid as a rapel', async () => {
    const isi = CONTOH_ATURAN.find((c) => c.kode === 'bawaan')!.isi();
    isi.penundaan.akibat = 'tidak-dibayar';
    await prisma.aturanTpp.create({ data: { tahun: 2027, versi: 1, nama: 'Penundaan tidak dibayar', isi } });
    const admin = await as(DEMO_ACCOUNTS.admin);
    const t = await tunda(admin, dewi.id, '2027-01-05');
    expect((await tetapkan('2027-01', '2027-02-15T10:00')).status).toBe(303);
    expect((await tetapSatu(dewi.id, 2027, 1)).ditunda).toBe(true);
    await lepas(admin, dewi.id, t.id, '2027-02-20');
    expect((await tetapkan('2027-02', '2027-03-15T10:00')).status).toBe(303);
    expect(await prisma.tppRapel.count({ where: { pegawaiId: dewi.id } })).toBe(0);
    // the pegawai's January says it is not paid, not that a rapel is coming
    expect((await admin.get(`/tpp/pegawai/${dewi.id}?bulan=2027-01`)).text).not.toContain('rapel');
  });
});
