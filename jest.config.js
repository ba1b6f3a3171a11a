// Test kinds by suffix: *.spec.ts (unit, beside the code, no infrastructure),
// *.int-spec.ts (real Kafka and FerretDB), test/**/*.e2e-spec.ts (whole apps over HTTP).
const path = require('node:path');
const swcrc = JSON.parse(require('node:fs').readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@pxxl/([a-z-]+)$': '<rootDir>/libs/$1/src',
    // @fastify/static (Swagger UI assets) pulls an ESM-only content-disposition 3 that Node 20
    // loads with require(esm) but jest cannot; under jest the CommonJS 2.x beside it serves.
    '^content-disposition$': '<rootDir>/node_modules/content-disposition',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/.data/'],
  // The layer rules' fixtures are read by dependency-cruiser, never run.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/architecture/fixtures/'],
};

module.exports = {
  // Jest 30 reads testTimeout only at the root in multi-project mode.
  testTimeout: 60000,
  // The tracing test last: on a fresh machine it waits for Jaeger's background build (test/infra/sequencer.js).
  testSequencer: '<rootDir>/test/infra/sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,examples,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,examples}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/infra/global-setup.js',
      globalTeardown: '<rootDir>/test/infra/global-teardown.js',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/examples/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/infra/global-setup.js',
      globalTeardown: '<rootDir>/test/infra/global-teardown.js',
    },
  ],
};
