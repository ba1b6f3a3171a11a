import { GENESIS_HASH, hashRecord, recordLine, sealRecord, type AuditRecord, type UnsealedRecord } from '@pxxl/audit-trail';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pythonVerify as verifyNdjson } from '../support/python-verifier';

const pythonVerify = (lines: string[]) => verifyNdjson(lines.map((l) => `${l}\n`).join(''));

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'audit.md'), 'utf8');
const normative = doc.slice(doc.indexOf('### Verifying without our code'), doc.indexOf('### Several audit consumers'));
const vectorLines = [...normative.matchAll(/```json\n(.*)\n```/g)].map((m) => m[1]);
const documentedHashes = [...normative.matchAll(/(?:SHA-256 of those bytes is|with hash)\s+`([0-9a-f]{64})`/g)].map((m) => m[1]);
const documentedSizes = [...normative.matchAll(/\((\d+) bytes before the `\\n`|over (\d+) bytes|without `"hash":"…",` \((\d+) bytes\)/g)]
  .map((m) => Number(m[1] ?? m[2] ?? m[3]));

describe('docs/audit.md, "Verifying without our code"', () => {
  it('gives two chained entries, their hashes and their sizes', () => {
    expect(vectorLines).toHaveLength(2);
    expect(documentedHashes).toHaveLength(2);
    expect(documentedSizes).toHaveLength(3);
  });

  it('its entries are exactly the export lines our code writes, with the hashes it computes', () => {
    const records = vectorLines.map((line) => JSON.parse(line) as AuditRecord);
    records.forEach((record, i) => {
      expect(recordLine(record)).toBe(vectorLines[i]);
      expect(hashRecord(record)).toBe(record.hash);
      expect(record.hash).toBe(documentedHashes[i]);
    });
    expect(records[0]).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(records[1]).toMatchObject({ seq: 2, prevHash: records[0].hash });
    const { hash: _h, ...content } = records[0];
    expect(Buffer.byteLength(vectorLines[0])).toBe(documentedSizes[0]);
    expect(Buffer.byteLength(recordLine(content as AuditRecord))).toBe(documentedSizes[1]);
    const { hash: _h2, ...content2 } = records[1];
    expect(Buffer.byteLength(recordLine(content2 as AuditRecord))).toBe(documentedSizes[2]);
  });

  it('a verifier in Python written from the doc accepts the vector and names the first altered entry', () => {
    expect(pythonVerify(vectorLines)).toEqual({ ok: true, entries: 2, head: { seq: 2, hash: documentedHashes[1] } });
    expect(pythonVerify([vectorLines[0].replace('uploader', 'Uploader'), vectorLines[1]])).toMatchObject({ ok: false, seq: 1, reason: 'HASH_MISMATCH' });
    expect(pythonVerify([vectorLines[1]])).toMatchObject({ ok: true, entries: 1 });
  });

  it('the Python verifier agrees with ours on entries with any text: quotes, controls, accents, emoji, CJK', () => {
    const names = ['plain', 'quote " and \\ backslash', 'tab\tnew\nline\u0001\u001f', 'naïve café', 'emoji 🔑✓', '鍵の名前', 'slash / and \u2028 separator', ''];
    let prevHash = GENESIS_HASH;
    const lines = names.map((name, i) => {
      const unsealed: UnsealedRecord = {
        eventId: `00000000-0000-4000-8000-00000000000${i}`,
        type: 'KeyUpdated',
        schemaVersion: 1,
        keyId: 'k3PXrQ8yZt2mW9aB',
        workspaceId: 'acme',
        version: i + 2,
        keyName: name,
        actor: 'key:ZyXwVuTs98765432',
        occurredAt: '2026-03-01T10:15:00.000Z',
        recordedAt: '2026-03-01T10:15:00.009Z',
        summary: `renamed to "${name}"`,
        details: { name },
        source: { partition: 0, offset: String(100 + i) },
      };
      const record = sealRecord(unsealed, { seq: i + 1, prevHash });
      prevHash = record.hash;
      return recordLine(record);
    });
    expect(pythonVerify(lines)).toEqual({ ok: true, entries: names.length, head: { seq: names.length, hash: prevHash } });
  });
});
