'use strict';
// The suite's last check: no plaintext key the tests were given may appear in
// any app's log or in any stored document. Tests record every token they see
// (test/support/secret-ledger.ts) in <infra dir>/secrets/tokens.txt and put app
// logs in <infra dir>/secrets/logs/.
const fs = require('fs');
const path = require('path');

const SECRET = /pxxl_[0-9A-Za-z]{16}_([0-9A-Za-z]{32})[0-9A-Za-z]{6}/g;

function ledgerDir(infraDir) {
  return path.join(infraDir, 'secrets');
}

function readSecrets(infraDir) {
  const file = path.join(ledgerDir(infraDir), 'tokens.txt');
  if (!fs.existsSync(file)) return [];
  const secrets = new Set();
  for (const match of fs.readFileSync(file, 'utf8').matchAll(SECRET)) secrets.add(match[1]);
  return [...secrets];
}

function findIn(text, secrets, where, found) {
  for (const secret of secrets) if (text.includes(secret)) found.push(`${where} contains the secret ${secret.slice(0, 4)}…`);
}

async function scanStore(uri, secrets, found) {
  const { MongoClient } = require('mongodb');
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    const { databases } = await client.db().admin().listDatabases();
    for (const { name } of databases) {
      const db = client.db(name);
      for (const { name: collection } of await db.listCollections().toArray()) {
        for await (const doc of db.collection(collection).find({})) findIn(JSON.stringify(doc), secrets, `${name}.${collection}`, found);
      }
    }
  } finally {
    await client.close();
  }
}

/** Returns the findings (empty when clean). */
async function scanForSecrets(infraDir, storeUris) {
  const secrets = readSecrets(infraDir);
  const found = [];
  if (secrets.length === 0) return { secrets: 0, found };
  const logs = path.join(ledgerDir(infraDir), 'logs');
  if (fs.existsSync(logs)) {
    for (const file of fs.readdirSync(logs)) findIn(fs.readFileSync(path.join(logs, file), 'utf8'), secrets, `log ${file}`, found);
  }
  for (const uri of storeUris) await scanStore(uri, secrets, found);
  return { secrets: secrets.length, found };
}

module.exports = { scanForSecrets, ledgerDir };
