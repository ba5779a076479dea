/**
 * The piecewise-linear power trace the per-GPU and total figures integrate: power between two
 * readings is the straight line through them, held flat beyond the first and last; a window's
 * energy is the trapezoid over its ends and every reading inside. Expected values by hand.
 */
import { describe, expect, it } from 'vitest';
import { breakpoints, energyFigures, powerAt, windowJ, type PowerPoint } from '../../../src/main/telemetry/energy';

// 100 W at 0 ms, 300 W at 1000 ms, 300 W at 2000 ms, 100 W at 3000 ms, 200 W at 4000 ms.
const TRACE: PowerPoint[] = [
  { tMs: 0, watts: 100 },
  { tMs: 1000, watts: 300 },
  { tMs: 2000, watts: 300 },
  { tMs: 3000, watts: 100 },
  { tMs: 4000, watts: 200 },
];

describe('power on the piecewise-linear trace', () => {
  it('is the reading itself at each reading, at both ends and inside', () => {
    for (const p of TRACE) expect(powerAt(TRACE, p.tMs)).toBe(p.watts);
  });

  it('is the straight line between the readings around it, in every segment', () => {
    expect(powerAt(TRACE, 250)).toBe(150);
    expect(powerAt(TRACE, 1500)).toBe(300);
    expect(powerAt(TRACE, 2750)).toBe(150);
    expect(powerAt(TRACE, 3100)).toBeCloseTo(110, 12);
    expect(powerAt(TRACE, 3999)).toBeCloseTo(199.9, 12);
  });

  it('is held flat before the first reading and after the last', () => {
    expect(powerAt(TRACE, -500)).toBe(100);
    expect(powerAt(TRACE, 9000)).toBe(200);
  });

  it('is the later reading where two share an instant, and NaN with no readings', () => {
    const step: PowerPoint[] = [{ tMs: 0, watts: 50 }, { tMs: 10, watts: 50 }, { tMs: 10, watts: 80 }, { tMs: 20, watts: 80 }];
    expect(powerAt(step, 15)).toBe(80);
    expect(powerAt([], 5)).toBeNaN();
    expect(powerAt([{ tMs: 5, watts: 42 }], 100)).toBe(42);
  });
});

describe('the instants a window is integrated over', () => {
  it('are its ends and every reading strictly inside, of all traces, sorted, once each', () => {
    const other: PowerPoint[] = [{ tMs: 500, watts: 1 }, { tMs: 1000, watts: 1 }, { tMs: 5000, watts: 1 }];
    expect(breakpoints([TRACE, other], 1000, 3500)).toEqual([1000, 2000, 3000, 3500]);
    expect(breakpoints([TRACE, other], 400, 3500)).toEqual([400, 500, 1000, 2000, 3000, 3500]);
    expect(breakpoints([TRACE], -1, 5000)).toEqual([-1, 0, 1000, 2000, 3000, 4000, 5000]);
  });
});

describe('energy over a window', () => {
  it('integrates the trace with the edges interpolated, not dropped', () => {
    // 0.25–1 s: (150+300)/2·0.75 = 168.75 J; 1–2 s: 300 J; 2–2.75 s: (300+150)/2·0.75 = 168.75 J.
    expect(windowJ(TRACE, 250, 2750)).toBeCloseTo(637.5, 9);
    // Beyond the readings the power is held: 1 s at 200 W after the last.
    expect(windowJ(TRACE, 4000, 5000)).toBeCloseTo(200, 9);
    expect(windowJ(TRACE, 0, 4000)).toBeCloseTo(200 + 300 + 200 + 150, 9);
  });

  it('gives figures whose average is energy over time and whose net is above the idle power', () => {
    const f = energyFigures({ totalJ: 850, durationMs: 4000, inferences: 1000, peakW: 300, idleW: 100 });
    expect(f).toEqual({ totalJ: 850, averageW: 212.5, peakW: 300, idleW: 100, netJ: 450, perInferenceMj: 850, netPerInferenceMj: 450, inferencesPerJ: 1000 / 850 });
    expect(energyFigures({ totalJ: 100, durationMs: 4000, inferences: 0, idleW: 100 })).toMatchObject({ netJ: 0, netPerInferenceMj: null, perInferenceMj: 0 });
  });
});
