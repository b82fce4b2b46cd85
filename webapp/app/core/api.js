/**
 * The one way the app talks to the service: the HttpOnly session cookies authenticate (never a token
 * in storage), unsafe methods carry the CSRF header, and every failure becomes an ApiError holding the
 * problem+json the service answered. The access cookie lives minutes: a 401 first tries the refresh
 * cookie once, and only when that fails is the session over.
 */
const SAFE = new Set(['GET', 'HEAD']);
const REFRESH = '/api/auth/refresh';
const NOT_REFRESHED = new Set(['/api/auth/login', REFRESH]);
let refreshing = null;

export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.slug = String(problem.type || '').split('/').pop();
    const retry = headers?.get('Retry-After');
    this.retryAfter = retry && /^\d+$/.test(retry) ? Number(retry) : null;
  }

  /** The problem's errors by field name (the last segment of each JSON pointer). */
  fieldErrors() {
    const fields = {};
    for (const error of this.problem.errors || []) {
      const name = (error.pointer || error.parameter || '').split('/').filter(Boolean)[0];
      if (name && !fields[name]) fields[name] = error;
    }
    return fields;
  }
}

/** A path with query parameters; arrays repeat their parameter, empty values are left out. */
export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '' && item !== false) query.append(name, String(item));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Answers {status, body, etag}; throws ApiError for any answer but 2xx. */
export async function request(method, path, { body, headers = {}, quiet = false } = {}) {
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  if (!SAFE.has(method)) sent['X-Rolecall-Request'] = '1';
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const init = { method, headers: sent, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) };
  let response = await fetched(path, init);
  if (response.status === 401 && !NOT_REFRESHED.has(path) && await refreshed()) response = await fetched(path, init);
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response), response.headers);
    if (!quiet) announce(error);
    throw error;
  }
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, etag: response.headers.get('ETag') };
}

async function fetched(path, init) {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, { type: 'network', title: 'No connection',
      detail: 'The service cannot be reached. Check the connection and try again.' });
  }
}

/** One refresh at a time, however many calls met the expired access cookie together; true when it worked. */
function refreshed() {
  refreshing ??= fetch(REFRESH, { method: 'POST', credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', 'X-Rolecall-Request': '1' } })
    .then((response) => response.ok, () => false)
    .finally(() => { refreshing = null; });
  return refreshing;
}

export const getJson = async (path, options) => (await request('GET', path, options)).body;
export const send = async (method, path, body, options = {}) => (await request(method, path, { ...options, body })).body;

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // fall through to a problem made from the status
    }
  }
  return { type: `about:blank/${response.status}`, title: response.statusText, status: response.status };
}

/** The shell listens for these: an ended session, or a password that must be changed first. */
function announce(error) {
  if (error.status === 401) window.dispatchEvent(new CustomEvent('rc-session-ended'));
  if (error.slug === 'password-change-required') window.dispatchEvent(new CustomEvent('rc-password-change-required'));
}

/**
 * Loads one keyset page of `path` into the host's `items` (after them when `more`), with its
 * `nextCursor`, `loading` and `error`. Filters change faster than answers come: an answer to an older
 * request than the host's latest is dropped.
 */
export async function loadPage(host, path, params, more) {
  const mine = ++host.requests;
  host.loading = true;
  host.error = null;
  try {
    const page = await getJson(withQuery(path, { ...params, cursor: more ? host.nextCursor : undefined }));
    if (mine !== host.requests) return;
    host.items = more ? [...host.items, ...page.items] : page.items;
    host.nextCursor = page.nextCursor;
  } catch (error) {
    if (mine === host.requests) host.error = error;
  } finally {
    if (mine === host.requests) host.loading = false;
  }
}
