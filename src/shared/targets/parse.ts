/**
 * `p99<=15ms`, `p50 < 2 ms`, `throughput>=500/s`, `energy<=2J` (per inference), `memory<=512MiB`
 * (peak resident memory): a metric, ≤ or ≥ (also written <=, >=, <, >), a number and a unit in
 * the metric's kind. Bad text gets one sentence that says what a target looks like.
 */
import { TARGET_METRICS, type Target, type TargetMetric } from './schema';

export class TargetParseError extends Error {}

const UNITS: Record<'latency' | 'rate' | 'energy' | 'memory', Record<string, number>> = {
  latency: { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000 },
  rate: { '': 1, '/s': 1, 'k/s': 1e3, 'm/s': 1e6 },
  energy: { mj: 1, j: 1000 },
  memory: { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 },
};
const KIND: Record<TargetMetric, keyof typeof UNITS> = { p50: 'latency', p90: 'latency', p99: 'latency', throughput: 'rate', energy: 'energy', memory: 'memory' };
const UNIT_NAMES: Record<keyof typeof UNITS, string> = { latency: 'ns, us, µs, ms, s', rate: '/s, k/s, M/s', energy: 'mJ, J (per inference)', memory: 'B, KB, MB, GB, KiB, MiB, GiB' };
const BASE_UNIT: Record<keyof typeof UNITS, string> = { latency: 'ms', rate: '/s', energy: 'mJ', memory: 'B' };
const ALIASES: Record<string, TargetMetric> = { median: 'p50' };

const EXAMPLE = "e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB'";

export function parseTarget(text: string): Target {
  const m = /^\s*([a-z0-9]+)\s*(<=|>=|≤|≥|<|>)\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([a-zµ/]*)\s*(?:\/\s*inference)?\s*$/i.exec(text);
  if (!m) throw new TargetParseError(`--target '${text}' is not a target: give a metric, <= or >=, and a value with its unit (${EXAMPLE}).`);
  const [, rawMetric = '', rawOp = '', rawNumber = '', unitText = ''] = m;
  const rawUnit = unitText.replace(/\/inference$/i, '');
  const name = rawMetric.toLowerCase();
  const metric = ALIASES[name] ?? (TARGET_METRICS as readonly string[]).find((x) => x === name);
  if (!metric) throw new TargetParseError(`--target '${text}': '${rawMetric}' is not a metric a target can hold (${[...TARGET_METRICS, 'median'].join(', ')}).`);
  const kind = KIND[metric as TargetMetric];
  const units = UNITS[kind];
  const unitKey = kind === 'latency' ? rawUnit.toLowerCase().replace('μ', 'µ') : rawUnit.toLowerCase();
  const scale = units[unitKey];
  if (scale === undefined) throw new TargetParseError(`--target '${text}': ${metric} takes a unit of ${UNIT_NAMES[kind]}.`);
  const op = rawOp === '<=' || rawOp === '≤' || rawOp === '<' ? '<=' : '>=';
  const limit = Number(rawNumber) * scale;
  return { metric: metric as TargetMetric, op, limit, text: `${metric} ${op === '<=' ? '≤' : '≥'} ${rawNumber} ${rawUnit || BASE_UNIT[kind]}` };
}

/** A target as `--target` takes it, compact ("p99<=15ms"): what the "same run from a terminal" line and the form's field show. */
export function targetSpec(t: Target): string {
  return t.text.replace('≤', '<=').replace('≥', '>=').replace(/\s+/g, '');
}

/**
 * The run form's targets as typed, one per field: the targets, and the problem with each field
 * that is not one (by index; blank fields are ignored). The message is the CLI's, without its flag.
 */
export function parseTargetFields(texts: readonly string[]): { targets: Target[]; errors: Record<number, string> } {
  const targets: Target[] = [];
  const errors: Record<number, string> = {};
  texts.forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      targets.push(parseTarget(text));
    } catch (err) {
      if (!(err instanceof TargetParseError)) throw err;
      errors[i] = err.message.replace(/^--target /, '');
    }
  });
  return { targets, errors };
}
