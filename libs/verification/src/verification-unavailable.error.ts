/**
 * Thrown when a key cannot be verified because infrastructure is unreachable
 * (the key service, the read model, or Kafka beyond the staleness bound).
 * The guard answers 503: never a 401 that would hide an outage, never a 200.
 */
export class VerificationUnavailableError extends Error {
  readonly code = 'KEY_VERIFICATION_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VerificationUnavailableError';
  }
}
