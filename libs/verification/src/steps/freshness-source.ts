/**
 * How current the process's knowledge of key events is: what lets a cached
 * VALID answer outlive the moment it was checked. The revocation listener
 * provides it (revocation/kafka-liveness.ts).
 */
export interface FreshnessSource {
  /**
   * Epoch ms: every key event published before this instant has been applied
   * to the cache (0: nothing is known).
   */
  lastHeardAt(): number;
  /**
   * Epoch ms since when the feed has been without gaps: entries checked
   * earlier than this cannot rely on it (Infinity: not yet covering).
   */
  coveredSince(): number;
}

/** No revocation feed: a cached answer is trusted only for the staleness bound after it was checked. */
export const NO_FRESHNESS_SOURCE: FreshnessSource = { lastHeardAt: () => 0, coveredSince: () => Infinity };
