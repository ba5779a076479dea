/** The summary a person reads in a terminal: the default output of `dyno bench`. */
import type { RunJson } from '../run-json';
import { formatBytes, formatFlops, formatMs, formatRate, plural } from '../format';
import type { Exporter } from './exporter';
import { profilePassSentence } from '../profile-words';

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(0)}%`);

function measured(json: RunJson): string[] {
  const s = json.stats;
  if (!s) return [];
  const flag = (supported: boolean): string => (supported ? '' : '*');
  return [
    `  mean ± σ   ${formatMs(s.mean_ms)} ± ${formatMs(s.std_ms)}   (${s.count} iterations, CV ${s.cv_pct.toFixed(1)}%)`,
    `  p50 ${formatMs(s.p50_ms)} [95% CI ${formatMs(s.median_ci_low_ms)} – ${formatMs(s.median_ci_high_ms)}]   p90 ${formatMs(s.p90_ms)}${flag(s.p90_supported)}   p99 ${formatMs(s.p99_ms)}${flag(s.p99_supported)}   min ${formatMs(s.min_ms)}   max ${formatMs(s.max_ms)}`,
    `  throughput ${formatRate(s.throughput_per_s)}${json.memory ? `   peak RSS ${formatBytes(json.memory.peakRss_bytes)}` : ''}${json.stability ? `   ${json.stability.stable ? 'stable' : 'not stable'}` : ''}`,
  ];
}

function energyLine(e: NonNullable<RunJson['energy']>): string {
  if (e.total_j === null) return `  energy: not measured (${e.reason ?? 'no energy source'})`;
  const net = e.net_j === null ? 'no idle baseline' : `${e.net_j.toFixed(2)} J above idle`;
  return `  energy: ${e.total_j.toFixed(2)} J (${net}), ${e.average_w?.toFixed(1)} W avg, ${e.perInference_mj?.toFixed(3)} mJ/inference, ${e.inferencesPerJ?.toFixed(1)} inferences/J`;
}

const GPU_SOURCES = { nvml: 'NVML, read in this process', 'nvidia-smi': 'the nvidia-smi stream', none: 'no source' } as const;
const ENERGY_METHODS = { counter: "NVML's hardware energy counter", 'power-integral': 'sampled power, integrated' } as const;

/** Where the GPU figures came from, in one line; undefined when no GPU was sampled or the run predates it. */
function gpuSourceLine(gpu: NonNullable<RunJson['telemetry']>['gpu']): string | undefined {
  if (!gpu.available || !gpu.source) return undefined;
  const methods = [...new Set(gpu.perGpu.flatMap((g) => (g.energyMethod ? [g.energyMethod] : [])))];
  const energy = methods.length ? `; energy from ${methods.map((m) => ENERGY_METHODS[m]).join(' and ')}` : '';
  const note = gpu.perGpu.find((g) => g.energyNote)?.energyNote;
  return `  gpu source: ${GPU_SOURCES[gpu.source]}${gpu.sourceNote ? ` (${gpu.sourceNote})` : ''}${energy}${note ? ` (${note})` : ''}`;
}

function summary(json: RunJson): string[] {
  const lines = [`run ${json.run.id}  ${json.run.status}  ${json.run.modelName}`, ...measured(json)];
  if (json.run.error) lines.push(`  error: ${json.run.error}`);
  if (json.coldStart) lines.push(`  cold start: session ${formatMs(json.coldStart.sessionCreate_ms)}, first run ${formatMs(json.coldStart.firstRun_ms)}`);
  if (json.telemetry) {
    const c = json.telemetry.cpu;
    const gpu = json.telemetry.gpu.available ? 'sampled' : `off (${json.telemetry.gpu.reason ?? 'unavailable'})`;
    lines.push(`  telemetry: CPU ${pct(c.avgUtil_pct)} avg, worker ${pct(c.workerAvgCpu_pct)} of one core; GPU ${gpu}`);
    const source = gpuSourceLine(json.telemetry.gpu);
    if (source) lines.push(source);
  }
  if (json.energy) lines.push(energyLine(json.energy));
  if (json.server) {
    const v = json.server;
    lines.push(`  server: p${v.percentile * 100} ${formatMs(v.percentile_ms)} vs budget ${formatMs(v.latencyBudget_ms)} at ${v.achievedQps.toFixed(1)}/${v.targetQps} QPS: ${v.passed ? 'PASS' : 'FAIL'}`);
  }
  if (json.check) lines.push(`  outputs: ${json.check.passed ? 'match' : 'MISMATCH'} (max abs error ${json.check.maxAbsError.toExponential(2)}, max rel ${json.check.maxRelError.toExponential(2)})`);
  if (json.profile) {
    const p = json.profile;
    lines.push(`  ${profilePassSentence({ kernelMsPerIteration: p.kernel_ms_per_iteration, passMeanMs: p.pass_mean_ms })}; ${formatFlops(p.flops_per_iteration)} per iteration; trace ${p.traceFile}`);
    for (const t of p.byOpType.slice(0, 8)) lines.push(`    ${t.opType.padEnd(22)} ${formatMs(t.ms).padStart(9)}  ${(t.share * 100).toFixed(1).padStart(5)}%  (${plural(t.nodes, 'node')})`);
  }
  if (json.stats && (!json.stats.p90_supported || !json.stats.p99_supported)) lines.push('  * too few samples to claim this percentile (see warnings)');
  for (const w of json.warnings) lines.push(`  warning: ${w.message}`);
  for (const a of json.advice ?? []) {
    lines.push(`  try next: ${a.title}: ${a.evidence}`);
    if (a.command) lines.push(`    ${a.command}`);
  }
  return lines;
}

export const textExporter: Exporter = {
  format: 'text',
  description: 'a readable summary (the default)',
  fileExtension: '.txt',
  mediaType: 'text/plain',
  render: (runs) => runs.map((r) => summary(r).join('\n')).join('\n\n') + '\n',
};
