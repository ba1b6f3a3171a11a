import { DEFAULT_KEY_EVENTS_TOPIC } from '@pxxl/contracts';
import type { EnvReader } from './env-reader';
import { readKafkaSecurityConfig, type KafkaSecurityConfig } from './kafka-security-config';

/**
 * The write and read concern of every operation of an app's connection
 * (docs/operations.md, "MongoDB in production"): `majority` keeps what a
 * command was answered for through a primary failover; `1` / `local` are
 * faster and lose the last acknowledged writes when the primary fails.
 * FerretDB accepts both and has one copy anyway.
 */
export interface MongoConcerns {
  write: 'majority' | '1';
  read: 'majority' | 'local';
}

/** Settings every app shares: where Kafka and MongoDB are and which topic carries key events. */
export interface InfrastructureConfig {
  kafka: KafkaConnectionConfig & { clientId: string; topicPartitions: number };
  mongo: { uri: string; concerns: MongoConcerns };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** What every Kafka client reads, the examples' too: KAFKA_BROKERS, KAFKA_TOPIC, and TLS and SASL. */
export interface KafkaConnectionConfig {
  brokers: string[];
  topic: string;
  security: KafkaSecurityConfig;
}

export function readKafkaConnectionConfig(env: EnvReader, options: { defaultBrokers?: string[] } = {}): KafkaConnectionConfig {
  return {
    brokers: env.list('KAFKA_BROKERS', { default: options.defaultBrokers, itemPattern: /^[^\s:,]+:\d{1,5}$/, hint: 'comma-separated host:port, e.g. 127.0.0.1:9092' }),
    topic: env.string('KAFKA_TOPIC', { default: DEFAULT_KEY_EVENTS_TOPIC, pattern: /^[A-Za-z0-9._-]{1,200}$/ }),
    security: readKafkaSecurityConfig(env),
  };
}

export function readInfrastructureConfig(env: EnvReader, appName: string): InfrastructureConfig {
  return {
    kafka: {
      ...readKafkaConnectionConfig(env),
      clientId: env.string('KAFKA_CLIENT_ID', { default: `pxxl-keys-${appName}` }),
      topicPartitions: env.int('KAFKA_TOPIC_PARTITIONS', { default: 3, min: 1, max: 1000 }),
    },
    mongo: {
      uri: readMongoUri(env),
      concerns: {
        write: env.oneOf('MONGODB_WRITE_CONCERN', ['majority', '1'] as const, 'majority'),
        read: env.oneOf('MONGODB_READ_CONCERN', ['majority', 'local'] as const, 'majority'),
      },
    },
    logLevel: env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
  };
}

/**
 * MONGODB_URI, or MONGODB_URI_FILE naming a file that holds it (a Docker secret: the URI carries
 * the credentials). TLS goes in the URI's options: `?tls=true&tlsCAFile=/run/secrets/mongo-ca.pem`.
 */
export function readMongoUri(env: EnvReader, hint = 'e.g. mongodb://127.0.0.1:27017/pxxl_keys'): string {
  return env.secret('MONGODB_URI', { required: true, pattern: /^mongodb(\+srv)?:\/\//, hint }) ?? '';
}

export interface HttpConfig {
  host: string;
  port: number;
  /**
   * Proxy addresses (IPs or CIDRs) whose `X-Forwarded-For` is believed: the caller's
   * address is then the nearest one they forwarded for. From anyone else the header
   * is ignored, and the caller is the connection's peer. Empty: no proxy is trusted.
   */
  trustedProxies: string[];
}

const IP_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;

export function readHttpConfig(env: EnvReader, defaultPort: number): HttpConfig {
  return {
    host: env.string('HOST', { default: '127.0.0.1' }),
    port: env.int('PORT', { default: defaultPort, min: 0, max: 65535 }),
    trustedProxies: env.list('TRUSTED_PROXIES', { default: [], itemPattern: IP_OR_CIDR, hint: 'comma-separated IPs or CIDRs of your load balancers, e.g. 10.0.0.0/8' }),
  };
}
