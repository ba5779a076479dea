/**
 * `dyno bench`'s exit code for every cause the README lists (Usage: "Exit codes: 0 ok, 1 error,
 * 3 regression beyond --fail-if-slower, outputs that differ, or a Server verdict that is not a
 * pass …; 130 cancelled"), and the order in which they win when several hold at once. The
 * integration test (tests/integration/cli-exit-codes-as-the-readme-lists.test.ts) checks the
 * same codes end to end through the CLI process.
 */
import { describe, expect, it } from 'vitest';
import { EXIT_CANCELLED, EXIT_ERROR, EXIT_OK, EXIT_REGRESSION, exitCodeFor } from '../../../src/main/cli/exit-codes';

describe('the exit codes the README lists', () => {
  it('has the numbers the README states', () => {
    expect([EXIT_OK, EXIT_ERROR, EXIT_REGRESSION, EXIT_CANCELLED]).toEqual([0, 1, 3, 130]);
  });

  it('is 0 for a completed run that broke no promise, with or without the verdicts', () => {
    expect(exitCodeFor({ status: 'completed' })).toEqual({ code: 0 });
    expect(exitCodeFor({ status: 'completed', baseline: { ratio: 1.08, ciLow: 1.049 }, failIfSlower: 5, serverPassed: true, checkPassed: true, targetsFailed: false })).toEqual({ code: 0 });
    // Faster than the baseline is never a regression.
    expect(exitCodeFor({ status: 'completed', baseline: { ratio: 0.7, ciLow: 0.65 }, failIfSlower: 0 })).toEqual({ code: 0 });
  });

  it('is 1 for a failed run', () => {
    expect(exitCodeFor({ status: 'failed' })).toEqual({ code: 1 });
    expect(exitCodeFor({ status: 'failed', serverPassed: false, checkPassed: false, targetsFailed: true, baseline: { ratio: 1.5, ciLow: 1.4 }, failIfSlower: 5 })).toEqual({ code: 1 });
  });

  it('is 130 for a run that did not complete (cancelled with Ctrl+C, or interrupted)', () => {
    expect(exitCodeFor({ status: 'aborted' })).toEqual({ code: 130 });
    expect(exitCodeFor({ status: 'interrupted' })).toEqual({ code: 130 });
    // What a cancelled run measured is never judged: no regression code for it.
    expect(exitCodeFor({ status: 'aborted', baseline: { ratio: 1.5, ciLow: 1.4 }, failIfSlower: 5, serverPassed: false, targetsFailed: true })).toEqual({ code: 130 });
  });

  describe('3: a regression', () => {
    it('when the 95 % interval of the median ratio lies beyond --fail-if-slower, with the line that says by how much', () => {
      expect(exitCodeFor({ status: 'completed', baseline: { ratio: 1.0725, ciLow: 1.06 }, failIfSlower: 5 })).toEqual({
        code: 3,
        reason: 'regression: median 7.3% slower than the baseline (limit 5%): at least 6.0% by the 95 % interval.',
      });
    });
    it("only when the interval's lower bound is strictly beyond the limit: a median beyond it with the bound at it passes", () => {
      expect(exitCodeFor({ status: 'completed', baseline: { ratio: 1.2, ciLow: 1.05 }, failIfSlower: 5 }).code).toBe(0);
      expect(exitCodeFor({ status: 'completed', baseline: { ratio: 1.2, ciLow: 1.050001 }, failIfSlower: 5 }).code).toBe(3);
      // An interval that cannot be computed never fails a build.
      expect(exitCodeFor({ status: 'completed', baseline: { ratio: 3, ciLow: null }, failIfSlower: 5 }).code).toBe(0);
    });
    it('not without --fail-if-slower, nor without a baseline to compare with', () => {
      expect(exitCodeFor({ status: 'completed', baseline: { ratio: 1.8, ciLow: 1.7 } }).code).toBe(0);
      expect(exitCodeFor({ status: 'completed', failIfSlower: 0 }).code).toBe(0);
    });
    it('for a failed --target (one not judged for want of samples does not fail)', () => {
      expect(exitCodeFor({ status: 'completed', targetsFailed: true })).toEqual({ code: 3 });
      expect(exitCodeFor({ status: 'completed', targetsFailed: false, serverPassed: true, checkPassed: true })).toEqual({ code: 0 });
    });
    it('for a Server verdict that is not a pass (over budget, too few queries, did not keep up)', () => {
      expect(exitCodeFor({ status: 'completed', serverPassed: false })).toEqual({ code: 3 });
      expect(exitCodeFor({ status: 'completed', serverPassed: false, checkPassed: true })).toEqual({ code: 3 });
    });
    it('for outputs that differ from the expected ones', () => {
      expect(exitCodeFor({ status: 'completed', checkPassed: false })).toEqual({ code: 3 });
      expect(exitCodeFor({ status: 'completed', serverPassed: true, checkPassed: false })).toEqual({ code: 3 });
    });
    it('says why on stderr only for --fail-if-slower (the Server and check verdicts are in the output)', () => {
      expect(exitCodeFor({ status: 'completed', baseline: { ratio: 1.1, ciLow: 1.08 }, failIfSlower: 5, serverPassed: false }).reason).toMatch(/^regression: median 10\.0% slower/);
    });
  });
});
