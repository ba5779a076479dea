/**
 * Energy arithmetic at the edges a mutation run found unpinned: samples closer than a second
 * apart (ms → s conversion), no idle baseline, and zero duration, inferences or energy, which
 * must give 0 rather than ∞ or NaN.
 */
import { describe, expect, it } from 'vitest';
import { energyFigures, trapezoidJ } from '../../../src/main/telemetry/energy';

describe('energy figures at their boundaries', () => {
  it('integrates samples 250 ms apart: 40 W for 0.5 s is 20 J', () => {
    expect(trapezoidJ([{ tMs: 0, watts: 40 }, { tMs: 250, watts: 40 }, { tMs: 500, watts: 40 }])).toBe(20);
  });
  it('has no net energy without an idle baseline', () => {
    expect(energyFigures({ totalJ: 30, durationMs: 2000, inferences: 600 })).toMatchObject({ idleW: null, netJ: null, peakW: null });
  });
  it('never goes below zero net of idle', () => {
    expect(energyFigures({ totalJ: 5, durationMs: 1000, inferences: 1, idleW: 10 }).netJ).toBe(0);
  });
  it('zero duration, inferences or energy give 0 per second, per inference and per joule', () => {
    expect(energyFigures({ totalJ: 30, durationMs: 0, inferences: 0 })).toMatchObject({ averageW: 0, perInferenceMj: 0 });
    expect(energyFigures({ totalJ: 0, durationMs: 1000, inferences: 10 })).toMatchObject({ averageW: 0, perInferenceMj: 0, inferencesPerJ: 0 });
  });
});
