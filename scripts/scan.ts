// npm run scan — sqlmap (Debian package) against a disposable local e-Kinerja: the login form, one authenticated form
// (Tambah Target Baru) and one search (Pegawai, as admin). Each target is asked to find an injectable parameter; the
// script fails if sqlmap reports one. The disposable instance has its own PostgreSQL and is deleted afterwards.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_ACCOUNTS } from '../prisma/demo-data.ts';
import { disposableInstance, log, Session } from './lib/disposable.ts';

const run = promisify(execFile);
const level = process.env.SCAN_LEVEL ?? '1';
const risk = process.env.SCAN_RISK ?? '1';

const instance = await disposableInstance('scan');
const out = mkdtempSync(join(tmpdir(), 'ekinerja-sqlmap-'));
let failed = false;
try {
  await instance.startApp();
  const { base } = instance;
  const pegawai = new Session(base);
  await pegawai.login(DEMO_ACCOUNTS.pegawai, '/realisasi-tahunan/target-baru');
  const admin = new Session(base);
  await admin.login(DEMO_ACCOUNTS.admin, '/admin/pegawai');
  const anon = new Session(base);
  await anon.tokenFrom('/login');

  const targets: { name: string; args: string[] }[] = [
    {
      name: 'login (nip, password)',
      args: [
        `--url=${base}/login`,
        `--data=nip=${DEMO_ACCOUNTS.pegawai}&password=rahasia&_csrf=${anon.token}`,
        `--cookie=${anon.cookie}`,
        '--csrf-token=_csrf',
        `--csrf-url=${base}/login`,
        '-p',
        'nip,password',
        '--ignore-code=401', // a wrong password is the login form's normal answer
      ],
    },
    {
      name: 'Tambah Target Baru (pekerjaan, satuan, kuantitas, uraianTugasId)',
      args: [
        `--url=${base}/realisasi-tahunan/target-baru`,
        `--data=uraianTugasId=1&pekerjaan=Uji&kuantitas=12&satuan=Dokumen&idempotencyKey=00000000-0000-4000-8000-000000000000&_csrf=${pegawai.token}`,
        `--cookie=${pegawai.cookie}`,
        '--csrf-token=_csrf',
        `--csrf-url=${base}/realisasi-tahunan/target-baru`,
        '-p',
        'pekerjaan,satuan,kuantitas,uraianTugasId',
      ],
    },
    {
      name: 'cari Pegawai (q, unit, hal)',
      args: [`--url=${base}/admin/pegawai?q=budi&unit=1&hal=1`, `--cookie=${admin.cookie}`, '-p', 'q,unit,hal'],
    },
  ];
  // SCAN_ONLY=login|target|cari: one target while working on it
  for (const t of targets.filter((x) => !process.env.SCAN_ONLY || x.name.toLowerCase().includes(process.env.SCAN_ONLY))) {
    log(`sqlmap: ${t.name} …`);
    const { stdout } = await run(
      'sqlmap',
      [
        ...t.args,
        '--batch',
        `--level=${level}`,
        `--risk=${risk}`,
        '--flush-session',
        `--output-dir=${out}`,
        '--disable-coloring',
        '--skip-waf',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout ?? err.message }));
    const injectable = /parameter '[^']+' (is|appears to be) .*injectable/i.test(stdout) && !/do not appear to be injectable/i.test(stdout);
    const verdict = injectable
      ? 'INJECTABLE'
      : /do not appear to be injectable/i.test(stdout)
        ? 'not injectable'
        : `no verdict (last line: ${stdout.trim().split('\n').at(-1)})`;
    log(`  → ${verdict}`);
    if (!injectable && verdict.startsWith('no verdict')) console.log(stdout.split('\n').slice(-25).join('\n'));
    if (injectable || verdict.startsWith('no verdict')) failed = true;
  }
  if (instance.appErrors.length) log(`app error lines during the scan: ${instance.appErrors.length} (first: ${instance.appErrors[0]})`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await instance.dispose();
  rmSync(out, { recursive: true, force: true });
}
log(failed ? 'scan FAILED' : 'scan: nothing injectable found');
process.exit(failed ? 1 : 0);
