/**
 * Counts the bytes of dialog log downloads for the logs page. Only GET requests for
 * /api/projects/<id>/dialog-logs.csv are touched: the SW fetches them itself (the session cookie goes
 * along), hands the browser the same status, headers and body (so the browser's own download saves
 * the file), and counts the body as it passes, posting {downloadId, bytes, done} on the
 * 'rolecall-downloads' BroadcastChannel about every 64 KB and at the end. A failed export
 * (4xx/5xx problem+json) is posted as {downloadId, error: {status, problem}} and answered 204, so the
 * page stays where it is and shows the problem. Every other request passes untouched.
 */
const EXPORT = /^\/api\/projects\/[^/]+\/dialog-logs\.csv$/;
const STEP = 64 * 1024;
const channel = new BroadcastChannel('rolecall-downloads');

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !EXPORT.test(url.pathname)) return;
  event.respondWith(counted(url, url.searchParams.get('download') || url.pathname + url.search));
});

async function counted(url, downloadId) {
  let response;
  try {
    response = await fetch(url.href, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    channel.postMessage({ downloadId, error: { status: 0, problem: { type: 'network', title: 'No connection' } } });
    return new Response(null, { status: 204 });
  }
  if (!response.ok) {
    channel.postMessage({ downloadId, error: { status: response.status, problem: await problemOf(response) } });
    return new Response(null, { status: 204 });
  }
  if (!response.body) {
    channel.postMessage({ downloadId, bytes: 0, done: true });
    return response;
  }
  let bytes = 0;
  let posted = 0;
  const counter = new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (bytes - posted >= STEP) {
        posted = bytes;
        channel.postMessage({ downloadId, bytes, done: false });
      }
      controller.enqueue(chunk);
    },
    flush() {
      channel.postMessage({ downloadId, bytes, done: true });
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status, statusText: response.statusText, headers: response.headers,
  });
}

async function problemOf(response) {
  try {
    if ((response.headers.get('Content-Type') || '').includes('json')) return await response.json();
  } catch {
    // a problem made from the status, below
  }
  return { type: `about:blank/${response.status}`, title: response.statusText, status: response.status };
}
