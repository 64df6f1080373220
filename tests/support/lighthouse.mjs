// Lighthouse 12 (its CLI from tests/node_modules) against a URL, in Debian's
// Chromium. Returns the category scores (0-100) and the parsed report.
//   const { scores, report } = await runLighthouse(`${stack.baseURL}/`);
//   // scores: { performance: 98, accessibility: 100, 'best-practices': 100, seo: 91 }
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.mjs';
import { ARTIFACTS_DIR, REPO_ROOT, TMP_DIR } from './paths.mjs';

const LIGHTHOUSE = join(REPO_ROOT, 'tests', 'node_modules', '.bin', 'lighthouse');

export function runLighthouse(url, {
  name = 'lighthouse',
  categories = ['performance', 'accessibility', 'best-practices', 'seo'],
  preset, // undefined = mobile (the default), or 'desktop'
  timeoutMs = 120_000,
} = {}) {
  const outDir = join(ARTIFACTS_DIR, 'lighthouse');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const outputPath = join(outDir, `${name}.json`);
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${outputPath}`,
    `--only-categories=${categories.join(',')}`,
    `--chrome-flags=${[...CHROMIUM_ARGS, '--headless=new'].join(' ')}`,
    ...(preset ? [`--preset=${preset}`] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      LIGHTHOUSE,
      args,
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH, TMPDIR: TMP_DIR }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`lighthouse failed: ${error.message}\n${stderr}`));
        const report = JSON.parse(readFileSync(outputPath, 'utf8'));
        if (report.runtimeError) return reject(new Error(`lighthouse: ${report.runtimeError.message}`));
        const scores = Object.fromEntries(
          Object.entries(report.categories).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)]),
        );
        resolve({ scores, report, outputPath });
      },
    );
  });
}
