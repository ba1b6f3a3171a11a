import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_STACK_FILE, withLocalStack } from './local-stack';

describe('withLocalStack: the Kafka and MongoDB of an admin command', () => {
  let dataDir: string;
  let said: string[];
  const say = (line: string) => said.push(line);
  const record = (stack: object) => writeFileSync(join(dataDir, LOCAL_STACK_FILE), JSON.stringify(stack));
  const BOTH = ['KAFKA_BROKERS', 'MONGODB_URI'] as const;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pxxl-local-stack-'));
    said = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('takes both from the running npm start when neither is set, and says so', () => {
    record({ KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/pxxl_keys', pid: process.pid });
    const env = withLocalStack({ PXXL_DATA_DIR: dataDir }, BOTH, say);
    expect(env).toMatchObject({ KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/pxxl_keys' });
    expect(said).toEqual([expect.stringContaining('talking to Kafka 127.0.0.1:9092 and MongoDB mongodb://127.0.0.1:27017/pxxl_keys, of the running npm start (')]);
    expect(said[0]).toContain(LOCAL_STACK_FILE);
  });

  it('lets a variable that is set win over the running npm start', () => {
    record({ KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/pxxl_keys', pid: process.pid });
    const env = withLocalStack({ PXXL_DATA_DIR: dataDir, MONGODB_URI: 'mongodb://db:27017/prod' }, BOTH, say);
    expect(env).toMatchObject({ KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://db:27017/prod' });
    expect(said[0]).toContain('MongoDB mongodb://db:27017/prod (MONGODB_URI)');
  });

  it('ignores a stack whose npm start is gone, leaving the variables for the config reader to name', () => {
    record({ KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/pxxl_keys', pid: 2 ** 22 + 1 });
    expect(withLocalStack({ PXXL_DATA_DIR: dataDir }, BOTH, say)).toEqual({ PXXL_DATA_DIR: dataDir });
    expect(withLocalStack({ PXXL_DATA_DIR: join(dataDir, 'none') }, BOTH, say)).toEqual({ PXXL_DATA_DIR: join(dataDir, 'none') });
    expect(said).toEqual([]);
  });

  it('takes only the variables the command uses, and never prints a password', () => {
    const env = withLocalStack({ PXXL_DATA_DIR: dataDir, MONGODB_URI: 'mongodb://ops:s3cret@db:27017/keys' }, ['MONGODB_URI'], say);
    expect(env.KAFKA_BROKERS).toBeUndefined();
    expect(said).toEqual(['pxxl-keys: talking to MongoDB mongodb://<credentials>@db:27017/keys (MONGODB_URI)\n']);
  });
});
