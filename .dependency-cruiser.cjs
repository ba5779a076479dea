/**
 * Import rules for src/ (run by `npm run lint`): no cycles anywhere, src/shared depends on
 * nothing else in src, and inside src/main the layers only point down:
 *   index.ts (Electron entry), cli → serve → studio → executor → child → {engine, models, telemetry, store}
 * The studio also uses the bottom layer directly, and models may use engine helpers, never the
 * reverse. So the engine can be tested and reused without the studio, and the worker process
 * (child/) loads only what a benchmark needs.
 */
const layer = (name, mayNotImport, comment) => ({
  name: `layers-${name}`,
  severity: 'error',
  comment,
  from: { path: `^src/main/${name}/` },
  to: { path: `^src/main/(${mayNotImport.join('|')})(/|\\.ts$)` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide which module owns what, and make load order matter.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'shared-is-self-contained',
      severity: 'error',
      comment: 'src/shared is the contract every process loads: within src it imports only src/shared (ESLint keeps Node built-ins out).',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'main-has-no-front-end',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^src/(renderer|preload)/' },
    },
    {
      name: 'child-imports-only-engine-models-shared',
      severity: 'error',
      comment: 'The worker process (and the helpers that fork it) sit just above the engine.',
      from: { path: '^src/main/child/' },
      to: { path: '^src/', pathNot: '^src/(main/(child|engine|models)|shared)/' },
    },
    {
      name: 'engine-below-models',
      severity: 'error',
      comment: 'models reads graphs with engine helpers; the engine never needs models (that was a folder cycle).',
      from: { path: '^src/main/engine/' },
      to: { path: '^src/main/models/' },
    },
    layer('cli', ['index'], 'The CLI is a front end: only the Electron entry is beside it.'),
    layer('serve', ['cli'], 'dyno serve is started by the CLI, not the other way round.'),
    layer('studio', ['cli', 'serve'], 'The studio serves every front end and knows none.'),
    layer('executor', ['cli', 'serve', 'studio'], 'Executors measure; the studio drives them.'),
    ...['engine', 'models', 'telemetry', 'store'].map((name) =>
      layer(name, ['cli', 'serve', 'studio', 'executor', 'child'], 'The bottom layer knows nothing of what drives it.'),
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
