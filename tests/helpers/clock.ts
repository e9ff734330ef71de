// The instant every test runs at. Tests never read the machine's date: the app's one clock (src/lib/clock.ts) is
// pinned here for each test file (tests/helpers/setup.ts), and the demo template is seeded for the same day.
// TEST_NOW and APP_TIMEZONE choose another instant and zone: the date matrix (vitest.config.ts) runs the
// date-sensitive files at the edges of months, years and the input deadline in WIB, WITA and WIT.
import { parseWaktu, todayIn } from '../../src/domain/periode.ts';
import * as clock from '../../src/lib/clock.ts';

/** An ordinary working day: a Wednesday in the middle of a month, mid-morning. */
export const DEFAULT_TEST_NOW = '2026-11-18T10:00';

type Zone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
export const TEST_TZ = (process.env.APP_TIMEZONE || 'Asia/Jakarta') as Zone;

function instant(): Date {
  const text = process.env.TEST_NOW || DEFAULT_TEST_NOW;
  const at = parseWaktu(text, TEST_TZ);
  if (!at) throw new Error(`TEST_NOW tidak terbaca: ${text}`);
  return at;
}

/** The pinned instant of this run. */
export const TEST_NOW: Date = instant();
/** Its calendar date in the Pemda's zone (YYYY-MM-DD). */
export const TEST_TODAY: string = todayIn(TEST_TZ, TEST_NOW);

/** Pins the app's clock at the run's instant (each test file starts here). */
export const pinTestClock = (): void => clock.setClock(TEST_NOW);

/** Runs `fn` with the clock at another instant (a wall-clock time in `tz`, or an instant with its zone), then back. */
export async function atInstant<T>(at: string | Date, fn: () => Promise<T>, tz: string = TEST_TZ): Promise<T> {
  const when = at instanceof Date ? at : parseWaktu(at, tz);
  if (!when) throw new Error(`waktu tidak terbaca: ${String(at)}`);
  clock.setClock(when);
  try {
    return await fn();
  } finally {
    pinTestClock();
  }
}

/** A calendar date `n` days from `iso` (YYYY-MM-DD). */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The working days (Monday–Friday) strictly before `iso`, newest first, `n` of them. */
export function workingDaysBefore(iso: string, n: number): string[] {
  const out: string[] = [];
  for (let d = addDays(iso, -1); out.length < n; d = addDays(d, -1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}
