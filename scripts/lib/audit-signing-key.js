'use strict';
// The key the local audit app signs checkpoints with: made on the first `npm start` into the data
// folder by `pxxl-keys audit keygen` (never overwritten), reused on every later start. Its verifier
// key is public and printed at each start. An operator's own AUDIT_SIGNING_KEY_FILE wins.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const SIGNING_KEY_FILE = 'audit-signing.key';
const VERIFIER_KEY_FILE = 'audit-verifier.vkey';

function ensureAuditSigningKey(root, dataDir, name = 'pxxl-keys.localhost') {
  if (process.env.AUDIT_SIGNING_KEY_FILE) return { file: process.env.AUDIT_SIGNING_KEY_FILE, verifierKey: null };
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  const vkey = path.join(dataDir, VERIFIER_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const made = spawnSync(process.execPath, [path.join(root, 'bin/pxxl-keys.js'), 'audit', 'keygen', '--name', name, '--out', file, '--verifier-out', vkey], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`could not make the audit signing key: ${made.stderr.trim()}`);
  }
  return { file, verifierKey: fs.existsSync(vkey) ? fs.readFileSync(vkey, 'utf8').trim() : null };
}

module.exports = { ensureAuditSigningKey };
