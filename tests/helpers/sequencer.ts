// The longest files start first (issue 21), also on a fresh clone where vitest has no timings of earlier runs: its
// default order puts files it has never timed last, so the three axe files (a few minutes each) started when the rest
// was done and the run waited for them. Known heavy files by name first, then vitest's own order (slowest it has seen).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const HEAVIEST = [
  /tests\/e2e\/a11y-/,
  /tests\/integration\/server-boot\.test/,
  /tests\/e2e\/realisasi\.test/,
  /tests\/integration\/fuzz\.test/,
  /tests\/e2e\//,
  /tests\/integration\/(prisma-offline|cluster|admin-import|replica|backup|admin-akun-password)\.test/,
];

export default class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = HEAVIEST.findIndex((r) => r.test(f.moduleId));
      return i === -1 ? HEAVIEST.length : i;
    };
    return known
      .map((f, i) => ({ f, i, r: rank(f) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.f);
  }
}
