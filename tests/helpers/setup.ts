// Runs before every test file (vitest setupFiles): the app's clock starts at the run's pinned instant, and a query sent
// on a pg client that is still running another (two queries of one transaction at once: pg 9 will refuse it) fails
// the file that did it. A worker runs several files one after the other (vitest.config.ts: isolate false), so the
// warning listener is added once per process and each file checks what arrived while it ran. pg warns once per process
// (util.deprecate): the first file that does it fails, and so the run.
import { afterAll, expect } from 'vitest';
import { pinTestClock } from './clock.ts';

pinTestClock();

const g = globalThis as { __ekinerjaConcurrentQueries?: string[] };
if (!g.__ekinerjaConcurrentQueries) {
  const seen: string[] = [];
  g.__ekinerjaConcurrentQueries = seen;
  process.on('warning', (w) => {
    if (/client\.query\(\) when the client is already executing a query/.test(w.message)) seen.push(w.stack ?? w.message);
  });
}
const concurrentQueries = g.__ekinerjaConcurrentQueries;
const before = concurrentQueries.length;
afterAll(() => {
  expect(concurrentQueries.slice(before), 'a query was sent on a pg client already running one (use oneByOne in a transaction)').toEqual(
    [],
  );
});
