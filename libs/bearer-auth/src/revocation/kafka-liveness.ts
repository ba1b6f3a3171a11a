import type { FreshnessSource } from '@pxxl/verification';

interface NodeState {
  /** Start of the fetch in flight, if any. */
  pendingSince: number | null;
  /** Start of the last fetch that completed: the broker's answer covered everything published before it. */
  heardAt: number;
  lastActivity: number;
}

/**
 * Turns the revocation consumer's fetch events into a FreshnessSource. A
 * completed fetch means every event published on that broker's partitions
 * before the fetch began has been seen; with several brokers the oldest one
 * counts, and a broker whose fetch hangs keeps the whole source stale. An idle
 * consumer fetches every maxWaitTimeInMs, so a healthy listener stays fresh
 * without any message arriving.
 */
export class KafkaLiveness implements FreshnessSource {
  private readonly nodes = new Map<number, NodeState>();
  private covered = Infinity;
  private awaitingCoverage = false;
  private readonly coverageWaiters: Array<() => void> = [];

  constructor(
    /** A broker not fetched from for this long (no fetch in flight) left the rotation. */
    private readonly forgetNodeAfterMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The consumer (re)joined its group: its position may have been reset to the
   * end of the topic, so nothing checked before its next fetch is covered.
   */
  joined(): void {
    this.nodes.clear();
    this.covered = Infinity;
    this.awaitingCoverage = true;
  }

  /** The consumer crashed, stopped or disconnected. */
  stopped(): void {
    this.nodes.clear();
    this.covered = Infinity;
    this.awaitingCoverage = false;
  }

  fetchStarted(nodeId: number): void {
    const now = this.now();
    const node = this.nodes.get(nodeId) ?? { pendingSince: null, heardAt: 0, lastActivity: now };
    node.pendingSince ??= now;
    node.lastActivity = now;
    this.nodes.set(nodeId, node);
  }

  fetched(nodeId: number): void {
    const now = this.now();
    const node = this.nodes.get(nodeId);
    if (!node || node.pendingSince === null) return;
    node.heardAt = node.pendingSince;
    node.pendingSince = null;
    node.lastActivity = now;
    if (this.awaitingCoverage) {
      this.awaitingCoverage = false;
      this.covered = now;
      this.coverageWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  lastHeardAt(): number {
    const now = this.now();
    let oldest = Infinity;
    for (const [nodeId, node] of this.nodes) {
      if (node.pendingSince === null && now - node.lastActivity > this.forgetNodeAfterMs) {
        this.nodes.delete(nodeId);
        continue;
      }
      oldest = Math.min(oldest, node.heardAt);
    }
    return oldest === Infinity ? 0 : oldest;
  }

  coveredSince(): number {
    return this.covered;
  }

  /** Resolves once the consumer covers the topic (its first fetch after joining). */
  whenCovering(): Promise<void> {
    if (this.covered !== Infinity) return Promise.resolve();
    return new Promise((resolve) => this.coverageWaiters.push(resolve));
  }
}
