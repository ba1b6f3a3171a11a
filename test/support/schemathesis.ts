import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureSchemathesis } = require('../../scripts/ensure-schemathesis.js') as { ensureSchemathesis: () => string[] };

export interface FuzzRun {
  exitCode: number | null;
  output: string;
  seconds: number;
}

/** The pinned schemathesis (scripts/ensure-schemathesis.js), installed first if the cache lacks it: call before the apps start (pip blocks this process). */
export const installSchemathesis = (): string[] => ensureSchemathesis();

/**
 * Runs schemathesis against a served OpenAPI document.
 * Asynchronous on purpose: the apps under test answer from this same process.
 */
export function runSchemathesis(schemaUrl: string, args: string[], options: { configFile: string; timeoutMs: number }): Promise<FuzzRun> {
  const [python, ...module] = ensureSchemathesis();
  const started = Date.now();
  // Its example database and reports stay inside the git-ignored cache, not the work tree.
  const workDir = join(__dirname, '..', '..', '.cache', 'schemathesis-runs');
  mkdirSync(workDir, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(python, [...module, '--config-file', options.configFile, '--no-color', 'run', schemaUrl, ...args], {
      cwd: workDir,
      env: { ...process.env, PYTHONUNBUFFERED: '1', SCHEMATHESIS_TELEMETRY: 'false', COLUMNS: '160' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}
