import { formatToken, newKeyId, newSecret, parseToken } from '@pxxl/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pxxlKeys } from '../support/cli-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureGitleaks } = require('../../scripts/ensure-gitleaks') as { ensureGitleaks: () => string };

const ROOT = join(__dirname, '..', '..');
const securityDoc = readFileSync(join(ROOT, 'docs', 'security.md'), 'utf8');
const shippedRule = readFileSync(join(ROOT, 'deploy', 'gitleaks', 'pxxl-keys.toml'), 'utf8');

/** A token of the right shape whose checksum is wrong: the last character changed. */
const withWrongChecksum = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

/** Real keys, made by the code, in the places a leak is found: env files, JSON, code, URLs. */
function realKeys(count: number): string[] {
  return Array.from({ length: count }, () => formatToken(newKeyId(), newSecret()));
}

/** Strings a Pxxl rule must not match: wrong prefix, length or charset. */
function nearMisses(): string[] {
  const [key] = realKeys(1);
  const id = key.slice(5, 21);
  const tail = key.slice(22);
  return [
    `pxxk_${id}_${tail}`, // prefix
    `PXXL_${id}_${tail}`, // prefix, case
    `xpxxl_${id}_${tail}`, // prefix inside a word
    `pxxl_${id.slice(1)}_${tail}`, // key id one short
    `pxxl_${id}x_${tail}`, // key id one long
    `pxxl_${id}_${tail.slice(1)}`, // secret + checksum one short
    `pxxl_${id}_${tail}Z`, // one long
    `pxxl_${id}_${tail.slice(0, 10)}-${tail.slice(11)}`, // a dash in the secret
    `pxxl_${id.slice(0, 5)}+${id.slice(6)}_${tail}`, // a plus in the key id
    `pxxl-${id}-${tail}`, // separators
  ];
}

describe('secret scanning with the shipped gitleaks rule', () => {
  let gitleaks: string;
  let dir: string;
  const found = new Map<string, string>();
  const real = realKeys(6);
  const wrongChecksum = realKeys(2).map(withWrongChecksum);
  const misses = nearMisses();

  beforeAll(() => {
    gitleaks = ensureGitleaks();
    dir = mkdtempSync(join(tmpdir(), 'pxxl-gitleaks-'));
    const [a, b, c, d, e, f] = real;
    writeFileSync(join(dir, '.env'), `PXXL_API_KEY=${a}\nOTHER=1\n`);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ upload: { apiKey: b }, note: 'rotate quarterly' }, null, 2));
    writeFileSync(join(dir, 'deploy.ts'), `const client = new Client({ key: '${c}' });\nfetch(url, { headers: { Authorization: \`Bearer ${d}\` } });\n`);
    writeFileSync(join(dir, 'ci.yml'), `env:\n  KEY: "${e}"\nrun: curl "https://api.example.test/v1/x?key=${f}"\n`);
    writeFileSync(join(dir, 'typos.txt'), wrongChecksum.map((t) => `token: ${t}`).join('\n') + '\n');
    writeFileSync(join(dir, 'near-misses.txt'), misses.map((m) => `value ${m} end`).join('\n') + '\n');
    const config = join(dir, 'rule.toml');
    writeFileSync(config, shippedRule);
    const report = join(dir, 'report.json');
    execFileSync(gitleaks, ['dir', dir, '--config', config, '--report-format', 'json', '--report-path', report, '--no-banner', '--exit-code', '0', '--log-level', 'error']);
    for (const finding of JSON.parse(readFileSync(report, 'utf8')) as Array<{ RuleID: string; Secret: string; File: string }>) {
      if (finding.RuleID === 'pxxl-api-key') found.set(finding.Secret, finding.File);
    }
  }, 15 * 60_000);

  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('the rule in docs/security.md is the file shipped in deploy/gitleaks', () => {
    const block = securityDoc.match(/```toml\n([\s\S]*?)```/);
    expect(block?.[1]).toBe(shippedRule);
  });

  it('finds every real key, wherever it is written', () => {
    for (const key of real) expect(found.has(key)).toBe(true);
  });

  it('does not match a wrong prefix, length or charset', () => {
    for (const miss of misses) {
      for (const secret of found.keys()) expect(miss.includes(secret)).toBe(false);
    }
    expect(found.size).toBe(real.length + wrongChecksum.length);
  });

  it('pxxl-keys check-format passes the real keys and drops the hits whose checksum fails', async () => {
    const hits = [...found.keys()];
    const run = await pxxlKeys(['check-format', '--json'], { input: hits.join('\n') + '\n' });
    expect(run.code).toBe(4);
    const verdicts = JSON.parse(run.stdout) as Array<{ line: number; valid: boolean; reason?: string; displayPrefix?: string }>;
    const passing = verdicts.filter((v) => v.valid).map((v) => hits[v.line - 1]);
    expect(passing.sort()).toEqual([...real].sort());
    expect(verdicts.filter((v) => !v.valid).map((v) => v.reason)).toEqual(['CHECKSUM', 'CHECKSUM']);
    for (const hit of hits) expect(run.stdout + run.stderr).not.toContain(hit.slice(22));
  });

  it('check-format exits 0 when every line is a key, and says FORMAT for what is not the key shape', async () => {
    const ok = await pxxlKeys(['check-format'], { input: `\n${real[0]}\n` });
    expect(ok).toMatchObject({ code: 0, stdout: `line 2: ok ${real[0].slice(0, 26)}…\n` });
    const bad = await pxxlKeys(['check-format', '--json'], { input: `${misses[0]}\n` });
    expect(bad.code).toBe(4);
    expect(JSON.parse(bad.stdout)).toEqual([{ line: 1, valid: false, reason: 'FORMAT' }]);
  });
});

describe('the check-format example in docs/cli.md', () => {
  it('prints what the doc shows, for the keys the doc gives', async () => {
    const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    const [, input, output] = doc.match(/\$ printf '([^']*)' \| pxxl-keys check-format; echo \$\?\n([\s\S]*?)```/)!;
    const run = await pxxlKeys(['check-format'], { input: input.replace(/\\n/g, '\n') });
    expect(`${run.stdout}${run.code}\n`).toBe(output);
  });
});

describe('the key examples in docs/security.md', () => {
  it('are well-formed keys with a right checksum', () => {
    const examples = [...securityDoc.matchAll(/pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}/g)].map((m) => m[0]);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(parseToken(example)).toMatchObject({ ok: true });
  });

  it('say the checksum covers the first 54 characters', () => {
    const [example] = securityDoc.match(/pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}/)!;
    expect(example.length - 6).toBe(54);
    expect(securityDoc).toContain('CRC-32 of the first 54');
  });
});
