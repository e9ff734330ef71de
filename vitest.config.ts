import { defineConfig } from 'vitest/config';

// Every test runs on a pinned clock (tests/helpers/clock.ts): the default run at an ordinary Wednesday, and the files
// whose answers depend on the date again at each instant of the date matrix, each in its own project with a template
// seeded for that day. Where the zone matters the instant is taken in WIB, WITA and WIT.
const DATE_FILES = [
  'tests/integration/realisasi.test.ts',
  'tests/integration/verifikasi.test.ts',
  'tests/integration/beranda.test.ts',
  'tests/integration/seed.test.ts',
  'tests/integration/dashboard.test.ts',
  'tests/unit/domain/batas-input.test.ts',
  'tests/integration/riwayat.test.ts',
  'tests/integration/tutup-bulan.test.ts',
  'tests/integration/target.test.ts',
];
const ZONES = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
const inEveryZone = (label: string, at: string) =>
  Object.entries(ZONES).map(([zone, tz]) => ({ name: `${label} ${zone}`, at, tz }));

// The one place the tests read the machine's date: the matrix also runs at the real current instant.
const realNow = new Date().toISOString();

const INSTANTS = [
  ...inEveryZone('tgl 1 pukul 00:30', '2026-12-01T00:30'),
  ...inEveryZone('akhir bulan pukul 23:30', '2026-11-30T23:30'),
  ...inEveryZone('1 Januari pukul 00:30', '2027-01-01T00:30'),
  { name: 'tgl 1 hari Sabtu', at: '2027-05-01T00:30', tz: ZONES.WIB },
  ...inEveryZone('batas input tgl 5 pukul 23:59:59', '2027-01-05T23:59:59'),
  ...inEveryZone('lewat batas tgl 6 pukul 00:00', '2027-01-06T00:00:00'),
  { name: '29 Februari 2028', at: '2028-02-29T10:00', tz: ZONES.WIB },
  { name: `hari ini (${realNow})`, at: realNow, tz: ZONES.WIB },
];

// TEST_DATES=0 runs only the default project (quick local runs); CI and `npm test` run the whole matrix.
const withDates = process.env.TEST_DATES !== '0';

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    setupFiles: ['tests/helpers/setup-clock.ts'],
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    // a loaded CI machine renders pages slower than a laptop: polls wait up to 10 s before failing
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    reporters: ['default'],
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
