import { REVOCATION_LISTENER, type RevocationListener } from '@pxxl/bearer-auth';
import { loadConfig, readKafkaSecurityConfig } from '@pxxl/config';
import { kafkaConnectionOptions } from '@pxxl/kafka';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeployStatusApp } from '../../examples/deploy-status/src/create-deploy-status-app';
import { loadDeployStatusConfig } from '../../examples/deploy-status/src/deploy-status.config';
import { subscribeToRevocations } from '../../examples/revocation-subscriber/src/revocation-subscriber';
import { pxxlKeys } from '../support/cli-process';
import { httpRequest } from '../support/http';
import { ownedTempDir } from '../support/own-infra';
import { CapturedLogs, TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require('../../scripts/infra');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSecureKafka } = require('../../scripts/infra/secure-kafka');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeTestCertificates } = require('../../scripts/infra/certificates');

const ROOT = join(__dirname, '..', '..');
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

interface Exit {
  code: number | null;
  output: string;
}

/** Runs an app from dist/ as operators do and waits for it to exit by itself (it must: a retry loop would time out here). */
function runUntilExit(app: string, env: Record<string, string>, withinMs = 90_000): Promise<Exit> {
  const child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/src/main.js`)], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} was still running after ${withinMs} ms:\n${output}`));
    }, withinMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The whole path over secured connections: the broker's only client listener is SASL_SSL (a CA and
 * certificates made with openssl, SCRAM users created by kafka-storage format), FerretDB is reached
 * through its TLS listener only, and every client is configured by environment as an operator would.
 */
describe('secured connections: Kafka over SASL_SSL, MongoDB over TLS', () => {
  // Apps started as processes on 2 shared cores; "at once" is asserted as one attempt, not as a time.
  jest.setTimeout(120_000);
  const secret = () => randomBytes(12).toString('hex');
  const users = {
    apps: { username: 'pxxl-keys', password: secret() },
    subscriber: { username: 'revocation-subscriber', password: secret() },
    deployStatus: { username: 'deploy-status', password: secret() },
  };
  const secrets = Object.values(users).map((u) => u.password);
  let dir: string;
  let pki: Record<string, string>;
  let kafka: { brokers: string; stop(): Promise<void> };
  let mongo: { stop(): Promise<void> };
  /** What the three apps run with: SCRAM-SHA-512 with a client certificate, the password and the MongoDB URI from files. */
  let securedEnv: Record<string, string>;
  let mongoTlsPort: number;
  let stack: TestStack;

  beforeAll(async () => {
    dir = ownedTempDir('secured');
    pki = makeTestCertificates(join(dir, 'pki'));
    const [port, controllerPort, mongoPort] = [await infra.freePort(), await infra.freePort(), await infra.freePort()];
    mongoTlsPort = await infra.freePort();
    [kafka, mongo] = await Promise.all([
      startSecureKafka({
        dataDir: join(dir, 'kafka'),
        port,
        controllerPort,
        certificates: pki,
        scramUsers: [
          { mechanism: 'SCRAM-SHA-512', ...users.apps },
          { mechanism: 'SCRAM-SHA-256', ...users.subscriber },
        ],
        plainUsers: [users.deployStatus],
        log: () => undefined,
      }),
      infra.startFerretDB({
        dataDir: join(dir, 'ferretdb'),
        port: mongoPort,
        tls: { port: mongoTlsPort, certFile: pki.serverCertFile, keyFile: pki.serverKeyFile },
        log: () => undefined,
      }),
    ]);
    writeFileSync(join(dir, 'kafka-password'), `${users.apps.password}\n`);
    writeFileSync(join(dir, 'mongodb-uri'), `mongodb://127.0.0.1:${mongoTlsPort}/secured?tls=true&tlsCAFile=${pki.caFile}\n`);
    securedEnv = {
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: pki.caFile,
      KAFKA_SSL_CERT_FILE: pki.clientCertFile,
      KAFKA_SSL_KEY_FILE: pki.clientKeyFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: users.apps.username,
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'kafka-password'),
      // Blank: the shared test store's MONGODB_URI must not win over the file.
      MONGODB_URI: '',
      MONGODB_URI_FILE: join(dir, 'mongodb-uri'),
    };
    stack = await TestStack.start({ env: securedEnv });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.allSettled([kafka?.stop(), mongo?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('200: create → topic → projector → audit → subscribers, every hop secured', async () => {
    const admin = (await stack.bootstrap('acme')).token;
    // A subscriber of its own on SCRAM-SHA-256 without a client certificate.
    const subscription = await subscribeToRevocations({
      brokers: [kafka.brokers],
      topic: stack.env.KAFKA_TOPIC,
      kafka: kafkaConnectionOptions(
        loadConfig(readKafkaSecurityConfig, { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: pki.caFile, KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: users.subscriber.username, KAFKA_SASL_PASSWORD: users.subscriber.password }),
      ),
      onRevoked: () => undefined,
    });
    // deploy-status (bearer-auth through forRootAsync from its config) on SASL PLAIN.
    const deployStatusConfig = loadDeployStatusConfig({
      ...stack.env,
      KEY_SERVICE_URL: stack.url,
      KAFKA_SSL_CERT_FILE: '',
      KAFKA_SSL_KEY_FILE: '',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: users.deployStatus.username,
      KAFKA_SASL_PASSWORD_FILE: '',
      KAFKA_SASL_PASSWORD: users.deployStatus.password,
    });
    const deployStatus: NestFastifyApplication = await createDeployStatusApp(deployStatusConfig, stack.logs.logger('deploy-status'));
    try {
      await deployStatus.listen({ host: '127.0.0.1', port: 0 });
      await deployStatus.get<RevocationListener>(REVOCATION_LISTENER).whenCovering();
      const deployStatusUrl = `http://127.0.0.1:${(deployStatus.getHttpServer().address() as { port: number }).port}`;

      const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name: 'deploy checker', scopes: ['deployments:read'], expiresAt: inDays(30) } });
      expect(created.status).toBe(201);
      const { id, key } = created.body as { id: string; key: string };
      expect((await httpRequest(deployStatusUrl, 'GET', '/v1/deployments/dep_1001', { token: key })).status).toBe(200);

      // A change answers once the projector applied it from the topic (read-your-writes), not "pending".
      const revoked = await stack.request('POST', `/v1/keys/${id}/revoke`, { token: admin, body: { reason: 'rotated away' } });
      expect(revoked.status).toBe(200);
      expect(revoked.body.consistency).not.toBe('pending');
      expect((await stack.request('POST', '/v1/verify', { body: { key } })).body.code).toBe('REVOKED');

      await eventually(async () => (subscription.revoked.has(id) ? true : undefined), 15_000, 'the SCRAM-SHA-256 subscriber to hear the revocation');
      await eventually(
        async () => ((await httpRequest(deployStatusUrl, 'GET', '/v1/deployments/dep_1001', { token: key })).status === 401 ? true : undefined),
        15_000,
        'deploy-status to refuse the revoked key',
      );
      const trail = await eventually(async () => {
        const page = await stack.request('GET', `/v1/audit/events?keyId=${id}&order=oldest`, { token: admin, app: 'audit' });
        const types = (page.body.items as Array<{ type: string }>).map((item) => item.type);
        return types.includes('KeyRevoked') ? types : undefined;
      }, 15_000, 'the audit trail of the key');
      expect(trail).toEqual(['KeyCreated', 'KeyRevoked']);
    } finally {
      await deployStatus.close();
      await subscription.stop();
    }
    const logged = stack.logs.lines.join('\n');
    for (const password of secrets) expect(logged).not.toContain(password);
  });

  /** No crash loop: one attempt (kafkajs logs each retry with its count), then the exit. */
  const triedOnce = (output: string) => expect(output).not.toMatch(/"retryCount":[1-9]/);

  it('78: a wrong password stops the key service at once, naming the SASL login and no secret', async () => {
    const wrong = `wrong-${secret()}`;
    const run = await runUntilExit('key-service', { ...stack.env, KAFKA_SASL_PASSWORD_FILE: '', KAFKA_SASL_PASSWORD: wrong });
    expect(run).toMatchObject({ code: 78 }); // the output is shown when it is not
    triedOnce(run.output);
    expect(run.output).toContain('Kafka refused the SASL login');
    expect(run.output).toContain('KAFKA_SASL_PASSWORD');
    for (const password of [wrong, ...secrets]) expect(run.output).not.toContain(password);
  });

  it.each(['projector', 'audit'])('78: a broker certificate the app does not trust stops the %s at once, naming the certificate', async (app) => {
    const run = await runUntilExit(app, { ...stack.env, KAFKA_SSL_CA_FILE: pki.otherCaFile });
    expect(run).toMatchObject({ code: 78 }); // the output is shown when it is not
    triedOnce(run.output);
    expect(run.output).toContain(`Kafka broker ${kafka.brokers}: its TLS certificate is not trusted`);
    expect(run.output).toContain('KAFKA_SSL_CA_FILE');
    for (const password of secrets) expect(run.output).not.toContain(password);
  });

  it('78: a MongoDB certificate the app does not trust stops it at once, naming tlsCAFile', async () => {
    writeFileSync(join(dir, 'mongodb-uri-other-ca'), `mongodb://127.0.0.1:${mongoTlsPort}/secured?tls=true&tlsCAFile=${pki.otherCaFile}\n`);
    const run = await runUntilExit('audit', { ...stack.env, MONGODB_URI_FILE: join(dir, 'mongodb-uri-other-ca') });
    expect(run).toMatchObject({ code: 78 });
    expect(run.output).toContain("MongoDB: the server's TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect(run.output).toContain('check tlsCAFile in MONGODB_URI');
    expect(run.output).not.toContain('Retrying');
  });

  it('78: a MongoDB login the server refuses stops the app at once, the password in the URI file never shown', async () => {
    const password = `mongo-${secret()}`;
    writeFileSync(join(dir, 'mongodb-uri-login'), `mongodb://pxxl:${password}@127.0.0.1:${mongoTlsPort}/secured?tls=true&tlsCAFile=${pki.caFile}\n`);
    const run = await runUntilExit('projector', { ...stack.env, MONGODB_URI_FILE: join(dir, 'mongodb-uri-login') });
    expect(run).toMatchObject({ code: 78 });
    // FerretDB v1 on SQLite has no users: it refuses every login, as MongoDB refuses a wrong password (code 18).
    expect(run.output).toContain('MongoDB refused the login');
    expect(run.output).toContain('MONGODB_URI_FILE');
    expect(run.output).not.toContain(password);
  });

  it('a service using bearer-auth keeps serving on a refused login, says why once, and does not retry', async () => {
    const wrong = `wrong-${secret()}`;
    const config = loadDeployStatusConfig({
      ...stack.env,
      KEY_SERVICE_URL: stack.url,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: users.deployStatus.username,
      KAFKA_SASL_PASSWORD_FILE: '',
      KAFKA_SASL_PASSWORD: wrong,
    });
    const logs = new CapturedLogs();
    const app = await createDeployStatusApp(config, logs.logger('deploy-status'));
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const refusal = await eventually(async () => logs.lines.find((line) => line.includes('revocation listener cannot connect to Kafka; not retrying')), 15_000, 'the refusal');
      expect(refusal).toContain('Kafka refused the SASL login');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(logs.lines.filter((line) => line.includes('revocation listener'))).toEqual([refusal]);
      for (const password of [wrong, ...secrets]) expect(logs.lines.join('\n')).not.toContain(password);
    } finally {
      await app.close();
    }
  });

  it('78: the CLI, too, says the login was refused', async () => {
    const wrong = `wrong-${secret()}`;
    const run = await pxxlKeys(['bootstrap', '--workspace', 'other'], { env: { ...stack.env, KAFKA_SASL_PASSWORD_FILE: '', KAFKA_SASL_PASSWORD: wrong } });
    expect(run).toMatchObject({ code: 78 }); // the output is shown when it is not
    expect(run.stderr).toContain('Kafka refused the SASL login');
    for (const password of [wrong, ...secrets]) expect(run.stdout + run.stderr).not.toContain(password);
  });
});
