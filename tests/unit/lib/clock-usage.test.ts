import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as clock from '../../../src/lib/clock.ts';
import { pinTestClock, TEST_NOW } from '../../helpers/clock.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
// Reading the machine's date: allowed only in the clock module itself.
const READS_MACHINE_DATE = /new Date\(\s*\)|Date\.now\(\s*\)|\bdayjs\(\s*\)|dayjs\.utc\(\s*\)|dayjs\.tz\(\s*\)/;
const ALLOWED = new Set(['src/lib/clock.ts']);
// The offline Prisma schema engine is build tooling: its log stamps and migration names are the developer's real time.
const TOOLING = /^prisma\/engine\//;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'generated') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe('one clock', () => {
  afterEach(pinTestClock);

  it('when any source reads the machine’s date outside src/lib/clock.ts, then this test names the line', () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'prisma', 'scripts', 'tests']) {
      for (const file of sources(join(ROOT, dir))) {
        const rel = relative(ROOT, file);
        if (ALLOWED.has(rel) || TOOLING.test(rel)) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.replace(/\/\/.*$/, ''); // a comment may name the pattern
            if (READS_MACHINE_DATE.test(code) && !/READS_MACHINE_DATE =/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('when a test file starts, then the app’s clock is pinned at the run’s instant and stays there', () => {
    expect(clock.now().toISOString()).toBe(TEST_NOW.toISOString());
    expect(clock.now().toISOString()).toBe(TEST_NOW.toISOString());
  });

  it('when the clock is set to tick from an instant, then it starts there and moves on', async () => {
    const before = performance.now();
    clock.setClock('2027-01-01T00:30:00+07:00', { frozen: false });
    const first = clock.now().getTime();
    const elapsed = performance.now() - before;
    // it starts at the instant and has moved on by no more than the time that really passed (a busy machine only
    // makes both larger, so this bound cannot fail by load)
    const drift = first - Date.parse('2027-01-01T00:30:00+07:00');
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThanOrEqual(Math.ceil(elapsed) + 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it('when a pinned clock is advanced, then it reads the later instant', () => {
    clock.setClock('2026-12-05T16:59:59Z');
    clock.advanceClock(1000);
    expect(clock.now().toISOString()).toBe('2026-12-05T17:00:00.000Z');
  });

  it('when an unreadable instant is given, then setClock refuses it', () => {
    expect(() => clock.setClock('besok pagi')).toThrow(/Waktu tidak valid/);
  });
});
