import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { missingScopes, type VerifiedKey } from '@pxxl/contracts';
import { AuthErrors } from './auth-errors';
import { PXXL_BEARER } from './bearer.strategy';
import { REQUIRED_SCOPES, resolveRequiredScopes } from './require-scopes.decorator';

interface PassportRequest {
  headers: { authorization?: string };
  /** The caller's address as the HTTP server trusts it (see trustProxy): the throttle's source. */
  ip?: string;
  user?: VerifiedKey;
}

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  params?: Record<string, unknown>;
  apiKey?: VerifiedKey;
}

/**
 * Authenticates `Authorization: Bearer <key>` and checks @RequireScopes.
 * Only the header is handed to passport: passport-http-bearer would also read
 * `access_token` from the query string or body, where keys end up in logs.
 */
@Injectable()
export class ApiKeyGuard extends AuthGuard(PXXL_BEARER) {
  constructor(private readonly reflector: Reflector) {
    super({ session: false });
  }

  private readonly passportRequests = new WeakMap<object, PassportRequest>();

  override getRequest(context: ExecutionContext): PassportRequest {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    let passportRequest = this.passportRequests.get(request);
    if (!passportRequest) {
      const header = request.headers.authorization;
      if (Array.isArray(header)) throw AuthErrors.badHeader();
      passportRequest = { headers: { authorization: header }, ip: request.ip };
      this.passportRequests.set(request, passportRequest);
    }
    return passportRequest;
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error) throw error;
    if (!user) {
      // passport-http-bearer: a challenge string when no token, 400 for a malformed header.
      if (info === 400) throw AuthErrors.badHeader();
      throw AuthErrors.missing();
    }
    return user;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers.authorization;
    // Absent: 401 with a challenge (passport). Present: exactly "Bearer <one token>", else 400.
    if (header !== undefined && (typeof header !== 'string' || !/^Bearer +\S+ *$/i.test(header))) throw AuthErrors.badHeader();
    await super.canActivate(context);
    const key = this.getRequest(context).user as VerifiedKey;
    request.apiKey = key;
    const templates =
      this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, [context.getHandler(), context.getClass()]) ?? [];
    const required = resolveRequiredScopes(templates, request.params);
    if (required === null) throw AuthErrors.insufficientScope(templates, templates);
    const missing = missingScopes(key.scopes, required);
    if (missing.length > 0) throw AuthErrors.insufficientScope(required, missing);
    return true;
  }
}
