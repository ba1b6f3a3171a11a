import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePortSync } from './free-port';
import { logFile as ledgerLogFile } from './secret-ledger';

/** The repository root, from test/support or from its compiled copy under dist/. */
const ROOT = __dirname.includes('/dist/') ? __dirname.slice(0, __dirname.lastIndexOf('/dist/')) : join(__dirname, '..', '..');

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * The apps as real processes (from dist/, built by the test), so fault tests
 * can SIGKILL them mid-work and start them again. Logs go to one file per
 * process, which the secret scan reads.
 */
export class ProcessStack {
  private readonly running = new Map<string, Running>();
  readonly logFiles: string[] = [];
  readonly url: string;
  private readonly keyServicePort: number;

  constructor(
    readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {
    this.keyServicePort = freePortSync();
    this.url = `http://127.0.0.1:${this.keyServicePort}`;
  }

  /** `name` is an instance name (e.g. projector-2); `app` the app it runs (deploy-status: the example subscribing service). */
  async start(name: string, app: 'key-service' | 'projector' | 'audit' | 'deploy-status', options: { entry?: string; port?: number; env?: Record<string, string> } = {}): Promise<void> {
    const logFile = ledgerLogFile(name) ?? join(this.logDir, `${name}-${Date.now()}.log`);
    this.logFiles.push(logFile);
    const out: WriteStream = createWriteStream(logFile);
    const port = options.port ?? (app === 'key-service' ? this.keyServicePort : 0);
    // Launched as operators launch them (scripts/start.js, Dockerfile): same V8 flags.
    const child = spawn(process.execPath, ['--max-semi-space-size=4', join(ROOT, options.entry ?? (app === 'deploy-status' ? 'dist/examples/deploy-status/src/main.js' : `dist/apps/${app}/src/main.js`))], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(name, { child, exited });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s (log: ${logFile})`)), 60000);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        if (text.includes('listening') || text.includes('Nest application successfully started')) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      // The log goes with the suite's temp dir: its end goes into the error.
      void exited.then(() => setTimeout(() => reject(new Error(`${name} exited during start (log: ${logFile}):\n${tailOf(logFile)}`)), 100));
    });
  }

  /** Resident set size of a running instance, in MiB (Linux /proc). */
  pid(name: string): number | undefined {
    return this.running.get(name)?.child.pid;
  }

  rssMiB(name: string): number | undefined {
    const pid = this.running.get(name)?.child.pid;
    if (!pid) return undefined;
    try {
      const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
      return Math.round((kb / 1024) * 10) / 10;
    } catch {
      return undefined;
    }
  }

  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    running.child.kill(signal);
    await running.exited;
    this.running.delete(name);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.kill(name, 'SIGTERM')));
  }
}

function tailOf(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
