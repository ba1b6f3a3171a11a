import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortSync } from '../support/free-port';
import { httpRequest } from '../support/http';
import { ProcessStack } from '../support/process-stack';
import { eventually, isolatedEnv } from '../support/test-infra';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureJaeger } = require('../../scripts/ensure-jaeger.js') as { ensureJaeger: () => Promise<string> };

const ROOT = join(__dirname, '..', '..');
/** How long the test may wait for Jaeger's first build: the 90 minutes CI gives a whole first `npm test`. */
const JAEGER_BUILD_WAIT_MS = 90 * 60_000;
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  startTime: number;
  processID: string;
  references: Array<{ refType: string; spanID: string }>;
}
interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

/** A real Jaeger (all-in-one, built from the Go module proxy): OTLP over HTTP in, in-memory storage, the query API out, on loopback. */
class Jaeger {
  private constructor(
    readonly otlpUrl: string,
    readonly queryUrl: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(binary: string): Promise<Jaeger> {
    const dir = mkdtempSync(join(tmpdir(), 'pxxl-jaeger-'));
    const [otlp, query, queryGrpc] = [freePortSync(), freePortSync(), freePortSync()];
    const config = `
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${query}
    grpc:
      endpoint: 127.0.0.1:${queryGrpc}
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${otlp}
processors:
  batch:
    timeout: 100ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
    writeFileSync(join(dir, 'jaeger.yaml'), config);
    const child = spawn(binary, ['--config', `file:${join(dir, 'jaeger.yaml')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const jaeger = new Jaeger(`http://127.0.0.1:${otlp}`, `http://127.0.0.1:${query}`, child, dir);
    await eventually(async () => ((await fetch(`${jaeger.queryUrl}/api/services`).catch(() => undefined))?.ok ? true : undefined), 60000, `Jaeger ready (log: ${log})`);
    return jaeger;
  }

  /** The traces holding a span of `service` named `operation`, as the query API answers them. */
  async traces(service: string, operation: string): Promise<JaegerTrace[]> {
    const response = await fetch(`${this.queryUrl}/api/traces?service=${encodeURIComponent(service)}&operation=${encodeURIComponent(operation)}&limit=20&lookback=1h`);
    if (!response.ok) return [];
    return ((await response.json()) as { data: JaegerTrace[] | null }).data ?? [];
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The trace as an indented tree of `service: operation`, children under their parent in the order they started, for the log. */
function treeOf(trace: JaegerTrace): string {
  const ids = new Set(trace.spans.map((span) => span.spanID));
  const parentOf = (span: JaegerSpan) => span.references.find((ref) => ref.refType === 'CHILD_OF' && ids.has(ref.spanID))?.spanID;
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of trace.spans.filter((s) => parentOf(s) === parent).sort((a, b) => a.startTime - b.startTime)) {
      lines.push(`${'  '.repeat(depth)}${trace.processes[span.processID].serviceName}: ${span.operationName}`);
      walk(span.spanID, depth + 1);
    }
  };
  walk(undefined, 1);
  return lines.join('\n');
}

/** Each span as `service: operation`, sorted, for a readable comparison. */
const spansOf = (trace: JaegerTrace) => trace.spans.map((span) => `${trace.processes[span.processID].serviceName}: ${span.operationName}`).sort();

describe('traces: one revoke is one trace in a real Jaeger, across the topic', () => {
  let jaeger: Jaeger;
  let stack: ProcessStack;
  let env: Record<string, string>;
  let admin: string;

  // On a fresh machine Jaeger is still being built in the background (scripts/test.js started it first thing, and
  // this test runs last): the wait may take most of a first run, so it has a bound of its own, CI's whole budget.
  let binary: string;
  beforeAll(async () => {
    binary = await ensureJaeger();
  }, JAEGER_BUILD_WAIT_MS);

  beforeAll(async () => {
    jaeger = await Jaeger.start(binary);
    env = isolatedEnv({ LOG_LEVEL: 'debug' });
    stack = new ProcessStack(env, mkdtempSync(join(tmpdir(), 'pxxl-traces-logs-')));
    // The standard variables only; the short batch delay gets the spans to Jaeger within the test.
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpUrl, OTEL_BSP_SCHEDULE_DELAY: '100' };
    for (const app of ['projector', 'audit', 'key-service'] as const) await stack.start(app, app, { env: tracing });
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'bootstrap', '--workspace', 'acme', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    admin = JSON.parse(out).key;
  }, 240000);

  afterAll(async () => {
    await stack?.stop();
    await jaeger?.stop();
  });

  it('200: the revoke request, its decision, append and publish, the projection, the audit entry and the invalidation share one trace', async () => {
    const created = await httpRequest(stack.url, 'POST', '/v1/keys', { token: admin, body: { name: 'traced', scopes: ['usage:read'], expiresAt: inDays(30) } });
    expect(created.status).toBe(201);
    // An incoming trace context is continued: the revoke joins the caller's trace.
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const revoked = await httpRequest(stack.url, 'POST', `/v1/keys/${created.body.id}/revoke`, {
      token: admin,
      body: { reason: 'leaked' },
      headers: { traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01` },
    });
    expect(revoked.status).toBe(200);

    const wanted = ['key-service: invalidate KeyRevoked', 'projector: project KeyRevoked', 'audit: audit KeyRevoked'];
    const trace = await eventually(async () => {
      const found = (await jaeger.traces('key-service', 'POST /v1/keys/:id/revoke')).find((t) => t.traceID === callerTraceId);
      return found && wanted.every((span) => spansOf(found).includes(span)) ? found : undefined;
    }, 30000, 'the revoke trace with the projector, audit and invalidation spans');
    process.stderr.write(`[traces] the revoke's trace ${trace.traceID} as Jaeger answers it:\n${treeOf(trace)}\n`);

    expect(new Set(Object.values(trace.processes).map((p) => p.serviceName))).toEqual(new Set(['key-service', 'projector', 'audit']));
    expect(spansOf(trace)).toEqual(
      expect.arrayContaining([
        'key-service: POST /v1/keys/:id/revoke',
        'key-service: command RevokeKey',
        'key-service: decide',
        'key-service: append',
        `key-service: publish ${env.KAFKA_TOPIC}`,
        `projector: consume ${env.KAFKA_TOPIC}`,
        'projector: project KeyRevoked',
        `audit: consume ${env.KAFKA_TOPIC}`,
        'audit: audit KeyRevoked',
        'key-service: invalidate KeyRevoked',
      ]),
    );
    // Every span but the request's has its parent in the trace: nothing hangs loose.
    const ids = new Set(trace.spans.map((span) => span.spanID));
    const root = trace.spans.find((span) => span.operationName === 'POST /v1/keys/:id/revoke')!;
    const loose = trace.spans.filter((span) => span !== root && !span.references.some((ref) => ref.refType === 'CHILD_OF' && ids.has(ref.spanID)));
    expect(loose.map((span) => span.operationName)).toEqual([]);

    // And each where it belongs: the consumers under the message's publish span, the steps under the command.
    const named = (span: JaegerSpan) => `${trace.processes[span.processID].serviceName}: ${span.operationName}`;
    const parents = Object.fromEntries(
      trace.spans.map((span) => [named(span), named(trace.spans.find((p) => span.references.some((ref) => ref.refType === 'CHILD_OF' && ref.spanID === p.spanID)) ?? span)]),
    );
    const publish = `key-service: publish ${env.KAFKA_TOPIC}`;
    expect(parents).toMatchObject({
      'key-service: command RevokeKey': 'key-service: POST /v1/keys/:id/revoke',
      'key-service: decide': 'key-service: command RevokeKey',
      'key-service: append': 'key-service: command RevokeKey',
      [publish]: 'key-service: command RevokeKey',
      [`projector: consume ${env.KAFKA_TOPIC}`]: publish,
      'projector: project KeyRevoked': `projector: consume ${env.KAFKA_TOPIC}`,
      [`audit: consume ${env.KAFKA_TOPIC}`]: publish,
      'audit: audit KeyRevoked': `audit: consume ${env.KAFKA_TOPIC}`,
      'key-service: invalidate KeyRevoked': publish,
    });

    // Log lines written within the trace carry its ids.
    const projectorLog = stack.logFiles.find((file) => file.includes('projector'))!;
    const lines = readFileSync(projectorLog, 'utf8').split('\n').filter((line) => line.includes(`"trace_id":"${callerTraceId}"`));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0]).span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sends no trace of scrapes and probes', async () => {
    expect((await httpRequest(stack.url, 'GET', '/metrics')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const operations = ((await (await fetch(`${jaeger.queryUrl}/api/services/key-service/operations`)).json()) as { data: string[] | null }).data ?? [];
    expect(operations.filter((name) => /metrics|health/.test(name))).toEqual([]);
  });
});
