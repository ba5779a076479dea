// `npm run test:mutation:compare`: the comparison engine (shared/compare/) apart from the
// measurement core, because its 1,661 mutants take hours on a 2-core machine and its A/A tests
// are statistical (each runs hundreds of comparisons), so they cost minutes a mutant when
// instrumented. Same runner and settings as stryker.config.mjs otherwise.
import core from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...core,
  mutate: [
    'src/shared/compare/mann-whitney.ts',
    'src/shared/compare/t-tests.ts',
    'src/shared/compare/distributions.ts',
    'src/shared/compare/bootstrap.ts',
    'src/shared/compare/verdict.ts',
    'src/shared/compare/compare-sides.ts',
    'src/shared/compare/metric-verdict.ts',
  ],
  htmlReporter: { fileName: 'test-results/mutation/compare.html' },
};
