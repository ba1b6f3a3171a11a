import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardSettings } from '../sessions/dashboard-settings';

/** The session cookie: HttpOnly, SameSite=Strict, scoped to the dashboard, Secure behind TLS. */
export const SESSION_COOKIE = 'pxxl_dashboard';
/** The sign-in form's own CSRF token (there is no session yet to tie it to): double-submitted. */
export const SIGN_IN_COOKIE = 'pxxl_dashboard_sign_in';

const PATH = '/dashboard';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** TLS to us, or to the proxy in front of us (X-Forwarded-Proto). */
export function overTls(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim().toLowerCase();
  return request.protocol === 'https' || proto === 'https';
}

function secure(request: FastifyRequest, settings: DashboardSettings): boolean {
  return settings.secureCookies === 'always' || (settings.secureCookies === 'auto' && overTls(request));
}

export function setCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  settings: DashboardSettings,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): void {
  const attributes = [`${name}=${encodeURIComponent(value)}`, `Path=${PATH}`, 'HttpOnly', 'SameSite=Strict'];
  if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${maxAgeSeconds}`);
  if (secure(request, settings)) attributes.push('Secure');
  void reply.header('set-cookie', [...cookiesOf(reply), attributes.join('; ')]);
}

export function clearCookie(reply: FastifyReply, request: FastifyRequest, settings: DashboardSettings, name: string): void {
  setCookie(reply, request, settings, name, '', 0);
}

function cookiesOf(reply: FastifyReply): string[] {
  const existing = reply.getHeader('set-cookie');
  if (existing === undefined) return [];
  return Array.isArray(existing) ? existing.map(String) : [String(existing)];
}
