// Runs the rules of .dependency-cruiser.js over the repository and over each rule's fixture, and
// prints the violations as JSON. A separate process because dependency-cruiser is ESM only,
// which jest's module system cannot load.
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = join(import.meta.dirname, '..', '..');
process.chdir(root);
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.js'));
const transpile = { tsConfig: extractTSConfig(join(root, config.options.tsConfig.fileName)) };
const FIXTURES = 'test/architecture/fixtures';

/** Everything with source in it: the apps and libs, and the scripts, tests, benches and examples around them. */
const CRUISED = ['apps', 'libs', 'scripts', 'test', 'bench', 'examples', 'bin', 'tools'];

async function violations(targets, forbidden, options = {}) {
  const result = await cruise(targets, { ...config.options, ...options, validate: true, ruleSet: { forbidden } }, {}, transpile);
  return result.output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

/** A fixture is cruised with its own rule alone, and without following into the real tree it imports. */
async function fixtureViolations(rule) {
  const dir = `${FIXTURES}/${rule.name}`;
  const found = await violations([dir], [rule], { exclude: {}, doNotFollow: { path: ['node_modules', '^apps/', '^libs/'] } });
  const local = (path) => (path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path);
  return found.map((v) => ({ ...v, from: local(v.from), to: local(v.to) }));
}

const fixtureNames = new Set(readdirSync(join(root, FIXTURES)));
const report = { tree: await violations(CRUISED, config.forbidden), fixtures: {}, missingFixtures: [] };
for (const rule of config.forbidden) {
  if (fixtureNames.has(rule.name)) report.fixtures[rule.name] = await fixtureViolations(rule);
  else report.missingFixtures.push(rule.name);
}
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
