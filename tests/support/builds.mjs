// Build folders as the browser sees them, and the next deploy made from one.
//
//   const current = readBuild(stack.servedDist);     // { build, swBuild, precache, stylesheets, ... }
//   const next = writeNextBuild(stack.servedDist, join(stack.runDir, 'next'), { mark: '/* x */' });
//   next.changedCss                                  // { old: '/main-….css', new: '/main-….css', text }
//   removeAsBuilt(join(next.dir, next.changedCss.new))   // a deploy missing one file
//   writeAsBuilt(join(next.dir, next.changedCss.new), next.changedCss.text)
//
// The next build differs from the one it is made from the way a real deploy does: one
// stylesheet changed (so it has a new hashed name and integrity), a new build id in
// index.html and sw.js, and sw.js's precache list naming the new file (so the worker's
// script bytes change). Every changed file gets fresh .br and .gz copies, as the build
// writes them: nginx would otherwise serve a stale copy over the file.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const metaBuild = (html) => /<meta name="build" content="([^"]+)">/.exec(html)?.[1];

export function readBuild(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const precache = JSON.parse(/const PRECACHE = (\[[\s\S]*?\]);/.exec(sw)[1]);
  const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  return { dir, html, sw, build: metaBuild(html), swBuild: /const BUILD = "([^"]+)";/.exec(sw)?.[1], precache, stylesheets };
}

// The .html files under `dir`, relative to it.
const htmlPages = (dir) => readdirSync(dir, { recursive: true }).filter((p) => p.endsWith('.html'));

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// A file and its precompressed copies, as the build writes them.
export function writeAsBuilt(path, text) {
  writeFileSync(path, text);
  writeFileSync(`${path}.br`, brotliCompressSync(text));
  writeFileSync(`${path}.gz`, gzipSync(text, { level: 9 }));
}

export function removeAsBuilt(path) {
  for (const suffix of ['', '.br', '.gz']) rmSync(`${path}${suffix}`, { force: true });
}

// Copies `from` to `to` and makes it the next deploy (see the top of this file). `mark` is
// the text appended to the stylesheet: a different mark makes a different build.
export function writeNextBuild(from, to, { mark }) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const before = readBuild(to);
  const oldCss = before.stylesheets[0].slice(1);
  const css = `${readFileSync(join(to, oldCss), 'utf8')}\n${mark}\n`;
  const newCss = oldCss.replace(/-[0-9a-f]{16}\.css$/, `-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`);
  if (newCss === oldCss) throw new Error(`stylesheet ${oldCss} has no hashed name`);
  removeAsBuilt(join(to, oldCss));
  writeAsBuilt(join(to, newCss), css);
  const build = createHash('sha256').update(before.build).update(css).digest('hex').slice(0, 12);
  // Every pre-rendered page (the library's index.html and each runbook's r/<id>/index.html).
  for (const page of htmlPages(to)) {
    const html = readFileSync(join(to, page), 'utf8')
      .replace(new RegExp(`href="/${oldCss}" integrity="[^"]*"`), `href="/${newCss}" integrity="${sri(css)}"`)
      .replace(`<meta name="build" content="${before.build}">`, `<meta name="build" content="${build}">`);
    writeAsBuilt(join(to, page), html);
  }
  const sw = before.sw
    .replace(`const BUILD = "${before.swBuild}";`, `const BUILD = "${build}";`)
    .replace(`"/${oldCss}"`, `"/${newCss}"`);
  writeAsBuilt(join(to, 'sw.js'), sw);
  const next = readBuild(to);
  const problems = [
    next.build === before.build && 'the build id did not change',
    next.swBuild !== next.build && `sw.js says build ${next.swBuild}, index.html ${next.build}`,
    next.sw === before.sw && 'sw.js did not change',
    !next.stylesheets.includes(`/${newCss}`) && 'index.html does not link the new stylesheet',
    !next.precache.includes(`/${newCss}`) && 'the precache list does not name the new stylesheet',
    next.precache.includes(`/${oldCss}`) && 'the precache list still names the old stylesheet',
    ...htmlPages(to)
      .filter((p) => metaBuild(readFileSync(join(to, p), 'utf8')) !== next.build)
      .map((p) => `${p} is not of the new build`),
  ].filter(Boolean);
  if (problems.length) throw new Error(`next build from ${from}: ${problems.join('; ')}`);
  return { ...next, changedCss: { old: `/${oldCss}`, new: `/${newCss}`, text: css } };
}
