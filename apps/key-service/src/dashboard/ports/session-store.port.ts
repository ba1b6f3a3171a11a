/** A secret sealed with a key derived from the session cookie: the store alone cannot open it. */
export interface SealedSecret {
  iv: string;
  tag: string;
  data: string;
}

/** A plaintext key waiting to be shown once (after create or rotate), sealed like the session's own key. */
export interface StoredReveal {
  keyId: string;
  kind: 'created' | 'rotated';
  sealedKey: SealedSecret;
  previousSecretValidUntil: string | null;
  expiresAt: Date;
}

/** A dashboard session as stored: `id` is a hash of the cookie's secret, never the secret. */
export interface StoredSession {
  id: string;
  workspaceId: string;
  keyId: string;
  keyName: string;
  displayPrefix: string;
  /** The signing-in key, sealed with the cookie's secret: the audit calls are made with it. */
  sealedKey: SealedSecret;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end, whatever the activity. */
  expiresAt: Date;
  reveal: StoredReveal | null;
}

export interface SessionStore {
  insert(session: StoredSession): Promise<void>;
  find(id: string): Promise<StoredSession | null>;
  touch(id: string, at: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Sessions past their end or idle since before `idleSince` (no TTL index on FerretDB: swept from time to time). */
  deleteEnded(now: Date, idleSince: Date): Promise<number>;
  /** After the operator rotated the very key they signed in with. */
  replaceKey(id: string, sealedKey: SealedSecret): Promise<void>;
  setReveal(id: string, reveal: StoredReveal): Promise<void>;
  /** Removes the waiting reveal and answers it: a second call answers null. */
  takeReveal(id: string): Promise<StoredReveal | null>;
}

export const SESSION_STORE = 'DASHBOARD_SESSION_STORE';
