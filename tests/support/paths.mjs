// Where the test harness keeps things. Everything it writes goes under
// <repo>/.run (ignored by git), so a run never touches the rest of the tree.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUN_ROOT = join(REPO_ROOT, '.run');
export const TMP_DIR = join(RUN_ROOT, 'tmp');
export const NGINX_TEMPLATE = join(REPO_ROOT, 'deploy', 'nginx.conf');
export const DEMO_DIR = join(REPO_ROOT, 'demo');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests', 'artifacts');
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');
// The app build; RUNBOOK_DIST points elsewhere (a relative path is taken
// from the repository root).
export const DEFAULT_DIST = resolve(REPO_ROOT, process.env.RUNBOOK_DIST ?? 'dist');
