// Architecture rules, checked by test/architecture.spec.ts (folder rules, not name suffixes).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-domain',
      comment: 'domain/ is pure: no framework, driver or crypto library, and nothing from the outer layers',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        pathNot: '\\.spec\\.ts$',
        path: [
          'node_modules/(@nestjs|kafkajs|mongoose|mongodb|bcrypt|passport|fastify)',
          '/(commands|queries|http|infrastructure|cli)/',
        ],
      },
    },
    {
      name: 'use-cases-use-ports',
      comment: 'commands and queries depend on the domain and on ports, never on adapters (for HTTP see the next rule)',
      severity: 'error',
      from: { path: '/(commands|queries)/' },
      to: { path: '/(infrastructure|cli)/' },
    },
    {
      name: 'handlers-know-no-http',
      comment: "a use case's edge files (controller, request DTO, response) may use the shared http/ helpers; its handler and the rest may not",
      severity: 'error',
      from: { path: '/(commands|queries)/', pathNot: '\\.(controller|request\\.dto|response)\\.ts$' },
      to: { path: '/http/' },
    },
    {
      name: 'adapters-do-not-know-http',
      severity: 'error',
      from: { path: '/infrastructure/' },
      to: { path: '/(http|cli)/' },
    },
    {
      name: 'controllers-only-dispatch',
      comment: 'HTTP controllers talk to the command/query bus, not to adapters',
      severity: 'error',
      from: { path: '/http/' },
      to: { path: '/infrastructure/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec|\\.int-spec|\\.e2e-spec)\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
