/**
 * `npm run bench:telemetry`: what watching costs.
 *  1. The sampler's own CPU at 10 Hz (100 ms), alone in this process for a few seconds, as a
 *     share of one core (process.cpuUsage over wall time). Target < 1 %.
 *  2. What each GPU source costs, at 10 Hz and 100 Hz: NVML read in this process (target < 0.2 %
 *     of one core at 10 Hz; the reader thread's CPU included, in SOURCE_ROUNDS windows interleaved
 *     with an empty timer's, as median [min–max]) beside the nvidia-smi stream (this process parsing its lines, plus the
 *     nvidia-smi child's own CPU). Without a GPU the NVML figure is measured against the stand-in
 *     library (tests/fixtures/nvml), i.e. koffi plus Dyno's side, not the driver's; the nvidia-smi
 *     figure against the stand-in script, whose child CPU is Node's, not nvidia-smi's.
 *     DYNO_NVML_LIBRARY and PATH pick the real ones where they exist.
 *  3. Its effect on what is measured: interleaved Dyno runs of the same model with telemetry on
 *     and off, comparing median throughput. Target < 1 %. BENCH_AB=0 skips it.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { TelemetrySampler } from '../src/main/telemetry/sampler';
import { findRaplDomains } from '../src/main/telemetry/rapl';
import { openNvml } from '../src/main/telemetry/nvml-library';
import { NvmlSource } from '../src/main/telemetry/nvml-source';
import { NvidiaSmiStream, queryFields } from '../src/main/telemetry/nvidia-smi-stream';
import { findOnPath } from '../src/main/telemetry/gpu-presence';
import type { GpuTelemetrySource } from '../src/main/telemetry/gpu-telemetry-source';
import { RunConfigSchema } from '../src/shared/run';
import { quantileSorted, sortedCopy } from '../src/shared/stats';

const SAMPLER_SECONDS = Number(process.env.SAMPLER_SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SOURCE_SECONDS = Number(process.env.SOURCE_SECONDS ?? 3);
const SOURCE_ROUNDS = Number(process.env.SOURCE_ROUNDS ?? 5);
const MODEL = resolve('resources/models/squeezenet.onnx');
const median = (xs: number[]): number => quantileSorted(sortedCopy(xs), 0.5);

async function samplerCost(): Promise<number> {
  let samples = 0;
  const sampler = new TelemetrySampler({
    intervalMs: 100,
    now: () => performance.timeOrigin + performance.now(),
    workerPid: () => process.pid,
    rapl: findRaplDomains().domains,
    gpus: () => [],
    onSample: () => void samples++,
  });
  await new Promise((r) => setTimeout(r, 500)); // let module loading settle
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  sampler.start();
  await new Promise((r) => setTimeout(r, SAMPLER_SECONDS * 1000));
  sampler.stop();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const pct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  console.log(`sampler alone at 10 Hz: ${samples} samples in ${(wallMs / 1000).toFixed(1)} s, ${pct.toFixed(2)} % of one core (target < 1 %) — ${pct < 1 ? 'within' : 'OVER'} target`);
  return pct;
}

/** CPU seconds of this process's children that have exited and been reaped (cutime + cstime). */
function reapedChildrenCpuS(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * One source alone for SOURCE_SECONDS at `intervalMs`, from its first reading on (starting a
 * thread or a child is not what a tick costs): this process's CPU (every thread), and its
 * reaped children's, as % of one core.
 */
async function sourceCost(make: (intervalMs: number) => GpuTelemetrySource, intervalMs: number): Promise<{ hostPct: number; childPct: number; readings: number }> {
  const source = make(intervalMs);
  source.start();
  await source.ready?.();
  await new Promise((r) => setTimeout(r, 300)); // let the first readings' one-off work settle
  const child0 = reapedChildrenCpuS();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const readings0 = source.readings.length;
  await new Promise((r) => setTimeout(r, SOURCE_SECONDS * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const readings = source.readings.length - readings0;
  await source.drain?.();
  source.stop();
  await new Promise((r) => setTimeout(r, 1500)); // let a child exit and be reaped
  if (source.failure) throw new Error(source.failure);
  return { hostPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, childPct: ((reapedChildrenCpuS() - child0) * 1000 * 100) / wallMs, readings };
}

/** "median [min–max]" of a few windows, in % of one core. */
function spread(xs: number[]): string {
  const s = sortedCopy(xs);
  return `${median(xs).toFixed(3)} % [${(s[0] ?? NaN).toFixed(3)}–${(s[s.length - 1] ?? NaN).toFixed(3)}]`;
}

/** A source that reads nothing: the cost of waking up at a rate. */
function emptyTimer(intervalMs: number): GpuTelemetrySource {
  let timer: NodeJS.Timeout | undefined;
  return {
    kind: 'nvml',
    readings: [],
    failure: undefined,
    start: () => void (timer = setInterval(() => undefined, intervalMs)),
    stop: () => clearInterval(timer),
    latest: () => [],
    processes: () => Promise.resolve({ workerMemoryMiB: null, workerGpus: [], others: [] }),
  };
}

async function gpuSourceCosts(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dyno-bench-gpu-'));
  try {
    let nvmlPath = process.env.DYNO_NVML_LIBRARY;
    let nvmlNote = 'real NVML';
    if (!nvmlPath) {
      nvmlPath = join(dir, 'libnvidia-ml.so.1');
      execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-o', nvmlPath, resolve('tests/fixtures/nvml/fake-nvml.c')]);
      nvmlNote = 'stand-in library: koffi + Dyno, not the driver';
    }
    const opened = await openNvml(nvmlPath);
    if (!('nvml' in opened)) throw new Error(opened.reason);
    let smi = findOnPath('nvidia-smi');
    let smiNote = 'real nvidia-smi';
    if (!smi) {
      mkdirSync(join(dir, 'bin'));
      smi = join(dir, 'bin', 'nvidia-smi');
      chmodSync(resolve('tests/fixtures/nvidia-smi/fake-nvidia-smi.mjs'), 0o755);
      symlinkSync(resolve('tests/fixtures/nvidia-smi/fake-nvidia-smi.mjs'), smi);
      smiNote = 'stand-in script: its child CPU is Node replaying lines, not nvidia-smi';
    }
    const now = (): number => performance.timeOrigin + performance.now();
    const smiPath = smi;
    for (const intervalMs of [100, 10]) {
      const hz = 1000 / intervalMs;
      // Interleaved windows of an empty timer (what any timer at this rate costs on this busy
      // machine) and the NVML source, so that load changes hit both alike.
      const idle: number[] = [];
      const nvml: number[] = [];
      const net: number[] = [];
      let readings = 0;
      for (let i = 0; i < SOURCE_ROUNDS; i++) {
        const empty = await sourceCost((ms) => emptyTimer(ms), intervalMs);
        const got = await sourceCost((ms) => new NvmlSource(opened.nvml, { intervalMs: ms, gpus: [], root: resolve('.') }), intervalMs);
        idle.push(empty.hostPct);
        nvml.push(got.hostPct);
        net.push(got.hostPct - empty.hostPct);
        readings += got.readings;
      }
      const load = loadavg().map((x) => x.toFixed(1)).join(' ');
      console.log(`an empty ${hz} Hz timer (baseline): ${spread(idle)} of one core over ${SOURCE_ROUNDS} windows of ${SOURCE_SECONDS} s`);
      const target = hz === 10 ? ` (target < 0.2 %) — ${median(nvml) < 0.2 ? 'within' : 'OVER'} target` : '';
      console.log(`NVML source at ${hz} Hz (${nvmlNote}): ${readings} readings, ${spread(nvml)} of one core, all threads${target}; net of the empty timer ${spread(net)}; load average ${load}`);
      // Measured at 100 Hz for comparison, though runs never ask nvidia-smi below 20 ms (run-telemetry.ts).
      const stream = await sourceCost((ms) => new NvidiaSmiStream({ smi: smiPath, intervalMs: ms, gpus: [], fields: queryFields('clocks_event_reasons.active'), now }), intervalMs);
      console.log(`nvidia-smi stream at ${hz} Hz (${smiNote}): ${stream.readings} readings, host ${stream.hostPct.toFixed(3)} % + child ${stream.childPct.toFixed(3)} % of one core`);
    }
    opened.nvml.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function abThroughput(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'dyno-bench-telemetry-'));
  const handle = createStudio({ home, worker: { script: resolve('out/main/worker.js'), execArgv: [] } });
  const api = createInProcessApi(handle.studio);
  const run = async (enabled: boolean): Promise<number> => {
    const config = RunConfigSchema.parse({
      modelPath: MODEL,
      telemetry: { enabled, intervalMs: 100, idleBaselineMs: 0 },
      stop: { warmupIterations: 20, minIterations: 200, maxIterations: 1_000_000, minDurationMs: 3000, maxDurationMs: 60_000 },
    });
    const { runId } = await api.call('runs.start', { config });
    const { run: r } = await api.call('runs.wait', { runId });
    if (r.status !== 'completed') throw new Error(`run ${r.status}`);
    return r.stats.throughputPerS;
  };
  const on: number[] = [];
  const off: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate the order so neither side always runs first.
      if (i % 2 === 0) {
        on.push(await run(true));
        off.push(await run(false));
      } else {
        off.push(await run(false));
        on.push(await run(true));
      }
      console.log(`  round ${i + 1}: telemetry on ${on.at(-1)!.toFixed(1)}/s, off ${off.at(-1)!.toFixed(1)}/s`);
    }
  } finally {
    handle.close();
    rmSync(home, { recursive: true, force: true });
  }
  const change = (median(on) / median(off) - 1) * 100;
  console.log(`throughput with the sampler on vs off (SqueezeNet, ${ROUNDS} interleaved rounds of ≥3 s): ${change >= 0 ? '+' : ''}${change.toFixed(2)} % (target within ±1 %) — ${Math.abs(change) < 1 ? 'within' : 'OVER'} target`);
}

console.log('bench:telemetry\n');
await samplerCost();
await gpuSourceCosts();
if (process.env.BENCH_AB !== '0') await abThroughput();
