/**
 * `--memory-cap` ends a run whose model needs more memory than the worker was given, and only
 * that run: the cap is the worker's own RLIMIT_DATA, so the allocation fails inside the worker
 * (never the kernel's OOM killer picking some other process), the run fails saying "out of
 * memory", the samples stored until then stay, and the studio runs the next benchmark. Real ONNX
 * Runtime sessions over generated models whose memory needs are known in advance.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/main/models/zoo/onnx-builder';
import type { RunConfigInput } from '../../src/shared/run-config';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { CONV2D } from '../helpers/temp-home';
import { corpusPath } from '../helpers/onnx-corpus';

const studio = useInProcessStudio();
const onLinux = process.platform === 'linux';

/** Y = concat(A × 8) for A [n, n]: at n = 4000 the input is 64 MB and the output 512 MB. */
function concatModel(file: string): string {
  const g = new GraphBuilder('wide-concat');
  const a = g.input('a', ['n', 'n']);
  g.output(g.op('Concat', Array<string>(8).fill(a), { axis: 0 }, 'y'), ['m', 'n']);
  writeFileSync(file, g.toBytes({ version: 'test' }));
  return file;
}

/**
 * Y = W[idx] with W = Expand(1, [96M]): constant folding makes W a 384 MB initializer when the
 * session is created, from a file of a few hundred bytes. One session fits a 720 MiB cap, a second
 * one (the profiled pass, after the measured iterations) does not.
 */
function foldedWeightModel(file: string): string {
  const g = new GraphBuilder('folded-weight');
  const idx = g.input('idx', [1], 'int64');
  const w = g.op('Expand', [g.scalar('one', 1), g.ints('shape', [96_000_000])], {}, 'w');
  g.output(g.op('Gather', [w, idx], { axis: 0 }, 'y'), [1]);
  writeFileSync(file, g.toBytes({ version: 'test' }));
  return file;
}

const stop = (n: number, memoryCapMiB?: number): RunConfigInput['stop'] => ({
  warmupIterations: 1,
  minIterations: n,
  maxIterations: n,
  minDurationMs: 0,
  maxDurationMs: 60_000,
  ...(memoryCapMiB !== undefined ? { memoryCapMiB } : {}),
});

// One intra-op thread: every ORT thread's stack counts against RLIMIT_DATA, so the margins above
// must not depend on the machine's core count.
const session = { intraOpThreads: 1 };

describe.runIf(onLinux)('a memory cap', () => {
  it('fails an inference that needs more than the cap as out of memory, and the next run works', async () => {
    const model = concatModel(join(studio.home, 'concat.onnx'));
    const { runId } = await studio.api.call('runs.start', { config: { modelPath: model, dims: { n: 4000 }, session, stop: stop(5, 400), inputs: { kind: 'zeros' } } });
    const { run } = await studio.api.call('runs.wait', { runId });
    expect(run.status).toBe('failed');
    expect(run.status === 'failed' && run.error).toMatch(/^The run ran out of memory under its memory cap of 400 MiB \(--memory-cap\): the Concat node 'y' asked for \d+ MiB more\./);

    const next = await studio.api.call('runs.start', { config: { modelPath: CONV2D, stop: stop(20) } });
    expect((await studio.api.call('runs.wait', { runId: next.runId })).run.status).toBe('completed');
  }, 120_000);

  it('keeps the samples measured before the memory ran out', async () => {
    const model = foldedWeightModel(join(studio.home, 'folded.onnx'));
    const { runId } = await studio.api.call('runs.start', {
      config: { modelPath: model, session, stop: stop(200, 720), inputs: { kind: 'zeros' }, profile: true },
    });
    const { run } = await studio.api.call('runs.wait', { runId });
    expect(run.status).toBe('failed');
    expect(run.status === 'failed' && run.error).toMatch(/^The run ran out of memory under its memory cap of 720 MiB \(--memory-cap\)/);
    // The 200 measured iterations were stored as they came; the failure (in the profiled pass's
    // second session) took none of them away.
    const series = await studio.api.call('runs.series', { runId, maxPoints: 1_000 });
    expect(series.totalPoints).toBe(201);

    const next = await studio.api.call('runs.start', { config: { modelPath: model, session, stop: stop(20, 720), inputs: { kind: 'zeros' } } });
    expect((await studio.api.call('runs.wait', { runId: next.runId })).run.status).toBe('completed');
  }, 120_000);

  it('names the cap when the session itself cannot be created under it', async () => {
    // A few-KB corpus model: under 100 MiB ONNX Runtime's session setup (its threads, its
    // telemetry) fails before any weight matters, which in a worker is a C++ abort (SIGABRT).
    const { runId } = await studio.api.call('runs.start', { config: { modelPath: corpusPath('light/light_bvlc_alexnet.onnx'), stop: stop(5, 100) } });
    const { run } = await studio.api.call('runs.wait', { runId });
    expect(run.status).toBe('failed');
    expect(run.status === 'failed' && run.error).toMatch(/^The run ran out of memory under its memory cap of 100 MiB \(--memory-cap\)/);
    expect(run.status === 'failed' && run.error).not.toMatch(/or a crash/);

    const next = await studio.api.call('runs.start', { config: { modelPath: CONV2D, stop: stop(20) } });
    expect((await studio.api.call('runs.wait', { runId: next.runId })).run.status).toBe('completed');
  }, 120_000);

  it('is refused below 64 MiB, naming the setting', async () => {
    await expect(studio.api.call('runs.start', { config: { modelPath: CONV2D, stop: stop(1, 10) } })).rejects.toThrow(/Memory cap \(--memory-cap\)/);
  });
});
