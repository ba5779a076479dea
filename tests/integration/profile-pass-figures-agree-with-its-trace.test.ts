/**
 * A profiled run's kernel time is set beside the profiling pass's own mean, read from the same
 * trace, never beside the measured run's mean: the pass runs apart, with the profiler slowing it,
 * so its kernel time can exceed the run's mean (the contradiction a reviewer saw on screen).
 * Checked against an independent reading of the trace file a real run wrote.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { SQUEEZENET } from '../helpers/temp-home';
import { runToJson } from '../../src/shared/run-json-from-run';
import { EXPORTERS } from '../../src/shared/export';
import { profilePassSentence } from '../../src/shared/profile-words';
import { formatMs } from '../../src/shared/format';

const studio = useInProcessStudio();
const stop = { warmupIterations: 2, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 30_000 };

interface TraceEvent {
  cat?: string;
  name: string;
  ts?: number;
  dur?: number;
}

describe("a profiled run's kernel time", () => {
  it("is a share of the profiling pass's own mean, as the trace file has them", async () => {
    const { runId } = await studio.api.call('runs.start', { config: { modelPath: SQUEEZENET, stop, profile: true, telemetry: { enabled: false } } });
    const detail = await studio.api.call('runs.wait', { runId });
    expect(detail.run.status).toBe('completed');
    const profile = 'results' in detail.run ? detail.run.results?.profile : undefined;
    if (!profile) throw new Error('the run has no profile');

    // Independently: the last `iterations` model_run events are the measured ones of the pass.
    const events = JSON.parse(readFileSync(profile.traceFile, 'utf8')) as TraceEvent[];
    const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
    const measured = runs.slice(-profile.iterations);
    expect(measured.length).toBe(profile.iterations);
    const firstMeasuredTs = measured[0]?.ts ?? 0;
    const passMeanMs = measured.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000 / measured.length;
    const kernelMs = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time') && (e.ts ?? 0) >= firstMeasuredTs).reduce((a, e) => a + (e.dur ?? 0), 0) / 1000 / measured.length;

    expect(profile.passMeanMs).toBeCloseTo(passMeanMs, 9);
    expect(profile.kernelMsPerIteration).toBeCloseTo(kernelMs, 9);
    // Sequential execution: the kernels are part of each iteration's wall time, never more.
    expect(profile.kernelMsPerIteration).toBeLessThanOrEqual(passMeanMs);

    const sentence = profilePassSentence(profile);
    expect(sentence).toContain(`mean ${formatMs(passMeanMs)} per iteration, ${formatMs(kernelMs)} of it in kernels`);
    const pct = Number(/\((\d+) %\)/.exec(sentence)?.[1]);
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThanOrEqual(100);

    // The text export and the node profile (the graph's legend) say the same.
    const text = EXPORTERS.text.render([runToJson(detail.run, detail.warnings, 'dyno@test')]);
    expect(String(text)).toContain(sentence.replace(/^profiling pass \(\d+ iterations, /, 'profiling pass ('));
    const nodes = await studio.api.call('runs.nodeProfile', { runId });
    expect(nodes.passMeanMs).toBeCloseTo(passMeanMs, 9);
  });
});
