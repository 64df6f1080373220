// Issue 11 (hardening), command targets and config honesty: a value from a link
// applies to its incident only and says so; no command is generated until a
// config.json has loaded; answers that arrive in a wizard link are recorded as
// given by hand; an oversized import is refused before it is read.
import { expect, test } from '../support/fixtures.mjs';
import { deployedConfig, holdConfig, startFromForm, startIncident, timelineEntries, waitForSuggestion } from '../support/flows.mjs';

test.use({ stackOptions: { id: 'e2e-targets' } });

const alertLink = (params) => `/incident/new?${new URLSearchParams(params)}`;
const commandTexts = (page) => page.locator('.actions .command:not(.command-invalid) pre code').allTextContents();

test('an alert link\'s namespace targets that incident only: "from the alert", one click back, and gone once it is resolved', async ({ page, request }) => {
  const { kube } = await deployedConfig(request);
  expect(kube.namespace).not.toBe('attacker-ns');
  await page.goto(alertLink({ alert: 'InstantlyAuthErrors', severity: 'P1', namespace: 'attacker-ns' }));
  await startFromForm(page, { commander: 'alice' });

  await page.goto('/actions');
  await expect(page.getByTestId('target-namespace')).toHaveText('attacker-ns');
  await expect(page.getByTestId('target-namespace-origin')).toHaveText('(from the alert)');
  const rotate = page.locator('.actions [data-command="rotate_secret"] pre code');
  await expect(rotate.first()).toContainText(' -n attacker-ns ');

  // One click back to config.json's value; the alert's stays one click away.
  await page.getByTestId('target-namespace-use-config').click();
  await expect(page.getByTestId('target-namespace')).toHaveText(kube.namespace);
  await expect(page.getByTestId('target-namespace-origin')).toHaveCount(0);
  await expect(page.getByTestId('alert-namespace-differs')).toBeVisible();
  await page.getByTestId('use-alert-namespace').click();
  await expect(page.getByTestId('target-namespace')).toHaveText('attacker-ns');
  await expect(page.getByTestId('target-namespace-origin')).toHaveText('(from the alert)');

  // The finding: once the incident is resolved, nothing targets the alert's namespace.
  await page.goto('/incident');
  await page.getByTestId('resolve').click();
  await expect(page.getByTestId('no-incident')).toBeVisible();
  for (const step of ['after resolving', 'after a reload']) {
    if (step === 'after a reload') await page.reload();
    await page.goto('/actions');
    await expect(page.getByTestId('target-namespace'), step).toHaveText(kube.namespace);
    await expect(page.getByTestId('target-namespace-origin'), step).toHaveCount(0);
    await expect(page.getByTestId('override-namespace'), step).toHaveValue('');
    const texts = await commandTexts(page);
    expect(texts.length, step).toBeGreaterThan(5);
    expect(texts.filter((t) => t.includes('attacker-ns')), step).toEqual([]);
  }

  // The next incident starts on config.json's values too.
  await startIncident(page, { commander: 'bob' });
  await page.goto('/actions');
  await expect(page.getByTestId('target-namespace')).toHaveText(kube.namespace);
  expect((await commandTexts(page)).filter((t) => t.includes('attacker-ns'))).toEqual([]);
});

test('overrides set for one incident do not follow into the next', async ({ page, request }) => {
  const { kube } = await deployedConfig(request);
  await startIncident(page, { commander: 'alice' });
  await page.goto('/actions');
  await page.getByTestId('override-namespace').fill('payments');
  await expect(page.getByTestId('target-namespace')).toHaveText('payments');
  await expect(page.getByTestId('target-namespace-origin')).toHaveText('(changed for this incident)');
  await page.goto('/incident');
  await page.getByTestId('resolve').click();
  await startIncident(page, { commander: 'bob' });
  await page.goto('/actions');
  await expect(page.getByTestId('target-namespace')).toHaveText(kube.namespace);
  await expect(page.getByTestId('override-namespace')).toHaveValue('');
  const stored = await page.evaluate(() => Object.keys(localStorage));
  expect(stored).not.toContain('incident-runbook.overrides');
});

// page.route does not see a service worker's fetches: with the worker in control
// from the second page on, it would fetch the real config.json.
test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('with config.json answering 503 on a first visit, the header names no environment and no command is rendered', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/config\.json|503/);
    await page.route('**/config.json', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto('/actions');
    const badge = page.getByTestId('env-badge');
    await expect(badge).toHaveText('no config loaded');
    const failed = page.getByTestId('target-no-config');
    await expect(failed.locator('[lang="en"]')).toContainText('config.json failed: HTTP 503.');
    await expect(failed.locator('[lang="zh-CN"]')).toContainText('config.json 加载失败:HTTP 503');
    await expect(page.getByTestId('target-context')).toHaveCount(0);
    await expect(page.locator('pre code')).toHaveCount(0);
    expect(await page.locator('[data-testid="command-no-config"]').count()).toBeGreaterThan(5);
    await expect(page.locator('body')).not.toContainText('--context production');

    // The wizard's outcomes render no command either.
    await page.goto('/wizard?a=api_errors:yes,vendor_incident:no,error_type:rate_limited');
    await expect(page.getByTestId('wizard-outcome')).toBeVisible();
    await expect(page.getByTestId('wizard-outcome').locator('[data-testid="command-no-config"]').first()).toBeVisible();
    await expect(page.getByTestId('wizard-outcome').locator('pre code')).toHaveCount(0);
    await expect(page.getByTestId('env-badge')).toHaveText('no config loaded');

  });

  test('while config.json has not arrived, the commands page says it is waiting', async ({ page }) => {
    const release = await holdConfig(page);
    await page.goto('/actions');
    await expect(page.getByTestId('target-no-config')).toContainText('Waiting for config.json');
    await expect(page.getByTestId('env-badge')).toHaveText('no config loaded');
    await expect(page.locator('pre code')).toHaveCount(0);
    release();
    await expect(page.getByTestId('target-context')).toBeVisible();
    await expect(page.getByTestId('env-badge')).not.toHaveText('no config loaded');
    await expect(page.locator('pre code').first()).toBeVisible();
  });

  test('an alert namespace outside config.json\'s kube.allowed_namespaces gets read-only commands, and the page says why', async ({ page, request }) => {
    const config = await deployedConfig(request);
    const allowed = { ...config, kube: { ...config.kube, allowed_namespaces: [config.kube.namespace] } };
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(allowed) }));
    await page.goto(alertLink({ alert: 'InstantlyAuthErrors', severity: 'P1', namespace: 'attacker-ns' }));
    await startFromForm(page, { commander: 'alice' });
    await page.goto('/actions');
    await expect(page.getByTestId('target-namespace')).toHaveText('attacker-ns');
    const refused = page.getByTestId('target-refused');
    await expect(refused.locator('[lang="en"]')).toContainText(`"attacker-ns" is not in config.json's kube.allowed_namespaces (${config.kube.namespace})`);
    await expect(refused.locator('[lang="zh-CN"]')).toContainText('kube.allowed_namespaces');
    await expect(page.locator('.actions [data-command="rotate_secret"] pre code')).toHaveCount(0);
    await page.getByTestId('target-namespace-use-config').click();
    await expect(refused).toHaveCount(0);
    await expect(page.locator('.actions [data-command="rotate_secret"] pre code').first()).toBeVisible();
  });

  test('a config.json that leaves out the environment and kube.context gets no made-up ones: the header and the commands say what is not set', async ({ page, request }) => {
    const config = await deployedConfig(request);
    const { context, ...kube } = config.kube;
    const { environment, ...partial } = { ...config, kube };
    expect(context).toBeTruthy();
    expect(environment).toBeTruthy();
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(partial) }));
    await page.goto('/actions');
    await expect(page.getByTestId('env-badge')).toHaveText('environment not set');
    const banner = page.getByTestId('config-banner');
    await expect(banner.locator('[lang="en"]').filter({ hasText: '"kube.context"' })).toHaveText(
      'config.json: "kube.context" is not set; it has no built-in value, so what needs it is not shown.',
    );
    await expect(banner.locator('[lang="zh-CN"]').filter({ hasText: '"kube.context"' })).toContainText('未设置');
    await expect(banner.locator('[lang="en"]').filter({ hasText: '"environment"' })).toBeVisible();

    const restart = page.locator('.actions [data-command="restart_deployment"]').first();
    await expect(restart.locator('[lang="en"]').first()).toContainText('Kube context: is not set.');
    await expect(restart.locator('[lang="en"]').first()).toContainText('config.json (kube.context)');
    const texts = await commandTexts(page);
    expect(texts.length).toBeGreaterThan(0); // commands that need no context still render
    for (const text of texts) {
      expect(text).not.toMatch(/kubectl --context /);
      expect(text).not.toContain('production');
    }
  });
});

test('wizard answers that arrive in a link are recorded as answered by hand, not as the evidence suggested', async ({ page }) => {
  await startIncident(page, { commander: 'alice' });
  // The link claims the first answer confirmed the live evidence.
  await page.goto('/wizard?a=api_errors:yes*');
  await expect(page.getByTestId('wizard-question')).toHaveAttribute('data-node', 'vendor_incident');
  await waitForSuggestion(page);
  await page.getByTestId('wizard-confirm').click();
  await expect(page.getByTestId('wizard-question').or(page.getByTestId('wizard-outcome'))).toBeVisible();
  await expect(page.getByTestId('wizard-step')).toHaveCount(2);
  await page.goto('/incident');
  const answers = (await timelineEntries(page)).filter((e) => e.kind !== 'started');
  expect(answers).toHaveLength(2);
  expect(answers[0].text).toMatch(/→ YES$/);
  expect(answers[0].text).not.toContain('suggested');
  expect(answers[1].text).toContain('(as live evidence suggested)');
});

test('an import over 2 MiB is refused from its size, before the file is read', async ({ page }) => {
  await page.addInitScript(() => {
    window.__reads = 0;
    for (const proto of [Blob.prototype]) {
      for (const name of ['text', 'arrayBuffer', 'stream']) {
        const original = proto[name];
        proto[name] = function counted(...args) {
          window.__reads += 1;
          return original.apply(this, args);
        };
      }
    }
  });
  await page.goto('/incident');
  await page.getByTestId('import-input').setInputFiles({
    name: 'huge.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(3_000_000, ' '),
  });
  const error = page.getByTestId('import-error');
  await expect(error.locator('[lang="en"]')).toHaveText('Cannot import: the file is 3000000 bytes; the limit is 2097152. Choose an incident export file.');
  await expect(error.locator('[lang="zh-CN"]')).toHaveText('无法导入:文件有 3000000 字节,上限为 2097152;请选择事件导出文件。');
  expect(await page.evaluate(() => window.__reads)).toBe(0);
});
