import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KEY_CACHE, REVOCATION_LISTENER, type KeyCache, type RevocationListener, type RevocationListenerOptions } from '@pxxl/bearer-auth';
import { formatToken, newKeyId, newSecret } from '@pxxl/contracts';
import { KeyViewReader } from '@pxxl/key-read-model';
import { cuttableNetwork } from '../../../test/support/cuttable-network';
import { httpRequest, type TestResponse } from '../../../test/support/http';
import { TestStack } from '../../../test/support/stack';
import { createDeployStatusApp } from '../src/create-deploy-status-app';
import { loadDeployStatusConfig } from '../src/deploy-status.config';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The example service, started in this process against the stack's key service and Kafka. */
class DeployStatus {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
  ) {}

  static async start(stack: TestStack, env: Record<string, string>, kafka?: RevocationListenerOptions['kafka']): Promise<DeployStatus> {
    const config = loadDeployStatusConfig({ ...stack.env, KEY_SERVICE_URL: stack.url, ...env });
    const app = await createDeployStatusApp(config, stack.logs.logger('deploy-status'), { kafka });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.getHttpServer().address() as { port: number };
    const service = new DeployStatus(app, `http://127.0.0.1:${port}`);
    await service.listener.whenCovering();
    return service;
  }

  get listener(): RevocationListener {
    return this.app.get<RevocationListener>(REVOCATION_LISTENER);
  }

  get cache(): KeyCache {
    return this.app.get<KeyCache>(KEY_CACHE);
  }

  get(path: string, token?: string): Promise<TestResponse> {
    return httpRequest(this.url, 'GET', path, { token });
  }

  /** Polls until `accept` holds, for at most `withinMs`; returns the last answer either way. */
  async poll(path: string, token: string, accept: (answer: TestResponse) => boolean, withinMs: number): Promise<TestResponse> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const answer = await this.get(path, token);
      if (accept(answer) || Date.now() >= deadline) return answer;
      await sleep(20);
    }
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

const DEPLOYMENT = '/v1/deployments/dep_1001';

describe('examples/deploy-status: an internal service protected by Pxxl keys', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
  });

  afterAll(() => stack.stop());

  async function createKey(scopes: string[], name = 'deploy checker'): Promise<string> {
    const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name, scopes, expiresAt: inDays(30) } });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.text}`);
    return created.body.key;
  }

  const keyIdOf = (token: string) => token.slice(5, 21);

  /** Revokes through the key service's API; like it, resolves when the revocation is enforced there. */
  async function revokeKey(token: string): Promise<void> {
    const revoked = await stack.request('POST', `/v1/keys/${keyIdOf(token)}/revoke`, { token: admin, body: { reason: 'leaked' } });
    if (revoked.status !== 200) throw new Error(`revoke answered ${revoked.status}: ${revoked.text}`);
  }

  async function rotateKey(token: string, gracePeriodSeconds: number): Promise<{ token: string; previousSecretValidUntil: string | null }> {
    const rotated = await stack.request('POST', `/v1/keys/${keyIdOf(token)}/rotate`, { token: admin, body: { gracePeriodSeconds } });
    if (rotated.status !== 200) throw new Error(`rotate answered ${rotated.status}: ${rotated.text}`);
    return { token: rotated.body.key, previousSecretValidUntil: rotated.body.previousSecretValidUntil };
  }

  describe.each(['remote', 'local'] as const)('%s mode', (mode) => {
    let service: DeployStatus;

    beforeAll(async () => {
      service = await DeployStatus.start(stack, { BEARER_AUTH_MODE: mode });
    });

    afterAll(() => service.close());

    it('200: serves a deployment to a key holding deployments:read, and tells the handler which key called', async () => {
      const key = await createKey(['deployments:read']);
      const answer = await service.get(DEPLOYMENT, key);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: 'dep_1001', project: 'web', status: 'live', checkedBy: keyIdOf(key) });
    });

    it('401: refuses a request without a key, with an RFC 6750 challenge', async () => {
      const answer = await service.get(DEPLOYMENT);
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('MISSING_TOKEN');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="pxxl-keys"');
    });

    it('401: refuses an unknown key as invalid_token', async () => {
      const answer = await service.get(DEPLOYMENT, formatToken(newKeyId(), newSecret()));
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('INVALID_TOKEN');
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('403: refuses a valid key without deployments:read, naming the missing scope', async () => {
      const key = await createKey(['projects:read']);
      const answer = await service.get(DEPLOYMENT, key);
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { missingScopes: ['deployments:read'] } });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="pxxl-keys", error="insufficient_scope", scope="deployments:read"');
    });

    it('200/403: a resource-qualified grant opens its own project only', async () => {
      const key = await createKey(['deployments:read:web']);
      expect((await service.get('/v1/projects/web/deployments', key)).status).toBe(200);
      expect((await service.get('/v1/projects/api/deployments', key)).status).toBe(403);
      expect((await service.get(DEPLOYMENT, key)).status).toBe(403);
      const broad = await createKey(['deployments:read']);
      expect((await service.get('/v1/projects/api/deployments', broad)).body.deployments).toHaveLength(1);
    });

    it('verifies a warm key from memory: no lookup, so no I/O and no bcrypt', async () => {
      const key = await createKey(['deployments:read']);
      await service.get(DEPLOYMENT, key);
      const reads = mode === 'local' ? jest.spyOn(service.app.get(KeyViewReader, { strict: false }), 'findById') : undefined;
      const before = service.cache.stats();
      for (let i = 0; i < 10; i++) expect((await service.get(DEPLOYMENT, key)).status).toBe(200);
      const after = service.cache.stats();
      expect(after.lookups).toBe(before.lookups);
      expect(after.hits - before.hits).toBe(10);
      if (reads) {
        expect(reads).not.toHaveBeenCalled();
        reads.mockRestore();
      }
    });

    it('sends a burst of requests with one new key to the backend once', async () => {
      const key = await createKey(['deployments:read']);
      const before = service.cache.stats().lookups;
      const answers = await Promise.all(Array.from({ length: 20 }, () => service.get(DEPLOYMENT, key)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(service.cache.stats().lookups - before).toBe(1);
    });

    it('refuses a key within 1 s of its revocation, though it was cached', async () => {
      const key = await createKey(['deployments:read']);
      expect((await service.get(DEPLOYMENT, key)).status).toBe(200);
      await revokeKey(key);
      const answer = await service.poll(DEPLOYMENT, key, (a) => a.status !== 200, 1000);
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('TOKEN_REVOKED');
    });

    it('after a rotation, refuses the old secret within 1 s and accepts the new one', async () => {
      const oldKey = await createKey(['deployments:read']);
      expect((await service.get(DEPLOYMENT, oldKey)).status).toBe(200);
      const { token: newKey } = await rotateKey(oldKey, 0);
      const old = await service.poll(DEPLOYMENT, oldKey, (a) => a.status !== 200, 1000);
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('INVALID_TOKEN');
      expect((await service.get(DEPLOYMENT, newKey)).status).toBe(200);
    });

    it('after a rotation with grace, accepts the old secret until the grace deadline, and not after', async () => {
      const oldKey = await createKey(['deployments:read']);
      const { token: newKey, previousSecretValidUntil } = await rotateKey(oldKey, 2);
      const graceEnds = Date.parse(previousSecretValidUntil!);
      expect((await service.get(DEPLOYMENT, oldKey)).status).toBe(200);
      expect((await service.get(DEPLOYMENT, newKey)).status).toBe(200);
      await sleep(Math.max(0, graceEnds - Date.now()));
      // Cached while the grace period lasted, yet refused once it is over: no event marks its end.
      const old = await service.get(DEPLOYMENT, oldKey);
      expect(old.status).toBe(401);
      expect((await service.get(DEPLOYMENT, newKey)).status).toBe(200);
    });
  });

  it('never writes a presented key to the logs', () => {
    const text = stack.logs.lines.join('\n');
    expect(text).not.toMatch(/pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}/);
  });

  // Last: it stops the key service.
  describe('failure behaviour: never fail open', () => {
    const BOUND_MS = 1000;
    const network = cuttableNetwork();
    let service: DeployStatus;
    let revoked: string;
    let cached: string;

    beforeAll(async () => {
      service = await DeployStatus.start(stack, { BEARER_AUTH_MODE: 'remote', AUTH_MAX_STALENESS_MS: String(BOUND_MS) }, { socketFactory: network.socketFactory });
      revoked = await createKey(['deployments:read'], 'to be revoked');
      cached = await createKey(['deployments:read'], 'stays valid');
      expect((await service.get(DEPLOYMENT, revoked)).status).toBe(200);
      expect((await service.get(DEPLOYMENT, cached)).status).toBe(200);
    });

    afterAll(async () => {
      network.restore();
      await service.close();
    });

    it('Kafka unreachable: keeps serving by re-checking cached keys with the key service, so a revocation is late by at most the bound', async () => {
      network.cut();
      await revokeKey(revoked);
      const answer = await service.poll(DEPLOYMENT, revoked, (a) => a.status !== 200, BOUND_MS + 2000);
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('TOKEN_REVOKED');
      const refreshed = service.cache.stats().refreshedStale;
      await sleep(BOUND_MS + 100);
      expect((await service.get(DEPLOYMENT, cached)).status).toBe(200);
      expect(service.cache.stats().refreshedStale).toBeGreaterThan(refreshed);
      const health = await service.get('/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.revocations.ok).toBe(false);
    });

    it('key service unreachable as well: cached keys work up to the bound, then 503 with Retry-After', async () => {
      expect((await service.get(DEPLOYMENT, cached)).status).toBe(200);
      await stack.stopApp('key-service');
      const answer = await service.poll(DEPLOYMENT, cached, (a) => a.status !== 200, BOUND_MS + 2000);
      expect(answer.status).toBe(503);
      expect(answer.body.code).toBe('KEY_VERIFICATION_UNAVAILABLE');
      expect(answer.headers.get('retry-after')).toBe('1');
      for (let i = 0; i < 3; i++) expect((await service.get(DEPLOYMENT, cached)).status).toBe(503);
      expect((await service.get(DEPLOYMENT, formatToken(newKeyId(), newSecret()))).status).toBe(503);
    });
  });
});
