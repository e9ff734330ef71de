// Runs before every test file (vitest setupFiles): the app's clock starts at the run's pinned instant, and a query sent
// on a pg client that is still running another (two queries of one transaction at once: pg 9 will refuse it) fails
// the file that did it.
import { afterAll, expect } from 'vitest';
import { pinTestClock } from './clock.ts';

pinTestClock();

const concurrentQueries: string[] = [];
process.on('warning', (w) => {
  if (/client\.query\(\) when the client is already executing a query/.test(w.message)) concurrentQueries.push(w.stack ?? w.message);
});
afterAll(() => {
  expect(concurrentQueries, 'a query was sent on a pg client already running one (use oneByOne in a transaction)').toEqual([]);
});
