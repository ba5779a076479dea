import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioEvent } from '../../../src/shared/contract';
import type { Run } from '../../../src/shared/run';
import { TelemetrySampleSchema, type TelemetrySample } from '../../../src/shared/telemetry';
import { batchLiveEvents } from '../../../src/main/studio/live-event-batcher';
import { configFor } from './queue-fixture';

const sample = (i: number) => ({ phase: 'measure' as const, i, tMs: i * 10, latencyMs: 5 + i });
const progress = (measuredDone: number) => ({ phase: 'measure' as const, warmupDone: 3, measuredDone, elapsedMs: measuredDone * 10, fraction: measuredDone / 100 });
const telemetry = (tMs: number): TelemetrySample =>
  TelemetrySampleSchema.parse({ tMs, cpuUtilPct: 50, perCorePct: [50, 50], memUsedBytes: 1e9, workerRssBytes: 2e8, workerCpuPct: 100, cpuPowerW: null });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('live events to a front end', () => {
  it('go out once per interval: one samples event with every sample, one telemetry event, the latest progress', () => {
    const sent: StudioEvent[] = [];
    const messages: StudioEvent[][] = [];
    const b = batchLiveEvents((es) => {
      messages.push(es);
      sent.push(...es);
    }, 1000);
    for (let k = 0; k < 4; k++) {
      b.push({ type: 'run.samples', runId: 'r', samples: [sample(2 * k), sample(2 * k + 1)] });
      b.push({ type: 'run.progress', runId: 'r', progress: progress(2 * k + 2) });
      b.push({ type: 'run.telemetry', runId: 'r', samples: [telemetry(k * 100)] });
    }
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent.map((e) => e.type)).toEqual(['run.samples', 'run.telemetry', 'run.progress']);
    // One message for the transport: the page handles the batch in one task.
    expect(messages).toHaveLength(1);
    const [samples, tele, prog] = sent;
    expect(samples?.type === 'run.samples' && samples.samples.map((s) => s.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(tele?.type === 'run.telemetry' && tele.samples.map((s) => s.tMs)).toEqual([0, 100, 200, 300]);
    expect(prog?.type === 'run.progress' && prog.progress.measuredDone).toBe(8);
    // Nothing held: no further wake-ups.
    vi.advanceTimersByTime(5000);
    expect(messages).toHaveLength(1);
  });

  it('send what is held before a run state change, so the end never overtakes the last samples', () => {
    const sent: StudioEvent[][] = [];
    const b = batchLiveEvents((es) => sent.push(es), 1000);
    b.push({ type: 'run.samples', runId: 'r', samples: [sample(0)] });
    const run: Run = { id: 'r', status: 'queued', config: configFor('a'), modelName: 'a.onnx', createdAt: new Date(0).toISOString() };
    b.push({ type: 'run.updated', run });
    // In one message, held samples first; a state change with nothing held goes alone.
    expect(sent.map((es) => es.map((e) => e.type))).toEqual([['run.samples', 'run.updated']]);
    vi.advanceTimersByTime(2000);
    b.push({ type: 'run.updated', run });
    expect(sent.map((es) => es.map((e) => e.type))).toEqual([['run.samples', 'run.updated'], ['run.updated']]);
  });

  it('keep runs apart', () => {
    const sent: StudioEvent[] = [];
    const b = batchLiveEvents((es) => sent.push(...es), 1000);
    b.push({ type: 'run.samples', runId: 'a', samples: [sample(0)] });
    b.push({ type: 'run.samples', runId: 'b', samples: [sample(1)] });
    b.flush();
    b.flush(); // nothing held: nothing sent, not an empty list
    expect(sent.map((e) => (e.type === 'run.samples' ? `${e.runId}:${e.samples.map((s) => s.i).join()}` : e.type))).toEqual(['a:0', 'b:1']);
  });

  it('hold a command’s output per stream, bounded and cut at a line, and its metric points grouped by run', () => {
    const sent: StudioEvent[] = [];
    const b = batchLiveEvents((es) => sent.push(...es), 1000);
    const out = (stream: 'stdout' | 'stderr', text: string, i = 0) => ({ type: 'run.output' as const, runId: 'r', output: { phase: 'measure' as const, i, stream, text, dropped: 0 } });
    const line = `${'x'.repeat(99)}\n`;
    for (let k = 0; k < 300; k++) b.push(out('stdout', line, k)); // 30 000 characters
    b.push(out('stderr', 'warn\n'));
    const metrics = (i: number, step: number) => ({ type: 'run.metrics' as const, runId: 'r', metrics: { phase: 'measure' as const, i, points: [{ name: 'loss', value: 1 / step, step, tS: step }] } });
    b.push(metrics(0, 1));
    b.push(metrics(0, 2));
    b.push(metrics(1, 1));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1000);
    const outputs = sent.flatMap((e) => (e.type === 'run.output' ? [e.output] : []));
    expect(outputs.map((o) => o.stream)).toEqual(['stdout', 'stderr']);
    const [stdout] = outputs;
    // The tail the page keeps, whole lines only, with the count of what was left out.
    expect(stdout?.text.length).toBeLessThanOrEqual(16 * 1024);
    expect(stdout?.text.startsWith('x')).toBe(true);
    expect((stdout?.text.length ?? 0) + (stdout?.dropped ?? 0)).toBe(30_000);
    expect(stdout?.i).toBe(299);
    const runs = sent.flatMap((e) => (e.type === 'run.metrics' ? [`${e.metrics.i}:${e.metrics.points.map((p) => p.step).join()}`] : []));
    expect(runs).toEqual(['0:1,2', '1:1']);
  });
});
