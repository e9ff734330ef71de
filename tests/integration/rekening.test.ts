// Issue 22, the pegawai's bank account: digits only (422 next to the field, the form kept), shown in full to the admin
// and the pegawai only, masked for an atasan, and never in clear in the audit log or the logs.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/lib/csv.ts';
import { logger } from '../../src/lib/logger.ts';
import { importPegawaiCsv } from '../../src/services/import/pegawai.ts';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, include: { atasan: true } });

/** The pegawai form as the admin would send it, with the account fields changed. */
async function simpan(fields: Record<string, string>) {
  const admin = await as(DEMO_ACCOUNTS.admin);
  const form = await admin.get(`/admin/pegawai/${pegawai.id}/ubah`);
  expect(form.status).toBe(200);
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.text)?.[1] ?? '';
  const selected = (name: string) => new RegExp(`name="${name}"[\\s\\S]*?<option value="([^"]*)" selected`).exec(form.text)?.[1] ?? '';
  return postForm(admin, `/admin/pegawai/${pegawai.id}`, {
    nip: pegawai.nip,
    nama: value('nama'),
    tmt: value('tmt'),
    golongan: selected('golongan'),
    unitId: selected('unitId'),
    jabatanId: selected('jabatanId'),
    nipAtasan: pegawai.atasan!.nip,
    ...fields,
  });
}

describe('the account where TPP is paid', () => {
  it.each([
    [{ bankNama: 'Bank Kalsel', rekening: '0012-3456-78' }, 'rekening', 'hanya berisi angka'],
    [{ bankNama: 'Bank Kalsel', rekening: '12345' }, 'rekening', '6–20 digit'],
    [{ bankNama: '', rekening: '0012345678' }, 'bankNama', 'Isi nama bank'],
    [{ bankNama: 'Bank Kalsel', rekening: '' }, 'rekening', 'Isi nomor rekening'],
  ])('when %o is sent, then 422 next to %s with the form still filled, and nothing is saved', async (fields, field, message) => {
    const res = await simpan(fields);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="f-${field}-error"[^>]*>[^<]*${message}`));
    expect(res.text).toMatch(new RegExp(`name="rekening"[^>]*value="${fields.rekening}"`));
    expect(res.text).toMatch(new RegExp(`name="bankNama"[^>]*value="${fields.bankNama}"`));
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id: pegawai.id } })).rekening).toBeNull();
  });

  it('when the admin saves "0012 3456 7890", then the digits are stored, and the audit log keeps only the last four', async () => {
    const res = await simpan({ bankNama: 'Bank Kalsel', rekening: '0012 3456 7890' });
    expect(res.status).toBe(303);
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { id: pegawai.id } })).toMatchObject({
      bankNama: 'Bank Kalsel',
      rekening: '001234567890',
    });
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'pegawai.ubah', objectId: String(pegawai.id) },
      orderBy: { id: 'desc' },
    });
    expect(JSON.stringify(log, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('001234567890');
    expect((log.after as { rekening: string }).rekening).toBe('••••••••7890');
    // and the audit page shows the masked value only
    const audit = await (await as(DEMO_ACCOUNTS.admin)).get('/admin/audit');
    expect(audit.text).not.toContain('001234567890');
  });

  it('when the pegawai, the admin and the atasan open Capaian & TPP, then only the first two see the whole number', async () => {
    await prisma.pegawai.update({ where: { id: pegawai.id }, data: { bankNama: 'Bank Kalsel', rekening: '001234567890' } });
    const sendiri = await (await as(DEMO_ACCOUNTS.pegawai)).get('/tpp');
    expect(sendiri.text).toMatch(/data-rekening>Dibayarkan ke: Bank Kalsel, rekening <span[^>]*>001234567890</);
    const admin = await (await as(DEMO_ACCOUNTS.admin)).get(`/tpp/pegawai/${pegawai.id}`);
    expect(admin.text).toContain('001234567890');
    const atasan = await (await as(DEMO_ACCOUNTS.atasan)).get(`/tpp/pegawai/${pegawai.id}`);
    expect(atasan.status).toBe(200);
    expect(atasan.text).not.toContain('001234567890');
    expect(atasan.text).toContain('••••••••7890</span> (disamarkan)');
  });

  it('when anything writes letters into the number, then PostgreSQL refuses it (CHECK)', async () => {
    await expect(prisma.$executeRaw`UPDATE pegawai SET rekening = '12AB5678' WHERE id = ${pegawai.id}`).rejects.toThrow(
      /pegawai_rekening_angka/,
    );
  });

  it('when a log line carries an account number, then it is redacted', () => {
    const lines: string[] = [];
    const holder = logger as unknown as Record<symbol, { write: (s: string) => void }>;
    const stream = holder[pino.symbols.streamSym];
    const write = stream.write;
    const level = logger.level;
    logger.level = 'info';
    stream.write = (s: string) => void lines.push(s);
    try {
      logger.info({ body: { rekening: '001234567890' }, pegawai: { rekening: '001234567890' } }, 'uji');
    } finally {
      stream.write = write;
      logger.level = level;
    }
    expect(lines.join('')).toContain('[disembunyikan]');
    expect(lines.join('')).not.toContain('001234567890');
  });
});

describe('accounts through the pegawai import (optional columns bank, rekening)', () => {
  const kepala = 'nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran,bank,rekening';
  async function baris(bank: string, rekening: string) {
    const p = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, include: { unit: true, jabatan: true } });
    const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { id: p.atasanId! } });
    return csvLine([p.nip, p.nama, 'III/b', p.unit!.nama, p.jabatan?.nama ?? '', atasan.nip, 'pegawai', bank, rekening], ',');
  }

  it('when a row gives letters, or a number without a bank, then the file is refused by row and column and nothing changes', async () => {
    const before = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    const huruf = await importPegawaiCsv(`${kepala}\n${await baris('Bank Kalsel', '00AB123456')}`, { actorId: null });
    expect(huruf.errors).toEqual([
      expect.objectContaining({ baris: 2, kolom: 'rekening', pesan: expect.stringContaining('hanya berisi angka') }),
    ]);
    const tanpaBank = await importPegawaiCsv(`${kepala}\n${await baris('', '0012345678')}`, { actorId: null });
    expect(tanpaBank.errors).toEqual([expect.objectContaining({ baris: 2, kolom: 'bank' })]);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } })).rekening).toBe(before.rekening);
  });

  it('when a row gives an account, then it is saved and audited masked; a later file with both cells empty keeps it', async () => {
    const ok = await importPegawaiCsv(`${kepala}\n${await baris('Bank BPD Kalsel', '1234 5678 9012')}`, { actorId: null });
    expect(ok.errors).toEqual([]);
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } })).toMatchObject({
      bankNama: 'Bank BPD Kalsel',
      rekening: '123456789012',
    });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'pegawai.impor' }, orderBy: { id: 'desc' } });
    expect(JSON.stringify(log.after)).not.toContain('123456789012');
    expect((log.after as { rekening: string }).rekening).toBe('••••••••9012');
    const again = await importPegawaiCsv(`${kepala}\n${await baris('', '')}`, { actorId: null });
    expect(again.errors).toEqual([]);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } })).rekening).toBe('123456789012');
  });
});
