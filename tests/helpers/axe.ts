import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's violations on the page as it is now, one line each (rule, impact, first elements). */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not apply to the injection
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(`${AXE}\n;void 0`);
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          o: object,
        ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
      };
    };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n')[1]?.trim()}`)
          .join(' | ')}`,
    );
  }, WCAG_AA);
  return violations;
}
