import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require('../../scripts/infra');

interface Service {
  pid: number;
  stop(): Promise<void>;
  kill(signal?: string): void;
  exited: Promise<unknown>;
}

/**
 * A Kafka broker and a FerretDB of a test file's own, so that fault tests
 * can kill and restart them without disturbing the other test files.
 */
export class OwnInfra {
  private kafka!: Service;
  private mongo!: Service;
  private ports!: { kafka: number; kafkaController: number; mongo: number };
  env!: { KAFKA_BROKERS: string; MONGODB_URI: string };

  private constructor(private readonly dataDir: string) {}

  static async start(): Promise<OwnInfra> {
    const own = new OwnInfra(mkdtempSync(join(tmpdir(), 'pxxl-test-faults-')));
    const started = await infra.startInfra({ dataDir: own.dataDir, log: () => undefined });
    own.kafka = started.kafka;
    own.mongo = started.mongo;
    own.ports = started.ports;
    own.env = { KAFKA_BROKERS: started.env.KAFKA_BROKERS, MONGODB_URI: `${started.env.MONGODB_URI.replace(/\/$/, '')}/faults` };
    return own;
  }

  async killKafka(): Promise<void> {
    this.kafka.kill('SIGKILL');
    await this.kafka.exited;
  }

  async restartKafka(): Promise<void> {
    this.kafka = await infra.startKafka({
      dataDir: join(this.dataDir, 'kafka'),
      port: this.ports.kafka,
      controllerPort: this.ports.kafkaController,
      log: () => undefined,
    });
  }

  async stopStore(): Promise<void> {
    this.mongo.kill('SIGKILL');
    await this.mongo.exited;
  }

  async restartStore(): Promise<void> {
    this.mongo = await infra.startFerretDB({ dataDir: join(this.dataDir, 'ferretdb'), port: this.ports.mongo, log: () => undefined });
  }

  /** Scans this store for leaked keys (the global scan cannot see it), then stops both services. */
  async stop(): Promise<void> {
    const { scanForSecrets } = require('../infra/secret-scan');
    const infraDir = process.env.PXXL_TEST_INFRA_DIR;
    // A failed fault test may leave the store down: scan what can be reached, never mask the real failure.
    const result = infraDir
      ? await scanForSecrets(infraDir, [this.env.MONGODB_URI.replace(/\/faults$/, '/')]).catch((error: Error) => {
          process.stderr.write(`[secret scan] own store not scanned: ${error.message}\n`);
          return { found: [] };
        })
      : { found: [] };
    await Promise.allSettled([this.kafka.stop(), this.mongo.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
    if (result.found.length > 0) throw new Error(`plaintext keys leaked: ${result.found.join('; ')}`);
  }
}
