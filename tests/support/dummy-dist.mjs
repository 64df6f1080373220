// A stand-in for the Trunk build, shaped like one (hashed CSS, the split wasm
// and its bindings in wasm-HASH/, config.json, sw.js, a web manifest), for testing the server setup without
// building the app. The page's script is external (the CSP forbids inline).
// Like the build, the hashed assets have precompressed .br and .gz copies and
// config.json has none.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const DUMMY_HASH = '0123456789abcdef';

// The smallest valid module plus a custom section, so it is big enough to be
// gzipped (gzip_min_length) and still compiles.
function wasmModule() {
  const payload = Buffer.from('incident-runbook dummy payload '.repeat(64));
  const name = Buffer.from('dummy');
  const section = Buffer.concat([Buffer.from([name.length]), name, payload]);
  const leb = [];
  for (let n = section.length; ; n >>= 7) {
    if (n < 0x80) { leb.push(n); break; }
    leb.push((n & 0x7f) | 0x80);
  }
  return Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0]), Buffer.from(leb), section]);
}

export function writeDummyDist(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const js = `wasm-${DUMMY_HASH}/incident-runbook.js`;
  const wasm = `wasm-${DUMMY_HASH}/incident-runbook_bg.wasm`;
  const chunk = `wasm-${DUMMY_HASH}/split_page.wasm`;
  const css = `style-${DUMMY_HASH}.css`;
  mkdirSync(join(dir, `wasm-${DUMMY_HASH}`));
  const files = {
    'index.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dummy runbook</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/${css}"><link rel="manifest" href="/manifest.webmanifest">
<script type="module" src="/${js}"></script></head>
<body><main id="app">loading</main></body></html>
`,
    [js]: `const bytes = await (await fetch('/${wasm}')).arrayBuffer();
await WebAssembly.instantiate(bytes);
const config = await (await fetch('/config.json')).json();
document.getElementById('app').textContent = 'ready ' + config.environment;
document.body.dataset.ready = '1';
// padding so the file is above gzip_min_length: ${'x'.repeat(300)}
`,
    [css]: `body { font-family: system-ui, sans-serif; margin: 2rem; }\n/* ${'padding '.repeat(40)} */\n`,
    'config.json': JSON.stringify({ environment: 'dummy', endpoints: { health: '/proxy/health' } }, null, 2),
    'sw.js': "self.addEventListener('fetch', () => {});\n",
    'manifest.webmanifest': JSON.stringify({ name: 'Incident runbook (dummy)', start_url: '/', display: 'standalone' }),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, wasm), wasmModule());
  writeFileSync(join(dir, chunk), wasmModule());
  for (const name of [js, wasm, chunk, css]) {
    const bytes = readFileSync(join(dir, name));
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(bytes));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  }
  return { dir, js, wasm, chunk, css };
}
