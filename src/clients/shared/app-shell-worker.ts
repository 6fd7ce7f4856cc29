/**
 * The service worker of a screen that must start without the network (the waiter tablet at /waiter-sw.js, the
 * kitchen screen at /kitchen-sw.js), served with `SHELL` (the page's path), `PRECACHE` (the app's built files) and
 * `CACHE_NAME` (the screen's name and the build's fingerprint) set before this script. It makes the app shell load
 * without the network and keeps the last answer of every GET the app made, so a screen reloaded during a drop still
 * shows the floor, the menu, the open orders or the tickets; writes never pass through it (the outboxes keep them).
 */

interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  SHELL: string;
  PRECACHE: string[];
  CACHE_NAME: string;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const SHELL = worker.SHELL;
/** Caches of this screen are named after its page: `waiter-<fingerprint>`, `waiter-data`. */
const SCREEN = SHELL.slice(1);
const DATA_CACHE = `${SCREEN}-data`;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(worker.CACHE_NAME)
      .then((cache) => cache.addAll([SHELL, ...worker.PRECACHE]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (name) => name.startsWith(`${SCREEN}-`) && name !== worker.CACHE_NAME && name !== DATA_CACHE,
            )
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
  } else if (url.pathname === SHELL) {
    event.respondWith(networkFirst(request, worker.CACHE_NAME, SHELL));
  } else if (url.pathname.startsWith('/api/v1/') && !url.pathname.startsWith('/api/v1/auth/')) {
    event.respondWith(networkFirst(request, DATA_CACHE, request));
  }
});

/** The network's answer (kept for later), or the last one kept when the network fails. */
async function networkFirst(request: Request, cacheName: string, key: Request | string): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      void caches.open(cacheName).then((cache) => cache.put(key, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(key, { cacheName });
    if (cached) return cached;
    throw error;
  }
}

export {};
