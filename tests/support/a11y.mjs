// axe-core inside the page. The site's CSP forbids injected <script> tags, so
// the source goes in through page.evaluate (DevTools protocol, not a script
// element) and the CSP under test stays on.
//   const violations = await axeViolations(page);
//   expect(violations).toEqual([]);
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// WCAG 2.1 A and AA rules by default; pass other axe run options to change.
export async function axeViolations(page, options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }) {
  await page.evaluate(`${axeSource}\n;undefined`);
  const result = await page.evaluate((runOptions) => window.axe.run(document, runOptions), options);
  // Short, readable summaries for assertion messages.
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
