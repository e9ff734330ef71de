import argon2 from 'argon2';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { importAnjabCsv, TEMPLATE_ANJAB } from '../../src/services/import/anjab.ts';
import { importPegawaiCsv, TEMPLATE_PEGAWAI } from '../../src/services/import/pegawai.ts';
import { DEMO_ACCOUNTS } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { validNip } from '../helpers/nip.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const admin = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.admin } });
const opts = { actorId: admin.id };

const PEGAWAI_HEADER = 'nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran';
const ANJAB_HEADER =
  'induk_unit_kerja,unit_kerja,jabatan,jenis_jabatan,kelas_jabatan,uraian_tugas,hasil_kerja,satuan_hasil,volume_per_tahun,norma_waktu_menit';

const counts = async () => ({
  unit: await prisma.unitKerja.count(),
  jabatan: await prisma.jabatan.count(),
  tugas: await prisma.uraianTugas.count(),
  pegawai: await prisma.pegawai.count(),
});

describe('import Anjab', () => {
  const good = [
    ANJAB_HEADER,
    ',Dinas Pendidikan,Kepala Dinas Pendidikan,JPT,14,Menyusun renstra dinas,Dokumen Renstra,Dokumen,1,4800',
    'Dinas Pendidikan,Bidang Pembinaan SD,Kepala Bidang Pembinaan SD,Administrator,11,,,,,',
    'Bidang Pembinaan SD,Seksi Kurikulum SD,Kepala Seksi Kurikulum SD,Pengawas,9,Menyusun bahan kurikulum,Bahan kurikulum,Dokumen,4,2400',
    'Bidang Pembinaan SD,Seksi Kurikulum SD,Pengolah Data Kurikulum,Pelaksana,6,Mengolah data kurikulum,Rekap data,Rekap,12,300',
    'Bidang Pembinaan SD,Seksi Kurikulum SD,Pengolah Data Kurikulum,Pelaksana,6,Menyusun laporan bulanan,Laporan,Laporan,12,240',
  ].join('\n');

  it('when a good file is imported, then units (children after their induk), jabatan and tasks are created and audited', async () => {
    const before = await counts();
    const res = await importAnjabCsv(good, opts);
    expect(res.errors).toEqual([]);
    expect(res.ok).toBe(true);
    expect(res.counts).toEqual({
      unitKerja: { created: 3, updated: 0, unchanged: 0 },
      jabatan: { created: 4, updated: 0, unchanged: 0 },
      uraianTugas: { created: 4, updated: 0, unchanged: 0 },
    });
    const after = await counts();
    expect(after.unit - before.unit).toBe(3);
    const seksi = await prisma.unitKerja.findFirstOrThrow({
      where: { nama: 'Seksi Kurikulum SD' },
      include: { induk: { include: { induk: true } } },
    });
    expect(seksi.induk?.nama).toBe('Bidang Pembinaan SD');
    expect(seksi.induk?.induk?.nama).toBe('Dinas Pendidikan');
    expect(seksi.induk?.induk?.indukId).toBeNull();
    const jab = await prisma.jabatan.findFirstOrThrow({
      where: { nama: 'Pengolah Data Kurikulum' },
      include: { uraianTugas: { orderBy: { urutan: 'asc' } } },
    });
    expect(jab).toMatchObject({ jenis: 'PELAKSANA', kelas: 6, unitId: seksi.id });
    expect(jab.uraianTugas.map((t) => [t.uraian, Number(t.volumePerTahun), t.normaWaktu])).toEqual([
      ['Mengolah data kurikulum', 12, 300],
      ['Menyusun laporan bulanan', 12, 240],
    ]);
    const audits = await prisma.auditLog.count({
      where: { actorId: admin.id, action: { in: ['unitKerja.impor', 'jabatan.impor', 'uraianTugas.impor'] } },
    });
    expect(audits).toBe(11);
  });

  it('when the same file is imported again, then nothing changes', async () => {
    const before = await counts();
    const auditsBefore = await prisma.auditLog.count({ where: { action: { endsWith: '.impor' } } });
    const res = await importAnjabCsv(good, opts);
    expect(res.ok).toBe(true);
    expect(res.counts.uraianTugas).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(res.counts.jabatan).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(res.counts.unitKerja).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { action: { endsWith: '.impor' } } })).toBe(auditsBefore);
  });

  it('when a semicolon file with a BOM, Indonesian decimals and a changed norma is imported, then that one task is updated with before → after', async () => {
    const text =
      '\uFEFF' +
      [
        ANJAB_HEADER.replaceAll(',', ';'),
        'Bidang Pembinaan SD;Seksi Kurikulum SD;Pengolah Data Kurikulum;Pelaksana;6;Mengolah data kurikulum;Rekap data;Rekap;12;360',
        'Bidang Pembinaan SD;Seksi Kurikulum SD;Pengolah Data Kurikulum;Pelaksana;6;Menyusun laporan bulanan;Laporan;Laporan;"12,0";240',
      ].join('\r\n');
    const res = await importAnjabCsv(text, opts);
    expect(res.errors).toEqual([]);
    expect(res.counts.uraianTugas).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const t = await prisma.uraianTugas.findFirstOrThrow({ where: { uraian: 'Mengolah data kurikulum' } });
    expect(t.normaWaktu).toBe(360);
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'uraianTugas.impor', objectId: String(t.id) },
      orderBy: { id: 'desc' },
    });
    expect(log.before).toMatchObject({ normaWaktu: 300 });
    expect(log.after).toMatchObject({ normaWaktu: 360 });
  });

  it('when one row is bad, then nothing is imported and the errors name the row and column in Bahasa Indonesia', async () => {
    const before = await counts();
    const text = [
      ANJAB_HEADER,
      ',Dinas Pariwisata,Kepala Dinas Pariwisata,JPT,14,Menyusun renstra,Dokumen,Dokumen,1,4800',
      'Dinas Pariwisata,Bidang Destinasi,Kepala Bidang Destinasi,Direktur,11,Membina destinasi,Laporan,Laporan,dua,0',
      'Dinas Tidak Ada,Seksi X,Analis,Fungsional,8,,,,,',
    ].join('\n');
    const res = await importAnjabCsv(text, opts);
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual(
      expect.arrayContaining([
        { baris: 3, kolom: 'jenis_jabatan', pesan: expect.stringContaining('Jenis jabatan "Direktur" tidak dikenal') },
        { baris: 3, kolom: 'volume_per_tahun', pesan: expect.stringContaining('bukan angka') },
        { baris: 3, kolom: 'norma_waktu_menit', pesan: expect.stringContaining('bilangan bulat menit') },
      ]),
    );
    expect(await counts()).toEqual(before);
    expect(await prisma.unitKerja.count({ where: { nama: 'Dinas Pariwisata' } })).toBe(0);

    const orphan = await importAnjabCsv([ANJAB_HEADER, 'Dinas Tidak Ada,Seksi X,Analis,Fungsional,8,,,,,'].join('\n'), opts);
    expect(orphan.errors).toEqual([
      { baris: 2, kolom: 'induk_unit_kerja', pesan: 'Induk unit kerja "Dinas Tidak Ada" tidak ditemukan di data maupun di berkas.' },
    ]);
  });

  it('when two new units name each other as induk, then nothing at all is written (not even the other new units) and both rows say so', async () => {
    const before = await counts();
    const res = await importAnjabCsv(
      [
        ANJAB_HEADER,
        ',Dinas Perikanan,Kepala Dinas Perikanan,JPT,14,,,,,',
        'Bidang Lingkar B,Bidang Lingkar A,Kepala Bidang A,Administrator,11,,,,,',
        'Bidang Lingkar A,Bidang Lingkar B,Kepala Bidang B,Administrator,11,,,,,',
      ].join('\n'),
      opts,
    );
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { baris: 3, kolom: 'induk_unit_kerja', pesan: 'Induk unit kerja "Bidang Lingkar B" membentuk lingkaran.' },
      { baris: 4, kolom: 'induk_unit_kerja', pesan: 'Induk unit kerja "Bidang Lingkar A" membentuk lingkaran.' },
    ]);
    expect(await counts()).toEqual(before);
    expect(await prisma.unitKerja.count({ where: { nama: 'Dinas Perikanan' } })).toBe(0);
  });

  it('when the header is wrong, then the missing and unknown columns are named on row 1', async () => {
    const res = await importAnjabCsv('unit;jabatan\nA;B', opts);
    expect(res.ok).toBe(false);
    expect(res.errors).toContainEqual({ baris: 1, kolom: 'unit_kerja', pesan: 'Kolom "unit_kerja" tidak ada pada baris judul.' });
    expect(res.errors).toContainEqual({ baris: 1, kolom: 'unit', pesan: 'Kolom "unit" tidak dikenal.' });
  });

  it('when the downloadable template is imported into the demo Pemda, then it is accepted and reuses the units it names', async () => {
    const units = await prisma.unitKerja.count();
    const res = await importAnjabCsv(TEMPLATE_ANJAB, opts);
    expect(res.errors).toEqual([]);
    expect(res.counts.unitKerja).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(res.counts.uraianTugas).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await prisma.unitKerja.count()).toBe(units);
  });
});

describe('import pegawai', () => {
  const nipA = validNip(9001, 1);
  const nipB = validNip(9002, 2);
  const good = [
    PEGAWAI_HEADER,
    `${nipB},Bunga Citra,III/a,Seksi Pengembangan Aplikasi,Pengelola Sistem Informasi,${nipA},pegawai`,
    `${nipA},Ahmad Kurnia,iii/d,Seksi Pengembangan Aplikasi,,${DEMO_ACCOUNTS.atasan},pegawai|pimpinan`,
  ].join('\n');

  it('when a good file is imported, then accounts are created with atasan from the same file, roles, and one-time passwords that are only stored hashed', async () => {
    const res = await importPegawaiCsv(good, opts);
    expect(res.errors).toEqual([]);
    expect(res.counts.pegawai).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(res.passwords.map((p) => p.nip).sort()).toEqual([nipA, nipB].sort());
    const a = await prisma.pegawai.findUniqueOrThrow({ where: { nip: nipA } });
    const b = await prisma.pegawai.findUniqueOrThrow({ where: { nip: nipB }, include: { jabatan: true, unit: true } });
    expect(a).toMatchObject({
      nama: 'Ahmad Kurnia',
      golongan: 'III_D',
      peran: ['PEGAWAI', 'PIMPINAN'],
      mustChangePassword: true,
      jabatanId: null,
    });
    expect(b).toMatchObject({ golongan: 'III_A', atasanId: a.id, peran: ['PEGAWAI'], mustChangePassword: true });
    expect(b.jabatan?.nama).toBe('Pengelola Sistem Informasi');
    expect(b.unit?.nama).toBe('Seksi Pengembangan Aplikasi');
    const pw = res.passwords.find((p) => p.nip === nipB)!.password;
    expect(pw).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(b.passwordHash).not.toContain(pw);
    expect(await argon2.verify(b.passwordHash, pw)).toBe(true);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'pegawai.impor', objectId: String(b.id) } });
    expect(log.actorId).toBe(admin.id);
    expect(JSON.stringify(log.after)).not.toContain(pw);
  });

  it('when the same file is imported again, then nothing changes and no password is issued', async () => {
    const before = await prisma.pegawai.findMany({ where: { nip: { in: [nipA, nipB] } }, orderBy: { nip: 'asc' } });
    const res = await importPegawaiCsv(good, opts);
    expect(res.ok).toBe(true);
    expect(res.counts.pegawai).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(res.passwords).toEqual([]);
    expect(await prisma.pegawai.findMany({ where: { nip: { in: [nipA, nipB] } }, orderBy: { nip: 'asc' } })).toEqual(before);
  });

  it('when a semicolon file changes a golongan, then only that pegawai is updated and audited before → after', async () => {
    const text = [
      PEGAWAI_HEADER.replaceAll(',', ';'),
      `${nipB};Bunga Citra;III/b;Seksi Pengembangan Aplikasi;Pengelola Sistem Informasi;${nipA};pegawai`,
      `${nipA};Ahmad Kurnia;III/d;Seksi Pengembangan Aplikasi;;${DEMO_ACCOUNTS.atasan};pimpinan`,
    ].join('\n');
    const res = await importPegawaiCsv(text, opts);
    expect(res.errors).toEqual([]);
    expect(res.counts.pegawai).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const b = await prisma.pegawai.findUniqueOrThrow({ where: { nip: nipB } });
    expect(b.golongan).toBe('III_B');
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'pegawai.impor', objectId: String(b.id) },
      orderBy: { id: 'desc' },
    });
    expect(log.before).toMatchObject({ golongan: 'III/a' });
    expect(log.after).toMatchObject({ golongan: 'III/b' });
  });

  it('when one row of many is bad, then nothing is imported and each error names its row and column', async () => {
    const before = await counts();
    const text = [
      PEGAWAI_HEADER,
      `${validNip(9101)},Satu,III/a,Seksi Pengembangan Aplikasi,,,`,
      `199013452015011001,Dua,III/a,Seksi Pengembangan Aplikasi,,,`,
      `${validNip(9103)},Tiga,V/a,Unit Entah,,,raja`,
      `${validNip(9104)},Empat,II/a,Seksi Pengembangan Aplikasi,Jabatan Entah,${validNip(9999)},`,
    ].join('\n');
    const res = await importPegawaiCsv(text, opts);
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { baris: 3, kolom: 'nip', pesan: 'Tanggal lahir pada NIP (digit 1–8) tidak valid. (199013452015011001)' },
      { baris: 4, kolom: 'golongan', pesan: 'Golongan "V/a" tidak dikenal; tulis seperti III/a (I/a … IV/e).' },
      { baris: 4, kolom: 'unit_kerja', pesan: 'Unit kerja "Unit Entah" tidak ditemukan (atau tidak aktif).' },
      { baris: 4, kolom: 'peran', pesan: 'Peran "raja" tidak dikenal; pilih pegawai, pimpinan, admin (pisahkan dengan |).' },
      {
        baris: 5,
        kolom: 'jabatan',
        pesan: 'Jabatan "Jabatan Entah" tidak ada di unit kerja "Seksi Pengembangan Aplikasi". Impor Anjab terlebih dahulu.',
      },
    ]);
    expect(await counts()).toEqual(before);
    expect(await prisma.pegawai.count({ where: { nip: validNip(9101) } })).toBe(0);
  });

  it('when the file makes an atasan chain loop (with an existing pegawai), then the rows are refused and nothing changes', async () => {
    const atasanBefore = await prisma.pegawai.findUniqueOrThrow({ where: { nip: nipA } });
    // nipA's atasan becomes nipB, whose atasan is nipA: a loop.
    const text = [PEGAWAI_HEADER, `${nipA},Ahmad Kurnia,III/d,Seksi Pengembangan Aplikasi,,${nipB},pimpinan`].join('\n');
    const res = await importPegawaiCsv(text, opts);
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([{ baris: 2, kolom: 'nip_atasan', pesan: `Rantai atasan berputar kembali ke pegawai ini (NIP ${nipA}).` }]);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip: nipA } })).atasanId).toBe(atasanBefore.atasanId);
    const self = await importPegawaiCsv([PEGAWAI_HEADER, `${nipA},Ahmad,III/d,Seksi Pengembangan Aplikasi,,${nipA},`].join('\n'), opts);
    expect(self.errors).toEqual([{ baris: 2, kolom: 'nip_atasan', pesan: 'Pegawai tidak dapat menjadi atasan dirinya sendiri.' }]);
  });

  it('when the downloadable template is imported, then its two example accounts are created, the second under the first', async () => {
    const res = await importPegawaiCsv(TEMPLATE_PEGAWAI, opts);
    expect(res.errors).toEqual([]);
    expect(res.counts.pegawai?.created).toBe(2);
    const second = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '199505052020122001' }, include: { atasan: true } });
    expect(second.atasan?.nip).toBe('198001012005011001');
    // the optional columns of TPP's payment: filled on the first row, empty (nothing recorded) on the second
    expect(second).toMatchObject({ bankNama: null, rekening: null, gaji: null, statusPtkp: null });
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { nip: '198001012005011001' } })).toMatchObject({
      bankNama: 'Bank Kalsel',
      rekening: '0011223344',
      gaji: 5_250_000,
      statusPtkp: 'K/2',
    });
  });

  it('when 5,000 pegawai are imported, then they all exist with their atasan, in batches of 1,000 rows (statements never per row)', async () => {
    const file = (n: number, from: number) => {
      const lines = [PEGAWAI_HEADER];
      for (let i = from; i < from + n; i++) {
        const head = i - ((i - from) % 50);
        const atasan = i === head ? DEMO_ACCOUNTS.atasan : validNip(head);
        lines.push(`${validNip(i)},Pegawai Uji ${i},III/a,Seksi Pengembangan Aplikasi,Pengelola Sistem Informasi,${atasan},pegawai`);
      }
      return lines.join('\n');
    };
    // How fast is for benchmarks (README); here, the shape: statements grow by a few per 1,000-row batch, never per row.
    const statements = async (csv: string) => {
      let n = 0;
      const query = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
        n++;
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      const started = performance.now();
      try {
        return { res: await importPegawaiCsv(csv, opts), n, ms: performance.now() - started };
      } finally {
        pg.Client.prototype.query = query;
      }
    };
    const small = await statements(file(50, 6000));
    expect(small.res.counts.pegawai).toEqual({ created: 50, updated: 0, unchanged: 0 });
    const big = await statements(file(5000, 0));
    console.info(`5,000-row pegawai import: ${Math.round(big.ms)} ms, ${big.n} SQL statements (50 rows: ${small.n})`);
    expect(big.res.errors).toEqual([]);
    expect(big.res.counts.pegawai).toEqual({ created: 5000, updated: 0, unchanged: 0 });
    expect(big.res.passwords).toHaveLength(5000);
    expect(big.n - small.n).toBeLessThanOrEqual(3 * (5000 / 1000)); // insert, update, audit per batch
    expect(await prisma.pegawai.count({ where: { nama: { startsWith: 'Pegawai Uji ' } } })).toBe(5050);
    const last = await prisma.pegawai.findUniqueOrThrow({ where: { nip: validNip(4999) }, include: { atasan: true } });
    expect(last.atasan?.nip).toBe(validNip(4950));

    const again = await statements(file(5000, 0));
    console.info(`5,000-row pegawai re-import (no change): ${Math.round(again.ms)} ms`);
    expect(again.res.counts.pegawai).toEqual({ created: 0, updated: 0, unchanged: 5000 });
  }, 120_000);
});
