/**
 * The held-open warning counts runs as the run's summary does: a warm-up whose output was held
 * open is not one of "N of M runs" (it said 4 of 4 beside a summary of 3 runs).
 */
import { describe, expect, it } from 'vitest';
import { commandWarnings } from '../../../src/shared/warnings';
import type { CommandRunRecord } from '../../../src/shared/command/results';

function run(phase: CommandRunRecord['phase'], i: number, outputHeldOpen: boolean): CommandRunRecord {
  return { phase, i, tMs: 0, wallMs: 10, userMs: null, sysMs: null, peakRssBytes: null, exitCode: 0, metrics: {}, targetS: {}, series: [], ...(outputHeldOpen ? { outputHeldOpen } : {}) };
}

describe('the output-held-open warning', () => {
  it('counts measured runs only, warm-ups left out of both figures', () => {
    const runs = [run('warmup', 0, true), run('measure', 0, true), run('measure', 1, false), run('measure', 2, true)];
    const held = commandWarnings({ neverMatched: [], runs }).find((w) => w.code === 'output-held-open');
    expect(held).toMatchObject({ code: 'output-held-open', runs: 2 });
    expect(held?.message).toContain('(2 of 3 runs)');
  });

  it('is not raised when only a warm-up held its output open', () => {
    const runs = [run('warmup', 0, true), run('measure', 0, false)];
    expect(commandWarnings({ neverMatched: [], runs })).toEqual([]);
  });
});
