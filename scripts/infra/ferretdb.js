'use strict';
// FerretDB 1.24.2 (MongoDB wire protocol on SQLite), built from the Go module
// proxy as the tiny wrapper in tools/ferretdb (FerretDB's own cmd panics when
// `go install`ed: its generated version file is not in the module), with the
// fixes in tools/ferretdb/patches.js applied to the published source first.
const fs = require('fs');
const path = require('path');
const net = require('net');
const crypto = require('crypto');
const { spawn, execFile } = require('child_process');
const paths = require('./paths');
const { trackChild, ensureNotRunning } = require('./service-process');

const FERRETDB_VERSION = '1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const SRC_DIR = path.join(paths.REPO_ROOT, 'tools', 'ferretdb');
const UNPATCHED = process.env.PXXL_FERRETDB_UNPATCHED === '1';
const PATCHES = UNPATCHED ? [] : require(path.join(SRC_DIR, 'patches.js'));
const START_TIMEOUT_MS = 30000;

const defaultLog = (msg) => console.error(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

function sourceStamp() {
  const h = crypto.createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) h.update(fs.readFileSync(path.join(SRC_DIR, f)));
  h.update(JSON.stringify(PATCHES));
  return h.digest('hex');
}

// Named by its sources too: checkouts with different wrappers share .cache/bin without rebuilding over each other.
const BINARY = path.join(paths.BIN_DIR, `ferretdb-${FERRETDB_VERSION}${UNPATCHED ? '-unpatched' : ''}-${sourceStamp().slice(0, 12)}`);

function go(args, cwd) {
  return new Promise((resolve, reject) => {
    // GOTOOLCHAIN=local: never try to download a toolchain (only the module proxy is reachable).
    execFile('go', args, { cwd, env: GO_ENV, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        err.message = `go ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`;
        reject(err);
      } else resolve(stdout);
    });
  });
}

function makeWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(p);
    else fs.chmodSync(p, 0o644);
  }
}

/**
 * A build directory holding the wrapper. With patches, it also holds a copy of
 * FerretDB's published source (from the module cache) with each patch
 * applied, and the wrapper's go.mod points at that copy.
 */
async function prepareBuildDir(stamp, log) {
  const buildDir = path.join(paths.CACHE_DIR, 'build', `ferretdb-${stamp.slice(0, 12)}`);
  fs.rmSync(buildDir, { recursive: true, force: true });
  const wrapperDir = path.join(buildDir, 'wrapper');
  fs.mkdirSync(wrapperDir, { recursive: true });
  for (const f of ['go.mod', 'go.sum', 'main.go']) fs.copyFileSync(path.join(SRC_DIR, f), path.join(wrapperDir, f));
  if (PATCHES.length === 0) return { buildDir, wrapperDir };
  const info = JSON.parse(await go(['mod', 'download', '-json', `${FERRETDB_MODULE}@v${FERRETDB_VERSION}`], wrapperDir));
  if (!info.Dir) throw new Error(`go mod download gave no source directory for ${FERRETDB_MODULE}: ${JSON.stringify(info)}`);
  const srcDir = path.join(buildDir, 'ferretdb-src');
  fs.cpSync(info.Dir, srcDir, { recursive: true });
  makeWritable(srcDir);
  for (const patch of PATCHES) {
    const file = path.join(srcDir, patch.file);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(patch.from);
    if (at < 0 || text.indexOf(patch.from, at + 1) >= 0) {
      throw new Error(`ferretdb patch ${patch.id}: expected its text exactly once in ${patch.file}`);
    }
    fs.writeFileSync(file, text.slice(0, at) + patch.to + text.slice(at + patch.from.length));
    log(`ferretdb ${FERRETDB_VERSION}: patch ${patch.id} (${patch.why})`);
  }
  await go(['mod', 'edit', `-replace=${FERRETDB_MODULE}=${srcDir}`], wrapperDir);
  return { buildDir, wrapperDir };
}

// Rebuilds only when the wrapper's sources or the patches changed since the last build.
async function provisionFerretDB({ log = defaultLog } = {}) {
  const stampFile = `${BINARY}.stamp`;
  const stamp = sourceStamp();
  try {
    if (fs.readFileSync(stampFile, 'utf8').trim() === stamp && fs.existsSync(BINARY)) {
      log(`ferretdb ${FERRETDB_VERSION}: cached at ${path.relative(paths.REPO_ROOT, BINARY)}`);
      return { binary: BINARY };
    }
  } catch {}
  log(`ferretdb ${FERRETDB_VERSION}: go build${UNPATCHED ? ' (unpatched)' : ''} (first build downloads modules and takes ~1 min)`);
  fs.mkdirSync(paths.BIN_DIR, { recursive: true });
  const tmp = `${BINARY}.tmp-${process.pid}`;
  const t0 = Date.now();
  const { buildDir, wrapperDir } = await prepareBuildDir(stamp, log);
  try {
    // ferretdb_no_postgresql: we only use SQLite.
    await go(['build', '-trimpath', '-buildvcs=false', '-tags', 'ferretdb_no_postgresql', '-ldflags=-s -w', '-o', tmp, '.'], wrapperDir);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
  fs.renameSync(tmp, BINARY);
  fs.writeFileSync(stampFile, `${stamp}\n`);
  log(`ferretdb ${FERRETDB_VERSION}: built ${path.relative(paths.REPO_ROOT, BINARY)} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return { binary: BINARY };
}

const int32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};

// Minimal OP_MSG {ping: 1, $db: "admin"} without a driver (this runs before
// `npm install`); resolves true when the reply contains {ok: 1.0}.
function ping(port, timeoutMs = 1000) {
  const elements = Buffer.concat([
    Buffer.from('\x10ping\0'), int32(1), // int32 ping: 1
    Buffer.from('\x02$db\0'), int32(6), Buffer.from('admin\0'), // string $db: "admin"
  ]);
  const bson = Buffer.concat([int32(elements.length + 5), elements, Buffer.from([0])]);
  // header: length, requestID, responseTo, opCode 2013 (OP_MSG); flags; section kind 0
  const msg = Buffer.concat([int32(0), int32(1), int32(0), int32(2013), int32(0), Buffer.from([0]), bson]);
  msg.writeInt32LE(msg.length, 0);
  const okTrue = Buffer.concat([Buffer.from('\x01ok\0'), Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f])]);
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let reply = Buffer.alloc(0);
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write(msg));
    sock.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      if (reply.length >= 4 && reply.length >= reply.readInt32LE(0)) done(reply.includes(okTrue));
    });
  });
}

/**
 * SQLite runs in WAL mode; `synchronous` decides when a commit reaches the
 * disk. `normal` (the default here) writes each commit to the WAL and syncs
 * it at checkpoints: a commit survives a crash of FerretDB or of the apps, and
 * the last ones can be lost to a power cut or OS crash — the same guarantee as
 * MongoDB's default write concern on a standalone server (journal flushed every
 * 100 ms). `full` syncs every commit, at the cost of this disk's sync latency
 * on every write (p99 of a create went from ~130 ms to 280–520 ms here).
 */
function synchronousMode() {
  const mode = (process.env.PXXL_FERRETDB_SYNCHRONOUS || 'normal').toLowerCase();
  if (!['normal', 'full'].includes(mode)) throw new Error(`PXXL_FERRETDB_SYNCHRONOUS must be normal or full, not ${JSON.stringify(mode)}`);
  return mode;
}

/**
 * `tls` ({ port, certFile, keyFile, caFile? }) adds a TLS listener beside the plain one
 * (which the readiness ping and the secret scan use); `tlsUri` then names it.
 */
async function startFerretDB({ dataDir, port, log = defaultLog, logLevel = 'warn', tls } = {}) {
  if (!dataDir || !port) throw new Error('startFerretDB: dataDir and port are required');
  const synchronous = synchronousMode();
  dataDir = path.resolve(dataDir);
  if (!fs.existsSync(BINARY)) throw new Error('FerretDB is not provisioned: run `node scripts/infra/cli.js provision`');
  fs.mkdirSync(dataDir, { recursive: true });
  await ensureNotRunning(dataDir, 'ferretdb');
  const outFile = path.join(dataDir, 'ferretdb.log');
  const out = fs.openSync(outFile, 'a');
  const t0 = Date.now();
  const child = spawn(BINARY, ['-listen', `127.0.0.1:${port}`, '-data', path.join(dataDir, 'db'), '-log-level', logLevel,
    '-sqlite-query', `_pragma=synchronous(${synchronous})`, ...tlsArgs(tls)], {
    detached: true, // own process group: a Ctrl-C reaches the owner, which stops the apps first and then this (the watchdog covers an owner that dies)
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const handle = trackChild(child, { name: 'ferretdb', dataDir });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (handle.exitInfo) {
      const logTail = fs.readFileSync(outFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
      throw new Error(`ferretdb exited during start-up (${JSON.stringify(handle.exitInfo)}); log tail:\n${logTail}`);
    }
    if (await ping(port)) break;
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`ferretdb did not answer ping within ${START_TIMEOUT_MS / 1000}s (see ${outFile})`);
    }
    await sleep(100);
  }
  log(`ferretdb: ready on 127.0.0.1:${port} (pid ${child.pid}, SQLite synchronous=${synchronous}) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  const tlsUri = tls ? `mongodb://127.0.0.1:${tls.port}/` : undefined;
  return Object.assign(handle, { uri: `mongodb://127.0.0.1:${port}/`, tlsUri, port, dataDir, synchronous });
}

function tlsArgs(tls) {
  if (!tls) return [];
  if (!tls.port || !tls.certFile || !tls.keyFile) throw new Error('startFerretDB: tls needs port, certFile and keyFile');
  return ['-listen-tls', `127.0.0.1:${tls.port}`, '-listen-tls-cert-file', tls.certFile, '-listen-tls-key-file', tls.keyFile,
    ...(tls.caFile ? ['-listen-tls-ca-file', tls.caFile] : [])];
}

module.exports = { FERRETDB_VERSION, FERRETDB_PATCHES: PATCHES, ferretdbSynchronousMode: synchronousMode, provisionFerretDB, startFerretDB, pingMongo: ping };
