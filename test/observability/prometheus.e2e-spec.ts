import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REVOCATION_LISTENER, type RevocationListener } from '@pxxl/bearer-auth';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeployStatusApp } from '../../examples/deploy-status/src/create-deploy-status-app';
import { loadDeployStatusConfig } from '../../examples/deploy-status/src/deploy-status.config';
import { freePortSync } from '../support/free-port';
import { httpRequest } from '../support/http';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensurePrometheus } = require('../../scripts/ensure-prometheus.js') as { ensurePrometheus: () => { prometheus: string; promtool: string } };

const ROOT = join(__dirname, '..', '..');
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const hostOf = (url: string) => url.replace(/^http:\/\//, '');

/** A real Prometheus (Debian's package) scraping the apps every 500 ms, with the shipped alert rules loaded. */
class Prometheus {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(binary: string, targets: Record<string, string>): Promise<Prometheus> {
    const dir = mkdtempSync(join(tmpdir(), 'pxxl-prometheus-'));
    const port = freePortSync();
    const config = [
      'global:',
      '  scrape_interval: 500ms',
      '  evaluation_interval: 500ms',
      'rule_files:',
      `  - ${join(ROOT, 'deploy/prometheus/alerts.yml')}`,
      'scrape_configs:',
      ...Object.entries(targets).flatMap(([job, url]) => [`  - job_name: ${job}`, '    static_configs:', `      - targets: ['${hostOf(url)}']`]),
    ].join('\n');
    writeFileSync(join(dir, 'prometheus.yml'), config + '\n');
    const child = spawn(binary, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const prometheus = new Prometheus(`http://127.0.0.1:${port}`, child, dir);
    await eventually(async () => ((await fetch(`${prometheus.url}/-/ready`)).ok ? true : undefined), 30000, `Prometheus ready (log: ${log})`);
    return prometheus;
  }

  /** An instant query; the result vector as {labels, value}. */
  async query(promql: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** Waits until the query answers at least one series and `accept` holds for the answer. */
  until(promql: string, accept: (values: number[]) => boolean, what = promql): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    return eventually(async () => {
      const result = await this.query(promql);
      return result.length > 0 && accept(result.map((r) => r.value)) ? result : undefined;
    }, 30000, what);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('metrics: a real Prometheus scrapes every app', () => {
  let tools: { prometheus: string; promtool: string };
  let stack: TestStack;
  let deployStatus: NestFastifyApplication;
  let targets: Record<string, string>;
  let prometheus: Prometheus;
  let admin: string;

  beforeAll(async () => {
    tools = ensurePrometheus();
    stack = await TestStack.start({ env: { AUDIT_RECONCILE_INTERVAL_MS: '1000', AUDIT_RECONCILE_GRACE_MS: '5000' } });
    // In the stack the projector only consumes; here it serves /metrics too, as it does in production.
    const projector = stack.app('projector') as NestFastifyApplication;
    await projector.listen({ host: '127.0.0.1', port: 0 });
    deployStatus = await createDeployStatusApp(loadDeployStatusConfig({ ...stack.env, KEY_SERVICE_URL: stack.url }), stack.logs.logger('deploy-status'));
    await deployStatus.listen({ host: '127.0.0.1', port: 0 });
    await deployStatus.get<RevocationListener>(REVOCATION_LISTENER).whenCovering();
    const urlOf = (app: NestFastifyApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    targets = { 'key-service': stack.url, projector: urlOf(projector), audit: stack.auditUrl, 'deploy-status': urlOf(deployStatus) };
    prometheus = await Prometheus.start(tools.prometheus, targets);
    admin = (await stack.bootstrap('acme')).token;
  });

  afterAll(async () => {
    await prometheus?.stop();
    await deployStatus?.close();
    await stack?.stop();
  });

  it('200: every app serves Prometheus text that promtool accepts', async () => {
    for (const [app, url] of Object.entries(targets)) {
      const response = await httpRequest(url, 'GET', '/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.text).toContain('process_resident_memory_bytes');
      expect(response.text).toContain(`app="${app}"`);
      const check = spawnSync(tools.promtool, ['check', 'metrics'], { input: response.text, encoding: 'utf8' });
      expect({ app, status: check.status, problems: (check.stdout + check.stderr).trim() }).toEqual({ app, status: 0, problems: '' });
    }
  });

  it('counts HTTP answers by route template, never by raw path', async () => {
    const id = 'k'.repeat(16);
    expect((await stack.request('GET', `/v1/keys/${id}`)).status).toBe(401);
    expect((await stack.request('GET', `/no/such/${id}`)).status).toBe(404);
    const text = (await httpRequest(stack.url, 'GET', '/metrics')).text;
    expect(text).toMatch(/pxxl_keys_http_requests_total\{method="GET",route="\/v1\/keys\/:id",status="401",app="key-service"\} 1\n/);
    expect(text).toMatch(/pxxl_keys_http_requests_total\{method="GET",route="unmatched",status="404",app="key-service"\} 1\n/);
    expect(text).not.toContain(id);
  });

  it('counts verifications, drains the outbox, and shows a revocation reaching the projector and every listener', async () => {
    await prometheus.until('up', (ups) => ups.length === 4 && ups.every((up) => up === 1), 'all four targets up');
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'metrics probe', scopes: ['deployments:read'], expiresAt: inDays(30) } });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    const deployUrl = targets['deploy-status'];
    // Traffic for a few scrapes: the HTTP verify path and the in-process guard of another service.
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      expect((await stack.request('POST', '/v1/verify', { body: { key } })).body.code).toBe('VALID');
      expect((await httpRequest(deployUrl, 'GET', '/v1/deployments/dep_1001', { token: key })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await prometheus.until('sum(rate(pxxl_keys_verifications_total{app="key-service",path="http",code="VALID"}[5s]))', ([rate]) => rate > 0, 'a verify rate above 0');
    await prometheus.until('sum(rate(pxxl_keys_verifications_total{app="deploy-status",path="guard",code="VALID"}[5s]))', ([rate]) => rate > 0, 'a guard verify rate above 0');
    await prometheus.until('pxxl_keys_verification_cache_hits_total{app="key-service"}', ([hits]) => hits > 0);
    await prometheus.until('histogram_quantile(0.5, sum by (le) (rate(pxxl_keys_verification_duration_seconds_bucket{app="key-service"}[5s])))', ([p50]) => p50 > 0 && p50 < 1);
    await prometheus.until('pxxl_keys_bcrypt_hash_duration_seconds_count', ([hashes]) => hashes >= 2, 'bcrypt hashes of the bootstrap and the created key');

    const revoked = await stack.request('POST', `/v1/keys/${created.body.id}/revoke`, { token: admin, body: { reason: 'leaked' } });
    expect(revoked.status).toBe(200);
    expect((await httpRequest(deployUrl, 'GET', '/v1/deployments/dep_1001', { token: key })).status).toBe(401);

    for (const subscriber of ['projector', 'key-service', 'deploy-status']) {
      const [count] = await prometheus.until(`pxxl_keys_revocation_propagation_seconds_count{subscriber="${subscriber}"}`, ([n]) => n === 1, `the revocation in ${subscriber}'s propagation histogram`);
      expect(count.value).toBe(1);
    }
    const [slowest] = await prometheus.query('max(pxxl_keys_revocation_propagation_seconds_sum)');
    expect(slowest.value).toBeGreaterThanOrEqual(0);
    expect(slowest.value).toBeLessThan(10);

    await prometheus.until('pxxl_keys_commands_total{type="RevokeKey",outcome="ok"}', ([n]) => n === 1);
    await prometheus.until('pxxl_keys_event_store_append_duration_seconds_count', ([n]) => n >= 3, 'appends of bootstrap, create and revoke');
    await prometheus.until('max(pxxl_keys_outbox_unpublished_events{app="key-service",outbox="events"})', ([n]) => n === 0, 'the outbox backlog back to 0');
    await prometheus.until('max(pxxl_keys_outbox_oldest_unpublished_age_seconds{outbox="events"})', ([age]) => age === 0, 'no unpublished event waiting');
    await prometheus.until('pxxl_keys_audit_entries_written_total', ([n]) => n >= 3, 'audit entries for bootstrap, create and revoke');
    await prometheus.until('sum(pxxl_keys_projection_apply_duration_seconds_count)', ([n]) => n >= 3);
    await prometheus.until('sum(pxxl_keys_audit_apply_duration_seconds_count)', ([n]) => n >= 3);
    const lag = await prometheus.until('max by (app, group) (pxxl_keys_consumer_lag)', (lags) => lags.length === 4 && lags.every((n) => n === 0), 'every consumer caught up');
    expect(lag.map((l) => l.metric.group).sort()).toEqual([stack.env.AUDIT_GROUP_ID, stack.env.PROJECTOR_GROUP_ID, 'deploy-status.revocations', 'key-service.revocations'].sort());
    await prometheus.until('pxxl_keys_audit_reconcile_gap_events', ([gap]) => gap === 0, 'no audit gap');
    await prometheus.until('sum(pxxl_keys_http_requests_total{app="key-service",route="/v1/keys/:id/revoke",status="200"})', ([n]) => n === 1);
    // No label carries a key id or a workspace id.
    const labelValues = (await prometheus.query('{__name__=~"pxxl_keys_.+"}')).flatMap((r) => Object.values(r.metric));
    expect(labelValues.filter((v) => v.includes(created.body.id) || v === 'acme')).toEqual([]);
  });

  it('loads the shipped alert rules, and none fires on a healthy stack', async () => {
    const response = await fetch(`${prometheus.url}/api/v1/rules`);
    const groups = ((await response.json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; state: string }> }> } }).data.groups;
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(6);
    expect(rules.filter((r) => r.health !== 'ok')).toEqual([]);
    expect(rules.filter((r) => r.state === 'firing').map((r) => r.name)).toEqual([]);
  });
});
