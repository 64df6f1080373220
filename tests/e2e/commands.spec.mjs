// Issue "commands + comms", the commands part: generated commands that always
// name their cluster and namespace, hostile override values that yield no
// command, copy that really reaches the clipboard (or falls back to a selected
// text area) and is logged, and no secret anywhere in a command or in storage.
import { axeViolations } from '../support/a11y.mjs';
import { chooseLanguage, pageWidths } from '../support/app.mjs';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import {
  DESKTOP, PHONE, deployedConfig, localStorageDump, savedStore, startIncident, timelineEntries,
} from '../support/flows.mjs';

// A stack of its own: other spec files may run at the same time on this machine.
test.use({ stackOptions: { id: 'e2e-session' } });

const command = (page, id) => page.locator(`.actions [data-command="${id}"]`);
// The copy-ready block of a command: the main text (no heading), its dry run or rollback.
const codeBlock = (page, id, part = 'main') => {
  const blocks = command(page, id).locator('.code-copy');
  if (part === 'main') return blocks.filter({ hasNot: page.locator('h4') });
  return blocks.filter({ has: page.locator('h4', { hasText: part === 'dry-run' ? 'Dry run' : 'Rollback' }) });
};

// { command id: [every text it shows: dry run, command, rollback] } for the valid commands.
function shownCommands(page) {
  return page.locator('.actions .command[data-command]:not(.command-invalid)').evaluateAll((els) =>
    Object.fromEntries(els.map((el) => [el.dataset.command, [...el.querySelectorAll('pre code')].map((c) => c.textContent)])));
}

// Every `kubectl ` call in `text` that is neither scoped to `context` and
// `namespace` nor a kubeconfig query.
function unscopedKubectl(text, context, namespace) {
  return [...text.matchAll(/kubectl /g)]
    .map((m) => text.slice(m.index, m.index + 80))
    .filter((call) => !call.startsWith(`kubectl --context ${context} -n ${namespace} `) && !call.startsWith('kubectl config '));
}

// A run of 20+ letters and digits mixing both: what an API key looks like.
const KEY_LOOKING = /(?<![A-Za-z0-9])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{20,}(?![A-Za-z0-9])/g;

async function openActions(page) {
  await page.goto('/actions');
  await expect(page.getByTestId('command-target')).toBeVisible();
  await expect(command(page, 'health_check').locator('pre code')).not.toHaveText('');
}

test('every kubectl call names the configured kube context and namespace, and follows the overrides', async ({ page, request }) => {
  const { kube } = await deployedConfig(request);
  await startIncident(page, { commander: 'alice' });
  await openActions(page);
  await expect(page.getByTestId('target-context')).toHaveText(kube.context);
  await expect(page.getByTestId('target-namespace')).toHaveText(kube.namespace);
  await expect(page.getByTestId('target-deployment')).toHaveText(kube.deployment);

  const check = async (context, namespace) => {
    const shown = await shownCommands(page);
    expect(Object.keys(shown)).toHaveLength(15);
    const all = Object.values(shown).flat().join('\n');
    expect(all.match(/kubectl /g).length, 'kubectl calls on the page').toBeGreaterThanOrEqual(20);
    expect(unscopedKubectl(all, context, namespace)).toEqual([]);
  };
  await check(kube.context, kube.namespace);

  await page.getByTestId('override-kube_context').fill('staging-eu');
  await page.getByTestId('override-namespace').fill('payments');
  await expect(page.getByTestId('target-namespace')).toHaveText('payments');
  await expect(page.getByTestId('target-context')).toHaveText('staging-eu');
  await expect(page.getByTestId('command-target').locator('.tag-changed')).toHaveCount(2);
  await check('staging-eu', 'payments');

  // Remembered across a reload, and undone by "reset all".
  await page.reload();
  await expect(page.getByTestId('override-namespace')).toHaveValue('payments');
  await check('staging-eu', 'payments');
  await page.getByTestId('override-reset-all').click();
  await expect(page.getByTestId('target-namespace')).toHaveText(kube.namespace);
  await check(kube.context, kube.namespace);
});

for (const hostile of ['prod; rm -rf /', '$(id)']) {
  test(`the namespace "${hostile}" is refused in both languages and no kubectl command is shown, while health_check stays`, async ({ page, request }) => {
    const { kube } = await deployedConfig(request);
    await openActions(page);
    const before = await shownCommands(page);
    const namespaced = Object.keys(before).filter((id) => before[id].some((t) => t.includes(`-n ${kube.namespace} `)));
    expect(namespaced).toEqual([
      'recent_error_logs', 'verify_api_key', 'verify_api_key_suffix', 'rotate_secret', 'restart_deployment', 'queue_mode',
      'fallback_on', 'export_logs',
    ]);

    await page.getByTestId('override-namespace').fill(hostile);
    const error = page.getByTestId('override-error-namespace');
    await expect(error.locator('[lang="en"]')).toHaveText(
      "Namespace: must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit. No command was generated: correct it in this incident's command settings or in config.json (kube.namespace).");
    await expect(error.locator('[lang="zh-CN"]')).toContainText('命名空间:必须是 DNS-1123 标签');
    await expect(page.getByTestId('override-namespace')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('override-namespace')).toHaveValue(hostile);

    for (const id of namespaced) {
      const box = command(page, id);
      await expect(box, id).toHaveClass(/command-invalid/);
      await expect(box.locator('pre')).toHaveCount(0);
      await expect(box.getByTestId('copy-button')).toHaveCount(0);
      await expect(box).toContainText('No command is shown until these values are fixed:');
      await expect(box.locator('[lang="zh-CN"]')).toContainText('命名空间:必须是 DNS-1123 标签');
    }
    const after = await shownCommands(page);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).filter((id) => !namespaced.includes(id)).sort());
    expect(after.health_check).toEqual(before.health_check);
    const allText = Object.values(after).flat().join('\n');
    expect(allText).not.toContain(hostile);

    await page.getByTestId('override-reset-namespace').click();
    await expect(page.getByTestId('override-error-namespace')).toHaveCount(0);
    expect(Object.keys(await shownCommands(page))).toEqual(Object.keys(before));
  });
}

test.describe('with clipboard permission', () => {
  test('a copied command is on the clipboard exactly as shown, and the copy is in the timeline', async ({ page, context, stack }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseURL });
    await startIncident(page, { commander: 'alice' });
    await openActions(page);
    for (const [id, part] of [['queue_mode', 'main'], ['queue_mode', 'dry-run'], ['recent_error_logs', 'main']]) {
      const block = codeBlock(page, id, part);
      const shown = await block.locator('pre code').textContent();
      expect(shown).toContain('kubectl --context ');
      await block.getByTestId('copy-button').click();
      await expect(block.getByTestId('copy-status')).toHaveText('Copied to the clipboard.');
      expect(await page.evaluate(() => navigator.clipboard.readText()), `${id} ${part}`).toBe(shown);
    }
    await expect(page.getByTestId('copy-fallback')).toHaveCount(0);

    await page.locator('nav.main-nav a[href$="/incident"]').click();
    const copied = (await timelineEntries(page)).filter((e) => e.kind === 'command_copied').map((e) => e.text);
    expect(copied).toEqual([
      'Copied command: Enable request queuing',
      'Copied command: Enable request queuing (dry run)',
      'Copied command: Recent error logs',
    ]);
  });
});

test.describe('when the browser refuses clipboard writes', () => {
  // Headless Chromium grants clipboard-write to a page by default, so the
  // refusal a locked-down browser gives is played by the page itself.
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
  });

  test('the text is put in a focused, fully selected text area, and a manual copy is logged', async ({ page }) => {
    await startIncident(page, { commander: 'alice' });
    await openActions(page);
    const block = codeBlock(page, 'recent_error_logs');
    const shown = await block.locator('pre code').textContent();
    await block.getByTestId('copy-button').click();
    const fallback = page.getByTestId('copy-fallback');
    await expect(fallback).toHaveCount(1);
    await expect(fallback).toContainText('This browser did not allow clipboard access.');
    const area = fallback.locator('textarea');
    await expect(area).toHaveValue(shown);
    await expect(area).toBeFocused();
    await expect.poll(() => area.evaluate((t) => [t.selectionStart, t.selectionEnd])).toEqual([0, shown.length]);
    expect(await page.evaluate(() => window.getSelection().toString())).toBe(shown);
    await expect(block.getByTestId('copy-status')).toHaveText('');
    // Nothing reached the clipboard, so nothing is logged yet.
    const copiedKinds = async () => (await savedStore(page)).active.timeline.filter((e) => e.kind === 'command_copied');
    expect(await copiedKinds()).toEqual([]);

    await area.press('Control+c');
    await expect.poll(async () => (await copiedKinds()).map((e) => e.text.app.en)).toEqual(['Copied command: Recent error logs']);
  });
});

test('the API key is never in a command, and nothing secret is written to localStorage', async ({ page, context, stack, request }) => {
  const { kube } = await deployedConfig(request);
  expect('sk_live_51HxYzAbCdEf0123456789'.match(KEY_LOOKING), 'the detector finds a key').not.toBeNull();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseURL });
  await startIncident(page, { commander: 'alice', impact: 'Campaign sends failing' });
  await openActions(page);
  await page.getByTestId('override-namespace').fill('payments');

  const texts = await command(page, 'rotate_secret').locator('pre code').allTextContents();
  expect(texts).toHaveLength(3); // dry run, command, rollback
  const [dryRun, rotate, rollback] = texts;
  for (const text of texts) {
    expect(text.match(KEY_LOOKING)).toBeNull();
    expect(text).not.toContain('--from-literal');
    // Patched into the existing Secret from standard input: nothing is created, no apply
    // annotation keeps a copy.
    expect(text).not.toMatch(/ apply | create | replace /);
    expect(text).toContain(`kubectl --context ${kube.context} -n payments patch secret ${kube.secret_name} --type=merge --patch-file=/dev/stdin`);
  }
  // The key is typed at a hidden prompt and only piped, never an argument.
  for (const text of [rotate, rollback]) {
    expect(text).toContain('stty -echo; read -r INSTANTLY_API_KEY; stty echo;');
    expect(text).toContain('KEY_BASE64=$(printf \'%s\' "$INSTANTLY_API_KEY" | base64');
  }
  expect(dryRun).toMatch(/^printf '\{"data":\{"%s":"%s"\}\}' \S+ ZHJ5LXJ1bg== \| kubectl /);
  expect(dryRun).toContain('--dry-run=server');

  await codeBlock(page, 'rotate_secret').getByTestId('copy-button').click();
  await expect(codeBlock(page, 'rotate_secret').getByTestId('copy-status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(rotate);
  await codeBlock(page, 'verify_api_key').getByTestId('copy-button').click();
  await expect(codeBlock(page, 'verify_api_key').locator('pre code')).toHaveText(/ \| sha256sum \| cut -c1-12$/);

  // A whole session's worth of saved data: incident, overrides, comms draft.
  await page.goto('/comms');
  await page.getByTestId('comms-current-action').fill('Rotating the API key');
  await page.goto('/incident');
  await page.getByTestId('note-input').fill('Key rotated by alice');
  await page.getByTestId('note-add').click();
  await expect(page.locator('.incident-page > .timeline [data-kind="note"]')).toHaveCount(1);

  const stored = await localStorageDump(page);
  expect(Object.keys(stored).sort()).toEqual(expect.arrayContaining(['incident-runbook.incidents', 'incident-runbook.overrides.v2', 'incident-runbook.comms-draft']));
  const suspicious = [];
  const visit = (value, path) => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${path}[${i}]`));
    if (value && typeof value === 'object') {
      for (const [name, v] of Object.entries(value)) {
        const filled = v !== null && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0);
        if (/key|token|password|secret|credential/i.test(name) && filled) suspicious.push(`${path}.${name} = ${JSON.stringify(v)}`);
        visit(v, `${path}.${name}`);
      }
      return undefined;
    }
    if (typeof value === 'string' && value.match(KEY_LOOKING)) suspicious.push(`${path} = ${value}`);
    return undefined;
  };
  for (const [key, value] of Object.entries(stored)) visit(value, key);
  expect(suspicious).toEqual([]);
  // The copies were logged by name only.
  const copied = stored['incident-runbook.incidents'].active.timeline.filter((e) => e.kind === 'command_copied').map((e) => e.text.app.en);
  expect(copied).toEqual(['Copied command: Update the API key Secret', 'Copied command: Verify API key (fingerprint)']);
});

test('the commands page with an open incident has no axe violations and no sideways scrolling on a phone', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await startIncident(page, { commander: 'alice' });
  await openActions(page);
  await page.getByTestId('override-namespace').fill('$(id)');
  await expect(page.getByTestId('override-error-namespace')).toBeVisible();
  for (const mode of ['en', 'zh']) {
    await chooseLanguage(page, mode, { runbook: false });
    expect(await axeViolations(page), `axe (${mode})`).toEqual([]);
    const { scrollWidth, clientWidth } = await pageWidths(page);
    expect(scrollWidth, `${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
  }
});

test('screenshots: the commands page on desktop and phone, in English and Chinese', async ({ page }) => {
  await startIncident(page, { commander: 'alice' });
  await openActions(page);
  for (const [device, size] of [['desktop', DESKTOP], ['mobile', PHONE]]) {
    await page.setViewportSize(size);
    for (const mode of ['en', 'zh']) {
      await chooseLanguage(page, mode, { runbook: false });
      await expect(page.locator('#main h1')).toHaveText(mode === 'en' ? 'Commands' : '命令');
      await saveScreenshot(page, `actions-${device}-${mode}`);
      const { scrollWidth, clientWidth } = await pageWidths(page);
      expect.soft(scrollWidth, `${device} ${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
    }
  }
});
