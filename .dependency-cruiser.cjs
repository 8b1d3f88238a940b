/**
 * The import rules of semibench (docs/architecture.md explains the rooms). `pnpm check:deps` runs
 * this over the TypeScript sources, type-only imports included, and fails on any violation.
 */
const H = '^packages/harness/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Imports flow one way (dataset → runner → predictions → scores → report); a cycle means a type or helper lives in the wrong room.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-generate',
      severity: 'error',
      comment: 'generate/ is an orchestrator (the generation pipeline). Shared numerics live in util/, imaging/ or columns/; only the public root re-exports generate/.',
      from: { path: '^packages/', pathNot: [`${H}generate/`, `${H}index\\.ts$`] },
      to: { path: `${H}generate/` },
    },
    {
      name: 'no-reaching-up-to-the-orchestrator',
      severity: 'error',
      comment: 'Report, store, run files, scoring, merge, diff and resume read run/ for records and types, never evaluate.ts or runner.ts.',
      from: { path: [`${H}(report|store|run|scoring|tables|columns|imaging|util)/`, `${H}(merge|diff|resume|shard)\\.ts$`] },
      to: { path: `${H}(evaluate|runner)\\.ts$` },
    },
    {
      name: 'run-is-a-low-layer',
      severity: 'error',
      comment: 'run/ holds the run directory as data; it may use the contract, util/, plugin sources and the scoring types/defaults, and the blindness record types (blind/policy.ts, a leaf), nothing above.',
      from: { path: `${H}run/` },
      to: {
        path: `${H}`,
        pathNot: [`${H}run/`, `${H}util/`, `${H}contract\\.ts$`, `${H}dataset\\.ts$`, `${H}plugins/loader\\.ts$`, `${H}scoring/(types|defaults)\\.ts$`, `${H}blind/policy\\.ts$`],
      },
    },
    {
      name: 'columns-and-util-are-leaves',
      severity: 'error',
      comment: 'The column catalogue and util/ are imported by every room, so they import only each other and the contract.',
      from: { path: `${H}(columns|util)/` },
      to: { path: `${H}`, pathNot: [`${H}(columns|util)/`, `${H}contract\\.ts$`] },
    },
    {
      name: 'plugin-entry-stays-light',
      severity: 'error',
      comment: '@semibench/harness/plugin must not load the store, the hub, reports or the orchestrator.',
      from: { path: `${H}(plugin|contract)\\.ts$` },
      to: { path: [`${H}(store|hub|report|generate|tables|conformance)/`, `${H}(evaluate|runner|merge|diff|resume|index)\\.ts$`], reachable: true },
    },
    {
      name: 'plugins-use-the-plugin-entry',
      severity: 'error',
      comment: 'Built-in plugin packages import the harness only through @semibench/harness/plugin (or the types-only /contract).',
      from: { path: '^packages/plugin-[^/]+/src/' },
      to: { path: '^packages/harness/', pathNot: '^packages/harness/(src|dist)/(plugin|contract)\\.(ts|js|d\\.ts)$' },
    },
    {
      name: 'commands-are-thin-and-separate',
      severity: 'error',
      comment: 'One thin file per CLI command: shared flags live in cli/src/flags/, shared helpers in cli/src/support/; no command imports another, and flags/support never import a command.',
      from: { path: '^packages/cli/src/' },
      to: { path: '^packages/cli/src/commands/' },
    },
    {
      name: 'plugins-do-not-import-the-cli',
      severity: 'error',
      from: { path: '^packages/plugin-' },
      to: { path: '^packages/cli/' },
    },
  ],
  options: {
    includeOnly: '^packages/[^/]+/src/',
    exclude: { path: ['/dist/', '/node_modules/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default', 'node'],
      extensions: ['.ts', '.js', '.d.ts'],
    },
    preserveSymlinks: false,
  },
};
