import { cosignatureVerifierKey, generateSignerKey } from '@pxxl/audit-trail';
import { ConfigError } from '@pxxl/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuditConfig } from './audit.config';

const BASE = { KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/pxxl_keys' };
const W1 = cosignatureVerifierKey(generateSignerKey('witness.example/w1', Buffer.alloc(32, 1)));
const W2 = cosignatureVerifierKey(generateSignerKey('witness.example/w2', Buffer.alloc(32, 2)));
const problems = (env: Record<string, string>) => {
  try {
    loadAuditConfig({ ...BASE, ...env });
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('witness keys in the audit config (AUDIT_WITNESS_KEYS, AUDIT_WITNESS_KEYS_FILE)', () => {
  it('trusts no witness by default', () => {
    expect(loadAuditConfig(BASE).checkpoints.witnessKeys).toEqual([]);
  });

  it('reads cosignature/v1 keys separated by commas or newlines, inline or from a file with comments', () => {
    expect(loadAuditConfig({ ...BASE, AUDIT_WITNESS_KEYS: `${W1}, ${W2}` }).checkpoints.witnessKeys).toEqual([W1, W2]);
    const file = join(mkdtempSync(join(tmpdir(), 'pxxl-witnesses-')), 'witnesses.txt');
    writeFileSync(file, `# the witnesses of the audit log\n${W1}\n\n${W2}\n`);
    expect(loadAuditConfig({ ...BASE, AUDIT_WITNESS_KEYS_FILE: file }).checkpoints.witnessKeys).toEqual([W1, W2]);
  });

  it('names a key that is not a cosignature/v1 key, a key listed twice, and both variables set', () => {
    const noteKey = 'pxxl-keys.example+5eec2049+AepKbGPinFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs';
    expect(problems({ AUDIT_WITNESS_KEYS: `${W1},${noteKey}` })).toEqual([expect.stringMatching(/^AUDIT_WITNESS_KEYS: "pxxl-keys\.example\+5eec2049\+.*0x04/)]);
    expect(problems({ AUDIT_WITNESS_KEYS: `${W1},${W1}` })).toEqual([expect.stringContaining('listed twice')]);
    expect(problems({ AUDIT_WITNESS_KEYS: W1, AUDIT_WITNESS_KEYS_FILE: '/nonexistent' })).toEqual(['AUDIT_WITNESS_KEYS: set either AUDIT_WITNESS_KEYS or AUDIT_WITNESS_KEYS_FILE, not both']);
    expect(problems({ AUDIT_WITNESS_KEYS_FILE: '/nonexistent' })).toEqual(['AUDIT_WITNESS_KEYS_FILE: cannot read /nonexistent (ENOENT)']);
  });
});
