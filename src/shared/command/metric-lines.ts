/**
 * Metrics from a program's output, one line at a time: a JSON line `{"dyno": {"step": 120,
 * "loss": 0.31}}` gives every numeric field but `step` (which is the x the others are drawn
 * against), and each named pattern gives its first capture group where it matches.
 */
import type { MetricPattern } from './workload';

export interface LineMetric {
  name: string;
  value: number;
  step: number | null;
}

export type LineReader = (line: string) => LineMetric[];

function jsonLineMetrics(line: string): LineMetric[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('"dyno"')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return [];
  }
  const fields = (parsed as { dyno?: unknown } | null)?.dyno;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return [];
  const entries = Object.entries(fields as Record<string, unknown>);
  const step = entries.find(([k]) => k === 'step')?.[1];
  const stepValue = typeof step === 'number' && Number.isFinite(step) ? step : null;
  return entries.flatMap(([name, value]) => (name !== 'step' && typeof value === 'number' && Number.isFinite(value) ? [{ name, value, step: stepValue }] : []));
}

export function metricLineReader(patterns: readonly MetricPattern[]): LineReader {
  const compiled = patterns.map((p) => ({ name: p.name, re: new RegExp(p.pattern) }));
  return (line) => {
    const out = jsonLineMetrics(line);
    const step = out[0]?.step ?? null;
    for (const { name, re } of compiled) {
      const captured = re.exec(line)?.[1]?.trim();
      const value = Number(captured);
      // Number('') is 0: an empty capture is no value.
      if (captured && Number.isFinite(value)) out.push({ name, value, step });
    }
    return out;
  };
}
