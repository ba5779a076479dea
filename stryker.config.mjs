// `npm run test:mutation`: Stryker mutates the measurement core (statistics, the stop rule, the
// Server verdict, run comparison, energy, exit codes) and runs its unit tests against each
// mutant; a mutant no test notices is a promise the tests do not keep. Slow (minutes), so not in CI: run it
// before each release and keep the score the README states. The report is written to
// test-results/mutation/mutation.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/shared/stats.ts',
    'src/shared/binomial.ts',
    'src/shared/quantile-intervals.ts',
    'src/main/engine/timing-loop.ts',
    // The Server verdict (finish-run.ts's serverVerdict only delegates to it).
    'src/shared/server-verdict.ts',
    'src/main/telemetry/energy.ts',
    // `dyno bench`'s exit code (bench.ts only passes the run's verdicts to it).
    'src/main/cli/exit-codes.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine this was sized on has 2 cores shared with other work.
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'test-results/mutation/mutation.html' },
  ignorePatterns: ['out', 'test-results', '.native', 'playwright-report', 'docs', 'resources/models', 'tests/e2e', 'tests/integration'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
