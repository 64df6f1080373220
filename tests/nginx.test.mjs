// deploy/nginx.conf, rendered for loopback, in front of a dummy build and
// the real upstreams (Prometheus with backfilled data, the demo upstream).
//   node --test tests/nginx.test.mjs
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { writeDummyDist } from './support/dummy-dist.mjs';
import { DEFAULT_DIST, NGINX_TEMPLATE, RUN_ROOT } from './support/paths.mjs';
import { LOAD_BALANCER_ADDRESS, renderNginxConf } from './support/nginx.mjs';
import { FIXTURE_OVERRIDES } from './support/library.mjs';
import { startStack } from './support/stack.mjs';

// The one inline script the policy allows is the build's loader (xtask/src/boot.rs), by the hash
// a browser computes for it: SHA-256 of its text in the built index.html, in base64.
function loaderHashSource() {
  const index = join(DEFAULT_DIST, 'index.html');
  if (!existsSync(index)) throw new Error(`no build at ${DEFAULT_DIST}: run scripts/build.sh first (the CSP allows its loader by hash)`);
  // A data block (type="application/json", the runbook library's index) is not run, so the
  // policy does not cover it.
  const scripts = [...readFileSync(index, 'utf8').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\btype="application\/json"/.test(m[1]))
    .map((m) => m[2]);
  assert.equal(scripts.length, 1, `${index} has one script that runs, the loader`);
  return `'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}'`;
}

const CSP =
  `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${loaderHashSource()}; style-src 'self'; img-src 'self' data:; ` +
  "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'; object-src 'none'";

// The app's queries for the default config (core/src/signals/query.rs).
const TOTAL = 'sum(rate(instantly_errors_total[5m]))';
const BY_CODE = 'sum by (code) (rate(instantly_errors_total[5m]))';

let stack;
let dummy;

// Raw request: the path and Host header go out exactly as given (no URL
// normalisation), which fetch() would not allow.
// `from` is the client's own (loopback) address.
function request(path, { method = 'GET', headers = {}, body, from } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: stack.ports.nginx, path, method, headers, agent: false, localAddress: from },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
          resolve({ status: res.statusCode, headers: res.headers, raw, text });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.end(body);
  });
}

function assertSecurityHeaders(response, what) {
  assert.equal(response.headers['content-security-policy'], CSP, `CSP on ${what}`);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', `nosniff on ${what}`);
  assert.equal(response.headers['referrer-policy'], 'no-referrer', `Referrer-Policy on ${what}`);
  assert.equal(response.headers['x-frame-options'], 'DENY', `X-Frame-Options on ${what}`);
  assert.match(response.headers['permissions-policy'] ?? '', /camera=\(\)/, `Permissions-Policy on ${what}`);
}

before(async () => {
  dummy = writeDummyDist(join(RUN_ROOT, 'stack-fixtures', 'nginx-test-dist'));
  stack = await startStack({ id: 'nginx-test', dist: dummy.dir, shape: 'rate-limit' });
});

after(async () => {
  await stack?.stop();
});

describe('rendering deploy/nginx.conf', () => {
  test('changes only the marked lines', () => {
    const template = readFileSync(NGINX_TEMPLATE, 'utf8');
    const rendered = readFileSync(join(stack.runDir, 'nginx', 'nginx.conf'), 'utf8');
    const templateLines = template.split('\n');
    const renderedLines = rendered.split('\n');
    assert.equal(renderedLines.length, templateLines.length);
    templateLines.forEach((line, i) => {
      if (!line.includes('# @render ')) assert.equal(renderedLines[i], line, `line ${i + 1} changed`);
    });
    assert.doesNotMatch(rendered, /10\.0\.0\.\d+/, 'a production placeholder address is left');
  });

  test('refuses a value for a key the template does not mark', () => {
    assert.throws(() => renderNginxConf('root /x; # @render root\n', { root: '/y', listen: '1' }), /listen/);
    assert.throws(() => renderNginxConf('root /x; # @render root\n', {}), /no value/);
  });
});

describe('static files', () => {
  test('index.html: HTML, no-cache, security headers', async () => {
    const response = await request('/');
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'], /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    assertSecurityHeaders(response, '/');
  });

  test('app routes fall back to the app shell', async () => {
    for (const path of ['/triage', '/runbook/instantly/step/3', '/triage?lang=zh']) {
      const response = await request(path);
      assert.equal(response.status, 200, path);
      assert.match(response.text, /<main id="app">/, path);
      assert.equal(response.headers['cache-control'], 'no-cache', path);
    }
  });

  test('a missing asset is a 404, not the app shell', async () => {
    for (const path of ['/missing.wasm', '/wasm-ffffffffffffffff/incident-runbook.js', '/missing.css', '/favicon.ico']) {
      const response = await request(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.text, /<main id="app">/, path);
      assert.equal(response.headers['cache-control'], undefined, `${path}: a 404 must not be cached`);
      assertSecurityHeaders(response, path);
    }
  });

  test('wasm is application/wasm, gzipped, cached as immutable', async () => {
    const response = await request(`/${dummy.wasm}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/wasm');
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(WebAssembly.validate(gunzipSync(response.raw)), 'served bytes are the wasm module');
  });

  test('hashed js and css: JavaScript and CSS types, gzip, immutable', async () => {
    const js = await request(`/${dummy.js}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.match(js.headers['content-type'], /^(text|application)\/javascript/);
    assert.equal(js.headers['content-encoding'], 'gzip');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    const css = await request(`/${dummy.css}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.match(css.headers['content-type'], /^text\/css/);
    assert.equal(css.headers['content-encoding'], 'gzip');
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('a browser accepting brotli gets the precompressed .br of the wasm, a page chunk, js and css', async () => {
    for (const name of [dummy.wasm, dummy.chunk, dummy.js, dummy.css]) {
      const response = await request(`/${name}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(response.headers['content-encoding'], 'br', name);
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable', name);
      assert.deepEqual(brotliDecompressSync(response.raw), readFileSync(join(dummy.dir, name)), `${name}: the file's bytes`);
    }
  });

  test('without Accept-Encoding nothing is compressed', async () => {
    const response = await request(`/${dummy.wasm}`);
    assert.equal(response.headers['content-encoding'], undefined);
  });

  test('config.json, sw.js and the manifest are revalidated, with the right types', async () => {
    const config = await request('/config.json');
    assert.match(config.headers['content-type'], /^application\/json/);
    assert.equal(config.headers['cache-control'], 'no-cache');
    const worker = await request('/sw.js');
    assert.match(worker.headers['content-type'], /^text\/javascript/);
    assert.equal(worker.headers['cache-control'], 'no-cache');
    const manifest = await request('/manifest.webmanifest');
    assert.match(manifest.headers['content-type'], /^application\/manifest\+json/);
    assert.equal(manifest.headers['cache-control'], 'no-cache');
  });

  test('no server version is disclosed', async () => {
    const response = await request('/missing.js');
    assert.equal(response.headers.server, 'nginx');
    assert.doesNotMatch(response.text, /nginx\/\d/);
  });
});

describe('allow-listed proxy paths', () => {
  test('a Prometheus query reaches Prometheus and returns its JSON', async () => {
    const query = encodeURIComponent(BY_CODE);
    for (const prefix of ['/proxy/prometheus', '/proxy/prometheus-backup']) {
      const response = await request(`${prefix}/api/v1/query?query=${query}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(response.status, 200, prefix);
      assert.equal(response.headers['cache-control'], 'no-store');
      assertSecurityHeaders(response, prefix);
      const body = JSON.parse(response.text);
      assert.equal(body.status, 'success');
      const rates = Object.fromEntries(body.data.result.map((r) => [r.metric.code, Number(r.value[1])]));
      const total = Object.values(rates).reduce((a, b) => a + b, 0);
      assert.ok(total > 0.5 && total < 0.9, `${prefix}: total error rate ${total}`);
      assert.ok(rates['429'] / total > 0.7, `${prefix}: 429 share ${rates['429'] / total}`);
    }
  });

  test('query_range reaches Prometheus', async () => {
    const end = Math.floor(Date.now() / 1000);
    const params = new URLSearchParams({ query: BY_CODE, start: end - 3600, end, step: 60 });
    const response = await request(`/proxy/prometheus/api/v1/query_range?${params}`);
    assert.equal(response.status, 200);
    const body = JSON.parse(response.text);
    assert.equal(body.data.resultType, 'matrix');
    assert.ok(body.data.result[0].values.length >= 60);
  });

  test('health and vendor status reach the upstream', async () => {
    const health = await request('/proxy/health');
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.text).services.instantly.status, 'healthy');
    const vendor = await request('/proxy/vendor-status/api/v2/status.json');
    assert.equal(vendor.status, 200);
    assert.equal(JSON.parse(vendor.text).status.indicator, 'none');
  });

  test('upstream error statuses and bodies pass through unchanged', async () => {
    await stack.upstream.setMode({ health: '503' });
    try {
      const response = await request('/proxy/health');
      assert.equal(response.status, 503);
      assert.equal(JSON.parse(response.text).status, 'unhealthy');
      assertSecurityHeaders(response, 'proxied 503');
    } finally {
      await stack.upstream.reset();
    }
  });

  test('a stopped Prometheus gives a quick 502, the backup still answers', async () => {
    await stack.prometheus.primary.stop();
    try {
      const started = Date.now();
      const down = await request(`/proxy/prometheus/api/v1/query?query=${encodeURIComponent(TOTAL)}`);
      assert.equal(down.status, 502);
      assert.ok(Date.now() - started < 2000, 'connection refused is reported at once');
      assertSecurityHeaders(down, '502');
      const backup = await request(`/proxy/prometheus-backup/api/v1/query?query=${encodeURIComponent(TOTAL)}`);
      assert.equal(backup.status, 200);
    } finally {
      await stack.prometheus.primary.start();
    }
  });

  test('cookies and credentials are not forwarded, cookies not returned', async () => {
    const response = await request('/proxy/health', {
      headers: { cookie: 'session=secret', authorization: 'Bearer secret', 'proxy-authorization': 'Basic x' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers['set-cookie'], undefined);
    const { path, headers: seen } = await stack.upstream.lastRequest();
    assert.equal(path, '/health');
    assert.equal(seen.cookie, undefined);
    assert.equal(seen.authorization, undefined);
    assert.equal(seen['proxy-authorization'], undefined);
    assert.equal(seen.host, 'health_upstream', 'the client Host is not forwarded');
  });

  test('HEAD is allowed and reaches the upstream as GET', async () => {
    const response = await request('/proxy/health', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.raw.length, 0);
    assert.equal((await stack.upstream.lastRequest()).method, 'GET');
  });
});

describe('everything else under /proxy/ is refused', () => {
  const refusedPaths = [
    '/proxy/prometheus/api/v1/admin/tsdb/delete_series?match[]=up',
    '/proxy/prometheus/api/v1/admin/tsdb/snapshot',
    '/proxy/prometheus/federate?match[]=up',
    '/proxy/prometheus/api/v1/series?match[]=up',
    '/proxy/prometheus/api/v1/label/__name__/values',
    '/proxy/prometheus/api/v1/query/',
    '/proxy/prometheus/api/v1/query_exemplars?query=up',
    '/proxy/prometheus/graph',
    '/proxy/prometheus/-/quit',
    '/proxy/prometheus/-/reload',
    '/proxy/prometheus/api/v1/labels',
    '/proxy/prometheus/api/v1/status/config',
    '/proxy/prometheus/api/v1/targets',
    '/proxy/prometheus/api/v1/rules',
    '/proxy/prometheus/api/v1/read',
    '/proxy/prometheus/api/v1/admin/tsdb/delete_series?match[]={__name__=~".+"}',
    '/proxy/prometheus-backup/federate?match[]={__name__=~".+"}',
    '/proxy/prometheus-backup/api/v1/series?match[]=up',
    '/proxy/prometheus/api/v1/query_range/../../admin/tsdb/snapshot',
    '/proxy/prometheus-backup/api/v1/admin/tsdb/clean_tombstones',
    '/proxy/prometheus',
    '/proxy/',
    '/proxy',
    '/proxy/http://evil.example/',
    '/proxy/http:/evil.example/api/v2/status.json',
    '/proxy/vendor-status/api/v2/incidents.json',
    '/proxy/vendor-status/',
    '/proxy/health/../prometheus/api/v1/admin/tsdb/snapshot',
    '/proxy/health%2F..%2Fprometheus%2Fapi%2Fv1%2Fadmin%2Ftsdb%2Fsnapshot',
  ];
  for (const path of refusedPaths) {
    test(`GET ${path}`, async () => {
      const response = await request(path);
      assert.ok([400, 404].includes(response.status), `${path} gave ${response.status}`);
      assert.doesNotMatch(response.text, /"status":\s*"success"|<main id="app">/);
      assertSecurityHeaders(response, path);
    });
  }

  test('dot-segments never climb out of /proxy/', async () => {
    for (const path of ['/proxy/../etc/passwd', '/proxy/..%2f..%2fetc/passwd', '/proxy/%2e%2e/etc/passwd', '/../etc/passwd']) {
      const response = await request(path);
      assert.equal(response.status, 400, path);
      assert.doesNotMatch(response.text, /root:/, path);
    }
  });

  test('an absolute-URI request line does not reach another host', async () => {
    for (const path of ['http://evil.example/', 'http://evil.example/proxy/health', 'http://169.254.169.254/latest/meta-data/']) {
      const response = await request(path, { headers: { host: 'evil.example' } });
      assert.equal(response.status, 421, path);
      assertSecurityHeaders(response, path);
    }
  });

  test('a foreign Host header is refused', async () => {
    for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example']) {
      const response = await request('/proxy/health', { headers: { host } });
      assert.equal(response.status, 421, host);
    }
  });

  test('X-Forwarded-Host and friends do not pick the upstream', async () => {
    const response = await request('/proxy/vendor-status/api/v2/status.json', {
      headers: { 'x-forwarded-host': 'evil.example', 'x-original-url': '/admin', 'x-rewrite-url': '/admin' },
    });
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(response.text).page.name, 'Instantly');
  });
});

describe('only GET and HEAD reach an upstream', () => {
  const proxyPaths = [
    '/proxy/health',
    '/proxy/prometheus/api/v1/query?query=up',
    '/proxy/prometheus/api/v1/query_range',
    '/proxy/prometheus-backup/api/v1/query',
    '/proxy/vendor-status/api/v2/status.json',
  ];
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    test(`${method} on proxy paths is 405 with Allow: GET, HEAD`, async () => {
      for (const path of proxyPaths) {
        const response = await request(path, { method, body: method === 'POST' ? 'query=up' : undefined });
        assert.equal(response.status, 405, `${method} ${path}`);
        assert.equal(response.headers.allow, 'GET, HEAD', `${method} ${path}`);
        assertSecurityHeaders(response, `${method} ${path}`);
      }
    });
  }

  test('refused methods never reach the upstream', async () => {
    await stack.upstream.reset();
    await request('/proxy/health', { method: 'POST' });
    await request('/proxy/vendor-status/api/v2/status.json', { method: 'DELETE' });
    assert.deepEqual(await stack.upstream.requests(), {});
  });
});

// The app's percent-encoding (core/src/signals/query.rs percent_encode): every
// byte but the RFC 3986 unreserved characters.
const appEncode = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const DAY = 86_400;
const nowSecs = () => Math.floor(Date.now() / 1000);
// As core/src/signals/query.rs step_for_span.
const stepForSpan = (span) => Math.max(Math.floor(span / 11_000) + 1, 15);

function rangePath(prefix, query, start, end, step) {
  return `${prefix}/api/v1/query_range?query=${appEncode(query)}&start=${start}&end=${end}&step=${step}`;
}

async function assertRefused(path, status, what = path) {
  const response = await request(path);
  assert.equal(response.status, status, `${what}: ${response.text}`);
  assert.match(response.headers['content-type'] ?? '', /^application\/json/, what);
  const body = JSON.parse(response.text);
  assert.equal(body.status, 'error', what);
  assert.equal(body.errorType, 'proxy_refused', `${what}: answered by the proxy, not Prometheus`);
  assertSecurityHeaders(response, what);
  return body;
}

describe('the Prometheus proxy passes only the queries the app sends', () => {
  const prefixes = ['/proxy/prometheus', '/proxy/prometheus-backup'];

  test("the app's exact requests pass: both instant queries, each chart window, an incident's span", async () => {
    const end = nowSecs();
    const paths = [];
    for (const prefix of prefixes) {
      paths.push(`${prefix}/api/v1/query?query=${appEncode(TOTAL)}`, `${prefix}/api/v1/query?query=${appEncode(BY_CODE)}`);
      for (const [span, step] of [[900, 15], [3600, 60], [21_600, 240]]) paths.push(rangePath(prefix, BY_CODE, end - span, end, step));
      // The longest incident span the proxy allows, at the app's finest step for it.
      const span = 7 * DAY - 60;
      paths.push(rangePath(prefix, BY_CODE, end - span, end, stepForSpan(span)));
    }
    // What curl or a browser's encodeURIComponent / URLSearchParams send for the same query.
    paths.push(`/proxy/prometheus/api/v1/query?query=${encodeURIComponent(TOTAL)}&time=${end}`);
    paths.push(`/proxy/prometheus/api/v1/query?${new URLSearchParams({ query: BY_CODE })}`);
    for (const path of paths) {
      const response = await request(path);
      assert.equal(response.status, 200, `${path}: ${response.text}`);
      assert.equal(JSON.parse(response.text).status, 'success', path);
    }
  });

  test("a second runbook's metric (listed after the first in $prometheus_error_metric) passes in the app's shapes only", async () => {
    const metric = FIXTURE_OVERRIDES.prometheus.error_metric;
    const end = nowSecs();
    for (const path of [
      `/proxy/prometheus/api/v1/query?query=${appEncode(`sum(rate(${metric}[5m]))`)}`,
      `/proxy/prometheus/api/v1/query?query=${appEncode(`sum by (code) (rate(${metric}[5m]))`)}`,
      rangePath('/proxy/prometheus', `sum by (code) (rate(${metric}[5m]))`, end - 3600, end, 60),
    ]) {
      const response = await request(path);
      assert.equal(response.status, 200, `${path}: ${response.text}`);
    }
    for (const query of [metric, `sum by (job) (rate(${metric}[5m]))`, `sum(rate(${metric}[5m])) or up`, `sum(rate(${metric} instantly_errors_total[5m]))`]) {
      await assertRefused(`/proxy/prometheus/api/v1/query?query=${appEncode(query)}`, 403, query);
    }
    await assertRefused(rangePath('/proxy/prometheus', `sum(rate(${metric}[5m]))`, end - 3600, end, 60), 403, 'range of its total');
  });

  test('any other PromQL is refused (403)', async () => {
    const queries = [
      'count({__name__=~".+"})',
      'up',
      '{__name__=~".+"}',
      'instantly_errors_total',
      'sum by (job) (rate(instantly_errors_total[5m]))',
      'sum(rate(instantly_errors_total[30d]))',
      'sum(rate(other_metric_total[5m]))',
      'sum(rate(instantly_errors_total[5m])) or count({__name__=~".+"})',
      'sum(rate(instantly_errors_total[5m])) ',
      'sum( rate(instantly_errors_total[5m]))',
      '',
    ];
    for (const prefix of prefixes) {
      for (const query of queries) await assertRefused(`${prefix}/api/v1/query?query=${appEncode(query)}`, 403, `${prefix} ${query}`);
    }
    // The total is an instant query only; the chart asks by code.
    const end = nowSecs();
    await assertRefused(rangePath('/proxy/prometheus', TOTAL, end - 3600, end, 60), 403, 'range of the total');
    await assertRefused(rangePath('/proxy/prometheus', 'count({__name__=~".+"})', end - 3600, end, 60), 403, 'range of count');
  });

  test('huge ranges, tiny steps, far-past and far-future times are refused', async () => {
    const now = nowSecs();
    const cases = [
      ['30 days, step 1 s', rangePath('/proxy/prometheus', BY_CODE, now - 30 * DAY, now, 1)],
      ['30 days at the point limit', rangePath('/proxy/prometheus', BY_CODE, now - 30 * DAY, now, stepForSpan(30 * DAY))],
      ['1 h, step 0.1 s', rangePath('/proxy/prometheus', BY_CODE, now - 3600, now, 0.1)],
      ['7 days, one point too many', rangePath('/proxy/prometheus', BY_CODE, now - 7 * DAY + 100, now, Math.floor((7 * DAY - 100) / 11_000) - 1)],
      ['far past', rangePath('/proxy/prometheus-backup', BY_CODE, 1_500_000_000, 1_500_003_600, 60)],
      ['8 days ago', rangePath('/proxy/prometheus', BY_CODE, now - 8 * DAY, now - 8 * DAY + 3600, 60)],
      ['far future', rangePath('/proxy/prometheus', BY_CODE, now, now + 30 * DAY, 3600)],
      ['instant, far past', `/proxy/prometheus/api/v1/query?query=${appEncode(TOTAL)}&time=1500000000`],
      ['instant, far future', `/proxy/prometheus/api/v1/query?query=${appEncode(TOTAL)}&time=${now + 8 * DAY}`],
    ];
    for (const [what, path] of cases) await assertRefused(path, 403, what);
  });

  test('malformed or extra parameters are refused (400)', async () => {
    const now = nowSecs();
    const total = appEncode(TOTAL);
    const range = (rest) => `/proxy/prometheus/api/v1/query_range?query=${appEncode(BY_CODE)}&${rest}`;
    const cases = [
      ['no query', '/proxy/prometheus/api/v1/query'],
      ['query twice', `/proxy/prometheus/api/v1/query?query=${total}&query=${appEncode('count({__name__=~".+"})')}`],
      ['query twice, the second key encoded', `/proxy/prometheus/api/v1/query?query=${total}&%71uery=up`],
      ['";" separator', `/proxy/prometheus/api/v1/query?query=${total};query=up`],
      ['bad percent-encoding', `/proxy/prometheus/api/v1/query?query=${total}%zz`],
      ['raw brace', `/proxy/prometheus/api/v1/query?query={__name__=~".+"}`],
      ['empty pair', `/proxy/prometheus/api/v1/query?query=${total}&&`],
      ['timeout', `/proxy/prometheus/api/v1/query?query=${total}&timeout=10m`],
      ['stats', `/proxy/prometheus/api/v1/query?query=${total}&stats=all`],
      ['Thanos partial_response', `/proxy/prometheus/api/v1/query?query=${total}&partial_response=true`],
      ['VictoriaMetrics extra_label', `/proxy/prometheus/api/v1/query?query=${total}&extra_label=namespace%3Dother`],
      ['VictoriaMetrics nocache', `/proxy/prometheus-backup/api/v1/query?query=${total}&nocache=1`],
      ['RFC 3339 time', `/proxy/prometheus/api/v1/query?query=${total}&time=2026-01-01T00:00:00Z`],
      ['range without step', range(`start=${now - 3600}&end=${now}`)],
      ['end before start', range(`start=${now}&end=${now - 3600}&step=60`)],
      ['step 0', range(`start=${now - 3600}&end=${now}&step=0`)],
      ['step as a duration', range(`start=${now - 3600}&end=${now}&step=1ms`)],
      ['negative step', range(`start=${now - 3600}&end=${now}&step=-60`)],
      ['start as a duration', range(`start=now-30d&end=${now}&step=60`)],
      ['range with lookback_delta', range(`start=${now - 3600}&end=${now}&step=60&lookback_delta=30d`)],
    ];
    for (const [what, path] of cases) await assertRefused(path, 400, what);
  });
});

describe('client forwarding headers and the rate limit behind a load balancer', () => {
  const spoofed = {
    'x-forwarded-for': '203.0.113.66',
    'x-real-ip': '203.0.113.66',
    forwarded: 'for=203.0.113.66;host=evil.example;proto=https',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    'x-forwarded-port': '443',
    'x-forwarded-prefix': '/admin',
    'x-forwarded-server': 'evil.example',
    'x-original-url': '/admin',
    'x-rewrite-url': '/admin',
    'x-scope-orgid': 'other-tenant',
    'x-http-method-override': 'DELETE',
    'true-client-ip': '203.0.113.66',
  };

  test('no forwarding header a client sends reaches an upstream, even from the load balancer', async () => {
    for (const from of ['127.0.0.1', LOAD_BALANCER_ADDRESS]) {
      const response = await request('/proxy/health', { headers: spoofed, from });
      assert.equal(response.status, 200, from);
      const { headers: seen } = await stack.upstream.lastRequest();
      const leaked = Object.keys(spoofed).filter((name) => name in seen);
      assert.deepEqual(leaked, [], `${from}: headers forwarded to the upstream`);
    }
  });

  // Sends up to `max` requests; the number of the first answered 429, or 0.
  async function firstLimited(from, headersFor, max = 250) {
    for (let i = 1; i <= max; i += 1) {
      const response = await request('/proxy/health', { from, headers: headersFor(i) });
      if (response.status === 429) return i;
      assert.equal(response.status, 200, `request ${i} from ${from}`);
    }
    return 0;
  }

  test('a direct client cannot dodge the rate limit with a forged X-Forwarded-For', async () => {
    const limitedAt = await firstLimited('127.0.0.3', (i) => ({ 'x-forwarded-for': `198.51.100.${i % 250}` }));
    assert.ok(limitedAt > 0, 'a client changing X-Forwarded-For on every request was never limited');
    // Another client is not affected.
    assert.equal((await request('/proxy/health', { from: '127.0.0.4' })).status, 200);
  });

  test('behind the load balancer, the limit keys on the client it forwards for, not on the balancer', async () => {
    const from = LOAD_BALANCER_ADDRESS;
    const limitedAt = await firstLimited(from, () => ({ 'x-forwarded-for': '192.0.2.10' }));
    assert.ok(limitedAt > 0, 'one client behind the balancer was never limited');
    // Another client behind the same balancer still passes...
    assert.equal((await request('/proxy/health', { from, headers: { 'x-forwarded-for': '192.0.2.11' } })).status, 200);
    // ...but the limited one cannot pass by prepending an address of its own choice: the balancer
    // appends the address it saw, and only that one counts.
    const forged = await request('/proxy/health', { from, headers: { 'x-forwarded-for': '192.0.2.12, 192.0.2.10' } });
    assert.equal(forged.status, 429);
  });
});
