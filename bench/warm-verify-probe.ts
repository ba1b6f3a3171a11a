/* eslint-disable no-console */
import { DEFAULT_CACHE_OPTIONS, VerificationPipeline, observeVerdictCache, verificationObserver } from '@pxxl/verification';
import { inSpan, Metrics, startTracing, tracingEnabled } from '@pxxl/observability';
import { formatToken, newKeyId, newSecret, type VerificationResult } from '@pxxl/contracts';

/**
 * `node dist/bench/warm-verify-probe.js on|off|tracing-off <ops>`: warm
 * verifications through one VerificationPipeline, with the app's metrics on
 * (counted and timed as POST /v1/verify is) or off, in a process of its own:
 * two pipelines in one process would share the JIT's type feedback, and each
 * would run the other's code shape. `tracing-off` is `off` with tracing
 * started as the apps' mains start it, with no exporter configured: no SDK
 * module is loaded and no async-context hook installed, and the verify path
 * has no span. Prints {"opsPerCpuSecond", "counted",
 * "sdkModules"} as JSON (sdkModules: OpenTelemetry SDK modules loaded).
 */
async function main(): Promise<void> {
  const metricsOn = process.argv[2] === 'on';
  const tracingOff = process.argv[2] === 'tracing-off';
  if (tracingOff) {
    for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) delete process.env[name];
    startTracing('bench');
    if (tracingEnabled()) throw new Error('tracing started with no exporter configured');
  }
  const ops = Number(process.argv[3] ?? 1_000_000);
  const token = formatToken(newKeyId(), newSecret());
  const until = new Date(Date.now() + 30 * 86400_000).toISOString();
  const valid: VerificationResult = { valid: true, code: 'VALID', keyId: token.slice(5, 21), workspaceId: 'bench', scopes: ['deployments:read'], expiresAt: until, validUntil: until, version: 1 };
  const metrics = new Metrics('bench');
  const pipeline = new VerificationPipeline({
    backend: { ask: async () => valid },
    cache: { ...DEFAULT_CACHE_OPTIONS, maxStalenessMs: 60_000 },
    throttle: null,
    observer: metricsOn ? verificationObserver(metrics) : undefined,
  });
  if (metricsOn) observeVerdictCache(metrics, pipeline);
  for (let i = 0; i < 50_000; i++) await pipeline.verify(token, [], { path: 'http' });
  const started = process.cpuUsage();
  for (let i = 0; i < ops; i++) await pipeline.verify(token, [], { path: 'http' });
  // What a traced step costs with tracing off: one boolean test (inSpan runs the function as it is).
  if (tracingOff && (await inSpan('probe', async (span) => span)) !== undefined) throw new Error('a span with tracing off');
  const used = process.cpuUsage(started);
  const counted = Number(/pxxl_keys_verifications_total\{code="VALID",path="http",app="bench"\} (\d+)/.exec(await metrics.exposition())?.[1] ?? 0);
  const sdkModules = Object.keys(require.cache).filter((file) => /@opentelemetry\/(sdk-|exporter-|instrumentation)/.test(file)).length;
  console.log(JSON.stringify({ opsPerCpuSecond: ops / ((used.user + used.system) / 1e6), counted, sdkModules }));
}

void main();
