#!/usr/bin/env node
'use strict';
// `npm start`: the whole service on this machine.
// - installs npm packages if needed and builds dist/
// - with KAFKA_BROKERS and MONGODB_URI set: uses them; otherwise provisions and
//   starts a local Kafka and FerretDB with data kept in .data/ (or PXXL_DATA_DIR),
//   and records them in .data/local-stack.json while they run, for the CLI's admin
//   commands to find with nothing exported
// - starts key-service, projector and audit, and prints their URLs
// - on the first run, creates the admin key of workspace "default" and prints it once
// - on the first run, makes the audit checkpoint signing key in .data/; prints its verifier key every run
// Ctrl-C stops everything; the next `npm start` finds the same data.
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { ensureDeps, root } = require('./lib/ensure-deps');
const { recordLocalStack, forgetLocalStack } = require('./lib/local-stack');
const { ensureAuditSigningKey } = require('./lib/audit-signing-key');

const log = (msg) => console.error(`[start] ${msg}`);
// A small V8 young generation: under load it kept the key service at ~150 MiB
// instead of ~250 with the same throughput (see docs/operations.md).
const APP_NODE_FLAGS = ['--max-semi-space-size=4'];
const APPS = [
  { name: 'key-service', port: Number(process.env.KEY_SERVICE_PORT || 3000) },
  { name: 'projector', port: Number(process.env.PROJECTOR_PORT || 3001) },
  { name: 'audit', port: Number(process.env.AUDIT_PORT || 3002) },
];

const children = [];
const dataDir = process.env.PXXL_DATA_DIR ? path.resolve(process.env.PXXL_DATA_DIR) : path.join(root, '.data');
let infra;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10000).unref();
        }),
    ),
  );
  if (infra) {
    forgetLocalStack(dataDir);
    await infra.stop();
  }
  log('stopped');
  process.exit(code);
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/health did not answer 200 within ${timeoutMs / 1000} s`);
}

async function main() {
  ensureDeps(log);
  log('building…');
  require('./build').build();

  let env = {};
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) {
    log(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS} and the given MONGODB_URI`);
  } else {
    const infraLib = require('./infra');
    await infraLib.provisionAll({ log });
    log(`starting Kafka and FerretDB (data in ${path.relative(process.cwd(), dataDir) || '.'}/)…`);
    infra = await infraLib.startInfra({
      dataDir,
      ports: {
        kafka: Number(process.env.PXXL_KAFKA_PORT || 9092),
        kafkaController: Number(process.env.PXXL_KAFKA_CONTROLLER_PORT || 9093),
        mongo: Number(process.env.PXXL_MONGO_PORT || 27017),
      },
      log,
    });
    env = { KAFKA_BROKERS: infra.env.KAFKA_BROKERS, MONGODB_URI: `${infra.env.MONGODB_URI.replace(/\/$/, '')}/pxxl_keys` };
    recordLocalStack(dataDir, env);
  }

  const signing = ensureAuditSigningKey(root, dataDir);
  env.AUDIT_SIGNING_KEY_FILE = signing.file;

  for (const app of APPS) {
    const child = spawn(process.execPath, [...APP_NODE_FLAGS, path.join(root, `dist/apps/${app.name}/src/main.js`)], {
      cwd: root,
      // The dashboard (in the key service) reads the review report from the audit app started here.
      env: { AUDIT_URL: `http://127.0.0.1:${APPS[2].port}`, ...process.env, ...env, PORT: String(app.port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${app.name} exited (${signal ?? code}); stopping the rest`);
        void stopAll(1);
      }
    });
    children.push(child);
  }
  const urls = APPS.map((app) => ({ ...app, url: `http://127.0.0.1:${app.port}` }));
  await Promise.all(urls.map((app) => waitForHealth(app.url, 90000)));

  const bootstrap = spawnSync(process.execPath, [path.join(root, 'bin/pxxl-keys.js'), 'bootstrap', '--workspace', 'default'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const firstRun = bootstrap.status === 0;
  if (bootstrap.status !== 0 && bootstrap.status !== 3) {
    log(`bootstrap failed: ${bootstrap.stderr.trim()}`);
  }

  const lines = [
    '',
    'Pxxl Keys is running:',
    ...urls.map((app) => `  ${app.name.padEnd(12)} ${app.url}   (health: ${app.url}/health)`),
    '',
    firstRun ? bootstrap.stdout.trim() : 'Workspace "default" already has its admin key (printed on the first start).',
    '',
    `Dashboard: ${urls[0].url}/dashboard (sign in with the admin key)`,
    '',
    `Audit checkpoints are signed with ${path.relative(process.cwd(), signing.file) || signing.file}; verifier key (public, also at ${urls[2].url}/v1/audit/verifier-key):`,
    `  ${signing.verifierKey ?? '(see GET /v1/audit/verifier-key)'}`,
    '',
    'Try:',
    '  curl -s -X POST http://127.0.0.1:3000/v1/keys -H "Authorization: Bearer $ADMIN_KEY" \\',
    '       -H "Content-Type: application/json" \\',
    `       -d '{"name":"CDN uploader","scopes":["cdn:upload"],"expiresAt":"${new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10)}T00:00:00Z"}'`,
    '  curl -s -X POST http://127.0.0.1:3000/v1/verify -H "Content-Type: application/json" -d \'{"key":"<the key>"}\'',
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
