#!/usr/bin/env node
// Generates OpenMetrics history for `instantly_errors_total` (one counter per
// HTTP status code) for `promtool tsdb create-blocks-from openmetrics`.
//
//   node demo/prometheus-backfill.mjs --shape rate-limit [--now UNIX_SECS]
//        [--seed N] [--history-hours 6] [--future-hours 1] [--step 15] [--out FILE]
//
// Samples run from now-history to now+future: Prometheus evaluates rate() at
// "now" from samples up to 5 min old, and a test may run long after the data
// was generated. The output is deterministic for a given seed and now.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const METRIC = 'instantly_errors_total';
export const CODES = ['401', '429', '500', '503'];
export const LABELS = { namespace: 'default', job: 'instantly-integration' };

const MINUTE = 60;

// Errors per second, per code, while nothing is wrong.
const BACKGROUND = { 401: 0.002, 429: 0.012, 500: 0.004, 503: 0.002 };

// 0 before `start`, 1 after `start + duration`, smooth in between.
function ramp(t, start, duration) {
  if (t <= start) return 0;
  if (t >= start + duration) return 1;
  const x = (t - start) / duration;
  return x * x * (3 - 2 * x);
}

// Each shape maps (code, seconds relative to now) to an error rate per second.
// The numbers are what the app's tests rely on (rate over 5 min at now):
//   rate-limit ~0.70/s, ~80% 429 | auth ~0.87/s, ~98% 401
//   vendor     ~1.4/s, ~65% 503 (above the 1/s P1 alert threshold)
//   recovered / calm ~0.02/s (under the 0.1/s threshold)
export const SHAPES = {
  calm: {
    description: 'background errors only',
    extra: () => 0,
  },
  'rate-limit': {
    description: '429 spike since now-25m (~0.7 err/s, ~80% 429)',
    extra: (code, t) => ({ 429: 0.55, 500: 0.08, 503: 0.05 }[code] ?? 0) * ramp(t, -25 * MINUTE, 4 * MINUTE),
  },
  auth: {
    description: '401 for every call since now-18m (rotated or revoked API key)',
    extra: (code, t) => (code === '401' ? 0.85 : 0) * ramp(t, -18 * MINUTE, MINUTE),
  },
  vendor: {
    description: 'vendor outage since now-30m: 503/500 (~1.4 err/s, ~65% 503)',
    extra: (code, t) => ({ 503: 0.9, 500: 0.4, 429: 0.05 }[code] ?? 0) * ramp(t, -30 * MINUTE, 3 * MINUTE),
  },
  recovered: {
    description: '429 spike from now-55m that ended at now-15m',
    extra: (code, t) =>
      ({ 429: 0.55, 500: 0.08, 503: 0.05 }[code] ?? 0) *
      ramp(t, -55 * MINUTE, 4 * MINUTE) *
      (1 - ramp(t, -20 * MINUTE, 5 * MINUTE)),
  },
};

export function rateAt(shape, code, t) {
  return BACKGROUND[code] + SHAPES[shape].extra(code, t);
}

// mulberry32: small, seedable, good enough for demo noise.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Knuth's method; lambda stays below ~15 here.
function poisson(random, lambda) {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function labelText(code) {
  const labels = { code, ...LABELS };
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(',');
}

export function generateOpenMetrics({
  shape = 'rate-limit',
  now = Math.floor(Date.now() / 1000),
  seed = 1,
  historyHours = 6,
  futureHours = 1,
  step = 15,
} = {}) {
  if (!SHAPES[shape]) {
    throw new Error(`unknown shape "${shape}"; use one of: ${Object.keys(SHAPES).join(', ')}`);
  }
  if (!(step > 0) || !(historyHours >= 0) || !(futureHours >= 0)) {
    throw new Error('step must be > 0 and history/future hours >= 0');
  }
  const anchor = Math.floor(now / step) * step;
  const first = anchor - Math.round(historyHours * 3600 / step) * step;
  const last = anchor + Math.round(futureHours * 3600 / step) * step;
  const lines = [
    `# HELP ${METRIC.replace(/_total$/, '')} Errors returned by calls to the Instantly API, by HTTP status code.`,
    `# TYPE ${METRIC.replace(/_total$/, '')} counter`,
  ];
  CODES.forEach((code, index) => {
    const random = prng(seed * 7919 + index * 104729);
    let value = 100 + Math.floor(random() * 5000);
    for (let t = first; t <= last; t += step) {
      if (t > first) value += poisson(random, rateAt(shape, code, t - now) * step);
      lines.push(`${METRIC}{${labelText(code)}} ${value} ${t}`);
    }
  });
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

function parseArgs(argv) {
  const options = {};
  const names = {
    '--shape': ['shape', String],
    '--now': ['now', Number],
    '--seed': ['seed', Number],
    '--history-hours': ['historyHours', Number],
    '--future-hours': ['futureHours', Number],
    '--step': ['step', Number],
    '--out': ['out', String],
  };
  for (let i = 0; i < argv.length; i += 2) {
    const entry = names[argv[i]];
    if (!entry || argv[i + 1] === undefined) {
      throw new Error(`usage: prometheus-backfill.mjs [${Object.keys(names).join(' X] [')} X]; got "${argv[i]}"`);
    }
    const value = entry[1](argv[i + 1]);
    if (entry[1] === Number && !Number.isFinite(value)) throw new Error(`${argv[i]} needs a number`);
    options[entry[0]] = value;
  }
  return options;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { out, ...options } = parseArgs(process.argv.slice(2));
    const text = generateOpenMetrics(options);
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
  } catch (error) {
    console.error(`prometheus-backfill: ${error.message}`);
    process.exit(2);
  }
}
