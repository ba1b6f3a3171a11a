import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require('../../scripts/infra');

/**
 * A temp dir for servers a test file runs itself, marked with the process that owns it. Any jest run's
 * global setup stops the servers of `pxxl-test-*` dirs without a live owner that are older than 10
 * minutes (leftovers of a SIGKILLed run): unmarked, the long cluster scenario's own FerretDB and
 * brokers were stopped and deleted 10 minutes in by another run starting on the same machine.
 */
export function ownedTempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pxxl-test-${name}-`));
  writeFileSync(join(dir, 'owner-pid.txt'), `${process.pid}\n`);
  return dir;
}

interface Service {
  pid: number;
  port: number;
  stop(): Promise<void>;
  kill(signal?: string): void;
  exited: Promise<unknown>;
}

/**
 * A Kafka broker (or a cluster of `kafkaBrokers` nodes) and a FerretDB of a
 * test file's own, so that fault tests can kill, pause and restart them
 * without disturbing the other test files. Brokers are numbered from 1, as
 * their Kafka node ids.
 */
export class OwnInfra {
  private brokers!: Service[];
  private specs!: Array<Record<string, unknown>>;
  private mongo!: Service;
  private ports!: { kafka: number; kafkaController: number; mongo: number };
  private stopping = false;
  private storeStopsExpected = false;
  env!: { KAFKA_BROKERS: string; MONGODB_URI: string };

  private constructor(private readonly dataDir: string) {}

  static async start({ kafkaBrokers = 1 }: { kafkaBrokers?: number } = {}): Promise<OwnInfra> {
    const own = new OwnInfra(ownedTempDir('faults'));
    const started = await infra.startInfra({ dataDir: own.dataDir, kafkaBrokers, log: () => undefined });
    own.brokers = started.kafkaNodes;
    own.specs = started.kafkaSpecs;
    own.mongo = started.mongo;
    own.reportStoreExit();
    own.ports = started.ports;
    own.env = { KAFKA_BROKERS: started.env.KAFKA_BROKERS, MONGODB_URI: `${started.env.MONGODB_URI.replace(/\/$/, '')}/faults` };
    return own;
  }

  get brokerCount(): number {
    return this.brokers.length;
  }

  /** The node id (1…n) of the broker listening on `port`. */
  brokerOnPort(port: number): number {
    return this.brokers.findIndex((broker) => broker.port === port) + 1;
  }

  pidOfBroker(id = 1): number {
    return this.brokers[id - 1].pid;
  }

  async killKafka(id = 1): Promise<void> {
    this.brokers[id - 1].kill('SIGKILL');
    await this.brokers[id - 1].exited;
  }

  /** A graceful stop (SIGTERM: Kafka's controlled shutdown moves its leaderships first). */
  async stopKafka(id = 1): Promise<void> {
    await this.brokers[id - 1].stop();
  }

  /** SIGSTOP / SIGCONT: the broker is alive but answers nothing, as in a long GC pause or a frozen VM. */
  pauseKafka(id: number): void {
    process.kill(this.brokers[id - 1].pid, 'SIGSTOP');
  }

  resumeKafka(id: number): void {
    process.kill(this.brokers[id - 1].pid, 'SIGCONT');
  }

  async restartKafka(id = 1): Promise<void> {
    this.brokers[id - 1] = await infra.startKafka({ ...this.specs[id - 1], log: () => undefined });
  }

  async stopStore(): Promise<void> {
    this.storeStopsExpected = true;
    this.mongo.kill('SIGKILL');
    await this.mongo.exited;
  }

  async restartStore(): Promise<void> {
    this.mongo = await infra.startFerretDB({ dataDir: join(this.dataDir, 'ferretdb'), port: this.ports.mongo, log: () => undefined });
    this.storeStopsExpected = false;
    this.reportStoreExit();
  }

  /** A store that dies on its own is a finding: its exit and the end of its log go to stderr before the teardown removes them. */
  private reportStoreExit(): void {
    const mongo = this.mongo;
    void mongo.exited.then((exit) => {
      if (this.stopping || this.storeStopsExpected || mongo !== this.mongo) return;
      const log = join(this.dataDir, 'ferretdb', 'ferretdb.log');
      const tail = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-40).join('\n') : '(no log)';
      process.stderr.write(`[own infra] FerretDB (pid ${mongo.pid}) exited on its own: ${JSON.stringify(exit)}; log tail:\n${tail}\n`);
    });
  }

  /** Scans this store for leaked keys (the global scan cannot see it), then stops the brokers and the store. */
  async stop(): Promise<void> {
    const { scanForSecrets } = require('../infra/secret-scan');
    this.stopping = true;
    const infraDir = process.env.PXXL_TEST_INFRA_DIR;
    // A failed fault test may leave the store down: scan what can be reached, never mask the real failure.
    const result = infraDir
      ? await scanForSecrets(infraDir, [this.env.MONGODB_URI.replace(/\/faults$/, '/')]).catch((error: Error) => {
          process.stderr.write(`[secret scan] own store not scanned: ${error.message}\n`);
          return { found: [] };
        })
      : { found: [] };
    for (const broker of this.brokers) {
      try {
        process.kill(broker.pid, 'SIGCONT'); // a paused broker cannot stop
      } catch {
        /* already gone */
      }
    }
    await Promise.allSettled([...this.brokers.map((broker) => broker.stop()), this.mongo.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
    if (result.found.length > 0) throw new Error(`plaintext keys leaked: ${result.found.join('; ')}`);
  }
}
