'use strict';
// Installs a Debian package with apt-get for the tests that need a system tool
// (Chromium, Prometheus): root only, no recommends, and `apt-get update` first
// when the plain install fails (a fresh machine has no package lists).
const { spawnSync } = require('child_process');

function apt(args, log) {
  log(`apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
  });
  if (result.error) return { ok: false, detail: result.error.message };
  return { ok: result.status === 0, detail: (result.stderr || '').trim().split('\n').slice(-3).join(' | ') };
}

/** Installs `pkg` unless `present()`; throws with what to do when it cannot. */
function aptInstall(pkg, { present, what, log }) {
  if (present()) return;
  const byHand = `apt-get install -y --no-install-recommends ${pkg}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`${what} is missing and installing it needs root: run "sudo ${byHand}" once`);
  }
  log(`${what} is missing: installing Debian's ${pkg} for the tests (once per machine)`);
  const install = ['install', '-y', '--no-install-recommends', pkg];
  let result = apt(install, log);
  if (!result.ok) {
    log(`install failed (${result.detail}); refreshing the package lists and trying again`);
    const update = apt(['update'], log);
    if (!update.ok) log(`apt-get update failed too (${update.detail})`);
    result = apt(install, log);
  }
  if (!result.ok || !present()) throw new Error(`could not install ${pkg} with apt-get (${result.detail}); install it by hand: ${byHand}`);
  log(`installed ${what}`);
}

module.exports = { aptInstall };
