'use strict';
// Jest globalTeardown: stops what global-setup started, including services a
// fault test restarted (tracked by the pid files), then removes the temp dir.
// Set PXXL_KEEP_TEST_INFRA=1 to keep the dir (logs) for a post-mortem.
const fs = require('fs');
const infra = require('../../scripts/infra');

module.exports = async function globalTeardown() {
  const stack = globalThis.__PXXL_INFRA__;
  if (!stack) return;
  delete globalThis.__PXXL_INFRA__;
  await stack.stop();
  await infra.stopDataDir(stack.dataDir);
  if (process.env.PXXL_KEEP_TEST_INFRA) console.error(`[infra] kept ${stack.dataDir}`);
  else fs.rmSync(stack.dataDir, { recursive: true, force: true });
};
