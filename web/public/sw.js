// Yizhan's service worker (hand-written, ~2 KB: the agent's pages open without a network, issue 20).
// The app shell (index.html and the hashed assets it names) is cached at install and kept cache-first; the few GETs
// the agent's page needs offline (the session, the room's items and proxies, the inbox) are network-first with the
// last answer as fallback. Files, thumbnails and everything else are never cached. Logging out (DELETE /api/session)
// drops the cached answers and the device's queue (IndexedDB "yizhan-offline").
const SHELL = 'yizhan-shell-v1'
const DATA = 'yizhan-data-v1'
const DATA_PATHS = [/^\/api\/session$/, /^\/api\/public\/items(\/\d+)?$/, /^\/api\/public\/centers$/, /^\/api\/agency\/inbox$/, /^\/api\/proxies$/]

async function cacheShell() {
  const cache = await caches.open(SHELL)
  const res = await fetch('/', { cache: 'no-store' })
  const html = await res.clone().text()
  await cache.put('/index.html', res)
  const entry = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  // The lazily loaded pages (the agent's among them) are named inside the entry chunk: cache them too.
  const named = new Set(entry)
  for (const js of entry.filter((a) => a.endsWith('.js'))) {
    const text = await (await fetch(js)).text()
    for (const m of text.matchAll(/assets\/[\w.-]+\.(?:js|css)/g)) named.add('/' + m[0])
  }
  await cache.addAll([...named, '/manifest.webmanifest', '/icon.svg'])
}

self.addEventListener('install', (e) => { e.waitUntil(cacheShell().then(() => self.skipWaiting())) })
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k)))).then(() => self.clients.claim())
    // the page read its session before this worker took control: read it once more so it opens offline too
    .then(() => networkFirst(new Request('/api/session'), DATA).catch(() => undefined)))
})

async function networkFirst(req, cacheName) {
  try {
    const res = await fetch(req)
    if (res.ok) (await caches.open(cacheName)).put(req, res.clone())
    return res
  } catch (err) {
    const hit = await caches.match(req, { cacheName })
    if (hit) return hit
    throw err
  }
}

async function cacheFirst(req) {
  const hit = await caches.match(req, { cacheName: SHELL })
  if (hit) return hit
  const res = await fetch(req)
  if (res.ok) (await caches.open(SHELL)).put(req, res.clone())
  return res
}

self.addEventListener('fetch', (e) => {
  const req = e.request
  const url = new URL(req.url)
  if (url.origin !== self.location.origin) return
  if (req.method === 'DELETE' && url.pathname === '/api/session') {
    e.waitUntil(Promise.all([caches.delete(DATA), new Promise((r) => { const d = indexedDB.deleteDatabase('yizhan-offline'); d.onsuccess = d.onerror = d.onblocked = r })]))
    return
  }
  if (req.method !== 'GET') return
  if (req.mode === 'navigate') {
    e.respondWith(fetch(req).catch(() => caches.match('/index.html', { cacheName: SHELL })))
  } else if (url.pathname.startsWith('/assets/')) {
    e.respondWith(cacheFirst(req))
  } else if (DATA_PATHS.some((p) => p.test(url.pathname))) {
    e.respondWith(networkFirst(req, DATA))
  }
})
