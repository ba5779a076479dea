/**
 * `npx tsx bench/loop-costs.ts`: what Dyno's timing loop costs per iteration beyond a bare
 * `await session.run(feeds)` loop, piece by piece, in one process so that nothing else (host,
 * IPC, SQLite) differs. Each variant runs a block of N iterations; the variants are interleaved
 * in rotating order for R rounds, so machine load drifts over all of them alike. Per variant:
 * the median wall time per iteration, the median paired difference to the bare loop with its
 * distribution-free 95 % interval, and — for those that read the clock — the mean latency the
 * loop records (what Dyno reports), whose difference to the bare loop's wall time is what
 * `bench:overhead`'s ratio sees. CPU time (process.cpuUsage, all threads) is reported beside
 * wall time: on a busy machine, where wall time mostly measures waiting for a core, CPU time
 * still shows what each piece costs (with ONNX Runtime's threads it includes their spinning).
 *
 * The timed operation is either the real one (RUN=ort, default: resources/models/conv2d.onnx,
 * THREADS intra-op threads, 0 = ORT's default) or a stand-in for its mechanics (RUN=immediate:
 * a promise settled from setImmediate, the event-loop turn onnxruntime-node's session.run waits
 * for), which shows the harness's own cost without ONNX Runtime's threads in the picture.
 */
import * as ort from 'onnxruntime-node';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { SampleBuffer } from '../src/main/engine/sample-buffer';
import { runTimingLoop, stopRuleSatisfied } from '../src/main/engine/timing-loop';
import { makeFeeds } from '../src/main/engine/inputs';
import { declaredInputs } from '../src/main/engine/run-benchmark';
import type { StopRule } from '../src/shared/run';
import { quantileCi, quantileSorted, sortedCopy } from '../src/shared/stats';

const N = Number(process.env.N ?? 5000);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const RUN = process.env.RUN ?? 'ort';
const THREADS = Number(process.env.THREADS ?? 0);

async function timedOperation(): Promise<{ run: () => Promise<unknown>; close: () => Promise<void> }> {
  if (RUN === 'immediate') return { run: () => new Promise<void>((r) => setImmediate(r)), close: async () => undefined };
  const session = await ort.InferenceSession.create(resolve('resources/models/conv2d.onnx'), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    ...(THREADS > 0 ? { intraOpNumThreads: THREADS } : {}),
  });
  const { feeds } = makeFeeds(declaredInputs(session), { dims: {}, shapes: {} }, 1);
  return { run: () => session.run(feeds), close: () => session.release() };
}

/** One block: wall ms per iteration, and the mean recorded latency (NaN where none is recorded). */
type Variant = (run: () => Promise<unknown>) => Promise<{ wallMs: number; cpuMs: number; recordedMs: number }>;

const stop: StopRule = { warmupIterations: 0, minIterations: N, maxIterations: N, minDurationMs: 0, maxDurationMs: 3_600_000 };
const now = (): number => performance.now();
const toEpochMs = (t: number): number => performance.timeOrigin + t;

function timed(body: (run: () => Promise<unknown>) => Promise<number>): Variant {
  return async (run) => {
    const cpu0 = process.cpuUsage();
    const t0 = now();
    const sum = await body(run);
    const wallMs = (now() - t0) / N;
    const cpu = process.cpuUsage(cpu0);
    return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 / N, recordedMs: sum / N };
  };
}

const VARIANTS: Record<string, Variant> = {
  /** bench/bare-loop.mjs's loop. */
  bare: timed(async (run) => {
    for (let i = 0; i < N; i++) await run();
    return Number.NaN;
  }),
  /** + the two clock reads around the call. */
  clock: timed(async (run) => {
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const t0 = now();
      await run();
      sum += now() - t0;
    }
    return sum;
  }),
  /** + the sample written to the worker's preallocated buffer (as onSample does). */
  sample: timed(async (run) => {
    const buffer = new SampleBuffer();
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const t0 = now();
      await run();
      const latency = now() - t0;
      buffer.push('measure', i, toEpochMs(t0), latency);
      sum += latency;
    }
    buffer.drain();
    return sum;
  }),
  /** Dyno's loop itself, with the worker's hooks minus the IPC send: stop rule, cancel check, one awaited yield check per iteration. */
  dyno: timed(async (run) => {
    const buffer = new SampleBuffer();
    let sum = 0;
    await runTimingLoop({
      runOnce: run,
      stop,
      now,
      toEpochMs,
      onSample: (phase, i, tMs, latencyMs) => {
        buffer.push(phase, i, tMs, latencyMs);
        sum += latencyMs;
      },
      onYield: async () => {
        buffer.drain();
        await new Promise<void>((r) => setImmediate(r));
      },
      yieldEveryMs: 250,
      isCancelled: () => false,
    });
    return sum;
  }),
};

/** The per-iteration cost of the stop-rule check alone, timed over many calls (it has no await). */
function stopRuleNs(): number {
  const calls = 10_000_000;
  let hits = 0;
  const t0 = now();
  for (let i = 0; i < calls; i++) if (stopRuleSatisfied(stop, i % N, i * 1e-6)) hits++;
  return ((now() - t0) / calls) * 1e6 + (hits < 0 ? 1 : 0);
}

function clockNs(): number {
  const calls = 5_000_000;
  let acc = 0;
  const t0 = now();
  for (let i = 0; i < calls; i++) acc += now();
  return ((now() - t0) / calls) * 1e6 + (acc < 0 ? 1 : 0);
}

function medianWithCi(values: readonly number[]): string {
  const sorted = sortedCopy(values);
  const ci = quantileCi(sorted, 0.5);
  const f = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(3);
  return `${f(quantileSorted(sorted, 0.5))} [${ci ? `${f(ci.lowMs)} – ${f(ci.highMs)}` : 'too few rounds'}]`;
}

const op = await timedOperation();
try {
  for (let i = 0; i < 1000; i++) await op.run(); // warm the session and the JIT
  const names = Object.keys(VARIANTS);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  const recorded: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order so that no variant always follows the same one.
    const order = names.map((_, k) => names[(k + r) % names.length] as string);
    for (const name of order) {
      const { wallMs, cpuMs, recordedMs } = await (VARIANTS[name] as Variant)(op.run);
      wall[name]?.push(wallMs * 1000);
      cpu[name]?.push(cpuMs * 1000);
      recorded[name]?.push(recordedMs * 1000);
    }
  }
  const bare = wall.bare as number[];
  const bareCpu = cpu.bare as number[];
  console.log(`loop-costs — ${RUN === 'immediate' ? 'setImmediate stand-in' : `conv2d.onnx, intra-op threads ${THREADS || "ORT's default"}`}; ${ROUNDS} interleaved rounds of ${N} iterations; µs per iteration, median [95% CI] of paired differences to bare`);
  console.log(`  performance.now(): ${clockNs().toFixed(0)} ns a call; stop-rule check: ${stopRuleNs().toFixed(1)} ns`);
  for (const name of names) {
    const w = wall[name] as number[];
    const rec = recorded[name] as number[];
    const c = cpu[name] as number[];
    const line = [`  ${name.padEnd(7)} wall ${quantileSorted(sortedCopy(w), 0.5).toFixed(3)} µs, CPU ${quantileSorted(sortedCopy(c), 0.5).toFixed(3)} µs`];
    if (name !== 'bare') line.push(`wall − bare ${medianWithCi(w.map((v, i) => v - (bare[i] as number)))}, CPU − bare ${medianWithCi(c.map((v, i) => v - (bareCpu[i] as number)))}`);
    if (!Number.isNaN(rec[0])) line.push(`recorded ${quantileSorted(sortedCopy(rec), 0.5).toFixed(3)} µs, recorded − bare wall ${medianWithCi(rec.map((v, i) => v - (bare[i] as number)))}`);
    console.log(line.join('  '));
  }
} finally {
  await op.close();
}
