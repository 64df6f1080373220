// Issue "live triage": the triage page against real Prometheus (primary and
// backup, backfilled with the "rate-limit" incident), the demo health and
// vendor-status upstream, and nginx, with each failure mode provoked for real.
import { expect, saveScreenshot, test } from '../support/fixtures.mjs';
import { chooseLanguage, pageWidths, prometheusVector, ratesAgree } from '../support/app.mjs';

const TOTAL_QUERY = 'sum(rate(instantly_errors_total[5m]))';
const BY_CODE_QUERY = 'sum by (code) (rate(instantly_errors_total[5m]))';
const CARD_NAMES = ['vendor', 'health', 'errors'];

const card = (page, name) => page.getByTestId(`signal-${name}`);

async function openTriage(page) {
  await page.goto('/triage');
  for (const name of CARD_NAMES) await expect(card(page, name).locator('.fetched')).toBeVisible();
}

const refreshNow = (page) => page.getByRole('button', { name: 'Refresh now' }).click();

// The rates the errors card shows: { total, byCode: { code: rate } }.
async function shownRates(page) {
  const errors = card(page, 'errors');
  const total = Number.parseFloat(await errors.locator('.reading .value').textContent());
  const rows = await errors.locator('tr[data-code]').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.code, Number(tr.querySelector('.num').textContent)]));
  return { total, byCode: Object.fromEntries(rows) };
}

// The same two queries, asked of one Prometheus directly at `time`.
async function prometheusRates(port, time) {
  const [total] = await prometheusVector(port, TOTAL_QUERY, time);
  const byCode = await prometheusVector(port, BY_CODE_QUERY, time);
  return { total: total.value, byCode: Object.fromEntries(byCode.map((r) => [r.metric.code, r.value])) };
}

function expectRatesAgree(shown, expected, where) {
  expect(Object.keys(shown.byCode).sort(), `${where}: status codes`).toEqual(Object.keys(expected.byCode).sort());
  const mismatches = [['total', shown.total, expected.total]]
    .concat(Object.keys(expected.byCode).map((code) => [code, shown.byCode[code], expected.byCode[code]]))
    .filter(([, s, e]) => !ratesAgree(s, e))
    .map(([what, s, e]) => `${what}: shown ${s}, Prometheus ${e}`);
  expect(mismatches, `${where}: rates differ`).toEqual([]);
}

// Records every value a card's data-verdict takes from the first paint on.
function recordVerdicts(page, names) {
  return page.addInitScript((testids) => {
    window.__verdicts = Object.fromEntries(testids.map((id) => [id, []]));
    new MutationObserver(() => {
      for (const id of testids) {
        const value = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-verdict');
        const seen = window.__verdicts[id];
        if (value && seen.at(-1) !== value) seen.push(value);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-verdict'] });
  }, names.map((n) => `signal-${n}`));
}

const verdictsSeen = (page) => page.evaluate(() => window.__verdicts);

// The main checks, run against Prometheus and against VictoriaMetrics (below).
async function ratesAreTheBackends({ page, stack }) {
  expect(stack.prometheus.primary.shape).toBe('rate-limit');
  const asked = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/proxy/prometheus/api/v1/query') {
      asked.push({ query: url.searchParams.get('query'), at: Date.now() / 1000, status: r.status() });
    }
  });
  await openTriage(page);
  const errors = card(page, 'errors');
  await expect(errors.locator('.fetched')).toContainText('Source: primary');

  // The app asked exactly these queries, through the proxy, successfully.
  expect(asked.map((a) => a.query).sort()).toEqual([BY_CODE_QUERY, TOTAL_QUERY]);
  expect(asked.map((a) => a.status)).toEqual([200, 200]);

  const expected = await prometheusRates(stack.prometheus.primary.port, asked[0].at);
  expectRatesAgree(await shownRates(page), expected, 'primary');

  // The rate-limit incident: above the 0.1/s threshold, mostly 429.
  expect(expected.total).toBeGreaterThan(0.1);
  await expect(errors).toHaveAttribute('data-verdict', 'bad');
  await expect(errors.locator('.verdict')).toHaveText('Problem');
  const share = Math.round((100 * expected.byCode['429']) / expected.total);
  const evidence = await errors.locator('.evidence [lang="en"]').textContent();
  const shownShare = Number(/(\d+)% are 429/.exec(evidence)?.[1]);
  expect(Math.abs(shownShare - share), `evidence "${evidence}" vs Prometheus share ${share}%`).toBeLessThanOrEqual(1);
}

async function chartHasEveryCode({ page, stack }) {
  const ranges = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/proxy/prometheus/api/v1/query_range') ranges.push(Object.fromEntries(url.searchParams));
  });
  await openTriage(page);
  const codes = (await prometheusVector(stack.prometheus.primary.port, BY_CODE_QUERY)).map((r) => r.metric.code).sort();
  expect(codes).toEqual(['401', '429', '500', '503']);

  const seriesShown = () => page.getByTestId('error-chart').locator('g.series[data-code]').evaluateAll((groups) =>
    groups.map((g) => ({
      code: g.dataset.code,
      points: [...g.querySelectorAll('polyline')].flatMap((p) =>
        p.getAttribute('points').trim().split(/\s+/).map((xy) => xy.split(',').map(Number))),
    })));

  for (const [window, step, seconds] of [['1h', 60, 3600], ['15m', 15, 900]]) {
    if (window !== '1h') await page.locator('.chart-card select').selectOption(window);
    await expect.poll(() => ranges.at(-1)?.step, { message: `range query for ${window}` }).toBe(String(step));
    const range = ranges.at(-1);
    expect(range.query).toBe(BY_CODE_QUERY);
    expect(Number(range.end) - Number(range.start)).toBe(seconds);

    // 61 samples per window; allow for the first and last being cut.
    await expect.poll(async () => (await seriesShown()).map((s) => s.points.length >= 55), { message: `points for ${window}` })
      .toEqual([true, true, true, true]);
    const series = await seriesShown();
    expect(series.map((s) => s.code).sort()).toEqual(codes);
    for (const { code, points } of series) {
      expect(points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), `${window} ${code}: numeric points`).toBe(true);
      const xs = points.map(([x]) => x);
      expect(xs, `${window} ${code}: points run left to right`).toEqual([...xs].sort((a, b) => a - b));
    }
    // 429 is the highest line at the end of the window (SVG y grows downwards).
    const lastY = (code) => {
      const pts = series.find((s) => s.code === code).points.slice(-5);
      return pts.reduce((sum, [, y]) => sum + y, 0) / pts.length;
    };
    for (const other of ['401', '500', '503']) expect(lastY('429'), `${window}: 429 above ${other}`).toBeLessThan(lastY(other));
  }

  // Drawn as lines, one colour per code, with a legend in the same colours.
  const drawing = await page.getByTestId('error-chart').locator('g.series[data-code]').evaluateAll((groups) =>
    groups.map((g) => {
      const line = getComputedStyle(g.querySelector('polyline'));
      return { code: g.dataset.code, fill: line.fill, stroke: line.stroke, strokeWidth: parseFloat(line.strokeWidth), class: [...g.classList].find((c) => /^series-\d+$/.test(c)) };
    }));
  const problems = drawing.filter((d) => d.fill !== 'none' || d.stroke === 'none' || !(d.strokeWidth > 0)).map((d) => `${d.code}: fill ${d.fill}, stroke ${d.stroke} ${d.strokeWidth}px`);
  expect(problems, 'series drawn as lines (no fill, a visible stroke)').toEqual([]);
  expect(new Set(drawing.map((d) => d.stroke)).size, 'each code its own colour').toBe(drawing.length);
  const legend = page.locator('.chart-card .legend li');
  await expect(legend).toHaveCount(drawing.length);
  for (const d of drawing) {
    const swatch = legend.filter({ hasText: d.code }).locator(`.swatch.${d.class}`);
    await expect(swatch, `legend swatch for ${d.code}`).toBeVisible();
    expect(await swatch.evaluate((el) => getComputedStyle(el).backgroundColor), `legend colour of ${d.code}`).toBe(d.stroke);
  }
}

async function backupThenUnknown({ page, stack, consoleErrors }) {
  consoleErrors.allow(/status of 502/);
  await recordVerdicts(page, ['errors']);
  await openTriage(page);
  const errors = card(page, 'errors');
  const banner = page.getByTestId('primary-failure');
  await expect(errors.locator('.fetched')).toContainText('Source: primary');
  await expect(banner).toHaveCount(0);

  await stack.prometheus.primary.stop();
  await refreshNow(page);
  await expect(errors.locator('.fetched')).toContainText('Source: backup');
  await expect(banner).toContainText('Primary Prometheus failed:');
  await expect(banner).toContainText('Server error (HTTP 502)');
  await expect(banner).toContainText('服务器错误(HTTP 502)');
  await expect(errors).toHaveAttribute('data-verdict', 'bad');
  expectRatesAgree(await shownRates(page), await prometheusRates(stack.prometheus.backup.port), 'backup');
  await expect(page.getByTestId('error-chart').locator('g.series[data-code]')).toHaveCount(4);

  const lastGood = await errors.locator('.reading .value').textContent();
  await stack.prometheus.backup.stop();
  await refreshNow(page);
  await expect(errors).toHaveAttribute('data-verdict', 'unknown');
  await expect(errors.locator('.verdict')).toHaveText('Unknown');
  await expect(errors.locator('.failure')).toContainText('Server error (HTTP 502)');
  await expect(errors.locator('.failure')).toContainText('服务器错误(HTTP 502)');
  await expect(banner).toContainText('Server error (HTTP 502)');
  // The last good value stays, marked as such, with where it came from.
  await expect(errors.locator('.stale')).toContainText('Showing the last good value, fetched');
  await expect(errors.locator('.reading .value')).toHaveText(lastGood);
  await expect(errors.locator('.fetched')).toContainText('Source: backup');
  await expect(page.locator('.chart-card .failure')).toContainText('Server error (HTTP 502)');
  // Checking, the incident from the primary, the same from the backup, then unknown.
  expect((await verdictsSeen(page))['signal-errors']).toEqual(['unknown', 'bad', 'unknown']);
}

const MAIN_CHECKS = [
  ['the total and per-code error rates are what Prometheus returns for the same queries', ratesAreTheBackends],
  ['the chart has a series with points for every status code, for the chosen window', chartHasEveryCode],
  ['primary Prometheus stopped: the backup is used and the primary failure named; backup stopped too: unknown, named', backupThenUnknown],
];
for (const [title, check] of MAIN_CHECKS) test(title, check);

// The same checks with VictoriaMetrics (primary and backup) behind the same nginx and allow-list,
// in a worker of its own.
const onVictoria = test.extend({
  stackOptions: [{ id: 'e2e-victoria', backend: 'victoria-metrics' }, { scope: 'worker' }],
});
onVictoria.describe('VictoriaMetrics as the Prometheus backend', () => {
  for (const [title, check] of MAIN_CHECKS) {
    onVictoria(title, async ({ page, stack, consoleErrors }) => {
      expect(stack.backend).toBe('victoria-metrics');
      await check({ page, stack, consoleErrors });
    });
  }
});

// What a real VictoriaMetrics 1.79.5 answered (text/plain) with -search.maxConcurrentRequests
// reached: it starts by echoing the request, which the app leaves out.
const VICTORIA_BUSY = 'remoteAddr: "127.0.0.1:50746"; requestURI: /api/v1/query_range?query=sum+by+%28code%29+%28rate%28instantly_errors_total%5b5m%5d%29%29&start=1796169593&end=1796173193&step=1; cannot handle more than 1 concurrent search requests during 1ms; possible solutions: increase `-search.maxQueueDuration`; increase `-search.maxQueryDuration`; increase `-search.maxConcurrentRequests`; increase server capacity\n';

test('a range the backend marks partial says "partial data"; a plain-text 503 is named with what it says', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 503/);
  // The real answer with the warning Thanos adds when a store does not answer; then, from
  // primary and backup alike, VictoriaMetrics' busy answer.
  let mode = 'thanos-partial';
  await page.route('**/api/v1/query_range?**', async (route) => {
    if (mode === 'thanos-partial') {
      const response = await route.fetch();
      const json = { ...(await response.json()), warnings: ['partial response: store 10.0.0.7:10901 timed out'] };
      return route.fulfill({ response, json });
    }
    return route.fulfill({ status: 503, contentType: 'text/plain; charset=utf-8', body: VICTORIA_BUSY });
  });
  await openTriage(page);
  const chartCard = page.locator('.chart-card');
  const partial = chartCard.getByTestId('chart-partial');
  await expect(partial.locator('[lang="en"]')).toContainText('Partial data: the Prometheus backend says the answer may be incomplete (warnings: partial response: store 10.0.0.7:10901 timed out)');
  await expect(partial.locator('[lang="zh-CN"]')).toContainText('数据不完整');
  await expect(partial.locator('[lang="zh-CN"]')).toContainText('store 10.0.0.7:10901 timed out');
  // What did arrive is still drawn.
  await expect(page.getByTestId('error-chart').locator('g.series[data-code]')).toHaveCount(4);

  mode = 'victoria-busy';
  await refreshNow(page);
  const failure = chartCard.locator('.failure');
  await expect(failure.locator('[lang="en"]')).toContainText('Server error (HTTP 503)');
  await expect(failure.locator('[lang="en"]')).toContainText('It answered: "cannot handle more than 1 concurrent search requests during 1ms;');
  await expect(failure.locator('[lang="zh-CN"]')).toContainText('服务器错误(HTTP 503)');
  await expect(failure.locator('[lang="zh-CN"]')).toContainText('应答内容:"cannot handle more than 1 concurrent search requests');
  await expect(failure).not.toContainText('remoteAddr');
});

test('with nothing answering from the start, every card is unknown with the failure named, never OK', async ({ page, stack, consoleErrors }) => {
  consoleErrors.allow(/status of 502/);
  await Promise.all([stack.prometheus.primary.stop(), stack.prometheus.backup.stop(), stack.upstream.stop()]);
  await recordVerdicts(page, CARD_NAMES);
  await page.goto('/triage');
  for (const name of CARD_NAMES) {
    await expect(card(page, name).locator('.failure')).toContainText('Server error (HTTP 502)');
    await expect(card(page, name)).toHaveAttribute('data-verdict', 'unknown');
    await expect(card(page, name).locator('.reading')).toHaveCount(0);
  }
  await expect(page.getByTestId('last-sync')).toContainText('never');
  await refreshNow(page);
  await page.waitForTimeout(1000);
  expect(await verdictsSeen(page)).toEqual({ 'signal-vendor': ['unknown'], 'signal-health': ['unknown'], 'signal-errors': ['unknown'] });
});

test('health answering 503 is shown as down, with the reason it gives', async ({ page, stack, consoleErrors }) => {
  consoleErrors.allow(/status of 503/);
  await recordVerdicts(page, ['health']);
  await openTriage(page);
  const health = card(page, 'health');
  await expect(health).toHaveAttribute('data-verdict', 'ok');
  await expect(health.locator('.reading .value')).toHaveText('Healthy');

  await stack.upstream.setMode({ health: '503' });
  await refreshNow(page);
  await expect(health).toHaveAttribute('data-verdict', 'bad');
  await expect(health.locator('.verdict')).toHaveText('Problem');
  await expect(health.locator('.reading .value')).toHaveText('Down');
  await expect(health.locator('.details')).toContainText('upstream timeout');
  await expect(health.locator('.details')).toContainText('5000');
  // Shown from the answer to the second request, not from anything older.
  expect((await stack.upstream.requests())['/health']).toBe(2);
  expect((await verdictsSeen(page))['signal-health']).toEqual(['unknown', 'ok', 'bad']);
});

test('health answering malformed JSON is unknown, named as not JSON, never OK', async ({ page, stack }) => {
  await stack.upstream.setMode({ health: 'malformed' });
  await recordVerdicts(page, ['health']);
  await page.goto('/triage');
  const health = card(page, 'health');
  const failure = health.locator('.failure');
  await expect(failure).toContainText('The response is not JSON (it starts "{"status": "ok"');
  await expect(failure).toContainText('响应不是 JSON');
  await expect(health).toHaveAttribute('data-verdict', 'unknown');
  await expect(health.locator('.verdict')).toHaveText('Unknown');
  await expect(health.locator('.reading')).toHaveCount(0);

  const before = (await stack.upstream.requests())['/health'];
  await refreshNow(page);
  await expect.poll(async () => (await stack.upstream.requests())['/health']).toBe(before + 1);
  await page.waitForTimeout(500);
  await expect(failure).toContainText('not JSON');
  expect((await verdictsSeen(page))['signal-health']).toEqual(['unknown']);
});

test('health slower than the timeout is named as a timeout after 5 s, keeping the last good value', async ({ page, stack }) => {
  await recordVerdicts(page, ['health']);
  await openTriage(page);
  const health = card(page, 'health');
  await expect(health).toHaveAttribute('data-verdict', 'ok');

  await stack.upstream.setMode({ health: 'slow' });
  const started = Date.now();
  await refreshNow(page);
  await expect(health.locator('.failure')).toContainText('Timed out after 5 s', { timeout: 10_000 });
  const elapsed = Date.now() - started;
  // The app's own 5 s timeout, not nginx's or the upstream's 8 s answer.
  expect(elapsed).toBeGreaterThanOrEqual(4_500);
  expect(elapsed).toBeLessThan(7_500);
  await expect(health.locator('.failure')).toContainText('5 秒后超时');
  await expect(health).toHaveAttribute('data-verdict', 'unknown');
  await expect(health.locator('.verdict')).toHaveText('Unknown');
  await expect(health.locator('.stale')).toContainText('Showing the last good value, fetched');
  await expect(health.locator('.reading .value')).toHaveText('Healthy');
  // OK while the answer was good, then unknown: never OK while failing.
  expect((await verdictsSeen(page))['signal-health']).toEqual(['unknown', 'ok', 'unknown']);
});

test('offline: Refresh now names the browser as offline and keeps the last good values with their age', async ({ page, context, stack }) => {
  test.setTimeout(45_000);
  await recordVerdicts(page, CARD_NAMES);
  await openTriage(page);
  const errors = card(page, 'errors');
  const lastGood = await errors.locator('.reading .value').textContent();
  const requestsBefore = await stack.upstream.requests();

  await context.setOffline(true);
  await refreshNow(page);
  for (const name of CARD_NAMES) {
    const c = card(page, name);
    await expect(c.locator('.failure')).toContainText('You are offline');
    await expect(c.locator('.failure')).toContainText('当前离线');
    await expect(c).toHaveAttribute('data-verdict', 'unknown');
    await expect(c.locator('.stale')).toContainText('Showing the last good value, fetched');
  }
  await expect(errors.locator('.reading .value')).toHaveText(lastGood);
  // The age keeps counting while offline.
  await expect(errors.locator('.stale')).toContainText(/fetched \d+ s ago\./, { timeout: 15_000 });
  await expect(errors.locator('.fetched')).toContainText(/\(\d+ s ago\)/);
  expect(await stack.upstream.requests()).toEqual(requestsBefore);

  await context.setOffline(false);
  await refreshNow(page);
  await expect(card(page, 'health')).toHaveAttribute('data-verdict', 'ok');
  await expect(card(page, 'vendor')).toHaveAttribute('data-verdict', 'ok');
  await expect(errors).toHaveAttribute('data-verdict', 'bad');
  for (const name of CARD_NAMES) await expect(card(page, name).locator('.failure')).toHaveCount(0);
  // Unknown the whole time the browser was offline, never OK.
  expect(await verdictsSeen(page)).toEqual({
    'signal-vendor': ['unknown', 'ok', 'unknown', 'ok'],
    'signal-health': ['unknown', 'ok', 'unknown', 'ok'],
    'signal-errors': ['unknown', 'bad', 'unknown', 'bad'],
  });
});

test('Refresh now sends one new request per signal, at once', async ({ page, stack }) => {
  const prometheusRequests = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/proxy/prometheus')) prometheusRequests.push(url.pathname);
  });
  await openTriage(page);
  await page.waitForLoadState('networkidle');
  const before = await stack.upstream.requests();
  expect(before).toEqual({ '/health': 1, '/api/v2/status.json': 1 });
  await page.waitForTimeout(1000);
  // Nothing polls on its own this soon (the interval is 30 s).
  expect(await stack.upstream.requests()).toEqual(before);
  const prometheusBefore = prometheusRequests.length;

  await refreshNow(page);
  const after = { '/health': 2, '/api/v2/status.json': 2 };
  await expect.poll(() => stack.upstream.requests(), { timeout: 3000 }).toEqual(after);
  await page.waitForTimeout(1000);
  expect(await stack.upstream.requests()).toEqual(after);
  expect(prometheusRequests.slice(prometheusBefore).sort()).toEqual([
    '/proxy/prometheus/api/v1/query',
    '/proxy/prometheus/api/v1/query',
    '/proxy/prometheus/api/v1/query_range',
  ]);
});

test('screenshots: live triage on desktop and phone, in English and Chinese', async ({ page }) => {
  await openTriage(page);
  for (const [device, size] of [['desktop', { width: 1280, height: 800 }], ['mobile', { width: 390, height: 844 }]]) {
    await page.setViewportSize(size);
    for (const mode of ['en', 'zh']) {
      await chooseLanguage(page, mode, { runbook: false });
      await expect(card(page, 'errors').locator('.verdict')).toHaveText(mode === 'en' ? 'Problem' : '异常');
      await saveScreenshot(page, `triage-${device}-${mode}`);
      const { scrollWidth, clientWidth } = await pageWidths(page);
      // Soft: the other screenshots are still taken when one page is too wide.
      expect.soft(scrollWidth, `${device} ${mode}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
    }
  }
});
