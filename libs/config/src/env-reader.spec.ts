import { ConfigError, loadConfig } from './env-reader';
import { readInfrastructureConfig } from './infrastructure-config';

describe('configuration', () => {
  it('reads a valid environment with defaults', () => {
    const config = loadConfig((env) => readInfrastructureConfig(env, 'test'), {
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/pxxl_keys',
    });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.kafka.topic).toBe('pxxl.keys.events');
    expect(config.logLevel).toBe('info');
  });

  it('names every missing or bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig((env) => readInfrastructureConfig(env, 'test'), { KAFKA_BROKERS: 'nonsense', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('KAFKA_BROKERS');
    expect(message).toContain('MONGODB_URI: is required');
    expect(message).toContain('LOG_LEVEL: must be one of');
  });
});
