import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const { forbidden } = require(join(root, '.dependency-cruiser.js')) as { forbidden: { name: string }[] };

/**
 * Where today's tree still breaks a rule, until the part of #13 that moves these files lands (verify:
 * use cases ask @pxxl/verification; slices: what queries share with commands moves out of commands/).
 * Temporary: the test fails once an entry is fixed, so the list only shrinks.
 */
const KNOWN_VIOLATIONS: string[] = [];

/**
 * What each rule must catch in its fixture (test/architecture/fixtures/<rule>/, laid out like the
 * repository), and nothing more: the fixtures also hold the imports the rule allows.
 */
const CAUGHT: Record<string, string[]> = {
  'domain-imports-only-contracts': [
    'apps/shop/src/orders/domain/order-status.ts → node_modules/@nestjs/common/index.js',
    'apps/shop/src/orders/domain/order.ts → libs/kafka/src/index.ts',
  ],
  'use-cases-never-import-drivers': [
    'apps/shop/src/orders/commands/place-order/place-order.handler.ts → libs/mongo/src/index.ts',
    'apps/shop/src/orders/queries/find-order/find-order.handler.ts → apps/shop/src/orders/infrastructure/mongo-order-store.ts',
    'apps/shop/src/orders/queries/find-order/find-order.handler.ts → node_modules/mongoose/index.js',
    'apps/shop/src/orders/use-cases/ship-order/ship-order.handler.ts → libs/kafka/src/index.ts',
    'apps/shop/src/orders/use-cases/ship-order/ship-order.handler.ts → node_modules/kafkajs/index.js',
  ],
  'use-cases-verify-through-a-port': [
    'apps/shop/src/orders/queries/check-key/check-key.handler.ts → libs/bearer-auth/src/index.ts',
    'apps/shop/src/orders/queries/check-key/check-key.handler.ts → libs/verification/src/index.ts',
  ],
  'use-cases-never-import-the-edge': [
    'apps/shop/src/orders/commands/place-order/place-order.handler.ts → apps/shop/src/cli/print-order.ts',
    'apps/shop/src/orders/commands/place-order/place-order.handler.ts → apps/shop/src/orders/messaging/orders.consumer.ts',
    'apps/shop/src/orders/queries/find-order/find-order.handler.ts → apps/shop/src/orders/http/order.response-mapper.ts',
    'apps/shop/src/orders/queries/find-order/find-order.handler.ts → apps/shop/src/orders/queries/find-order/find-order.request.dto.ts',
  ],
  'queries-never-import-commands': [
    'apps/shop/src/orders/queries/find-order/find-order.handler.ts → apps/shop/src/orders/commands/place-order/place-order.command.ts',
  ],
  'edges-never-import-infrastructure': [
    'apps/shop/src/orders/http/orders.controller.ts → apps/shop/src/orders/infrastructure/mongo-order-store.ts',
    'apps/shop/src/orders/messaging/orders.consumer.ts → apps/shop/src/orders/infrastructure/mongo-order-store.ts',
  ],
  'infrastructure-never-imports-the-edge': [
    'apps/shop/src/orders/infrastructure/mongo-order-store.ts → apps/shop/src/cli/print-order.ts',
    'apps/shop/src/orders/infrastructure/mongo-order-store.ts → apps/shop/src/orders/http/not-found.problem.ts',
    'apps/shop/src/orders/infrastructure/order-events.publisher.ts → apps/shop/src/orders/messaging/orders.consumer.ts',
    'libs/kafka/src/kafka.module.ts → libs/http/src/index.ts',
  ],
  'libs-never-import-apps': ['libs/widgets/src/widget.ts → apps/shop/src/shop.module.ts'],
  'apps-never-import-each-other': ['apps/shop/src/checkout.ts → apps/billing/src/invoice.ts'],
  'no-circular': ['scripts/infra/index.js → scripts/infra/kafka.js'],
  'no-orphans': ['apps/shop/src/forgotten.ts → apps/shop/src/forgotten.ts', 'scripts/lib/left-behind.js → scripts/lib/left-behind.js'],
  'no-unresolvable': ['apps/shop/src/main.ts → ./moved-away', 'apps/shop/src/main.ts → @pxxl/no-such-lib'],
};

interface Violation {
  rule: string;
  from: string;
  to: string;
}
interface CruiseReport {
  tree: Violation[];
  fixtures: Record<string, Violation[]>;
  missingFixtures: string[];
}

/** node_modules is a link in some checkouts: name a package by its path inside node_modules. */
const shown = (path: string) => path.replace(/^.*?node_modules\//, 'node_modules/');
const lines = (violations: Violation[], withRule = false) =>
  violations.map((v) => `${withRule ? `${v.rule}: ` : ''}${shown(v.from)} → ${shown(v.to)}`).sort();

describe('architecture (.dependency-cruiser.js)', () => {
  let report: CruiseReport;

  beforeAll(() => {
    const run = spawnSync(process.execPath, [join(__dirname, 'architecture', 'cruise.mjs')], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
    if (run.status !== 0) throw new Error(`test/architecture/cruise.mjs failed: ${run.stderr}`);
    report = JSON.parse(run.stdout) as CruiseReport;
  }, 120_000);

  it('gives every rule a fixture that breaks it', () => {
    expect(report.missingFixtures).toEqual([]);
    expect(Object.keys(CAUGHT).sort()).toEqual(forbidden.map((rule) => rule.name).sort());
  });

  it.each(forbidden.map((rule) => rule.name))('%s catches its fixture', (name) => {
    expect(lines(report.fixtures[name] ?? [])).toEqual([...(CAUGHT[name] ?? [])].sort());
  });

  it('finds no violation in apps, libs, scripts, tests, benches and examples (beyond the known ones)', () => {
    expect(lines(report.tree, true)).toEqual([...KNOWN_VIOLATIONS].sort());
  });
});
