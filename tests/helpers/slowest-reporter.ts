// Prints the twenty test files that took longest (issue 21: "profile the slowest twenty files, print them at the end of
// the run"), each with its project, so the next speed-up of the suite starts from a measurement and not a guess.
// The time is the file's own (collect + setup + tests and hooks), not the wall time it shared with other workers.
// Below it, the unhandled errors again, each with its first lines of stack: CI keeps only the end of the output, and
// vitest prints them far above it.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

const SHOW = 20;

export default class SlowestFiles implements Reporter {
  private started = 0;

  onTestRunStart() {
    this.started = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError> = []) {
    if (modules.length === 0) return;
    const rows = modules
      .map((m) => {
        const d = m.diagnostic();
        return { file: m.relativeModuleId, project: m.project.name, ms: d.collectDuration + d.setupDuration + d.duration };
      })
      .sort((a, b) => b.ms - a.ms);
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const lines = rows.slice(0, SHOW).map((r) => `${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.file}  [${r.project}]`);
    process.stdout.write(
      `\n${Math.min(SHOW, rows.length)} slowest of ${rows.length} files (file time, summed over workers: ${(total / 1000).toFixed(0)} s; ` +
        `wall time ${((performance.now() - this.started) / 1000).toFixed(0)} s):\n${lines.join('\n')}\n`,
    );
    if (unhandled.length > 0)
      process.stdout.write(
        `\n${unhandled.length} unhandled error(s) (above in full):\n${unhandled
          .map((e) => `  ${e.name ?? 'Error'}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`)
          .join('\n')}\n`,
      );
  }
}
