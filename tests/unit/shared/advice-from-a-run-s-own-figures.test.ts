/**
 * The advice rules on a real stored run (SqueezeNet, CPU, 1 intra-op thread on this 2-core
 * machine, profiled: tests/fixtures/advice/) and on variants of it that change only the figure a
 * rule reads, so each rule is seen firing and staying silent. The GPU provider split comes from
 * a real ORT trace with its nodes' provider rewritten (the shape a CUDA run's trace has).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RunSchema, type Run } from '../../../src/shared/run';
import { adviceCommand, adviceConfig, adviceFor, type AdviceId, type CompletedRun } from '../../../src/shared/advice/advice';
import { summarizeTrace } from '../../../src/main/engine/profile-trace';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { RunJsonSchema } from '../../../src/shared/run-json';
import { parseBenchArgs } from '../../helpers/parse-bench-args';
import { HAND_MADE_RUNS } from '../../helpers/hand-made-runs';
import { vectorCpuFlags } from '../../../src/shared/telemetry';
import { int8WeightRangeFor } from '../../../src/main/models/transforms/int8-weight-range';
import { AVX2_EPYC, SAPPHIRE_RAPIDS, SKYLAKE_SP } from '../../helpers/cpu-flags';

const stored = JSON.parse(readFileSync(resolve('tests/fixtures/advice/squeezenet-cpu-1-thread.json'), 'utf8')) as { run: unknown };
const real = RunSchema.parse(stored.run) as CompletedRun;

/** The real run with some of its parts replaced (deep enough for the fields the rules read). */
function variant(edit: (r: CompletedRun) => void, base: CompletedRun = real): CompletedRun {
  const copy = structuredClone(base);
  edit(copy);
  return RunSchema.parse(copy) as CompletedRun;
}
/** The real run as if the machine had had a core to spare: 55 % busy, no other busy process. */
const spare = variant((r) => {
  if (r.results.telemetry) r.results.telemetry.cpu.avgUtilPct = 55;
  if (r.results.conditions) r.results.conditions.busyProcesses = [];
});
const spareVariant = (edit: (r: CompletedRun) => void): CompletedRun => variant(edit, spare);
const ids = (run: Run): AdviceId[] => adviceFor(run).map((a) => a.id);
const item = (run: Run, id: AdviceId) => {
  const found = adviceFor(run).find((a) => a.id === id);
  if (!found) throw new Error(`no ${id} advice; got ${ids(run).join(', ')}`);
  return found;
};
/** A quiet measurement: low CV, stable windows, no busy neighbours. */
const quiet = (r: CompletedRun): void => {
  r.stats.cvPct = 2;
  r.results.stability = { stable: true, windowMediansMs: [40, 40.5, 40.2] };
  if (r.results.conditions) r.results.conditions.busyProcesses = [];
};
const onCuda = (r: CompletedRun, utilPct: number | null): void => {
  r.config.session.executionProvider = 'cuda';
  r.results.environment.executionProvider = 'cuda';
  const t = r.results.telemetry;
  if (t) t.gpu = { ...t.gpu, available: true, avgUtilPct: utilPct };
};

describe('advice on a real run (SqueezeNet, 1 intra-op thread of 2 cores, profiled, busy machine)', () => {
  it('says what the run showed: a Conv-heavy FP32 model on a VNNI CPU and a noisy machine — not idle cores, for the machine had none', () => {
    expect(ids(real)).toEqual(['int8', 'noisy']);
    expect(ids(spare)).toContain('idle-cores');
  });
  it('idle cores: not while the machine was busy, nor while other processes took a core between them', () => {
    expect(ids(spareVariant((r) => r.results.telemetry && (r.results.telemetry.cpu.avgUtilPct = 95)))).not.toContain('idle-cores');
    expect(ids(spareVariant((r) => r.results.conditions && (r.results.conditions.busyProcesses = [{ pid: 1, name: 'make', cpuPct: 21 }, { pid: 2, name: 'cc1', cpuPct: 22 }])))).not.toContain('idle-cores');
    expect(ids(spareVariant((r) => r.results.conditions && (r.results.conditions.busyProcesses = [{ pid: 1, name: 'make', cpuPct: 25 }])))).toContain('idle-cores');
  });
  it('gives each item its measured figures and says "may", never a predicted gain', () => {
    for (const a of adviceFor(real)) {
      expect(a.evidence).toMatch(/\d/);
      expect(a.why).toMatch(/\bmay\b/);
      expect(`${a.title} ${a.why}`).not.toMatch(/\d+(\.\d+)?\s*(%|×|x)\s*(faster|lower|less|quicker|gain|speed)/i);
    }
  });
  it('idle cores: names the threads, the cores and the worker CPU it measured, and proposes all cores', () => {
    const a = item(spare, 'idle-cores');
    expect(a.evidence).toContain("1 intra-op thread on the worker's 2 cores");
    expect(a.evidence).toMatch(/the worker used \d+% of one core on average, of 200% it was allowed, and the machine's CPU was 55% busy/);
    expect(a.change).toEqual({ threads: 2 });
  });
  it("try it changes only that knob: the tried config equals the run's but for intra-op threads", () => {
    const tried = adviceConfig(real.config, { threads: 2 });
    expect(tried.session.intraOpThreads).toBe(2);
    expect({ ...tried, session: { ...tried.session, intraOpThreads: real.config.session.intraOpThreads } }).toEqual(real.config);
  });
  it('the CLI line for each item is `dyno bench` with that change, as the real parser reads it', () => {
    const line = adviceCommand(real.config, { threads: 2 });
    expect(line).toMatch(/^npx dyno bench \S+ .*--threads 2/);
    const args = (line ?? '').split(' ').slice(3);
    expect(parseBenchArgs(args)).toEqual(adviceConfig(real.config, { threads: 2 }));
  });
  it('INT8: the command converts the model first, then benchmarks the copy with the same settings', () => {
    const a = item(real, 'int8');
    expect(a.evidence).toMatch(/Conv took 86% of kernel time/);
    expect(a.evidence).toContain('avx512_vnni');
    const line = adviceCommand(real.config, a.change) ?? '';
    expect(line).toMatch(/^npx dyno convert \S+light_squeezenet\.onnx --to int8 && npx dyno bench \S+light_squeezenet\.int8\.onnx /);
    expect(line).toContain('--threads 1');
  });
  it('the run JSON carries the items with their command lines and still validates', () => {
    const json = RunJsonSchema.parse(runToJson(spare, [], 'dyno@test'));
    expect(json.advice?.map((a) => a.id)).toEqual(['idle-cores', 'int8', 'noisy']);
    expect(json.advice?.[0]?.command).toContain('--threads 2');
    // A file written before advice existed has no such field and is still a valid run.
    const { advice: _, ...older } = json;
    expect(RunJsonSchema.safeParse(older).success).toBe(true);
  });
});

describe('each rule stays silent without its evidence', () => {
  it('idle cores: not with threads on every core, nor without recorded conditions or threads, nor on a GPU run', () => {
    expect(ids(spareVariant((r) => ((r.results.intraOpThreads = 2), r.results.conditions && (r.results.conditions.intraOpThreads = 2))))).not.toContain('idle-cores');
    expect(ids(spareVariant((r) => delete r.results.conditions))).not.toContain('idle-cores');
    expect(ids(spareVariant((r) => (delete r.results.intraOpThreads, r.results.conditions && delete r.results.conditions.intraOpThreads)))).not.toContain('idle-cores');
    expect(ids(spareVariant((r) => onCuda(r, 80)))).not.toContain('idle-cores');
  });
  it('idle cores: not when the worker kept the cores busy anyway, and without telemetry it still says threads vs cores', () => {
    expect(ids(spareVariant((r) => r.results.telemetry && (r.results.telemetry.cpu.workerAvgCpuPct = 190)))).not.toContain('idle-cores');
    const bare = item(
      spareVariant((r) => delete r.results.telemetry),
      'idle-cores',
    );
    expect(bare.evidence).not.toContain('worker used');
  });
  it('oversubscribed threads: proposes as many threads as cores, and idle cores does not fire', () => {
    const r = variant((x) => ((x.results.intraOpThreads = 4), x.results.conditions && (x.results.conditions.intraOpThreads = 4)));
    expect(item(r, 'threads-oversubscribed').change).toEqual({ threads: 2 });
    expect(ids(r)).not.toContain('idle-cores');
    expect(ids(real)).not.toContain('threads-oversubscribed');
  });
  it('GPU under 40 %: a larger batch on a GPU run; not at 55 %, not without a reading (null is not 0), not on the CPU', () => {
    const low = item(
      variant((r) => onCuda(r, 23)),
      'gpu-underused',
    );
    expect(low.evidence).toContain('GPU utilisation averaged 23%');
    expect(low.change).toEqual({ batch: 4 });
    expect(adviceConfig(real.config, low.change ?? {}).batchSize).toBe(4);
    expect(ids(variant((r) => onCuda(r, 55)))).not.toContain('gpu-underused');
    expect(ids(variant((r) => onCuda(r, null)))).not.toContain('gpu-underused');
    expect(ids(variant((r) => r.results.telemetry && (r.results.telemetry.gpu.avgUtilPct = 5)))).not.toContain('gpu-underused');
  });
  it('CPU fallback on a GPU run: counts the nodes the profile put on the CPU provider; none without a profile or on a CPU run', () => {
    // A real ORT trace, its first Conv nodes put on CUDA as a CUDA run would, the rest left on the CPU.
    const trace = JSON.parse(readFileSync(resolve('tests/fixtures/ort-profile-squeezenet-cpu.json'), 'utf8')) as { cat?: string; name: string; args?: Record<string, unknown> }[];
    for (const e of trace) if (e.cat === 'Node' && e.args?.op_name === 'Conv') e.args.provider = 'CUDAExecutionProvider';
    const profile = summarizeTrace(trace, 'trace.json', { skipRuns: 1 });
    const withSplit = variant((r) => (onCuda(r, 80), (r.results.profile = profile)));
    const a = item(withSplit, 'cpu-fallback');
    expect(a.evidence).toMatch(/^14 of 40 profiled nodes ran on ONNX Runtime's CPU provider/);
    expect(a.change).toBeNull();
    expect(adviceCommand(withSplit.config, a.change)).toBeNull();
    expect(ids(variant((r) => (onCuda(r, 80), delete r.results.profile)))).not.toContain('cpu-fallback');
    expect(ids(variant((r) => (r.results.profile = profile)))).not.toContain('cpu-fallback');
    const allOnGpu = summarizeTrace(
      trace.map((e) => (e.cat === 'Node' && e.args ? { ...e, args: { ...e.args, provider: 'CUDAExecutionProvider' } } : e)),
      'trace.json',
      { skipRuns: 1 },
    );
    expect(ids(variant((r) => (onCuda(r, 80), (r.results.profile = allOnGpu))))).not.toContain('cpu-fallback');
  });
  it('cold start: fires when session creation dominates and is long; not for a short one or with optimization off', () => {
    const slow = item(
      variant((r) => (r.coldStart = { sessionCreateMs: 2400, firstRunMs: 60 })),
      'cold-start',
    );
    expect(slow.evidence).toContain('Session creation took 2.40 s, 98% of the cold start');
    expect(slow.change).toEqual({ optLevel: 'basic' });
    expect(ids(real)).not.toContain('cold-start'); // 183 ms
    expect(ids(variant((r) => ((r.coldStart = { sessionCreateMs: 2400, firstRunMs: 60 }), (r.config.session.graphOptimizationLevel = 'disabled'))))).not.toContain('cold-start');
  });
  it('noisy: silent on a quiet run; with every core in use it proposes one thread fewer', () => {
    expect(ids(variant(quiet))).not.toContain('noisy');
    const allCores = variant((r) => ((r.results.intraOpThreads = 2), r.results.conditions && (r.results.conditions.intraOpThreads = 2)));
    expect(item(allCores, 'noisy').change).toEqual({ threads: 1 });
    expect(item(real, 'noisy').change).toEqual({});
    expect(item(real, 'noisy').evidence).toMatch(/latency CV 22\.6%; other processes were busy \(node \d+% of a core/);
  });
  it('INT8: not without the profile, the CPU flags (older runs), a VNNI/AVX-512 CPU, on a quantized model or a GPU run', () => {
    expect(ids(variant((r) => delete r.results.profile))).not.toContain('int8');
    expect(ids(variant((r) => delete r.results.environment.cpuFlags))).not.toContain('int8');
    expect(ids(variant((r) => (r.results.environment.cpuFlags = vectorCpuFlags(AVX2_EPYC))))).not.toContain('int8');
    expect(ids(variant((r) => r.results.profile?.byOpType.push({ opType: 'ConvInteger', ms: 1, share: 0.01, nodes: 1 })))).not.toContain('int8');
    expect(ids(variant((r) => onCuda(r, 80)))).not.toContain('int8');
  });
  it('INT8 on AVX-512BW without VNNI: still offered, saying the weights are quantized to 7 bits there (as the conversion does), with a larger error and a smaller speed-up, to be measured; with VNNI or AMX, as before', () => {
    const on = (flags: string[]) => item(variant((r) => (r.results.environment.cpuFlags = flags)), 'int8');
    const skylake = on(vectorCpuFlags(SKYLAKE_SP));
    expect(skylake.evidence).toMatch(/the CPU has avx512bw\.$/);
    expect(skylake.why).toContain('This CPU has no VNNI, so dyno convert quantizes the weights to 7 bits here');
    expect(skylake.why).toContain('expect a larger output error and a smaller speed-up than on a CPU with VNNI, and measure both');
    expect(int8WeightRangeFor(SKYLAKE_SP.split(' '), 'x64').qmax).toBe(64);
    const asBefore = "ONNX Runtime's INT8 kernels use these instructions and may run those operators faster. Quantization changes the outputs: check them (dyno convert prints the error; dyno optimize --max-error gates it).";
    expect(item(real, 'int8').why).toBe(asBefore);
    expect(on(vectorCpuFlags(SAPPHIRE_RAPIDS)).why).toBe(asBefore);
    expect(int8WeightRangeFor(SAPPHIRE_RAPIDS.split(' '), 'x64').qmax).toBe(127);
    // Each VNNI-class set alone, beside AVX-512BW: full-range weights, so the plain advice.
    for (const vnni of ['avx512_vnni', 'avx_vnni', 'amx_int8']) {
      const flags = [...vectorCpuFlags(SKYLAKE_SP), vnni];
      expect(on(flags).why).toBe(asBefore);
      expect(int8WeightRangeFor(flags, 'x64').qmax).toBe(127);
    }
  });
  it('no advice for runs that did not complete, and none on the hand-made runs that show no pattern', () => {
    for (const key of ['queued', 'running', 'failed', 'interrupted', 'aborted with stats'] as const) expect(adviceFor(HAND_MADE_RUNS[key]!)).toEqual([]);
    expect(adviceFor(HAND_MADE_RUNS['completed on a GPU with energy']!)).toEqual([]);
  });
});
