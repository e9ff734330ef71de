// npm run rekap:periksa -- --bulan YYYY-MM  (on DATABASE_URL)
// Computes every pegawai's month again from the source rows and prints each difference from what the outputs read
// (src/services/rekap-periksa.service.ts). Exit 0: none; 1: drift found; 2: usage.
import { connectDb, disconnectDb } from '../src/db/prisma.ts';
import { periksaBulan } from '../src/services/rekap-periksa.service.ts';
import { getSettings } from '../src/services/settings.service.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const bulanArg = args[args.indexOf('--bulan') + 1];
  const m = args.includes('--bulan') ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(bulanArg ?? '') : null;
  if (!m) {
    console.error('Pemakaian: npm run rekap:periksa -- --bulan TTTT-BB   (basis data: DATABASE_URL)');
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_URL belum diisi, contoh: DATABASE_URL=postgresql://user:pass@host:5432/ekinerja npm run rekap:periksa -- --bulan 2026-10',
    );
    return 2;
  }
  connectDb(url);
  try {
    const hasil = await periksaBulan(Number(m[1]), Number(m[2]), await getSettings());
    for (const d of hasil.drift)
      console.log(`SELISIH ${d.nip} ${d.nama}: ${d.kolom} dibaca ${String(d.dibaca)}, dihitung ${String(d.dihitung)}`);
    for (const d of hasil.setelahPenetapan)
      console.log(`SETELAH PENETAPAN ${d.nip} ${d.nama}: ditetapkan ${String(d.dibaca)}, data sekarang ${String(d.dihitung)}`);
    console.log(
      `${bulanArg}: ${hasil.pegawai} pegawai diperiksa, ${hasil.drift.length} selisih` +
        (hasil.ditetapkan ? `, ${hasil.setelahPenetapan.length} berubah setelah penetapan (lihat Selisih setelah penetapan)` : ''),
    );
    return hasil.drift.length > 0 ? 1 : 0;
  } finally {
    await disconnectDb();
  }
}

process.exitCode = await main();
