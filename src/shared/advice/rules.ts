/**
 * The advice rules, one function each: a completed run in, an item out only when the run's own
 * figures show the pattern. Thresholds are named so the README and the tests can cite them.
 * Wording rule: say what was measured and what "may" help; never a predicted gain.
 */
import { disturbingProcesses } from '../conditions';
import { formatMs, plural } from '../format';
import { EXACT_INT8_DOT_FLAGS, hasExactInt8Dot } from '../int8-dot';
import type { AdviceItem, CompletedRun } from './item';

type Rule = (run: CompletedRun) => AdviceItem | undefined;

/** A GPU averaging less than this busy share of the measured window had time to spare. */
export const GPU_UNDERUSED_PCT = 40;
/** Session creation at least this long and this share of the cold start is worth shortening. */
export const COLD_START_MIN_MS = 500;
export const COLD_START_SESSION_SHARE = 0.8;
/** As the measurement warnings: latency CV over this reads as a noisy machine. */
export const NOISY_CV_PCT = 10;
/** A GPU held back (power, thermal) in more than this share of samples. */
export const THROTTLED_SHARE = 0.1;
/** The compute-heavy operators (MatMul, Gemm, Conv) taking at least this share of kernel time. */
export const INT8_HEAVY_SHARE = 0.5;
/**
 * Instruction sets with 8-bit integer dot products, which ONNX Runtime's INT8 kernels use: the
 * VNNI class, and AVX-512BW, where the conversion quantizes the weights to 7 bits (see int8-dot).
 */
export const INT8_CPU_FLAGS = [...EXACT_INT8_DOT_FLAGS, 'avx512bw'] as const;

const GPU_PROVIDERS: readonly string[] = ['cuda', 'tensorrt', 'webgpu'];
const onGpu = (run: CompletedRun): boolean => GPU_PROVIDERS.includes(run.config.session.executionProvider);
const pct = (share: number): string => `${(share * 100).toFixed(0)}%`;
/** The intra-op threads ORT ran with (what its default resolved to), where recorded. */
const ranThreads = (run: CompletedRun): number | undefined => run.results.intraOpThreads ?? run.results.conditions?.intraOpThreads;

/** Less than this many cores left over (machine-wide, or taken by other processes) is no room for another thread. */
const SPARE_CORES_MIN = 0.3;

/**
 * Cores taken by other work are not idle: a busy machine gives another thread nothing to run on
 * (the noisy-machine advice is the one that applies). Judged from the machine's average CPU and
 * the other busy processes the sampler saw; false where neither was recorded.
 */
export function noCoreToSpare(run: CompletedRun): boolean {
  const c = run.results.conditions;
  const machinePct = run.results.telemetry?.cpu.avgUtilPct ?? null;
  if (c && machinePct !== null && ((100 - machinePct) / 100) * c.machineCores < SPARE_CORES_MIN) return true;
  const othersPct = c ? disturbingProcesses(c).reduce((sum, p) => sum + p.cpuPct, 0) : 0;
  return othersPct / 100 >= SPARE_CORES_MIN;
}

/** Few intra-op threads where the worker had cores to spare (physical ones: hyperthreads share a core's units). */
const idleCores: Rule = (run) => {
  const c = run.results.conditions;
  const threads = ranThreads(run);
  if (onGpu(run) || !c || threads === undefined) return undefined;
  const physical = run.results.environment.physicalCores;
  const usable = Math.min(c.workerCores, physical ?? c.workerCores);
  if (threads > usable / 2) return undefined;
  const workerPct = run.results.telemetry?.cpu.workerAvgCpuPct ?? null;
  // The worker kept more cores busy than its threads account for: they were not idle.
  if (workerPct !== null && workerPct > (threads + 0.5) * 100) return undefined;
  if (noCoreToSpare(run)) return undefined;
  const machinePct = run.results.telemetry?.cpu.avgUtilPct ?? null;
  return {
    id: 'idle-cores',
    title: `Use ${plural(usable, 'intra-op thread')}`,
    evidence:
      `Ran with ${plural(threads, 'intra-op thread')} on the worker's ${plural(c.workerCores, 'core')}${physical !== null ? ` (${physical} physical on the machine)` : ''}` +
      (workerPct !== null ? `; the worker used ${workerPct.toFixed(0)}% of one core on average, of ${c.workerCores * 100}% it was allowed` : '') +
      (machinePct !== null ? `, and the machine's CPU was ${machinePct.toFixed(0)}% busy.` : '.'),
    why: 'More threads may shorten each inference where operators are large enough to split; on small models the hand-off between threads can cost more than it gives. The comparison will say which.',
    change: { threads: usable },
  };
};

const oversubscribed: Rule = (run) => {
  const c = run.results.conditions;
  const threads = ranThreads(run);
  if (!c || threads === undefined || threads <= c.workerCores) return undefined;
  return {
    id: 'threads-oversubscribed',
    title: `Use at most ${plural(c.workerCores, 'intra-op thread')}`,
    evidence: `Ran with ${plural(threads, 'intra-op thread')} on the worker's ${plural(c.workerCores, 'core')}: the threads took turns on the cores.`,
    why: 'Threads that wait for a core stretch each inference and scatter its latency; as many threads as cores may do better.',
    change: { threads: c.workerCores },
  };
};

const gpuUnderused: Rule = (run) => {
  const util = run.results.telemetry?.gpu.avgUtilPct ?? null;
  if (!onGpu(run) || util === null || util >= GPU_UNDERUSED_PCT) return undefined;
  // Files fix the batch; a Server scenario's queries are one request each.
  if (run.config.inputs.kind === 'files' || run.config.scenario.kind === 'server') return undefined;
  const batch = run.config.batchSize ?? 1;
  return {
    id: 'gpu-underused',
    title: `Try batch ${batch * 4}`,
    evidence: `GPU utilisation averaged ${util.toFixed(0)}% over the measured window (${run.results.telemetry?.samples ?? 0} telemetry samples) at batch ${batch}.`,
    why: 'The GPU was idle most of the time: the run may be bound by kernel launches or input copies. A larger batch may give it more work per call where the model takes a dynamic batch; each call takes longer, so judge by throughput.',
    change: { batch: batch * 4 },
  };
};

const CPU_PROVIDER = 'CPUExecutionProvider';
const cpuFallback: Rule = (run) => {
  const byProvider = run.results.profile?.byProvider;
  if (!onGpu(run) || !byProvider) return undefined;
  const cpu = byProvider.find((p) => p.provider === CPU_PROVIDER);
  if (!cpu || cpu.nodes === 0) return undefined;
  const total = byProvider.reduce((n, p) => n + p.nodes, 0);
  const copies = run.results.profile?.byOpType.filter((t) => t.opType.startsWith('Memcpy')).reduce((n, t) => n + t.nodes, 0) ?? 0;
  return {
    id: 'cpu-fallback',
    title: 'Move the CPU-provider nodes onto the GPU',
    evidence:
      `${cpu.nodes} of ${total} profiled nodes ran on ONNX Runtime's CPU provider, ${pct(cpu.share)} of kernel time (${formatMs(cpu.ms)} per inference)` +
      (copies > 0 ? `, with ${plural(copies, 'copy node')} between host and device.` : '.'),
    why: `The ${run.config.session.executionProvider} provider has no kernel for those nodes as the model states them (operator, opset or type); each switch copies tensors across. Exporting the model with supported operators or types may keep it on the GPU.`,
    change: null,
  };
};

const coldStart: Rule = (run) => {
  const { sessionCreateMs, firstRunMs } = run.coldStart;
  const share = sessionCreateMs / (sessionCreateMs + firstRunMs);
  if (sessionCreateMs < COLD_START_MIN_MS || share < COLD_START_SESSION_SHARE || run.config.session.graphOptimizationLevel === 'disabled') return undefined;
  return {
    id: 'cold-start',
    title: 'Shorten start-up: save the optimised model',
    evidence: `Session creation took ${formatMs(sessionCreateMs)}, ${pct(share)} of the cold start (first inference ${formatMs(firstRunMs)}), at graph optimization "${run.config.session.graphOptimizationLevel}".`,
    why: "Session creation includes graph optimization. Saving the optimised model once (ONNX Runtime's optimizedModelFilePath) and loading it with optimization off may shorten start-up; a lower level (basic, tried here) may too, and may slow each inference. The comparison shows both.",
    change: { optLevel: 'basic' },
  };
};

const noisy: Rule = (run) => {
  const signs: string[] = [];
  if (run.stats.cvPct > NOISY_CV_PCT) signs.push(`latency CV ${run.stats.cvPct.toFixed(1)}%`);
  const windows = run.results.stability.windowMediansMs;
  if (!run.results.stability.stable && windows.length >= 3) signs.push(`the last window medians disagree (${windows.map((m) => formatMs(m)).join(', ')})`);
  const busy = run.results.conditions ? disturbingProcesses(run.results.conditions) : [];
  if (busy.length > 0) signs.push(`other processes were busy (${busy.map((p) => `${p.name} ${p.cpuPct.toFixed(0)}% of a core`).join(', ')})`);
  const throttled = run.results.telemetry?.gpu.throttledShare ?? null;
  if (throttled !== null && throttled > THROTTLED_SHARE) signs.push(`the GPU was throttled in ${pct(throttled)} of samples`);
  if (signs.length === 0) return undefined;
  const c = run.results.conditions;
  const threads = ranThreads(run);
  // All cores taken by ORT leaves none for the OS and the host: one thread fewer keeps one free.
  const spare = c && threads !== undefined && threads === c.workerCores && c.workerCores > 1 ? c.workerCores - 1 : undefined;
  return {
    id: 'noisy',
    title: spare !== undefined ? `Quiet the machine; leave a core free (${plural(spare, 'thread')})` : 'Quiet the machine and rerun',
    evidence: `${signs.join('; ')}.`,
    why:
      'Other work on the machine (or a throttled device) may have disturbed the figures. Close what competes, pin the worker to fixed cores (taskset), and rerun: the comparison of the two runs shows how repeatable they are.' +
      (spare !== undefined ? ' Leaving one core to the OS and the host may steady the latency.' : ''),
    change: spare !== undefined ? { threads: spare } : {},
  };
};

const QUANTIZED_OP = /Integer$|^QLinear|^DynamicQuantize|^QuantizeLinear|^DequantizeLinear|^MatMulNBits/;
const HEAVY_OP = /^(Fused|NhwcFused)?(MatMul|Gemm|Conv)$/;
const int8: Rule = (run) => {
  const profile = run.results.profile;
  const flags = run.results.environment.cpuFlags;
  if (run.config.session.executionProvider !== 'cpu' || !profile || !flags) return undefined;
  const found = INT8_CPU_FLAGS.filter((f) => flags.includes(f));
  if (found.length === 0 || profile.byOpType.some((t) => QUANTIZED_OP.test(t.opType))) return undefined;
  if (!run.results.inputs.some((i) => i.type === 'float32')) return undefined;
  const heavy = profile.byOpType.filter((t) => HEAVY_OP.test(t.opType));
  const share = heavy.reduce((s, t) => s + t.share, 0);
  if (share < INT8_HEAVY_SHARE) return undefined;
  return {
    id: 'int8',
    title: 'Try INT8 (dynamic quantization)',
    evidence: `${heavy.map((t) => t.opType).join('/')} took ${pct(share)} of kernel time in the profile (${plural(profile.iterations, 'iteration')}), the model has no quantized operators, and the CPU has ${found.join(', ')}.`,
    why: hasExactInt8Dot(flags)
      ? "ONNX Runtime's INT8 kernels use these instructions and may run those operators faster. Quantization changes the outputs: check them (dyno convert prints the error; dyno optimize --max-error gates it)."
      : "ONNX Runtime's INT8 kernels use these instructions and may run those operators faster. This CPU has no VNNI, so dyno convert quantizes the weights to 7 bits here (without VNNI the kernels add pairs of 8-bit products into 16 bits, which full-range weights overflow): expect a larger output error and a smaller speed-up than on a CPU with VNNI, and measure both (dyno convert prints the error; dyno optimize --max-error gates it; compare the two runs for the speed).",
    change: { precision: 'int8-dynamic' },
  };
};

export const ADVICE_RULES: readonly Rule[] = [oversubscribed, idleCores, gpuUnderused, cpuFallback, int8, coldStart, noisy];
