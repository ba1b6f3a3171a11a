/** The CLI's exit codes: scripts switch on them, so they never change meaning. */
export const EXIT = {
  OK: 0,
  /** Anything unexpected: a bug, a 5xx other than 503. */
  FAILURE: 1,
  /** The command line is wrong. */
  USAGE: 2,
  /** bootstrap: the workspace already has an active admin key. */
  ALREADY_BOOTSTRAPPED: 3,
  /** A check answered "no": verify (key not valid), audit verify (not intact), reconcile (differences). */
  CHECK_FAILED: 4,
  /** 404: no such key in the caller's workspace. */
  NOT_FOUND: 5,
  /** 401/403: the caller's key is missing, invalid, revoked, expired, or lacks a scope. */
  REFUSED: 6,
  /** 409/412: the key's state forbids it (revoked, expired) or another change came first. */
  CONFLICT: 7,
  /** 400: the API refused the input (name, scopes, expiry…); the message names the field. */
  INVALID: 65,
  /** The service did not answer, is unavailable (503) or asks to slow down (429): retry later. */
  UNAVAILABLE: 69,
  /** Configuration missing or wrong (PXXL_URL, PXXL_API_KEY, MONGODB_URI…). */
  CONFIG: 78,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0   ok
  1   failure (unexpected; the message says what happened)
  2   usage error (wrong command line)
  3   bootstrap refused: the workspace already has an active admin key
  4   a check said no: key not valid (verify), audit trail not intact or not
      complete, read model not in step
  5   not found (404: no such key in your workspace)
  6   refused (401/403): PXXL_API_KEY missing, invalid, revoked or expired,
      or lacking a scope
  7   conflict (409/412): key revoked or expired, or changed meanwhile
  65  the API refused the input (400); the API's error code is printed
  69  service unavailable: not reachable, timed out, 503, or 429 (retry later)
  78  configuration missing or wrong (PXXL_URL, PXXL_API_KEY, MONGODB_URI…)`;
