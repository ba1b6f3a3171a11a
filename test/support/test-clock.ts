import type { Clock } from '@pxxl/contracts';

/**
 * Real time plus an offset the test moves forward: Kafka, timers and polling
 * keep running in real time while expiry and grace rules see the future.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
