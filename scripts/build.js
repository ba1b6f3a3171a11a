#!/usr/bin/env node
'use strict';
// Compiles apps/, libs/, examples/ and the benchmark (bench/, with the test support it drives) to dist/ with SWC (decorator metadata on,
// `@pxxl/*` imports rewritten to relative paths), so plain `node` runs them; `assets/` folders are copied as they are.
// Type-checking is separate: `npm run typecheck` (part of `npm test`).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');

/** `clean: false` compiles over the existing dist/, leaving apps that run from it undisturbed. */
function build({ clean = true } = {}) {
  const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
  swcrc.jsc.baseUrl = root; // SWC wants it absolute to rewrite paths
  swcrc.jsc.paths = { '@pxxl/*': ['libs/*/src'] };
  swcrc.exclude = ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$'];
  const config = path.join(os.tmpdir(), `pxxl-swcrc-${process.pid}.json`);
  fs.writeFileSync(config, JSON.stringify(swcrc));
  try {
    if (clean) fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [require.resolve('@swc/cli/bin/swc.js', { paths: [root] }), 'apps', 'libs', 'examples', 'bench', 'test/support', '-d', 'dist', '--config-file', config, '--quiet'],
      { cwd: root, stdio: 'inherit' },
    );
    copyAssets();
  } finally {
    fs.rmSync(config, { force: true });
  }
}

/** Files served as they are (the dashboard's script and stylesheet): every `assets/` folder under apps/, copied verbatim over SWC's output. */
function copyAssets(dir = path.join(root, 'apps')) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dir, entry.name);
    if (entry.name === 'assets') fs.cpSync(folder, path.join(root, 'dist', path.relative(root, folder)), { recursive: true });
    else copyAssets(folder);
  }
}

module.exports = { build };

if (require.main === module) {
  build();
  console.error('built dist/');
}
