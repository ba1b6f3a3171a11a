'use strict';
// The pid file, watchdog and stop of each service process, apart from index.js
// so that kafka.js and ferretdb.js need it without needing index.js (which
// re-exports them).
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const STOP_TIMEOUT_MS = 15000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// Pids get recycled: before signalling a pid read from a file, check that
// its command line still mentions the data dir it was started for.
function pidMatches(pid, marker) {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return process.platform !== 'linux'; // no /proc: trust the pid file
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  return !isAlive(pid);
}

async function stopPid(pid, timeoutMs = STOP_TIMEOUT_MS) {
  const signal = (sig) => {
    try {
      process.kill(pid, sig);
    } catch {}
  };
  signal('SIGTERM');
  if (await waitForExit(pid, timeoutMs)) return;
  signal('SIGKILL');
  await waitForExit(pid, 5000);
}

// A detached node process that SIGTERMs (then SIGKILLs) the child once the
// owner is gone, so a crashed or SIGKILLed jest/CLI leaves no broker behind.
// The owner is PXXL_INFRA_OWNER_PID when set (jest's main process: a child
// restarted from a test worker must outlive that worker), else this process.
const WATCHDOG = `
const [owner, child] = process.argv.slice(1).map(Number);
const alive = (p) => { try { process.kill(p, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const kill = (s) => { try { process.kill(child, s); } catch {} };
const t = setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (alive(owner)) return;
  clearInterval(t);
  kill('SIGTERM');
  const deadline = Date.now() + ${STOP_TIMEOUT_MS};
  setInterval(() => {
    if (!alive(child)) process.exit(0);
    if (Date.now() > deadline) { kill('SIGKILL'); process.exit(0); }
  }, 200);
}, 1000);
`;

const ownerPid = () => Number(process.env.PXXL_INFRA_OWNER_PID) || process.pid;

function spawnWatchdog(childPid) {
  const owner = ownerPid();
  const wd = spawn(process.execPath, ['-e', WATCHDOG, String(owner), String(childPid)], {
    detached: true, // own process group: survives the Ctrl-C that kills the owner
    stdio: 'ignore',
  });
  wd.unref();
}

// Wraps a spawned service: pid file at <dataDir>/<name>.pid, watchdog, and
// stop()/kill() helpers. `exited` resolves with {code, signal}.
function trackChild(child, { name, dataDir }) {
  // Failures such as kill() after exit are reported through 'exit' anyway;
  // without a listener an 'error' event would crash the caller.
  child.on('error', () => {});
  if (!child.pid) throw new Error(`${name}: could not run ${child.spawnfile} (not installed or not on PATH?)`);
  const pidFile = path.join(dataDir, `${name}.pid`);
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  spawnWatchdog(child.pid);
  // A jest worker that restarts a service must still be able to exit: the
  // owner (jest's main process) and the watchdog are responsible for it.
  if (ownerPid() !== process.pid) child.unref();
  let exit = null;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      try {
        if (fs.readFileSync(pidFile, 'utf8').trim() === String(child.pid)) fs.unlinkSync(pidFile);
      } catch {}
      resolve(exit);
    });
  });
  return {
    pid: child.pid,
    exited,
    get exitInfo() {
      return exit;
    },
    kill(signal = 'SIGTERM') {
      if (!exit) child.kill(signal);
    },
    async stop() {
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

// Refuses to start a second process on a data dir whose previous process is
// still alive (e.g. a restart issued right after kill()); waits briefly first.
async function ensureNotRunning(dataDir, name) {
  const pidFile = path.join(dataDir, `${name}.pid`);
  let pid;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  for (let i = 0; i < 50 && pid && pidMatches(pid, dataDir); i++) await sleep(100);
  if (pid && pidMatches(pid, dataDir)) {
    throw new Error(`${name} is already running on ${dataDir} (pid ${pid}); stop it with: node scripts/infra/cli.js stop --data <dir>`);
  }
}

// Stops whatever the pid files under dataDir (and its direct subdirs) name.
async function stopDataDir(dataDir) {
  const pidFiles = [];
  const scan = (dir, depth) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {}
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name.endsWith('.pid')) pidFiles.push(p);
      else if (e.isDirectory() && depth > 0) scan(p, depth - 1);
    }
  };
  scan(dataDir, 1);
  await Promise.all(
    pidFiles.map(async (file) => {
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (pid && pidMatches(pid, path.dirname(file))) await stopPid(pid);
      fs.rmSync(file, { force: true });
    }),
  );
}

module.exports = { isAlive, pidMatches, stopPid, trackChild, ensureNotRunning, stopDataDir };
