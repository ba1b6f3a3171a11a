import { createSecureContext } from 'node:tls';
import type { EnvReader } from './env-reader';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/**
 * How a Kafka client proves who it talks to and who it is (docs/operations.md, "Security: connections").
 * Plain values, no kafkajs types: @pxxl/kafka turns them into client options.
 */
export interface KafkaSecurityConfig {
  /** null: plaintext. PEM contents, read at boot; without `ca` the system's CAs are trusted. */
  tls: { ca?: string; cert?: string; key?: string; keyPassword?: string; verify: boolean } | null;
  /** null: no SASL. */
  sasl: { mechanism: SaslMechanism; username: string; password: string } | null;
}

export const PLAINTEXT: KafkaSecurityConfig = { tls: null, sasl: null };

const TLS_FILES = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;

/**
 * KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE + KAFKA_SSL_KEY_FILE (a client certificate, optional),
 * KAFKA_SSL_KEY_PASSWORD, KAFKA_SSL_VERIFY (default true), KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
 * KAFKA_SASL_PASSWORD. Every secret may instead come from the file `<name>_FILE` names.
 */
export function readKafkaSecurityConfig(env: EnvReader): KafkaSecurityConfig {
  return { tls: readTls(env), sasl: readSasl(env) };
}

function readTls(env: EnvReader): KafkaSecurityConfig['tls'] {
  const enabled = env.bool('KAFKA_SSL', false);
  const set = TLS_FILES.filter((name) => env.isSet(name));
  if (!enabled) {
    for (const name of [...set, ...(['KAFKA_SSL_VERIFY', 'KAFKA_SSL_KEY_PASSWORD'] as const).filter((n) => env.isSet(n))]) {
      env.problem(name, 'is set but KAFKA_SSL is not true');
    }
    return null;
  }
  const ca = env.fileContents('KAFKA_SSL_CA_FILE');
  const cert = env.fileContents('KAFKA_SSL_CERT_FILE');
  const key = env.fileContents('KAFKA_SSL_KEY_FILE');
  const keyPassword = env.secret('KAFKA_SSL_KEY_PASSWORD');
  const verify = env.bool('KAFKA_SSL_VERIFY', true);
  if (set.includes('KAFKA_SSL_CERT_FILE') !== set.includes('KAFKA_SSL_KEY_FILE')) {
    const missing = set.includes('KAFKA_SSL_CERT_FILE') ? 'KAFKA_SSL_KEY_FILE' : 'KAFKA_SSL_CERT_FILE';
    env.problem(missing, 'is required too: a client certificate needs both KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE');
  }
  checkPem(env, { ca, cert, key, keyPassword });
  return { ca, cert, key, keyPassword, verify };
}

/** A file that is no certificate, or a key that does not match its certificate, is named now rather than at the first connection. */
function checkPem(env: EnvReader, pem: { ca?: string; cert?: string; key?: string; keyPassword?: string }): void {
  const tryContext = (name: string, options: Parameters<typeof createSecureContext>[0]) => {
    try {
      createSecureContext(options);
      return true;
    } catch (error) {
      env.problem(name, `not usable: ${(error as Error).message}`);
      return false;
    }
  };
  // Node ignores a CA file with no certificate in it: it would then trust nothing and say only that at connection time.
  const holds = (name: string, text: string | undefined, pattern: RegExp, what: string) => {
    if (text === undefined || pattern.test(text)) return text !== undefined;
    env.problem(name, `holds no ${what} in PEM form`);
    return false;
  };
  if (holds('KAFKA_SSL_CA_FILE', pem.ca, /-----BEGIN CERTIFICATE-----/, 'certificate')) tryContext('KAFKA_SSL_CA_FILE', { ca: pem.ca });
  const cert = holds('KAFKA_SSL_CERT_FILE', pem.cert, /-----BEGIN CERTIFICATE-----/, 'certificate');
  const key = holds('KAFKA_SSL_KEY_FILE', pem.key, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private key');
  if (cert && key) {
    if (tryContext('KAFKA_SSL_CERT_FILE', { cert: pem.cert })) {
      tryContext('KAFKA_SSL_KEY_FILE', { cert: pem.cert, key: pem.key, passphrase: pem.keyPassword });
    }
  }
}

function readSasl(env: EnvReader): KafkaSecurityConfig['sasl'] {
  if (!env.isSet('KAFKA_SASL_MECHANISM')) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_USERNAME_FILE', 'KAFKA_SASL_PASSWORD_FILE']) {
      if (env.isSet(name)) env.problem(name, `is set but KAFKA_SASL_MECHANISM is not (one of ${SASL_MECHANISMS.join(', ')})`);
    }
    return null;
  }
  const mechanism = env.oneOf('KAFKA_SASL_MECHANISM', SASL_MECHANISMS, 'scram-sha-512');
  const username = env.secret('KAFKA_SASL_USERNAME', { required: true }) ?? '';
  const password = env.secret('KAFKA_SASL_PASSWORD', { required: true }) ?? '';
  return { mechanism, username, password };
}

/**
 * Whether a Node TLS error code is a certificate verdict (X509_V_ERR_* names, a host name the
 * certificate does not cover): a configuration problem no retry fixes, for Kafka and MongoDB alike.
 */
export function isUntrustedCertificateCode(code: unknown): boolean {
  return typeof code === 'string' && /CERT|ISSUER|SIGNATURE|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code);
}
