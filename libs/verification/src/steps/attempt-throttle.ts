/**
 * Counts failures per subject in fixed windows. Pure bookkeeping: the clock
 * is injected, nothing is shared between processes (each instance limits
 * what reaches it; the limit is per instance, documented in docs/security.md).
 */
export class AttemptThrottle {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxSubjects = 100_000,
  ) {}

  /** Milliseconds until the subject may try again; 0 when it may now. */
  retryAfterMs(subject: string): number {
    const window = this.windows.get(subject);
    if (!window) return 0;
    const left = window.startedAt + this.windowMs - this.now();
    if (left <= 0) {
      this.windows.delete(subject);
      return 0;
    }
    return window.failures >= this.maxFailures ? left : 0;
  }

  recordFailure(subject: string): void {
    const now = this.now();
    let window = this.windows.get(subject);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size >= this.maxSubjects) this.evictExpired(now);
      window = { startedAt: now, failures: 0 };
      this.windows.set(subject, window);
    }
    window.failures++;
  }

  private evictExpired(now: number): void {
    for (const [subject, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(subject);
    // Still full (a flood of distinct subjects): forget the oldest rather than grow without bound.
    if (this.windows.size >= this.maxSubjects) this.windows.delete(this.windows.keys().next().value as string);
  }
}
