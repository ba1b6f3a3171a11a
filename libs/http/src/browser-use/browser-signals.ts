/**
 * Platform keys are for backends. A request that carries a key together with
 * what only browsers send is refused (docs/security.md). Pure: headers in,
 * decision out.
 */

type Headers = Record<string, string | string[] | undefined>;

export interface BrowserSignals {
  origin: string | null;
  secFetchMode: string | null;
  secFetchSite: string | null;
}

const MAX_HEADER_CHARS = 300;

function header(headers: Headers, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  const text = (Array.isArray(value) ? value.join(', ') : value).trim();
  return text === '' ? null : text.slice(0, MAX_HEADER_CHARS);
}

/**
 * The browser signals of a request, and the reasons they add up to "a
 * browser sent this" (empty: not a browser).
 *
 * - `Origin`: browsers send it on every cross-origin request and on same-origin
 *   POSTs; HTTP client libraries do not.
 * - `Sec-Fetch-Site` other than `none` (`none` is a navigation the user typed).
 * - `Sec-Fetch-Mode: cors` as browsers send it, with `Sec-Fetch-Site` or
 *   `Sec-Fetch-Dest` beside it. Node's built-in fetch (undici) adds a lone
 *   `sec-fetch-mode: cors` to every request it makes, so that header alone
 *   would refuse most Node backends; browsers always send the three together.
 */
export function detectBrowserSignals(headers: Headers): { signals: BrowserSignals; reasons: string[] } {
  const signals: BrowserSignals = {
    origin: header(headers, 'origin'),
    secFetchMode: header(headers, 'sec-fetch-mode'),
    secFetchSite: header(headers, 'sec-fetch-site'),
  };
  const secFetchDest = header(headers, 'sec-fetch-dest');
  const reasons: string[] = [];
  if (signals.origin !== null) reasons.push('Origin header');
  if (signals.secFetchSite !== null && signals.secFetchSite.toLowerCase() !== 'none') reasons.push(`Sec-Fetch-Site: ${signals.secFetchSite}`);
  if (signals.secFetchMode?.toLowerCase() === 'cors' && (signals.secFetchSite !== null || secFetchDest !== null)) {
    reasons.push('Sec-Fetch-Mode: cors');
  }
  return { signals, reasons };
}

/** False when none of the headers detectBrowserSignals reads a reason from is present: a backend's request, decided without allocating. */
export function mayCarryBrowserSignals(headers: Headers): boolean {
  return headers.origin !== undefined || headers['sec-fetch-site'] !== undefined || headers['sec-fetch-mode'] !== undefined;
}

/** A CORS preflight: browsers send it before a cross-origin request that carries an Authorization header. */
export function isCorsPreflight(method: string, headers: Headers): boolean {
  return method === 'OPTIONS' && header(headers, 'access-control-request-method') !== null;
}

/** The key a request presents: `Authorization: Bearer <key>`, else a top-level `key` in a JSON body (POST /v1/verify). */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '');
  return match ? match[1] : null;
}

export function bodyKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const key = (body as { key?: unknown }).key;
  return typeof key === 'string' && key.trim() !== '' ? key : null;
}
