import { resolve } from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import * as db from '../src/db/prisma.ts';

const e = await startEmbeddedPostgres(resolve('.data/bench'), { database: 'ekinerja_bench' });
db.connectDb(e.url);
const pool = db.pool;
const {
  rows: [p],
} = await pool.query(`SELECT id FROM pegawai WHERE nip = '199203102019032001'`);
const q = async (label: string, text: string, values: unknown[]) => {
  for (let i = 0; i < 5; i++) await pool.query(text, values);
  const r = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY ON) ${text}`, values);
  console.log('=== ' + label);
  console.log(
    r.rows
      .map((x: any) => x['QUERY PLAN'])
      .filter((l: string) => /Time|Scan|Loop|Sort|Hash|Agg/.test(l))
      .slice(0, 40)
      .join('\n'),
  );
};
const mod = await import('../src/services/auth.service.ts');
await q(
  'session',
  `SELECT s.sess, p.id, (SELECT count(*)::int FROM pegawai b WHERE b.atasan_id = p.id AND b.aktif) AS jb FROM session s LEFT JOIN pegawai p ON (s.sess #>> '{passport,user,id}') ~ '^[0-9]{1,9}$' AND p.id = (s.sess #>> '{passport,user,id}')::int LEFT JOIN jabatan j ON j.id = p.jabatan_id LEFT JOIN unit_kerja u ON u.id = p.unit_id WHERE s.sid = $1 AND s.expire >= now()`,
  ['qtime'],
);
const rs = await import('../src/services/realisasi.service.ts');
// @ts-expect-error
const HB = (await import('node:fs'))
  .readFileSync('src/services/realisasi.service.ts', 'utf8')
  .match(/const HALAMAN_BULANAN = `([\s\S]*?)`;/)[1];
await q('halaman', HB, [p.id, '2026-11-01', '2026-11-30', 2026, 11, '2026-11-30', 0]);
await q('rekap pk', 'SELECT * FROM rekap_kinerja_bulanan WHERE pegawai_id = $1 AND tahun = 2026 AND bulan = 11', [p.id]);
const c = await pool.query('SELECT count(*) FROM session');
console.log('sessions', c.rows[0]);
await db.disconnectDb();
await e.stop();
