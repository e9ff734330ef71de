// npm run import:presensi -- FILE [--tahun YYYY]
// The same service as the upload page (src/services/import/presensi.ts), on the database of DATABASE_URL.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { loadEnv } from '../src/config/env.ts';
import { connectDb, disconnectDb } from '../src/db/prisma.ts';
import { parseWaktu, todayIn } from '../src/domain/periode.ts';
import * as clock from '../src/lib/clock.ts';
import { importPresensiCsv, type PresensiImportResult } from '../src/services/import/presensi.ts';

const PHASE = { periksa: 'Memeriksa ', simpan: 'Menyimpan ' } as const;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--tahun');
  const env = loadEnv();
  if (env.APP_NOW) clock.setClock(parseWaktu(env.APP_NOW, env.APP_TIMEZONE)!);
  const today = todayIn(env.APP_TIMEZONE, clock.now());
  const i = args.indexOf('--tahun');
  const tahun = i >= 0 ? Number(args[i + 1]) : Number(today.slice(0, 4));
  if (!file || !Number.isInteger(tahun) || tahun < 2000 || tahun > 2100) {
    console.error('Pemakaian: npm run import:presensi -- BERKAS.csv [--tahun 2026]');
    return 2;
  }
  if (!env.DATABASE_URL) {
    console.error(
      'DATABASE_URL belum diisi, contoh: DATABASE_URL=postgresql://user:pass@host:5432/ekinerja npm run import:presensi -- presensi.csv',
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
  connectDb(env.DATABASE_URL);
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
    bar.update(done, { phase: PHASE[p] });
  };
  let result: PresensiImportResult;
  try {
    result = await importPresensiCsv(text, { actorId: null, namaFile: basename(file), tahun, today, onProgress });
  } finally {
    bar.stop();
    await disconnectDb();
  }
  if (!result.ok) {
    console.error(`\nTidak ada data yang diimpor: ${result.errors.length} kesalahan (paling banyak 200 ditampilkan).`);
    for (const e of result.errors) console.error(`  baris ${e.baris}${e.kolom ? `, kolom ${e.kolom}` : ''}: ${e.pesan}`);
    return 1;
  }
  console.log(
    `\nImpor presensi selesai dalam ${(result.durationMs / 1000).toFixed(1)} detik (${result.rows} baris): ${result.baru} baru, ${result.diubah} diubah, ${result.tetap} tetap.`,
  );
  return 0;
}

process.exitCode = await main();
