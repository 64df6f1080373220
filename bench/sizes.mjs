// What a first visit downloads, read from the build: the files index.html
// loads before the app runs (its stylesheets, the boot script, the wasm-bindgen
// bindings it imports with the split loader they import, the main wasm), each
// raw, gzip -9, brotli -q 11, and as nginx actually serves it (curl, compressed
// bytes on the wire). The page chunks are listed apart: a page fetches its own
// when first opened, and the service worker precaches them all after start.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const one = (re, text, what) => {
  const found = [...text.matchAll(re)].map((m) => m[1]);
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0];
};

// Site paths of the first-load files, by kind.
export function firstLoadFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const boot = one(/<script data-boot="([^"]+)"/g, html, 'boot script in index.html');
  const bootJs = readFileSync(join(dist, boot), 'utf8');
  const bindings = one(/from '([^']+\.js)'/g, bootJs, 'bindings import in the boot script');
  const wasm = one(/module_or_path: '([^']+)'/g, bootJs, 'wasm path in the boot script');
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  if (!css.length) throw new Error('index.html links no stylesheet');
  const wasmDir = dirname(bindings);
  const bindingsJs = readFileSync(join(dist, bindings), 'utf8');
  const loaders = [...new Set([...bindingsJs.matchAll(/from "\.\/([^"]+\.js)"/g)].map((m) => `${wasmDir}/${m[1]}`))];
  if (loaders.length !== 1) throw new Error(`expected the bindings to import one split loader, found ${loaders.length}`);
  const chunks = readdirSync(join(dist, wasmDir))
    .filter((name) => name.endsWith('.wasm') && `${wasmDir}/${name}` !== wasm)
    .map((name) => `${wasmDir}/${name}`);
  if (!chunks.length) throw new Error(`no page chunks next to ${wasm}`);
  return { html: '/index.html', css, boot, bindings, splitLoader: loaders[0], wasm, chunks };
}

// Every file of the first load, as site paths.
export const firstLoadPaths = (f) => [f.html, ...f.css, f.boot, f.bindings, f.splitLoader, f.wasm];

function compressed(file) {
  const out = (cmd, args) => execFileSync(cmd, [...args, file], { maxBuffer: 64 * 1024 * 1024 }).length;
  return {
    raw: statSync(file).size,
    gzip9: out('gzip', ['-9', '-n', '-c']),
    brotli11: out('brotli', ['-q', '11', '-c']),
  };
}

// Body bytes as received (before decoding) and the encoding nginx chose.
function served(baseURL, path) {
  const url = `${baseURL}${path === '/index.html' ? '/' : path}`;
  const out = execFileSync('curl', ['-sS', '-o', '/dev/null', '--compressed', '-w', '%{http_code} %{size_download} %header{content-encoding}', url], {
    encoding: 'utf8',
  });
  const [status, bytes, encoding = ''] = out.trim().split(' ');
  if (status !== '200') throw new Error(`${url}: HTTP ${status}`);
  return { bytes: Number(bytes), encoding: encoding || 'identity' };
}

function row(name, dist, baseURL, paths) {
  const sizes = paths.map((p) => ({ path: p, ...compressed(join(dist, p)), served: served(baseURL, p) }));
  const sum = (pick) => sizes.reduce((n, s) => n + pick(s), 0);
  return {
    name,
    files: sizes,
    raw: sum((s) => s.raw),
    gzip9: sum((s) => s.gzip9),
    brotli11: sum((s) => s.brotli11),
    served: sum((s) => s.served.bytes),
    encodings: [...new Set(sizes.map((s) => s.served.encoding))].join('+'),
  };
}

export function measureSizes(dist, baseURL) {
  const f = firstLoadFiles(dist);
  const rows = [
    row('wasm', dist, baseURL, [f.wasm]),
    row('JS boot', dist, baseURL, [f.boot]),
    row('JS bindings', dist, baseURL, [f.bindings]),
    row('JS split loader', dist, baseURL, [f.splitLoader]),
    row(`CSS (${f.css.length} files)`, dist, baseURL, f.css),
    row('index.html (incl. pre-rendered runbook)', dist, baseURL, [f.html]),
  ];
  const total = (key) => rows.reduce((n, r) => n + r[key], 0);
  const firstLoad = {
    name: 'first load (html + css + js + main wasm)',
    files: rows.flatMap((r) => r.files),
    raw: total('raw'),
    gzip9: total('gzip9'),
    brotli11: total('brotli11'),
    served: total('served'),
    encodings: [...new Set(rows.map((r) => r.encodings))].join('+'),
  };
  rows.push(firstLoad);
  rows.push(row('config.json', dist, baseURL, ['/config.json']));
  rows.push(row(`page chunks (${f.chunks.length} wasm files, not in the first load)`, dist, baseURL, f.chunks));
  return { files: f, rows, firstLoad };
}
