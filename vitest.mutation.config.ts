/**
 * The unit tests of the measurement core only, for `npm run test:mutation` (stryker.config.mjs):
 * statistics, the stop rule, the Server verdict, run comparison, energy and exit codes. Kept
 * apart from vitest.config.ts so Stryker runs a few fast files per mutant instead of the whole suite.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'mutation',
    environment: 'node',
    // Instrumented code runs several times slower: the seeded coverage simulation (0.4 s plain)
    // passed Stryker's dry run on a quiet machine and timed out at vitest's 5 s default on a busy one.
    testTimeout: 60_000,
    include: [
      'tests/unit/shared/stats-*.test.ts',
      'tests/unit/shared/percentile-supported-from-loadgen-counts.test.ts',
      'tests/unit/shared/latency-summary-edge-cases.test.ts',
      'tests/unit/shared/compare-*.test.ts',
      'tests/unit/main/timing-loop-*.test.ts',
      'tests/unit/main/server-verdict-*.test.ts',
      'tests/unit/main/exit-code-*.test.ts',
      'tests/unit/telemetry/energy-*.test.ts',
      'tests/unit/telemetry/power-integral-and-per-inference-boundaries.test.ts',
    ],
  },
});
