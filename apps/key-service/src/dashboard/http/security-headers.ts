import type { FastifyInstance } from 'fastify';

export const DASHBOARD_PREFIX = '/dashboard';

/**
 * Scripts and styles from our own files only (no inline script, no CDN, no
 * external font), no framing, no referrer, no caching of pages (they show
 * keys and, once, a secret).
 */
export const DASHBOARD_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts, and the origin check needs the real one.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Adds the headers to every answer under /dashboard, errors and redirects included. */
export function installDashboardHeaders(fastify: FastifyInstance): void {
  // A callback hook that leaves other paths at one startsWith: it runs on every answer, POST /v1/verify's too.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!request.url.startsWith(DASHBOARD_PREFIX)) return done(null, payload);
    const path = request.url.split('?')[0];
    if (path !== DASHBOARD_PREFIX && !path.startsWith(`${DASHBOARD_PREFIX}/`)) return done(null, payload);
    void reply.headers(DASHBOARD_HEADERS);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
