import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERIES } from '@pxxl/observability';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensurePrometheus } = require('../../scripts/ensure-prometheus.js') as { ensurePrometheus: () => { promtool: string } };

const ROOT = join(__dirname, '..', '..');
const ALERTS = join(ROOT, 'deploy/prometheus/alerts.yml');
const alertNames = (): string[] =>
  (parse(readFileSync(ALERTS, 'utf8')) as { groups: Array<{ rules: Array<{ alert: string }> }> }).groups.flatMap((g) => g.rules.map((r) => r.alert));

describe('deploy/prometheus/alerts.yml', () => {
  let promtool: string;
  // The unit project has no global setup: on a fresh machine this installs Debian's prometheus (apt, once).
  beforeAll(() => {
    promtool = ensurePrometheus().promtool;
  }, 600_000);

  const run = (...args: string[]) => {
    const result = spawnSync(promtool, args, { cwd: ROOT, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  it('passes promtool check rules', () => {
    expect(run('check', 'rules', ALERTS)).toMatchObject({ status: 0 });
  });

  it('passes its unit tests (alerts.test.yml: a firing and a quiet series per alert)', () => {
    const result = run('test', 'rules', join(ROOT, 'deploy/prometheus/alerts.test.yml'));
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('is loaded by the compose Prometheus, whose config promtool accepts', () => {
    expect(run('check', 'config', join(ROOT, 'deploy/prometheus/prometheus.yml'))).toMatchObject({ status: 0 });
  });

  it('tests every alert it ships', () => {
    const tests = readFileSync(join(ROOT, 'deploy/prometheus/alerts.test.yml'), 'utf8');
    for (const name of alertNames()) expect(tests).toContain(`alertname: ${name}`);
  });

  it('uses only series the apps expose', () => {
    const rules = readFileSync(ALERTS, 'utf8');
    const used = new Set(rules.match(/pxxl_keys_[a-z_]+/g));
    const known = new Set(Object.values(SERIES).flatMap((s) => [s.name, `${s.name}_bucket`, `${s.name}_count`, `${s.name}_sum`]));
    expect([...used].filter((name) => !known.has(name))).toEqual([]);
  });
});

describe('docs/operations.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');

  it('says what each alert means and what to do', () => {
    for (const name of alertNames()) expect(doc).toMatch(new RegExp(`#### \`${name}\``));
  });

  it('lists every series with its labels', () => {
    for (const series of Object.values(SERIES)) {
      const labels = series.labelNames.length > 0 ? `{${series.labelNames.join(',')}}` : '';
      expect(doc).toContain(`\`${series.name}${labels}\``);
    }
  });
});
