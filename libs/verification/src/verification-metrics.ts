import type { CounterCell, HistogramCell, Metrics } from '@pxxl/observability';
import type { SecretComparer } from './steps/compare-secret';
import type { KeyCache } from './steps/verdict-cache';
import { WARM_HIT_SAMPLE, type VerificationObserver, type VerificationPath } from './verification-pipeline';

/**
 * The pipeline's series in the host app's registry: answers by code and
 * path, their latency, and the cache's hits, misses and size (read from its
 * stats when scraped: nothing on the hot path). Cells are bound once per
 * (path, code), so a warm hit costs a field increment, and one in
 * WARM_HIT_SAMPLE two clock reads and a bucket walk.
 */
export function verificationObserver(metrics: Metrics): VerificationObserver {
  const answers = metrics.hotCounter('verifications');
  const durations = metrics.hotHistogram('verificationDuration');
  const byPath: Record<VerificationPath, { codes: Record<string, CounterCell>; duration: HistogramCell }> = {
    http: { codes: Object.create(null), duration: durations.bind({ path: 'http' }) },
    guard: { codes: Object.create(null), duration: durations.bind({ path: 'guard' }) },
  };
  return {
    answered(path, code, seconds) {
      const cells = byPath[path];
      (cells.codes[code] ??= answers.bind({ code, path })).inc();
      cells.duration.observe(seconds);
    },
    hit(path, code, seconds) {
      const cells = byPath[path];
      (cells.codes[code] ??= answers.bind({ code, path })).inc();
      if (seconds >= 0) cells.duration.observe(seconds, WARM_HIT_SAMPLE);
    },
  };
}

export function observeVerdictCache(metrics: Metrics, cache: KeyCache): void {
  metrics.gauge('cacheEntries', () => [{ labels: {}, value: cache.stats().entries }]);
  metrics.counterFrom('cacheHits', () => [{ labels: {}, value: cache.stats().hits }]);
  metrics.counterFrom('cacheMisses', () => {
    const { lookups, joined } = cache.stats();
    return [{ labels: {}, value: lookups + joined }];
  });
}

/** A SecretComparer whose comparisons (real and dummy) are timed. */
export function timedSecretComparer(inner: SecretComparer, metrics: Metrics): SecretComparer {
  const compare = metrics.hotHistogram('bcryptCompare').bind();
  const timed = async <T>(run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      compare.observe((performance.now() - started) / 1000);
    }
  };
  return {
    matches: (secret, hash) => timed(() => inner.matches(secret, hash)),
    spendOne: (secret) => timed(() => inner.spendOne(secret)),
  };
}
