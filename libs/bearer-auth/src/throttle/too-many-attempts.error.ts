/** Thrown instead of checking a secret, while a key id is being guessed at. */
export class TooManyAttemptsError extends Error {
  readonly code = 'TOO_MANY_ATTEMPTS';
  constructor(readonly retryAfterMs: number) {
    super('too many failed attempts for this key; try again later');
    this.name = 'TooManyAttemptsError';
  }
}
