// The layer rules of docs/architecture.md, by folder (not by file-name suffix). test/architecture.spec.ts
// runs them over the whole repository, and over one fixture per rule that must break it.

/** A path from the repository root, or from a rule's fixture folder, which mirrors the tree. */
const ROOT = '(?:^|^test/architecture/fixtures/[^/]+/)';
const FIXTURES = '^test/architecture/fixtures/';

/** The folders that hold use cases: one folder per command or query. */
const USE_CASE_FOLDERS = '/(commands|queries|use-cases)/';
/** Where requests come in: HTTP controllers, Kafka consumers, CLI commands (and libs/http, which serves them). */
const EDGES = '/(http|messaging|cli)/';
/** In a use case's folder, the files of its HTTP edge: these may use the HTTP layer, nothing else there may. */
const SLICE_EDGE_FILES = '\\.(controller|route|request\\.dto|response\\.dto|response)\\.ts$';
/** The libraries that wrap the drivers: infrastructure, as much as an infrastructure/ folder. */
const DRIVER_LIBS = `${ROOT}libs/(kafka|mongo)/`;
/** Drivers, and the libraries that wrap them: adapters' business, never a use case's. */
const DRIVERS = [DRIVER_LIBS, 'node_modules/(kafkajs|mongoose|mongodb|@nestjs/mongoose)/'];
/** The verification pipeline and the guard other services put in front of their routes: use cases reach them through a port. */
const VERIFICATION_EDGE = `${ROOT}libs/(bearer-auth|verification)/`;
const TESTS = '\\.(spec|int-spec|e2e-spec)\\.ts$';

/** Served to the browser as files, never imported. */
const BROWSER_ASSETS = '/assets/';

/** What starts a process or a test: everything else must be reachable from one of these. */
const ENTRY_POINTS = [
  `${ROOT}apps/[^/]+/src/(cli/)?main\\.ts$`,
  `${ROOT}examples/[^/]+/src/main\\.ts$`,
  `${ROOT}bin/[^/]+\\.js$`,
  `${ROOT}scripts/[^/]+\\.js$`,
  `${ROOT}scripts/infra/cli\\.js$`,
  `${ROOT}bench/[^/]+\\.(js|ts)$`,
  // Loaded by path, by scripts/infra/ferretdb.js, jest.config.js and test/architecture.spec.ts.
  '^tools/ferretdb/patches\\.js$',
  '^test/infra/global-(setup|teardown)\\.js$',
  '^test/architecture/cruise\\.mjs$',
  TESTS,
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-contracts',
      comment: 'domain/ is pure: it uses its own folder and @pxxl/contracts, nothing else (no framework, driver or other lib)',
      severity: 'error',
      from: { path: '^(.+/domain)/', pathNot: TESTS },
      to: { pathNot: ['^$1/', '^libs/contracts/src/'] },
    },
    {
      name: 'use-cases-never-import-drivers',
      comment: 'commands and queries reach Kafka and MongoDB through ports, implemented in infrastructure/',
      severity: 'error',
      from: { path: USE_CASE_FOLDERS, pathNot: TESTS },
      to: { path: [...DRIVERS, '/infrastructure/'] },
    },
    {
      name: 'use-cases-verify-through-a-port',
      comment: 'a use case asks the verification port (@pxxl/verification); bearer-auth is the guard its slice\'s controller puts in front',
      severity: 'error',
      from: { path: USE_CASE_FOLDERS, pathNot: [TESTS, SLICE_EDGE_FILES] },
      to: { path: VERIFICATION_EDGE },
    },
    {
      name: 'use-cases-never-import-the-edge',
      comment: 'a handler knows no HTTP, consumer or CLI; in a slice only its controller and DTOs do',
      severity: 'error',
      from: { path: USE_CASE_FOLDERS, pathNot: [TESTS, SLICE_EDGE_FILES] },
      to: { path: [EDGES, SLICE_EDGE_FILES] },
    },
    {
      name: 'queries-never-import-commands',
      comment: 'a read never depends on a write; what both need lives in the domain or a port',
      severity: 'error',
      from: { path: '/queries/', pathNot: TESTS },
      to: { path: '/commands/' },
    },
    {
      name: 'edges-never-import-infrastructure',
      comment: 'controllers and consumers dispatch to the command and query buses, never to adapters',
      severity: 'error',
      from: { path: '/(http|messaging)/', pathNot: TESTS },
      to: { path: '/infrastructure/' },
    },
    {
      name: 'infrastructure-never-imports-the-edge',
      comment: 'adapters implement ports; they know nothing of HTTP, consumers or the CLI (libs/http included)',
      severity: 'error',
      from: { path: ['/infrastructure/', DRIVER_LIBS], pathNot: TESTS },
      to: { path: EDGES },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: `${ROOT}libs/` },
      to: { path: `${ROOT}apps/` },
    },
    {
      name: 'apps-never-import-each-other',
      comment: 'what two apps share is a lib',
      severity: 'error',
      from: { path: `${ROOT}apps/([^/]+)/` },
      to: { path: `${ROOT}apps/`, pathNot: `${ROOT}apps/$1/` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'a file no entry point or test reaches is dead',
      severity: 'error',
      from: { path: ENTRY_POINTS },
      to: { path: `${ROOT}(apps|libs|scripts|test|bench|examples|bin|tools)/`, pathNot: [...ENTRY_POINTS, BROWSER_ASSETS], reachable: false },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: FIXTURES },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
