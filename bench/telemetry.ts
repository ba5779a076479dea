/**
 * `npm run bench:telemetry`: what watching costs.
 *  1. The sampler's own CPU at 10 Hz (100 ms), alone in this process for a few seconds, as a
 *     share of one core (process.cpuUsage over wall time). Target < 1 %.
 *  2. Its effect on what is measured: interleaved Dyno runs of the same model with telemetry on
 *     and off, comparing median throughput. Target < 1 %.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { TelemetrySampler } from '../src/main/telemetry/sampler';
import { findRaplDomains } from '../src/main/telemetry/rapl';
import { RunConfigSchema } from '../src/shared/run';
import { quantileSorted, sortedCopy } from '../src/shared/stats';

const SAMPLER_SECONDS = Number(process.env.SAMPLER_SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
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
await abThroughput();
