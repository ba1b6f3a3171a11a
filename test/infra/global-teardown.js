'use strict';
// Jest globalTeardown: stops what global-setup started, including services a
// fault test restarted (tracked by the pid files), then removes the temp dir.
// Set PXXL_KEEP_TEST_INFRA=1 to keep the dir (logs) for a post-mortem.
const fs = require('fs');
const infra = require('../../scripts/infra');
const { scanForSecrets } = require('./secret-scan');

module.exports = async function globalTeardown() {
  // A Jaeger build this run started and no test waited for (a filtered run): stopped, its progress kept in Go's caches.
  require('../../scripts/ensure-jaeger').stopJaegerBuild(globalThis.__PXXL_JAEGER_BUILD__ ?? undefined);
  const stack = globalThis.__PXXL_INFRA__;
  if (!stack) return;
  delete globalThis.__PXXL_INFRA__;
  let leaks = [];
  try {
    const { secrets, found } = await scanForSecrets(stack.dataDir, [stack.env.MONGODB_URI]);
    console.error(`[secret scan] searched every app log and stored document for ${secrets} plaintext keys: ${found.length} found`);
    leaks = found;
  } finally {
    await stack.stop();
  }
  await infra.stopDataDir(stack.dataDir);
  if (process.env.PXXL_KEEP_TEST_INFRA) console.error(`[infra] kept ${stack.dataDir}`);
  else fs.rmSync(stack.dataDir, { recursive: true, force: true });
  if (leaks.length > 0) throw new Error(`plaintext keys leaked:\n  ${leaks.slice(0, 20).join('\n  ')}`);
};
