// Two identical admin creates at the same instant: both pass the service's "already taken?" check, and one INSERT then
// hits the unique index. The loser must get what a later request gets — 422, the message next to the field, the
// form still filled in — not the generic 409 page. The race is made deterministic: a second connection inserts the
// same key in an open transaction, so the app's check sees nothing and its INSERT waits on that row; then it commits.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildApp, DEMO_ACCOUNTS, loginAs, tokenOf } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { validNip } from '../helpers/nip.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
let admin: Agent;
const rival = new pg.Client({ connectionString: db.url });

beforeAll(async () => {
  admin = await loginAs(app, DEMO_ACCOUNTS.admin);
  await rival.connect();
});
afterAll(() => rival.end());

/** Runs `post` while `insert` holds the same key uncommitted, commits once the app's INSERT waits on it. */
async function lose(insert: string, params: unknown[], post: () => Promise<{ status: number; text: string }>) {
  await rival.query('BEGIN');
  await rival.query(insert, params);
  const answer = post();
  await expect
    .poll(async () => {
      const { rows } = await db.pool!.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
        [(await rival.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid],
      );
      return rows[0].n;
    })
    .toBe(1);
  await rival.query('COMMIT');
  return answer;
}

const form = async (agent: Agent, path: string, body: Record<string, string | string[]>, page: string) =>
  agent
    .post(path)
    .type('form')
    .send({ _csrf: await tokenOf(agent, page), ...body });

describe('duplicate admin creates at the same instant', () => {
  it('when two identical unit kerja are created at once, then the second gets 422 with the message at Nama and the form filled in', async () => {
    const induk = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: null } });
    const res = await lose(
      `INSERT INTO unit_kerja (nama, induk_id, updated_at) VALUES ($1, $2, now())`,
      ['Bagian Uji Balapan', induk.id],
      () =>
        form(
          admin,
          '/admin/unit-kerja',
          { nama: 'Bagian Uji Balapan', singkatan: 'BUB', indukId: String(induk.id) },
          '/admin/unit-kerja/baru',
        ),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nama ini sudah dipakai unit lain di bawah induk yang sama.');
    expect(res.text).toContain('value="Bagian Uji Balapan"');
    expect(res.text).toContain('value="BUB"');
    expect(await prisma.unitKerja.count({ where: { nama: 'Bagian Uji Balapan' } })).toBe(1);
  });

  it('when two identical jabatan are created at once, then the second gets 422 at Nama', async () => {
    const unit = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: { not: null }, aktif: true } });
    const res = await lose(
      `INSERT INTO jabatan (nama, jenis, kelas, unit_id, updated_at) VALUES ($1, 'PELAKSANA', 7, $2, now())`,
      ['Pengolah Data Balapan', unit.id],
      () =>
        form(
          admin,
          '/admin/jabatan',
          { nama: 'Pengolah Data Balapan', jenis: 'PELAKSANA', kelas: '7', unitId: String(unit.id) },
          '/admin/jabatan/baru',
        ),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Jabatan dengan nama ini sudah ada di unit kerja tersebut.');
    expect(res.text).toContain('value="Pengolah Data Balapan"');
  });

  it('when two pegawai with one NIP are created at once, then the second gets 422 at NIP with the form filled in', async () => {
    const nip = validNip(913, 1);
    const unit = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: { not: null }, aktif: true } });
    const res = await lose(
      `INSERT INTO pegawai (nip, nama, unit_id, password_hash, updated_at) VALUES ($1, 'Pegawai Lain', $2, 'x', now())`,
      [nip, unit.id],
      () =>
        form(
          admin,
          '/admin/pegawai',
          { nip, nama: 'Dewi Balapan', golongan: 'III/a', unitId: String(unit.id), nipAtasan: '' },
          '/admin/pegawai/baru',
        ),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('NIP ini sudah dipakai pegawai lain.');
    expect(res.text).toContain(`value="${nip}"`);
    expect(res.text).toContain('value="Dewi Balapan"');
    expect(await prisma.pegawai.count({ where: { nip } })).toBe(1);
  });
});
