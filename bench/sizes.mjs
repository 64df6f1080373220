// What a first visit downloads, read from the build, for two pages: the library page `/`
// (index.html) and the page of the library's first runbook, `/r/<id>/` (r/<id>/index.html, the
// first runbook of the index every page carries). A page's first load is the files it loads
// before the app runs: its HTML, its stylesheets, the boot script, the wasm-bindgen bindings it
// imports with the split loader they import, the main wasm, and the data files the page preloads
// (a runbook's page preloads that runbook's data, runbooks/<id>-<hash>.json; the library page
// none). Each file is measured raw, gzip -9, brotli -q 11, and as nginx actually serves it (curl,
// compressed bytes on the wire). The page chunks and the other runbooks' data files are listed
// apart: a page fetches its chunk when first opened, a runbook its data when first opened, and the
// service worker precaches them all after start.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const one = (re, text, what) => {
  const found = [...text.matchAll(re)].map((m) => m[1]);
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0];
};

// The file of the site path `page` ('/' or '/r/<id>/'): its index.html.
export const pageFile = (page) => `${page.endsWith('/') ? page : `${page}/`}index.html`;

// The path a browser requests for a site file: a page's index.html is asked for as its folder.
const requestPath = (path) => (path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path);

// The runbook library's index, as every page carries it (`<script type="application/json"
// id="runbook-library">`), read from the library page: `{ runbooks: [{ id, data, ... }] }`, in
// library order.
export function libraryIndex(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const json = one(/<script type="application\/json" id="runbook-library">([\s\S]*?)<\/script>/g, html, 'runbook-library index in index.html');
  const index = JSON.parse(json);
  if (!Array.isArray(index.runbooks) || !index.runbooks.length) throw new Error('the runbook-library index in index.html lists no runbook');
  return { ...index, rawBytes: Buffer.byteLength(json) };
}

// The page of the library's first runbook.
export const runbookPage = (id) => `/r/${id}/`;

// Site paths of the first-load files of `page`, by kind.
export function firstLoadFiles(dist, page = '/') {
  const htmlPath = pageFile(page);
  const html = readFileSync(join(dist, htmlPath), 'utf8');
  const boot = one(/<script data-boot="([^"]+)"/g, html, `boot script in ${htmlPath}`);
  const bootJs = readFileSync(join(dist, boot), 'utf8');
  const bindings = one(/from '([^']+\.js)'/g, bootJs, 'bindings import in the boot script');
  const wasm = one(/module_or_path: '([^']+)'/g, bootJs, 'wasm path in the boot script');
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  if (!css.length) throw new Error(`${htmlPath} links no stylesheet`);
  // Data the page preloads (a runbook's page: its runbook's data file).
  const data = [...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((link) => /\brel="preload"/.test(link) && /\bas="fetch"/.test(link))
    .map((link) => one(/\bhref="([^"]+)"/g, link, `href in ${link}`));
  const wasmDir = dirname(bindings);
  const bindingsJs = readFileSync(join(dist, bindings), 'utf8');
  const loaders = [...new Set([...bindingsJs.matchAll(/from "\.\/([^"]+\.js)"/g)].map((m) => `${wasmDir}/${m[1]}`))];
  if (loaders.length !== 1) throw new Error(`expected the bindings to import one split loader, found ${loaders.length}`);
  const chunks = readdirSync(join(dist, wasmDir))
    .filter((name) => name.endsWith('.wasm') && `${wasmDir}/${name}` !== wasm)
    .map((name) => `${wasmDir}/${name}`);
  if (!chunks.length) throw new Error(`no page chunks next to ${wasm}`);
  return { page, html: htmlPath, css, boot, bindings, splitLoader: loaders[0], wasm, data, chunks };
}

// Every file of the first load, as site paths.
export const firstLoadPaths = (f) => [f.html, ...f.css, f.boot, f.bindings, f.splitLoader, f.wasm, ...f.data];

// The site path a browser response stands for, as firstLoadPaths names it.
export const sitePath = (pathname) => (pathname.endsWith('/') ? `${pathname}index.html` : pathname);

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
  const url = `${baseURL}${requestPath(path)}`;
  const out = execFileSync('curl', ['-sS', '-o', '/dev/null', '--compressed', '-w', '%{http_code} %{size_download} %header{content-encoding}', url], {
    encoding: 'utf8',
  });
  const [status, bytes, encoding = ''] = out.trim().split(' ');
  if (status !== '200') throw new Error(`${url}: HTTP ${status}`);
  return { bytes: Number(bytes), encoding: encoding || 'identity' };
}

// The sums of `rows` as one row.
function total(name, rows) {
  const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
  return {
    name,
    files: rows.flatMap((r) => r.files),
    raw: sum('raw'),
    gzip9: sum('gzip9'),
    brotli11: sum('brotli11'),
    served: sum('served'),
    encodings: [...new Set(rows.map((r) => r.encodings))].join('+'),
  };
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

// The sizes table's rows, the two pages' first loads and the larger of them (`firstLoad`, with
// the `page` it is of).
export function measureSizes(dist, baseURL) {
  const index = libraryIndex(dist);
  const first = index.runbooks[0];
  const library = firstLoadFiles(dist, '/');
  const runbook = firstLoadFiles(dist, runbookPage(first.id));
  for (const key of ['boot', 'bindings', 'splitLoader', 'wasm', 'css']) {
    if (String(library[key]) !== String(runbook[key])) {
      throw new Error(`${library.html} and ${runbook.html} load different ${key} files: ${library[key]} vs ${runbook[key]}`);
    }
  }
  if (runbook.data.length !== 1 || runbook.data[0] !== first.data) {
    throw new Error(`${runbook.html} should preload its runbook's data file ${first.data}, preloads ${runbook.data.join(', ') || 'nothing'}`);
  }
  const n = index.runbooks.length;
  const shared = [
    row('wasm', dist, baseURL, [runbook.wasm]),
    row('JS boot', dist, baseURL, [runbook.boot]),
    row('JS bindings', dist, baseURL, [runbook.bindings]),
    row('JS split loader', dist, baseURL, [runbook.splitLoader]),
    row(`CSS (${runbook.css.length} files)`, dist, baseURL, runbook.css),
  ];
  const libraryHtml = row(`index.html: the library page / (lists ${n} runbook${n === 1 ? '' : 's'})`, dist, baseURL, [library.html]);
  const libraryData = library.data.length ? [row(`data files preloaded by / (${library.data.length})`, dist, baseURL, library.data)] : [];
  const runbookHtml = row(`${runbook.html.slice(1)}: the page of runbook ${first.id} (pre-rendered runbook)`, dist, baseURL, [runbook.html]);
  const runbookData = row(`${first.data.slice(1)}: runbook ${first.id}'s data, preloaded by ${runbook.page}`, dist, baseURL, runbook.data);
  const pages = {
    library: { ...library, firstLoad: total('first load of / (html + css + js + main wasm)', [...shared, libraryHtml, ...libraryData]) },
    runbook: { ...runbook, id: first.id, firstLoad: total(`first load of ${runbook.page} (html + css + js + main wasm + runbook data)`, [...shared, runbookHtml, runbookData]) },
  };
  const otherData = index.runbooks.slice(1).map((r) => r.data);
  const rows = [
    ...shared,
    libraryHtml,
    ...libraryData,
    runbookHtml,
    runbookData,
    pages.library.firstLoad,
    pages.runbook.firstLoad,
    row('config.json', dist, baseURL, ['/config.json']),
  ];
  const otherDataRow = otherData.length
    ? row(`the other runbooks' data files (${otherData.length}, each fetched when its runbook first opens; not in a first load)`, dist, baseURL, otherData)
    : null;
  if (otherDataRow) rows.push(otherDataRow);
  rows.push(row(`page chunks (${runbook.chunks.length} wasm files, not in the first load)`, dist, baseURL, runbook.chunks));
  const larger = pages.runbook.firstLoad.served >= pages.library.firstLoad.served ? pages.runbook : pages.library;
  return {
    runbooks: index.runbooks.map((r) => r.id),
    indexBytes: index.rawBytes,
    runbook: first.id,
    dataFile: basename(first.data),
    pages,
    rows,
    parts: { libraryHtml, runbookHtml, data: runbookData, otherData: otherDataRow },
    firstLoad: { ...larger.firstLoad, page: larger.page },
  };
}
