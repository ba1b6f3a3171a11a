#!/usr/bin/env node
'use strict';
// `npm run docs:schemas`: writes docs/schemas/<Type>.v<N>.json, one JSON Schema
// per event type and version, from libs/contracts/src/events/schemas.ts (the
// source of truth). `--check` only compares and exits 1 on a difference; a unit
// test (libs/contracts/src/events/published-schemas.spec.ts) does the same.
const fs = require('fs');
const path = require('path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'libs/contracts/src/events/schemas.ts');
const outDir = path.join(root, 'docs/schemas');

function loadSchemas() {
  // schemas.ts imports nothing, so it can be compiled and evaluated on its own.
  const { code } = transformSync(fs.readFileSync(source, 'utf8'), {
    filename: source,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports.KEY_EVENT_SCHEMAS;
}

function render(schema) {
  return JSON.stringify(schema, null, 2) + '\n';
}

function main() {
  const check = process.argv.includes('--check');
  const schemas = loadSchemas();
  const wanted = new Map(Object.entries(schemas).map(([name, schema]) => [`${name}.json`, render(schema)]));
  const present = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.endsWith('.json')) : [];
  const stale = [...wanted].filter(([file, text]) => !present.includes(file) || fs.readFileSync(path.join(outDir, file), 'utf8') !== text);
  const extra = present.filter((file) => !wanted.has(file));
  if (check) {
    if (stale.length + extra.length === 0) return console.error('docs/schemas is up to date');
    console.error(`docs/schemas is out of date (${[...stale.map(([f]) => f), ...extra].join(', ')}): run npm run docs:schemas`);
    process.exit(1);
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, text] of stale) fs.writeFileSync(path.join(outDir, file), text);
  // A published schema is never removed (docs/events.md); an extra file means a renamed one.
  if (extra.length > 0) console.error(`note: docs/schemas has files no schema produces: ${extra.join(', ')}`);
  console.error(`docs/schemas: ${stale.length} written, ${wanted.size - stale.length} unchanged`);
}

main();
