// npm run import:pegawai -- FILE [--keluaran PASSWORDS.csv]
// npm run import:anjab -- FILE
// The same service as the upload page (src/services/import/pegawai.ts, anjab.ts), on the database of DATABASE_URL.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import cliProgress from 'cli-progress';
import { connectDb, disconnectDb } from '../src/db/prisma.ts';
import { todayIn } from '../src/domain/periode.ts';
import * as clock from '../src/lib/clock.ts';
import { importAnjabCsv } from '../src/services/import/anjab.ts';
import { importPegawaiCsv, passwordsCsv } from '../src/services/import/pegawai.ts';
import type { ImportResult } from '../src/services/import/reader.ts';
import { timezone } from '../src/services/settings.service.ts';

const PHASE = { periksa: 'Memeriksa ', password: 'Password  ', simpan: 'Menyimpan ' } as const;

async function main(): Promise<number> {
  const [kind, file, ...rest] = process.argv.slice(2);
  if ((kind !== 'pegawai' && kind !== 'anjab') || !file) {
    console.error(
      'Pemakaian: npm run import:pegawai -- BERKAS.csv [--keluaran PASSWORD.csv]\n           npm run import:anjab -- BERKAS.csv',
    );
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_URL belum diisi, contoh: DATABASE_URL=postgresql://user:pass@host:5432/ekinerja npm run import:pegawai -- pegawai.csv',
    );
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`Berkas ${file} tidak dapat dibaca.`);
    return 2;
  }
  const out =
    rest[0] === '--keluaran' && rest[1]
      ? rest[1]
      : join(dirname(file), `password-sementara-${basename(file, '.csv')}-${clock.now().getTime()}.csv`);
  if (kind === 'pegawai' && existsSync(out)) {
    console.error(`Berkas keluaran ${out} sudah ada; pilih nama lain (password tidak boleh menimpa berkas).`);
    return 2;
  }

  connectDb(url);
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  const onProgress = (p: keyof typeof PHASE, done: number, total: number) => {
    if (p !== phase) {
      if (phase) bar.stop();
      phase = p;
      bar.start(Math.max(total, 1), 0, { phase: PHASE[p] });
    }
    bar.update(Math.round(done), { phase: PHASE[p] });
  };
  let result: ImportResult;
  try {
    // A changed jabatan/unit/atasan is a mutasi from today (riwayat jabatan).
    const tmt = todayIn(await timezone(process.env.APP_TIMEZONE ?? 'Asia/Jakarta'), clock.now());
    const opts = { actorId: null, onProgress, tmt };
    result = kind === 'pegawai' ? await importPegawaiCsv(text, opts) : await importAnjabCsv(text, opts);
  } finally {
    bar.stop();
    await disconnectDb();
  }

  if (!result.ok) {
    console.error(`\nTidak ada data yang diimpor: ${result.errors.length} kesalahan.`);
    for (const e of result.errors) console.error(`  baris ${e.baris}${e.kolom ? `, kolom ${e.kolom}` : ''}: ${e.pesan}`);
    return 1;
  }
  console.log(`\nImpor ${kind} selesai dalam ${(result.durationMs / 1000).toFixed(1)} detik (${result.rows} baris).`);
  for (const [what, c] of Object.entries(result.counts)) {
    console.log(`  ${what}: ${c.created} baru, ${c.updated} diubah, ${c.unchanged} tetap`);
  }
  if (result.passwords.length > 0) {
    // Readable by the owner only; the admin hands the passwords out and deletes the file.
    writeFileSync(out, passwordsCsv(result.passwords), { mode: 0o600, flag: 'wx' });
    console.log(`\nPassword sementara ${result.passwords.length} akun baru: ${out}`);
    console.log('Berkas ini satu-satunya salinan. Bagikan kepada pegawai, lalu hapus. Password wajib diganti saat login pertama.');
  }
  return 0;
}

process.exitCode = await main();
