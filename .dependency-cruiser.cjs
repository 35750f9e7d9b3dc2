// The import boundaries of Utväg, checked by `npm run check:boundaries` (part of `npm run validate`
// and of `./utvag test`, so CI runs it too). What each rule protects is said in its comment; how a
// module is laid out is in docs/HOW-TO-ADD-A-MODULE.md.
//
// There is no baseline of tolerated violations (the last known ones were removed module by
// module): every violation fails. Fix the import; do not add an exception or a baseline.

const SERVER = '^packages/server/src/';
const MODULES = `${SERVER}modules/`;

/** Files that may build and run SQL: the repositories and the database layer itself. */
const SQL_ALLOWED = [`${SERVER}db/`, '\\.repository\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment:
        'An import cycle makes load order matter and hides a layering fault: split the shared part into ' +
        'a file both sides import (e.g. db/core.table.ts, service-context.ts).',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'sql-only-in-repositories',
      severity: 'error',
      comment:
        'SQL (drizzle query building, the sql tag, the tables) lives in *.repository.ts and db/ only; a ' +
        'service calls a repository function. Type-only imports (a row type) are fine.',
      from: { path: SERVER, pathNot: SQL_ALLOWED },
      to: {
        path: ['^node_modules/drizzle-orm/', `${SERVER}db/(schema|[^/]+\\.table)\\.ts$`],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-other-module-internals',
      severity: 'error',
      comment:
        "A module's repository, routes and presenter are its own: another module calls its services " +
        '(or its named helpers), never its SQL, HTTP or response shaping.',
      from: { path: `${MODULES}([^/]+)/` },
      to: {
        path: `${MODULES}[^/]+/[^/]+\\.(repository|routes|presenter)\\.ts$`,
        pathNot: `${MODULES}$1/`,
      },
    },
    {
      name: 'http-layer-on-top',
      severity: 'error',
      comment:
        'The HTTP layer (http/, app.ts) drives the modules; below the routes nothing imports it. Services ' +
        'take the ServiceContext from service-context.ts. (http/validation-messages.ts is pure zod → AppError ' +
        'and is shared with services until the contract work moves it to the domain.)',
      from: { path: [MODULES, `${SERVER}db/`, `${SERVER}service-context\\.ts$`], pathNot: '\\.(routes|schemas)\\.ts$' },
      to: { path: [`${SERVER}http/`, `${SERVER}app\\.ts$`], pathNot: `${SERVER}http/validation-messages\\.ts$` },
    },
    {
      name: 'service-context-is-neutral',
      severity: 'error',
      comment: 'service-context.ts holds types every module uses; it imports no module (that made a cycle).',
      from: { path: `${SERVER}service-context\\.ts$` },
      to: { path: MODULES },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'packages/domain is pure TypeScript without I/O, shared by server and web: it imports neither.',
      from: { path: '^packages/domain/' },
      to: {
        path: [
          '^packages/(server|web)/',
          '^node_modules/(drizzle-orm|pg|fastify|react)/',
          '^(node:)?(fs|net|http|child_process)$',
        ],
      },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP only; it may share the domain, never server code.',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.test\\.tsx?$', '^packages/server/test/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
