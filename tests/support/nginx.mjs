// Renders deploy/nginx.conf for a local run and runs nginx as a user process.
//
// deploy/nginx.conf marks every deployment-specific line with a trailing
// "# @render <key>". Rendering replaces the arguments of those lines and
// nothing else:   <indent><directive> <args>;<space># @render <key>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { NGINX_TEMPLATE } from './paths.mjs';
import { httpOk, startProcess } from './processes.mjs';
import { FIXTURE_OVERRIDES } from './library.mjs';

const MARKED_LINE = /^(\s*)(\S+)\s+(.*?);(\s*# @render (\S+))$/;

export function renderNginxConf(template, values) {
  const seen = new Set();
  const lines = template.split('\n').map((line) => {
    const match = MARKED_LINE.exec(line);
    if (!match) return line;
    const [, indent, directive, , marker, key] = match;
    if (!(key in values)) throw new Error(`no value for "# @render ${key}" in nginx template`);
    seen.add(key);
    return `${indent}${directive} ${values[key]};${marker}`;
  });
  const unused = Object.keys(values).filter((key) => !seen.has(key));
  if (unused.length) throw new Error(`nginx template has no line marked ${unused.join(', ')}`);
  return lines.join('\n');
}

// Only a master process running as root switches users; pick one that exists.
function workerUser() {
  const has = (file, name) => readFileSync(file, 'utf8').split('\n').some((line) => line.startsWith(`${name}:`));
  if (has('/etc/passwd', 'www-data')) return 'www-data';
  return has('/etc/group', 'nogroup') ? 'nobody nogroup' : 'nobody';
}

// Connections from this address count as a load balancer's (X-Forwarded-For
// names the client); every other loopback address is a client of its own.
export const LOAD_BALANCER_ADDRESS = '127.0.0.2';

// Values that make the production config run on loopback from `dir`.
export function localValues({
  dir, port, dist, healthPort, prometheusPort, prometheusBackupPort, vendorStatusPort,
  // The shipped config's metric, then the fixture runbook's override (as a deployment lists
  // every runbook's metric).
  errorMetric = `instantly_errors_total ${FIXTURE_OVERRIDES.prometheus.error_metric}`, statusCodeLabel = 'code',
}) {
  const temp = (name) => join(dir, 'temp', name);
  return {
    user: workerUser(),
    pid: join(dir, 'nginx.pid'),
    error_log: `${join(dir, 'error.log')} warn`,
    access_log: join(dir, 'access.log'),
    client_body_temp_path: temp('client_body'),
    proxy_temp_path: temp('proxy'),
    fastcgi_temp_path: temp('fastcgi'),
    uwsgi_temp_path: temp('uwsgi'),
    scgi_temp_path: temp('scgi'),
    listen_default: `127.0.0.1:${port} default_server`,
    listen: `127.0.0.1:${port}`,
    server_name: '127.0.0.1 localhost',
    root: dist,
    health_upstream: `127.0.0.1:${healthPort}`,
    prometheus_upstream: `127.0.0.1:${prometheusPort}`,
    prometheus_backup_upstream: `127.0.0.1:${prometheusBackupPort}`,
    resolver: '127.0.0.1 ipv6=off valid=300s',
    vendor_status_origin: `$vendor_status_origin "http://127.0.0.1:${vendorStatusPort}"`,
    real_ip_from: LOAD_BALANCER_ADDRESS,
    js_path: dirname(NGINX_TEMPLATE),
    error_metric: `$prometheus_error_metric "${errorMetric}"`,
    status_code_label: `$prometheus_status_code_label "${statusCodeLabel}"`,
  };
}

export function writeLocalConf(options) {
  mkdirSync(join(options.dir, 'temp'), { recursive: true });
  const file = join(options.dir, 'nginx.conf');
  writeFileSync(file, renderNginxConf(readFileSync(NGINX_TEMPLATE, 'utf8'), localValues(options)));
  return file;
}

function nginxArgs(dir, extra) {
  return ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), ...extra];
}

// `nginx -t` on the rendered file; throws with nginx's message when invalid.
export function checkConf(dir) {
  try {
    return execFileSync('nginx', nginxArgs(dir, ['-t', '-q']), { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(`nginx -t failed for ${join(dir, 'nginx.conf')}:\n${error.stderr}`);
  }
}

export async function startNginx({ dir, port, runDir }) {
  checkConf(dir);
  return startProcess({
    name: 'nginx',
    command: 'nginx',
    args: nginxArgs(dir, ['-g', 'daemon off;']),
    runDir,
    ready: async () => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return response.status > 0;
    },
  });
}

export { httpOk };
