// Service worker of incident-runbook. xtask fills BUILD and PRECACHE from the build output.
// - Every build's assets live in their own cache, so old and new assets are never mixed.
// - A new build waits until the page asks for it ("reload to update"), then takes over.
// - Live data under /proxy/ is never cached; config.json is network-first with the last good copy kept.
const BUILD = "__BUILD__";
const PRECACHE = [/*__PRECACHE__*/];
const ASSET_CACHE = `runbook-assets-${BUILD}`;
const CONFIG_CACHE = "runbook-config";
const CONFIG_URL = "/config.json";
const CONFIG_TIMEOUT_MS = 3000;

// Revalidated rather than downloaded again: on a first visit the page has just fetched most of
// these, and the HTTP cache answers with a 304 instead of a second copy of the wasm.
// All or nothing: every file is fetched before any is stored, and a file that does not answer
// 2xx fails the install with its name (the page reports the failure; the old build keeps running).
async function precache() {
  const responses = await Promise.all(
    PRECACHE.map(async (url) => {
      const response = await fetch(new Request(url, { cache: "no-cache" })).catch((err) => {
        throw new Error(`precache of build ${BUILD}: ${url} could not be fetched (${err.message})`);
      });
      if (!response.ok) throw new Error(`precache of build ${BUILD}: ${url} answered HTTP ${response.status}`);
      return [url, response];
    })
  );
  const cache = await caches.open(ASSET_CACHE);
  await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    precache().catch((err) => {
      console.error(err.message);
      throw err;
    })
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("runbook-assets-") && key !== ASSET_CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "build" && event.source) event.source.postMessage({ build: BUILD });
});

// Only a 2xx, unredirected answer whose body is a JSON object counts as a good copy: anything
// else (an error page, a login redirect, a proxy's HTML) falls back to the last good copy.
async function goodConfig(response) {
  if (!response.ok || response.redirected || response.type === "opaqueredirect") return false;
  try {
    const body = await response.clone().json();
    return body !== null && typeof body === "object" && !Array.isArray(body);
  } catch {
    return false;
  }
}

async function configNetworkFirst(request) {
  const cache = await caches.open(CONFIG_CACHE);
  const lastGood = async () => (await cache.match(CONFIG_URL)) || (await caches.match(CONFIG_URL));
  let response;
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), CONFIG_TIMEOUT_MS);
    response = await fetch(request.url, { cache: "no-store", redirect: "manual", signal: controller.signal });
    clearTimeout(timer);
  } catch (err) {
    const cached = await lastGood();
    if (cached) return cached;
    throw err;
  }
  if (await goodConfig(response)) {
    await cache.put(CONFIG_URL, response.clone());
    return response;
  }
  return (await lastGood()) || response;
}

async function fromBuildCache(request, key) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(key || request);
  return cached || fetch(request);
}

// A runbook's paths (/r/<id>/...) open its pre-rendered page; every other path the library's.
function pageFor(pathname) {
  const match = /^\/r\/([a-z0-9-]+)(\/|$)/.exec(pathname);
  const page = match && `/r/${match[1]}/index.html`;
  return page && PRECACHE.includes(page) ? page : "/";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/proxy/")) return;
  if (url.pathname === CONFIG_URL) {
    event.respondWith(configNetworkFirst(request));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fromBuildCache(request, pageFor(url.pathname)));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(fromBuildCache(request));
  }
});
