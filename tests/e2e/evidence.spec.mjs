// The evidence the browser collects by itself on the commands page: the incident's metrics from
// the real Prometheus servers, and the incident bundle (JSON and Markdown).
import { expect, test } from '../support/fixtures.mjs';
import { deployedConfig, downloadFrom, startIncident, timelineEntries } from '../support/flows.mjs';

test.use({ stackOptions: { id: 'e2e-evidence' } });

const summary = (page) => page.getByTestId('metrics-summary');

async function openEvidence(page) {
  await startIncident(page, { commander: 'alice' });
  await page.goto('/actions');
  await expect(page.getByTestId('incident-span')).toBeVisible();
}

test('metrics for the incident span come from Prometheus, download whole, and survive a later failed fetch', async ({ page, stack, consoleErrors }) => {
  await openEvidence(page);
  const fetch = page.getByTestId('fetch-metrics');
  await expect(page.getByTestId('download-metrics')).toBeDisabled();
  await fetch.click();
  await expect(summary(page)).toContainText(/^\d+ series, up to \d+ points each/);
  const series = Number(/^(\d+) series/.exec(await summary(page).textContent())[1]);
  expect(series, 'series in the incident span').toBeGreaterThan(0);
  await expect(fetch).toBeEnabled();

  const metrics = await downloadFrom(page, page.getByTestId('download-metrics'));
  expect(metrics.name).toMatch(/^incident-\d{8}T\d{4}Z-metrics\.json$/);
  const saved = JSON.parse(metrics.text);
  expect(saved.source).toBe('Primary');
  expect(saved.response.status).toBe('success');
  expect(saved.response.data.result).toHaveLength(series);
  expect(saved.range.query).toContain((await deployedConfig(page.request)).prometheus.error_metric);

  // Both Prometheus servers down: the failure is named for each, and the last good metrics stay.
  consoleErrors.allow(/Failed to load resource|502|503|504/);
  await Promise.all([stack.prometheus.primary.stop(), stack.prometheus.backup.stop()]);
  await fetch.click();
  const error = page.getByTestId('metrics-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error.locator('li')).toHaveCount(2);
  await expect(error.locator('li').first()).toContainText('Primary Prometheus failed');
  await expect(summary(page)).toContainText(`${series} series`);
  await expect(page.getByTestId('download-metrics')).toBeEnabled();

  // A fetch that works again clears the failure.
  await Promise.all([stack.prometheus.primary.start(), stack.prometheus.backup.start()]);
  await fetch.click();
  await expect(error).toBeHidden({ timeout: 30_000 });
  await expect(summary(page)).toContainText(`${series} series`);
});

test('the incident bundle downloads as JSON and Markdown with the incident, its metrics and the command settings', async ({ page, request }) => {
  const config = await deployedConfig(request);
  await openEvidence(page);
  await page.getByTestId('fetch-metrics').click();
  await expect(summary(page)).toContainText(/^\d+ series/);

  const json = await downloadFrom(page, page.getByTestId('download-bundle-json'));
  expect(json.name).toMatch(/^incident-\d{8}T\d{4}Z-bundle\.json$/);
  const bundle = JSON.parse(json.text);
  expect(bundle.environment).toBe(config.environment);
  expect(bundle.incident.commander).toBe('alice');
  expect(bundle.command_params.namespace).toBe(config.kube.namespace);
  expect(bundle.metrics.response.status).toBe('success');
  expect(Object.keys(bundle.live).sort()).toEqual(['errors', 'health', 'vendor']);

  const markdown = await downloadFrom(page, page.getByTestId('download-bundle-md'));
  expect(markdown.name).toMatch(/^incident-\d{8}T\d{4}Z-bundle\.md$/);
  expect(markdown.text).toContain(bundle.incident.id);
  expect(markdown.text).toContain('alice');

  // Each download is in the incident's timeline.
  await page.goto('/incident');
  const downloads = (await timelineEntries(page)).filter((e) => /bundle\.(json|md)/.test(e.text));
  expect(downloads.map((e) => /bundle\.(json|md)/.exec(e.text)[0]).sort()).toEqual(['bundle.json', 'bundle.md']);
});
