import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/shared/format';
import { checkGates, gateProblem } from '../../../src/shared/optimizer/command/goal';
import { commandSummaryLines } from '../../../src/shared/command/summary-text';
import { spreadOf } from '../../../src/shared/command/results';
import { RunSchema } from '../../../src/shared/run';
import { summarizeLatencies } from '../../../src/shared/stats';
import { ENVIRONMENT } from '../../helpers/hand-made-runs';

describe('plain numbers (counts, printed metrics, limits someone set)', () => {
  it('print an integer as an integer and anything else with its significant digits', () => {
    expect(formatNumber(50)).toBe('50');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-3)).toBe('-3');
    expect(formatNumber(1_000_000)).toBe('1000000');
    expect(formatNumber(0.5)).toBe('0.5000');
    expect(formatNumber(12.3456)).toBe('12.35');
    expect(formatNumber(49.99999)).toBe('50.00');
    expect(formatNumber(0.01234, 3)).toBe('0.0123');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it("a gate on a count says 'steps 60 is past the limit 50 by 10', not '60.00 … 50.00'", () => {
    const broken = checkGates([{ metric: 'steps', op: '<=', value: 50 }], { steps: 60 }, {});
    expect(gateProblem(broken)).toBe('gate steps<=50: steps 60 is past the limit 50 by 10');
  });
});

describe("a command run's summary", () => {
  it('gives a count the program printed as an integer and a measured loss its digits', () => {
    const wall = [1200, 1210, 1190];
    const run = RunSchema.parse({
      id: 'r-cmd',
      modelName: 'train.py',
      createdAt: '2026-12-01T10:00:00.000Z',
      startedAt: '2026-12-01T10:00:01.000Z',
      finishedAt: '2026-12-01T10:00:05.000Z',
      status: 'completed',
      config: { modelPath: 'python train.py', command: { argv: ['python', 'train.py'] }, stop: { warmupIterations: 0, minIterations: 3, maxIterations: 3, minDurationMs: 0, maxDurationMs: 60_000 } },
      coldStart: { sessionCreateMs: 0, firstRunMs: 1200 },
      stats: summarizeLatencies(wall, { measuredWallMs: 3600 }),
      results: {
        memory: { peakRssBytes: 0 },
        inputs: [],
        samplesPerIteration: 1,
        stability: { stable: true, windowMediansMs: [1200, 1210, 1190] },
        environment: ENVIRONMENT,
        command: {
          commandLine: 'python train.py',
          runs: [],
          cpu: { userMs: null, sysMs: null },
          metrics: [
            { name: 'steps', final: spreadOf([50, 50, 50]) },
            { name: 'loss', final: spreadOf([0.25, 0.5, 0.75]) },
          ],
          targets: [],
          neverMatched: [],
          stdoutTail: '',
          stderrTail: '',
        },
      },
    });
    const lines = commandSummaryLines(run);
    expect(lines.find((l) => l.trim().startsWith('steps'))).toContain('steps     50 ± 0   (final value; min 50, max 50, 3 runs)');
    expect(lines.find((l) => l.trim().startsWith('loss'))).toContain('0.5000 ± 0.2500');
  });
});
