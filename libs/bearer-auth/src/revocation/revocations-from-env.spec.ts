import { ConfigError } from '@pxxl/config';
import { validateBearerAuthOptions } from '../bearer-auth.options';
import { revocationsFromEnv } from './revocations-from-env';

describe('revocationsFromEnv: the revocation listener of a host service, configured as the Pxxl apps are', () => {
  it('gives kafkajs TLS (verifying) and SASL settings that the module options accept', () => {
    const revocations = revocationsFromEnv('deploy-status', {
      KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: 'deploy-status',
      KAFKA_SASL_PASSWORD: 'from-a-secret-store',
    });
    expect(revocations).toEqual({
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      topic: 'pxxl.keys.events',
      serviceName: 'deploy-status',
      kafka: { ssl: { rejectUnauthorized: true }, sasl: { mechanism: 'scram-sha-256', username: 'deploy-status', password: 'from-a-secret-store' } },
    });
    expect(() => validateBearerAuthOptions({ mode: 'remote', keyServiceUrl: 'http://key-service:3000', revocations })).not.toThrow();
  });

  it('is plaintext when nothing secures it, and names a bad variable without its value', () => {
    expect(revocationsFromEnv('deploy-status', { KAFKA_BROKERS: 'kafka:9092' }).kafka).toEqual({});
    let error: unknown;
    try {
      revocationsFromEnv('deploy-status', { KAFKA_BROKERS: 'kafka:9092', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'not-shown' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('KAFKA_SASL_USERNAME: is required');
    expect((error as Error).message).not.toContain('not-shown');
  });
});
