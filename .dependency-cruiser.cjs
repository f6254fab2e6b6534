/**
 * The house's import rules (npm run check:boundaries; docs/ARCHITECTURE.md "Layering rules").
 * A module is used by others only through its face (index.ts); platform code knows no module;
 * inside a module, a layer never reaches up (a repository does not call its service, a route does not
 * run SQL through the repository).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment: 'Another module is used through its face (modules/<name>/index.ts) only, never its files.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'app-uses-faces',
      comment: 'app.ts, bootstrap.ts and main.ts build and seed the modules through their faces too.',
      severity: 'error',
      from: { path: '^src/server/[^/]+\\.ts$' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: ['^src/server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'Platform code is cross-cutting and knows no business module.',
      severity: 'error',
      from: { path: '^src/server/platform/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'repository-reaches-up',
      comment: 'A repository holds SQL only: it does not call services, policies, presenters or routes.',
      severity: 'error',
      from: { path: '(^|/)repository\\.ts$' },
      to: { path: '(^|/)(service|policy|presenter|routes)\\.ts$' },
    },
    {
      name: 'route-runs-sql',
      comment: "Routes are thin: schema in, service, presenter out. SQL is the repository's, reached through the service.",
      severity: 'error',
      from: { path: '(^|/)routes\\.ts$' },
      to: { path: '((^|/)repository\\.ts$|^src/server/platform/db/sql\\.ts$)' },
    },
    {
      name: 'service-knows-no-route',
      comment: 'Services do not depend on HTTP routes.',
      severity: 'error',
      from: { path: '(^|/)(service|policy|presenter|schemas)\\.ts$' },
      to: { path: '(^|/)routes\\.ts$' },
    },
    {
      name: 'web-and-server-apart',
      comment: 'The web reaches the server over HTTP only (its types are generated into src/web/api).',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-knows-no-web',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles between files make the load order matter.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // TypeScript 7 has no compiler API to parse with; swc reads the TypeScript files
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
  },
};
