// Issue "wizard + incident session", the decision tree part: the wizard walked
// against real Prometheus data (the harness's "rate-limit" shape: mostly 429),
// live suggestions confirmed or overridden, answers recorded in the open
// incident, kept across reloads and carried by the shareable link.
import { axeViolations } from '../support/a11y.mjs';
import { chooseLanguage, pageWidths, prometheusVector } from '../support/app.mjs';
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import {
  DESKTOP, PHONE, deployedConfig, startIncident, timelineEntries, waitForSuggestion, walkWizardConfirming, watchErrors,
  wizardSteps,
} from '../support/flows.mjs';

// A stack of its own: other spec files may run at the same time on this machine.
test.use({ stackOptions: { id: 'e2e-session' } });

const BY_CODE_QUERY = 'sum by (code) (rate(instantly_errors_total[5m]))';
// The rate-limit shape's answers, in the order the tree asks them.
const RATE_LIMIT_PATH = [
  { node: 'api_errors', suggested: 'yes' },
  { node: 'vendor_incident', suggested: 'no' },
  { node: 'error_type', suggested: 'rate_limited' },
];

const question = (page) => page.getByTestId('wizard-question');
const outcome = (page) => page.getByTestId('wizard-outcome');
const linkUrl = async (page) => (await page.getByTestId('wizard-link-url').textContent()).trim();

test('a 429-dominated error rate leads, every suggestion confirmed, to the rate-limit actions', async ({ page, stack, request }) => {
  expect(stack.prometheus.primary.shape).toBe('rate-limit');
  const config = await deployedConfig(request);
  await page.goto('/wizard');
  await expect(page.getByTestId('wizard-recording')).toHaveAttribute('data-recording', 'false');

  // The error-type question's evidence names the 429 share Prometheus has.
  await expect(question(page)).toHaveAttribute('data-node', 'api_errors');
  expect(await waitForSuggestion(page)).toBe('yes');
  await page.getByTestId('wizard-confirm').click();
  expect(await waitForSuggestion(page)).toBe('no');
  await page.getByTestId('wizard-confirm').click();
  await expect(question(page)).toHaveAttribute('data-node', 'error_type');
  expect(await waitForSuggestion(page)).toBe('rate_limited');
  const evidence = await page.getByTestId('wizard-evidence').textContent();
  const byCode = await prometheusVector(stack.prometheus.primary.port, BY_CODE_QUERY);
  const total = byCode.reduce((sum, r) => sum + r.value, 0);
  const share429 = (100 * byCode.find((r) => r.metric.code === '429').value) / total;
  const shown = Number(/(\d+)% of [\d.]+ errors\/s are 429/.exec(evidence)?.[1]);
  expect(Math.abs(shown - share429), `evidence "${evidence}" vs Prometheus 429 share ${share429.toFixed(1)}%`).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('answer-rate_limited')).toHaveAttribute('data-suggested', 'true');
  await page.getByTestId('wizard-confirm').click();

  // The outcome: 429 - Rate Limited, its two commands generated for this deployment.
  await expect(outcome(page)).toHaveAttribute('data-node', 'rate_limited');
  await expect(outcome(page).locator('#wz-outcome-heading')).toHaveText('429 - Rate Limited');
  expect(await wizardSteps(page)).toEqual([
    { node: 'api_errors', source: 'confirmed', text: 'YES' },
    { node: 'vendor_incident', source: 'confirmed', text: 'NO' },
    { node: 'error_type', source: 'confirmed', text: '429 - Rate Limited' },
  ]);
  const commands = outcome(page).locator('[data-testid="wizard-action"] .command');
  await expect(commands).toHaveCount(2);
  expect(await commands.evaluateAll((els) => els.map((e) => e.dataset.command))).toEqual(['rate_limit_headers', 'queue_mode']);
  const headers = await outcome(page).locator('[data-command="rate_limit_headers"] pre code').first().textContent();
  expect(headers).toContain(config.endpoints.vendor_api_url);
  const queue = await outcome(page).locator('[data-command="queue_mode"] .code-copy').evaluateAll((blocks) =>
    blocks.map((b) => b.querySelector('pre code').textContent));
  const { context, namespace, deployment } = config.kube;
  // Dry run, the command, rollback: each names the cluster, the namespace and the deployment.
  expect(queue).toHaveLength(3);
  for (const line of queue) {
    expect(line).toContain(`kubectl --context ${context} -n ${namespace} `);
    expect(line).toContain(`deployment/${deployment}`);
  }
  expect(queue[1]).toContain('RATE_LIMIT_MODE=queue');
  expect(queue[2]).toContain('RATE_LIMIT_MODE-');
  await expect(outcome(page).getByTestId('wizard-runbook-link')).toHaveAttribute('href', /^\/r\/instantly\/section\/[a-z0-9-]+$/);
  await expect(outcome(page).getByTestId('wizard-severity')).toHaveAttribute('data-severity', /^P[1-4]$/);

  // The link and the address bar hold the same confirmed answers.
  const link = await linkUrl(page);
  expect(decodeURIComponent(link)).toBe(`${stack.baseURL}/r/instantly/wizard?a=api_errors:yes*,vendor_incident:no*,error_type:rate_limited*`);
  expect(decodeURIComponent(page.url())).toBe(decodeURIComponent(link));

  // Starting the incident from the outcome: the suggested severity, and the answers recorded.
  const suggested = await outcome(page).getByTestId('wizard-severity').getAttribute('data-severity');
  await expect(outcome(page).getByTestId('start-severity')).toHaveValue(suggested);
  await outcome(page).getByTestId('start-commander').fill('alice');
  await outcome(page).getByTestId('start-submit').click();
  await expect(page.getByTestId('wizard-incident')).toContainText(`· ${suggested}`);
  await expect(page.getByTestId('wizard-recording')).toHaveAttribute('data-recording', 'true');
  await page.locator('nav.main-nav a[href$="/incident"]').click();
  const entries = await timelineEntries(page);
  expect(entries.map((e) => e.kind)).toEqual(['started', 'answer', 'answer', 'answer']);
  expect(entries[3].text).toBe(`Our integration issue. Which status code dominates the errors? → 429 - Rate Limited (as live evidence suggested); evidence: ${evidence}`);
  await page.locator('nav.main-nav a[href$="/actions"]').click();
  await expect(page.locator('[data-group="rate_limited"]')).toHaveClass(/wizard-match/);
  await expect(page.locator('[data-group="rate_limited"] [data-testid="wizard-match"]')).toHaveText("The wizard's result for this incident");
});

test('with an incident open, an answer against the evidence needs confirming and is recorded as an override', async ({ page }) => {
  const id = await startIncident(page, { commander: 'alice' });
  await page.locator('nav.main-nav a[href$="/wizard"]').click();
  await expect(page.getByTestId('wizard-recording')).toHaveAttribute('data-recording', 'true');
  expect(await waitForSuggestion(page)).toBe('yes');
  await page.getByTestId('wizard-confirm').click();
  await expect(question(page)).toHaveAttribute('data-node', 'vendor_incident');
  expect(await waitForSuggestion(page)).toBe('no');
  const evidence = (await page.getByTestId('wizard-evidence').textContent()).trim();

  // Against the evidence: nothing is recorded until the override is confirmed; cancel keeps the question.
  await page.getByTestId('answer-yes').click();
  const panel = page.getByTestId('wizard-override-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('wizard-override-confirm')).toBeFocused();
  await page.getByTestId('wizard-override-cancel').click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('wizard-step')).toHaveCount(1);
  await page.getByTestId('answer-yes').click();
  await page.getByTestId('wizard-override-confirm').click();
  await expect(outcome(page)).toHaveAttribute('data-node', 'wait_for_instantly');
  await expect(page.getByTestId('wizard-step').last()).toHaveAttribute('data-source', 'overridden');
  expect(decodeURIComponent(page.url())).toContain('a=api_errors:yes*,vendor_incident:yes!no');

  // Changed back, then on with the evidence to the rate-limit outcome.
  await page.getByTestId('wizard-change-vendor_incident').click();
  await expect(question(page)).toHaveAttribute('data-node', 'vendor_incident');
  await walkWizardConfirming(page);
  await expect(outcome(page)).toHaveAttribute('data-node', 'rate_limited');
  await expect(page.getByTestId('wizard-incident')).toContainText(id);

  await page.locator('nav.main-nav a[href$="/incident"]').click();
  const entries = await timelineEntries(page);
  expect(entries.map((e) => e.kind)).toEqual(['started', 'answer', 'override', 'answer', 'answer']);
  const override = entries[2];
  expect(override.text).toBe(`Is status.instantly.com showing incident? → YES (live evidence suggested NO); evidence: ${evidence}`);
  await expect(page.locator('.incident-page > .timeline [data-kind="override"]')).toHaveCount(1);
  expect(entries[3].text).toMatch(/^Changed answer: Is status\.instantly\.com showing incident\? → NO \(as live evidence suggested\); evidence: /);
  expect(entries[4].text).toMatch(/^Our integration issue\. Which status code dominates the errors\? → 429 - Rate Limited \(as live evidence suggested\); evidence: \d+% of /);
  await expect(page.getByTestId('incident-wizard')).toContainText('429 - Rate Limited');

  // Commands and comms follow the wizard's result.
  await page.locator('nav.main-nav a[href$="/actions"]').click();
  await expect(page.locator('[data-group="rate_limited"] [data-testid="wizard-match"]')).toBeVisible();
  await expect(page.getByTestId('wizard-match')).toHaveCount(1);
  await page.locator('nav.main-nav a[href$="/comms"]').click();
  await expect(page.getByTestId('comms-error-type')).toContainText('429 - Rate Limited (');
});

test('a reload mid-incident keeps the step, the answers, the severity and the timeline', async ({ page }) => {
  await startIncident(page, { commander: 'bob', severity: 'P3' });
  await page.goto('/wizard');
  await page.getByTestId('wizard-confirm').click(); // waits for the button: the suggestion came
  await expect(question(page)).toHaveAttribute('data-node', 'vendor_incident');
  expect(await waitForSuggestion(page)).toBe('no');
  await page.getByTestId('wizard-confirm').click();
  await expect(question(page)).toHaveAttribute('data-node', 'error_type');
  const steps = await wizardSteps(page);
  expect(steps.map((s) => [s.node, s.source])).toEqual([['api_errors', 'confirmed'], ['vendor_incident', 'confirmed']]);
  const wizardUrl = page.url();

  await page.reload();
  await expect(question(page)).toHaveAttribute('data-node', 'error_type');
  expect(await wizardSteps(page)).toEqual(steps);

  await page.goto('/incident');
  await page.getByTestId('severity-select').selectOption('P1');
  await page.getByTestId('note-input').fill('Customers report failed sends since 10:05');
  await page.getByTestId('note-add').click();
  await expect(page.locator('.incident-page > .timeline [data-kind="note"]')).toHaveCount(1);
  const before = await timelineEntries(page);
  expect(before.map((e) => e.kind)).toEqual(['started', 'answer', 'answer', 'severity_changed', 'note']);

  await page.reload();
  await expect(page.getByTestId('severity-select')).toHaveValue('P1');
  await expect(page.getByTestId('incident-bar')).toHaveAttribute('data-severity', 'P1');
  await expect(page.getByTestId('commander-input')).toHaveValue('bob');
  expect(await timelineEntries(page)).toEqual(before);

  // /wizard without answers in the link continues where the incident stands.
  await page.goto('/wizard');
  await expect(question(page)).toHaveAttribute('data-node', 'error_type');
  await expect(page).toHaveURL(wizardUrl);
  expect(await wizardSteps(page)).toEqual(steps);
});

test.describe('the shareable link', () => {
  test('copied, then opened in a fresh browser context, shows the same step with the same answers', async ({ page, context, browser, stack }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseURL });
    await page.goto('/wizard');
    expect(await waitForSuggestion(page)).toBe('yes');
    // Against the evidence, so the link must carry an override too.
    await page.getByTestId('answer-no').click();
    await page.getByTestId('wizard-override-confirm').click();
    await expect(question(page)).toHaveAttribute('data-node', 'service_healthy');
    const steps = await wizardSteps(page);
    expect(steps).toEqual([{ node: 'api_errors', source: 'overridden', text: 'NO' }]);

    const link = await linkUrl(page);
    await page.getByTestId('wizard-link').getByTestId('copy-button').click();
    await expect(page.getByTestId('wizard-link').getByTestId('copy-status')).toHaveText('Copied to the clipboard.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(link);

    const other = await browser.newContext();
    try {
      const fresh = await other.newPage();
      const errors = watchErrors(fresh);
      await fresh.goto(copied);
      await expect(fresh.getByTestId('wizard-question')).toHaveAttribute('data-node', 'service_healthy');
      expect(await wizardSteps(fresh)).toEqual(steps);
      await expect(fresh.getByTestId('wizard-step')).toContainText('override; the evidence suggested YES');
      await expect(fresh.getByTestId('wizard-recording')).toHaveAttribute('data-recording', 'false');
      expect(await linkUrl(fresh)).toBe(link);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

test('the wizard has no axe violations and no sideways scrolling on a phone, at a question and at the outcome', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await startIncident(page, { commander: 'alice' });
  await page.goto('/wizard');
  await waitForSuggestion(page);
  await page.getByTestId('answer-no').click();
  await expect(page.getByTestId('wizard-override-panel')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('wizard-override-cancel').click();
  await walkWizardConfirming(page);
  await expect(outcome(page)).toHaveAttribute('data-node', 'rate_limited');
  for (const mode of ['en', 'zh']) {
    await chooseLanguage(page, mode, { runbook: false });
    expect(await axeViolations(page), `axe (${mode})`).toEqual([]);
    const { scrollWidth, clientWidth } = await pageWidths(page);
    expect(scrollWidth, `${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
  }
});

test('screenshots: the wizard outcome on desktop and phone, in English and Chinese', async ({ page }) => {
  await page.goto('/wizard');
  await walkWizardConfirming(page);
  await expect(outcome(page)).toHaveAttribute('data-node', 'rate_limited');
  for (const [device, size] of [['desktop', DESKTOP], ['mobile', PHONE]]) {
    await page.setViewportSize(size);
    for (const mode of ['en', 'zh']) {
      await chooseLanguage(page, mode, { runbook: false });
      await expect(page.locator('#main h1')).toHaveText(mode === 'en' ? 'Decision tree' : '决策树');
      await saveScreenshot(page, `wizard-${device}-${mode}`);
      const { scrollWidth, clientWidth } = await pageWidths(page);
      expect.soft(scrollWidth, `${device} ${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
    }
  }
});
