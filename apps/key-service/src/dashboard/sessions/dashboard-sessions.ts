import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AuthErrors, KEY_VERIFIER, type KeyVerifier } from '@pxxl/bearer-auth';
import { CLOCK, isThrottled, missingScopes, SCOPES, type Clock, type Verdict } from '@pxxl/contracts';
import type { ApiError } from '@pxxl/http';
import { GetKeyQuery } from '../../keys';
import { SESSION_STORE, type SessionStore, type StoredSession } from '../ports/session-store.port';
import { DASHBOARD_SETTINGS, REVEAL_WINDOW_MS, type DashboardSettings } from './dashboard-settings';
import { newCsrfToken, newSessionSecret, seal, sessionIdOf, unseal } from './session-crypto';

/** A signed-in operator, for one request. */
export interface DashboardSession {
  id: string;
  /** The cookie's secret: opens what the session sealed. */
  secret: string;
  keyId: string;
  workspaceId: string;
  keyName: string;
  displayPrefix: string;
  scopes: string[];
  canWrite: boolean;
  csrfToken: string;
  /** The signing-in key, opened for this request only: what calls to the audit app present. */
  authority: string;
}

/** Why there is no session: shown on the sign-in page. */
export type SessionEnd = 'NO_SESSION' | 'SESSION_EXPIRED' | 'KEY_NO_LONGER_VALID' | 'SIGNED_OUT';

export interface RevealedKey {
  keyId: string;
  kind: 'created' | 'rotated';
  token: string;
  previousSecretValidUntil: string | null;
}

/** The answer of verification as the API's 401/403 error (same codes as a Bearer call); null when it may sign in. */
function refusalOf(result: Verdict): ApiError | null {
  if (isThrottled(result)) return AuthErrors.throttled(result);
  if (result.code !== 'VALID') return AuthErrors.unverified(result.code);
  const missing = missingScopes(result.scopes, [SCOPES.API_KEYS_READ]);
  return missing.length > 0 ? AuthErrors.insufficientScope(missing, missing) : null;
}

/**
 * Server-side sessions of the dashboard (docs/dashboard.md). The signing-in
 * key is checked again on every request: once it is revoked, expired or
 * rotated out, the session ends with it.
 */
@Injectable()
export class DashboardSessions {
  private readonly logger = new Logger(DashboardSessions.name);

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DASHBOARD_SETTINGS) private readonly settings: DashboardSettings,
    private readonly queryBus: QueryBus,
  ) {}

  /** The cookie secret of a new session, or the API's refusal of the key. */
  async signIn(presented: string): Promise<{ ok: true; secret: string } | { ok: false; error: ApiError }> {
    const key = presented.trim();
    const result = await this.verifier.verify(key);
    const refusal = refusalOf(result);
    if (refusal || !result.valid) return { ok: false, error: refusal! };
    const summary = await this.queryBus.execute(new GetKeyQuery(result.keyId, result.workspaceId));
    const secret = newSessionSecret();
    const now = this.clock.now();
    await this.store.insert({
      id: sessionIdOf(secret),
      workspaceId: result.workspaceId,
      keyId: result.keyId,
      keyName: summary.name,
      displayPrefix: summary.displayPrefix,
      sealedKey: seal(secret, key),
      csrfToken: newCsrfToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.settings.maxLifetimeMs),
      reveal: null,
    });
    this.store.deleteEnded(now, new Date(now.getTime() - this.settings.idleTimeoutMs)).catch((error: unknown) => {
      this.logger.warn({ msg: 'could not sweep ended dashboard sessions', error: String(error) });
    });
    return { ok: true, secret };
  }

  async authenticate(secret: string): Promise<DashboardSession | { ended: SessionEnd }> {
    const id = sessionIdOf(secret);
    const stored = await this.store.find(id);
    if (!stored) return { ended: 'NO_SESSION' };
    const now = this.clock.now();
    if (now >= stored.expiresAt || now.getTime() - stored.lastSeenAt.getTime() > this.settings.idleTimeoutMs) {
      await this.store.delete(id);
      return { ended: 'SESSION_EXPIRED' };
    }
    const key = unseal(secret, stored.sealedKey);
    const result = key === null ? null : await this.verifier.verify(key);
    if (key === null || result === null || refusalOf(result) || !result.valid || result.keyId !== stored.keyId) {
      await this.store.delete(id);
      return { ended: 'KEY_NO_LONGER_VALID' };
    }
    await this.store.touch(id, now);
    return toSession(stored, secret, key, result.scopes);
  }

  async signOut(secret: string): Promise<void> {
    await this.store.delete(sessionIdOf(secret));
  }

  /** The operator rotated the key they signed in with: the session goes on with its new secret. */
  async replaceKey(session: DashboardSession, token: string): Promise<void> {
    await this.store.replaceKey(session.id, seal(session.secret, token));
  }

  /** Keeps a new plaintext key, sealed, for the one page that shows it. */
  async offerOnce(session: DashboardSession, reveal: RevealedKey): Promise<void> {
    await this.store.setReveal(session.id, {
      keyId: reveal.keyId,
      kind: reveal.kind,
      sealedKey: seal(session.secret, reveal.token),
      previousSecretValidUntil: reveal.previousSecretValidUntil,
      expiresAt: new Date(this.clock.now().getTime() + REVEAL_WINDOW_MS),
    });
  }

  /** The waiting key of `keyId`, removed from the store as it is read: null the second time. */
  async takeOnce(session: DashboardSession, keyId: string): Promise<RevealedKey | null> {
    const reveal = await this.store.takeReveal(session.id);
    if (!reveal || reveal.keyId !== keyId || reveal.expiresAt <= this.clock.now()) return null;
    const token = unseal(session.secret, reveal.sealedKey);
    return token === null ? null : { keyId, kind: reveal.kind, token, previousSecretValidUntil: reveal.previousSecretValidUntil };
  }
}

function toSession(stored: StoredSession, secret: string, key: string, scopes: string[]): DashboardSession {
  return {
    id: stored.id,
    secret,
    keyId: stored.keyId,
    workspaceId: stored.workspaceId,
    keyName: stored.keyName,
    displayPrefix: stored.displayPrefix,
    scopes,
    canWrite: missingScopes(scopes, [SCOPES.API_KEYS_WRITE]).length === 0,
    csrfToken: stored.csrfToken,
    authority: key,
  };
}
