import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env-reader';
import { readMongoUri } from './infrastructure-config';
import { PLAINTEXT, readKafkaSecurityConfig } from './kafka-security-config';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeTestCertificates } = require('../../../scripts/infra/certificates');

describe('Kafka TLS and SASL from the environment', () => {
  let dir: string;
  let pki: Record<string, string>;
  const read = (source: Record<string, string>) => loadConfig(readKafkaSecurityConfig, source);
  const problemsOf = (source: Record<string, string>): string => {
    try {
      read(source);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pxxl-kafka-security-'));
    pki = makeTestCertificates(join(dir, 'pki'));
    writeFileSync(join(dir, 'password'), 's3cret-from-file\n');
    writeFileSync(join(dir, 'not-a-pem'), 'hello');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is plaintext without SASL when nothing is set', () => {
    expect(read({})).toEqual(PLAINTEXT);
  });

  it('reads the CA, the client certificate and key, and a password from a *_FILE, verifying by default', () => {
    const config = read({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: pki.caFile,
      KAFKA_SSL_CERT_FILE: pki.clientCertFile,
      KAFKA_SSL_KEY_FILE: pki.clientKeyFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'pxxl-keys',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
    });
    expect(config.tls).toMatchObject({ verify: true, ca: expect.stringContaining('BEGIN CERTIFICATE'), cert: expect.stringContaining('BEGIN CERTIFICATE'), key: expect.stringContaining('PRIVATE KEY') });
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'pxxl-keys', password: 's3cret-from-file' });
  });

  it('takes TLS without a CA (the system CAs) or a client certificate, and lets verification be turned off explicitly', () => {
    expect(read({ KAFKA_SSL: 'true' }).tls).toEqual({ verify: true });
    expect(read({ KAFKA_SSL: 'true', KAFKA_SSL_VERIFY: 'false' }).tls).toEqual({ verify: false });
  });

  it('names every bad variable at once, never showing a secret', () => {
    const message = problemsOf({
      KAFKA_SSL: 'yes please',
      KAFKA_SSL_CA_FILE: join(dir, 'missing.pem'),
      KAFKA_SASL_MECHANISM: 'gssapi',
      KAFKA_SASL_USERNAME: 'pxxl-keys',
      KAFKA_SASL_PASSWORD: 'hunter2-not-shown',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
    });
    expect(message).toContain('KAFKA_SSL: must be true or false');
    expect(message).toContain('KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is not true');
    expect(message).toContain('KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512');
    expect(message).toContain('KAFKA_SASL_PASSWORD: set either KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('s3cret');
  });

  it('names a missing file, a file that is no certificate, a certificate without its key, a missing password', () => {
    const message = problemsOf({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: join(dir, 'not-a-pem'),
      KAFKA_SSL_CERT_FILE: pki.clientCertFile,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME_FILE: join(dir, 'missing-user'),
    });
    expect(message).toContain('KAFKA_SSL_CA_FILE: holds no certificate in PEM form');
    expect(message).toContain('KAFKA_SSL_KEY_FILE: is required too: a client certificate needs both');
    expect(message).toContain(`KAFKA_SASL_USERNAME_FILE: cannot read ${join(dir, 'missing-user')} (ENOENT)`);
    expect(message).toContain('KAFKA_SASL_PASSWORD: is required (or KAFKA_SASL_PASSWORD_FILE)');
  });

  it('refuses a key that does not belong to the certificate', () => {
    const message = problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: pki.clientCertFile, KAFKA_SSL_KEY_FILE: pki.serverKeyFile });
    expect(message).toContain('KAFKA_SSL_KEY_FILE: not usable');
    expect(message).not.toContain('PRIVATE KEY');
  });

  it('reads MONGODB_URI from MONGODB_URI_FILE, credentials and TLS options included', () => {
    const uri = 'mongodb://pxxl:pw-in-file@db:27017/pxxl_keys?tls=true&tlsCAFile=/run/secrets/ca.pem';
    writeFileSync(join(dir, 'mongodb-uri'), `${uri}\n`);
    expect(loadConfig((env) => readMongoUri(env), { MONGODB_URI_FILE: join(dir, 'mongodb-uri') })).toBe(uri);
    writeFileSync(join(dir, 'bad-uri'), 'postgres://pxxl:pw-in-file@db');
    let message = '';
    try {
      loadConfig((env) => readMongoUri(env), { MONGODB_URI_FILE: join(dir, 'bad-uri') });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('MONGODB_URI_FILE: must match');
    expect(message).not.toContain('pw-in-file');
  });
});
