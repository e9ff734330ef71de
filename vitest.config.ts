import { defineConfig } from 'vitest/config';
import HeaviestFirst from './tests/helpers/sequencer.ts';

// Every test runs on a pinned clock (tests/helpers/clock.ts): the default run at an ordinary Wednesday, and the files
// whose answers depend on the date again at each instant of the date matrix, each in its own project with a template
// seeded for that day. Where the zone matters the instant is taken in WIB, WITA and WIT.
// Of the three largest files only the tests that depend on the date are in the matrix (realisasi-, verifikasi-,
// target-tanggal.test.ts); what holds on any day (authorization, batches, races, validation) runs once.
const DATE_FILES = [
  'tests/integration/realisasi-tanggal.test.ts',
  'tests/integration/verifikasi-tanggal.test.ts',
  'tests/integration/beranda.test.ts',
  'tests/integration/seed.test.ts',
  'tests/integration/dashboard.test.ts',
  'tests/unit/domain/batas-input.test.ts',
  'tests/integration/riwayat.test.ts',
  'tests/integration/tutup-bulan.test.ts',
  'tests/integration/target-tanggal.test.ts',
  'tests/integration/evaluasi-tanggal.test.ts',
];
const ZONES = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
const inEveryZone = (label: string, at: string) =>
  Object.entries(ZONES).map(([zone, tz]) => ({ name: `${label} ${zone}`, at, tz }));

// The one place the tests read the machine's date: the matrix also runs at the real current instant.
const realNow = new Date().toISOString();

// The zone matters where the local date is not UTC's (just after midnight): the 1st at 00:30 runs in WIB, WITA and WIT,
// the day after the deadline at 00:00 in WIB and WIT; the other instants' local date is UTC's date in every zone, so
// they run in WIB only (18 → 11 projects: the matrix is most of the suite's time, and CI has 20 minutes on 2 cores).
const INSTANTS = [
  ...inEveryZone('tgl 1 pukul 00:30', '2026-12-01T00:30'),
  { name: 'akhir bulan pukul 23:30 WIB', at: '2026-11-30T23:30', tz: ZONES.WIB },
  { name: '1 Januari pukul 00:30 WIB', at: '2027-01-01T00:30', tz: ZONES.WIB },
  { name: 'tgl 1 hari Sabtu', at: '2027-05-01T00:30', tz: ZONES.WIB },
  { name: 'batas input tgl 5 pukul 23:59:59 WIB', at: '2027-01-05T23:59:59', tz: ZONES.WIB },
  { name: 'lewat batas tgl 6 pukul 00:00 WIB', at: '2027-01-06T00:00:00', tz: ZONES.WIB },
  { name: 'lewat batas tgl 6 pukul 00:00 WIT', at: '2027-01-06T00:00:00', tz: ZONES.WIT },
  { name: '29 Februari 2028', at: '2028-02-29T10:00', tz: ZONES.WIB },
  { name: `hari ini (${realNow})`, at: realNow, tz: ZONES.WIB },
];

// TEST_DATES=0 runs only the default project (quick local runs); CI and `npm test` run the whole matrix.
const withDates = process.env.TEST_DATES !== '0';

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    setupFiles: ['tests/helpers/setup.ts'],
    pool: 'forks',
    maxWorkers: 3,
    // A worker runs its files one after another in one process instead of a new one per file: importing the app
    // (Express, the Prisma client, PDFKit…) was ~4 s per file, over half of the suite's CPU (issue 21). Each file
    // still has its own database; what a process keeps of a database is forgotten at connectDb (src/db/per-database.ts).
    isolate: false,
    testTimeout: 60_000,
    // a loaded CI machine renders pages slower than a laptop: polls wait up to 10 s before failing
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    reporters: ['default', './tests/helpers/slowest-reporter.ts'],
    sequence: { sequencer: HeaviestFirst },
    projects: [
      { extends: true, test: { name: 'uji', include: ['tests/**/*.test.ts'] } },
      ...(withDates
        ? INSTANTS.map((i) => ({
            extends: true as const,
            test: { name: `tanggal: ${i.name}`, include: DATE_FILES, env: { TEST_NOW: i.at, APP_TIMEZONE: i.tz } },
          }))
        : []),
    ],
  },
});
