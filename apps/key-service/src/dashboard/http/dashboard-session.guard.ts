import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError } from '@pxxl/http';
import type { FastifyRequest } from 'fastify';
import { DashboardSessions, type DashboardSession, type SessionEnd } from '../sessions/dashboard-sessions';
import { sameToken } from '../sessions/session-crypto';
import { readCookie, SESSION_COOKIE } from './cookies';

type SessionRequest = FastifyRequest & { dashboardSession?: DashboardSession };

/** No (live) session: the error filter sends the browser to the sign-in page. */
export class SignedOut extends Error {
  constructor(readonly reason: SessionEnd) {
    super(`signed out: ${reason}`);
  }
}

export const DashboardErrors = {
  csrf: () =>
    new ApiError(403, 'CSRF_TOKEN_INVALID', 'the form is stale or was not sent from this dashboard: reload the page and try again'),
  crossOrigin: () => new ApiError(403, 'CROSS_ORIGIN_FORM', 'the form was sent from another site'),
  readOnly: () =>
    new ApiError(403, 'INSUFFICIENT_SCOPE', 'the key you signed in with lacks api_keys:write: sign in with one that holds it to change keys', {
      missingScopes: ['api_keys:write'],
    }),
};

/** The form's `_csrf` field. */
export function formField(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** A browser's Origin, when it sent one, must be this host (defence in depth beside the token and SameSite=Strict). */
export function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw DashboardErrors.crossOrigin();
  }
  if (host !== request.headers.host) throw DashboardErrors.crossOrigin();
}

/**
 * Every dashboard page but sign-in: a live session, and on every
 * state-changing request the session's CSRF token (synchronizer token).
 */
@Injectable()
export class DashboardSessionGuard implements CanActivate {
  constructor(private readonly sessions: DashboardSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionRequest>();
    const secret = readCookie(request, SESSION_COOKIE);
    if (!secret) throw new SignedOut('NO_SESSION');
    const session = await this.sessions.authenticate(secret);
    if ('ended' in session) throw new SignedOut(session.ended);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      checkOrigin(request);
      if (!sameToken(formField(request.body, '_csrf'), session.csrfToken)) throw DashboardErrors.csrf();
    }
    request.dashboardSession = session;
    return true;
  }
}

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): DashboardSession => {
  const session = context.switchToHttp().getRequest<SessionRequest>().dashboardSession;
  if (!session) throw new SignedOut('NO_SESSION');
  return session;
});

/** The session of a request the guard let through, if any (the error page shows the header with it). */
export function sessionOf(request: FastifyRequest): DashboardSession | undefined {
  return (request as SessionRequest).dashboardSession;
}
