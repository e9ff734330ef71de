// The one clock of e-Kinerja. Every rule that depends on the date — the input deadline, "today" on a page, the
// month a target belongs to, when an entry was verified or returned — reads the instant here (through the request
// clock `req.now`, which is set from it). Nothing else reads the machine's date: a unit test
// (tests/unit/lib/clock-usage.test.ts) fails on `new Date()`, `Date.now()` or `dayjs()` without an argument elsewhere.
// So tests pin the clock, and a rule is tested at 00:30 WIB on the 1st of a month as surely as on any day.
//
// Durations (how long an import took, a cache's age) are elapsed time, not dates: they use performance.now().
// Security timers kept by PostgreSQL (session expiry, login throttling windows) run on the database's own clock,
// like the session store they belong to.

type Source = { kind: 'system' } | { kind: 'fixed'; at: number } | { kind: 'offset'; offsetMs: number };

let source: Source = { kind: 'system' };

/** The current instant. */
export function now(): Date {
  switch (source.kind) {
    case 'fixed':
      return new Date(source.at);
    case 'offset':
      return new Date(Date.now() + source.offsetMs);
    default:
      return new Date();
  }
}

/**
 * Pins the clock at an instant (`frozen`, the default: every read returns it), or starts it ticking from there
 * (`frozen: false`: a demo or a browser test that runs "on" another date with time moving on).
 */
export function setClock(at: Date | string, opts: { frozen?: boolean } = {}): void {
  const ms = parseInstant(at);
  source = opts.frozen === false ? { kind: 'offset', offsetMs: ms - Date.now() } : { kind: 'fixed', at: ms };
}

/** Moves a pinned clock forward (or back, with a negative amount). */
export function advanceClock(ms: number): void {
  if (source.kind === 'fixed') source = { kind: 'fixed', at: source.at + ms };
  else if (source.kind === 'offset') source = { kind: 'offset', offsetMs: source.offsetMs + ms };
  else source = { kind: 'offset', offsetMs: ms };
}

/** Back to the machine's clock. */
export function resetClock(): void {
  source = { kind: 'system' };
}

/** Whether the clock has been set away from the machine's (shown in the log at start-up). */
export const clockIsSet = (): boolean => source.kind !== 'system';

export function parseInstant(at: Date | string): number {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`Waktu tidak valid: ${String(at)} (contoh: 2026-12-01T00:30:00+07:00)`);
  return ms;
}
