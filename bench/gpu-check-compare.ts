/**
 * The pure parts of `npm run gpu-check` (bench/gpu-check.ts): its arguments, and the comparison
 * of Dyno's GPU energy for a run with NVML's total-energy counter read independently (python3's
 * nvidia-ml-py, bench/gpu-check-nvml-counter.py) over the same measured window.
 */
import { parseArgs } from 'node:util';
import type { PowerPoint } from '../src/main/telemetry/energy';
import { counterWindowJ } from '../src/main/telemetry/gpu-energy-counter';

/** Issue 16's target: Dyno's figure within 2 % of the independent reading. */
export const TARGET_DEVIATION = 0.02;

export const USAGE = `usage: npm run gpu-check -- [--model FILE] [--gpu N] [--seconds S] [--out DIR]
  Runs dyno providers and a --ep cuda run of the model (default: the light corpus's ResNet-50)
  for S seconds (default 20) on GPU N (default 0), compares Dyno's GPU energy with NVML's counter
  read by python3's nvidia-ml-py around the run, and keeps nvidia-smi -q -x and a --query-gpu
  stream in DIR (default gpu-check-<time>) for the parsers' fixtures. Changes no GPU setting.`;

export interface GpuCheckArgs {
  model: string | undefined;
  gpu: number;
  seconds: number;
  out: string | undefined;
  help: boolean;
}

/** The arguments, or the one-line reason they are wrong. */
export function parseGpuCheckArgs(argv: string[]): GpuCheckArgs | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { model: { type: 'string' }, gpu: { type: 'string' }, seconds: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return { error: (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'bad arguments' };
  }
  const gpu = values.gpu === undefined ? 0 : Number(values.gpu);
  if (!Number.isInteger(gpu) || gpu < 0) return { error: `--gpu must be a GPU index (0, 1, …), not '${values.gpu}'` };
  const seconds = values.seconds === undefined ? 20 : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds < 2 || seconds > 600) return { error: `--seconds must be between 2 and 600, not '${values.seconds}'` };
  return { model: values.model, gpu, seconds, out: values.out, help: values.help ?? false };
}

/** One line of the Python sampler's output: its wall clock (ms since the epoch) and the counter (mJ). */
export interface CounterLine {
  t_ms: number;
  energy_mj: number;
}

export function parseCounterLines(text: string): CounterLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CounterLine)
    .filter((c) => Number.isFinite(c.t_ms) && Number.isFinite(c.energy_mj));
}

export type EnergyComparison =
  | { dynoJ: number; nvmlJ: number; ratio: number; deviationPct: number; within: boolean }
  | { reason: string };

/**
 * Dyno's joules for one GPU over [fromMs, toMs] against the independent counter over the same
 * window (interpolated at the ends, as Dyno does), with the ratio and its verdict.
 */
export function compareGpuEnergy(dynoJ: number | null | undefined, counter: readonly CounterLine[], fromMs: number, toMs: number): EnergyComparison {
  if (dynoJ === null || dynoJ === undefined) return { reason: "Dyno has no GPU energy for this GPU (not used by the run, or no energy source)" };
  const points: PowerPoint[] = [...counter].sort((a, b) => a.t_ms - b.t_ms).map((c) => ({ tMs: c.t_ms, watts: c.energy_mj }));
  const nvmlJ = counterWindowJ(points, fromMs, toMs);
  if (nvmlJ === null) return { reason: `the independent counter readings (${points.length}) do not cover the run's measured window` };
  if (nvmlJ <= 0) return { reason: 'the independent counter did not advance over the window' };
  const ratio = dynoJ / nvmlJ;
  const deviationPct = Math.abs(ratio - 1) * 100;
  return { dynoJ, nvmlJ, ratio, deviationPct, within: Math.abs(ratio - 1) <= TARGET_DEVIATION };
}

export function comparisonLine(gpu: number, c: EnergyComparison, seconds: number): string {
  if ('reason' in c) return `GPU ${gpu}: not compared: ${c.reason}`;
  return `GPU ${gpu}: Dyno ${c.dynoJ.toFixed(2)} J, NVML counter via nvidia-ml-py ${c.nvmlJ.toFixed(2)} J over the same ${seconds.toFixed(1)} s window: ratio ${c.ratio.toFixed(4)} (${c.deviationPct.toFixed(2)} % off; target within ${TARGET_DEVIATION * 100} %) — ${c.within ? 'within' : 'OVER'} target`;
}
