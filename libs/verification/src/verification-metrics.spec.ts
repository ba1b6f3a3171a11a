import { formatToken, newKeyId, newSecret, type Verdict } from '@pxxl/contracts';
import { Metrics } from '@pxxl/observability';
import { DEFAULT_CACHE_OPTIONS } from './steps/verdict-cache';
import { observeVerdictCache, timedSecretComparer, verificationObserver } from './verification-metrics';
import { VerificationPipeline, WARM_HIT_SAMPLE } from './verification-pipeline';

const lines = async (metrics: Metrics, prefix: string) => (await metrics.exposition()).split('\n').filter((line) => line.startsWith(prefix));

describe('verification metrics', () => {
  const token = formatToken(newKeyId(), newSecret());
  const valid: Verdict = { valid: true, code: 'VALID', keyId: token.slice(5, 21), workspaceId: 'acme', scopes: ['deployments:read'], expiresAt: null, validUntil: null, version: 1 };

  function observed(ask: () => Promise<Verdict> = async () => valid) {
    const metrics = new Metrics('test', { processMetrics: false });
    const pipeline = new VerificationPipeline({ backend: { ask }, cache: DEFAULT_CACHE_OPTIONS, throttle: null, observer: verificationObserver(metrics) });
    observeVerdictCache(metrics, pipeline);
    return { metrics, pipeline };
  }

  it('counts every answer by code and path, cold and warm alike', async () => {
    const { metrics, pipeline } = observed();
    await pipeline.verify(token, [], { path: 'http' });
    await pipeline.verify(token, [], { path: 'http' });
    await pipeline.verify(token, ['billing:read'], { path: 'guard' });
    await pipeline.verify('pxxl_nonsense', [], { path: 'http' });
    expect(await lines(metrics, 'pxxl_keys_verifications_total')).toEqual([
      'pxxl_keys_verifications_total{code="VALID",path="http",app="test"} 2',
      'pxxl_keys_verifications_total{code="INSUFFICIENT_SCOPE",path="guard",app="test"} 1',
      'pxxl_keys_verifications_total{code="MALFORMED",path="http",app="test"} 1',
    ]);
  });

  it('times every answer past the cache, and one warm hit in WARM_HIT_SAMPLE standing for the others', async () => {
    const { metrics, pipeline } = observed();
    await pipeline.verify(token, [], { path: 'http' });
    for (let i = 1; i < 2 * WARM_HIT_SAMPLE; i++) await pipeline.verify(token, [], { path: 'http' });
    expect(await lines(metrics, 'pxxl_keys_verifications_total')).toEqual([`pxxl_keys_verifications_total{code="VALID",path="http",app="test"} ${2 * WARM_HIT_SAMPLE}`]);
    // The cold answer, and two sampled hits of WARM_HIT_SAMPLE each.
    expect(await lines(metrics, 'pxxl_keys_verification_duration_seconds_count')).toEqual([
      `pxxl_keys_verification_duration_seconds_count{path="http",app="test"} ${1 + 2 * WARM_HIT_SAMPLE}`,
      `pxxl_keys_verification_duration_seconds_count{path="guard",app="test"} 0`,
    ]);
  });

  it('leaves calls without a path uncounted (the dashboard, leak reports)', async () => {
    const { metrics, pipeline } = observed();
    await pipeline.verify(token);
    expect(await lines(metrics, 'pxxl_keys_verifications_total')).toEqual([]);
  });

  it('counts an unreachable backend as UNAVAILABLE and still throws', async () => {
    const { metrics, pipeline } = observed(async () => {
      throw new Error('connection refused');
    });
    await expect(pipeline.verify(token, [], { path: 'guard' })).rejects.toThrow('connection refused');
    expect(await lines(metrics, 'pxxl_keys_verifications_total')).toEqual(['pxxl_keys_verifications_total{code="UNAVAILABLE",path="guard",app="test"} 1']);
  });

  it('reads cache hits, misses and entries from the cache when scraped', async () => {
    const { metrics, pipeline } = observed();
    for (let i = 0; i < 3; i++) await pipeline.verify(token, [], { path: 'http' });
    expect(await lines(metrics, 'pxxl_keys_verification_cache_')).toEqual([
      'pxxl_keys_verification_cache_entries{app="test"} 1',
      'pxxl_keys_verification_cache_hits_total{app="test"} 2',
      'pxxl_keys_verification_cache_misses_total{app="test"} 1',
    ]);
  });

  it('times real and dummy bcrypt comparisons alike', async () => {
    const metrics = new Metrics('test', { processMetrics: false });
    const comparer = timedSecretComparer({ matches: async () => false, spendOne: async () => undefined }, metrics);
    await comparer.matches('s', 'h');
    await comparer.spendOne('s');
    expect(await lines(metrics, 'pxxl_keys_bcrypt_compare_duration_seconds_count')).toEqual(['pxxl_keys_bcrypt_compare_duration_seconds_count{app="test"} 2']);
  });
});
