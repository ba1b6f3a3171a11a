import { ConfigError, isUntrustedCertificateCode, PLAINTEXT, type KafkaSecurityConfig } from '@pxxl/config';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

/** The part of a kafkajs client's config that secures its connections: every client of the project builds it here. */
export type KafkaConnectionOptions = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** TLS and SASL settings for kafkajs from the validated configuration (nothing for plaintext). */
export function kafkaConnectionOptions(security: KafkaSecurityConfig = PLAINTEXT): KafkaConnectionOptions {
  const { tls, sasl } = security;
  return {
    ...(tls && {
      ssl: {
        rejectUnauthorized: tls.verify,
        ...(tls.ca !== undefined && { ca: tls.ca }),
        ...(tls.cert !== undefined && { cert: tls.cert, key: tls.key, passphrase: tls.keyPassword }),
      },
    }),
    // kafkajs types each mechanism as its own literal member of a union; ours are exactly those.
    ...(sasl && { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions }),
  };
}

/**
 * Connects with `connect` (a kafkajs admin's or consumer's), turning what no retry can fix into a
 * ConfigError that names the problem and the variables to check, so the app exits 78 at once
 * instead of retrying: a broker certificate this client does not trust (kafkajs would retry that
 * as a network error, so one TLS handshake per broker is tried first), refused SASL credentials,
 * a SASL mechanism the broker does not offer. Other failures (the broker is down) are left as they are.
 */
export async function connectOrExplain(brokers: string[], options: KafkaConnectionOptions, connect: () => Promise<void>): Promise<void> {
  const ssl = options.ssl === true ? {} : options.ssl;
  if (ssl && ssl.rejectUnauthorized !== false) {
    const problems = (await Promise.all(brokers.map((broker) => certificateProblem(broker, ssl)))).filter(
      (problem): problem is string => problem !== undefined,
    );
    if (problems.length > 0) throw new ConfigError(problems);
  }
  try {
    await connect();
  } catch (error) {
    const sasl = saslProblem(error);
    throw sasl ? new ConfigError([sasl]) : error;
  }
}

function certificateProblem(broker: string, ssl: ConnectionOptions): Promise<string | undefined> {
  const at = broker.lastIndexOf(':');
  const host = broker.slice(0, at);
  return new Promise((resolve) => {
    const socket = tlsConnect({ ...ssl, host, port: Number(broker.slice(at + 1)), ...(isIP(host) ? {} : { servername: host }) });
    const done = (problem?: string) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => done());
    socket.once('secureConnect', () => done());
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(
        isUntrustedCertificateCode(error.code)
          ? `Kafka broker ${broker}: its TLS certificate is not trusted (${error.code}: ${error.message}); check KAFKA_SSL_CA_FILE names the CA that signed it, and that it covers the host name in KAFKA_BROKERS`
          : undefined,
      ),
    );
  });
}

function saslProblem(error: unknown): string | undefined {
  for (let e = error as { name?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name === 'KafkaJSSASLAuthenticationError') {
      return `Kafka refused the SASL login (${e.message}); check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`;
    }
    if (e.cause === e) break;
  }
  return undefined;
}
