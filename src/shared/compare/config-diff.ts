/**
 * The settings that differ between two run configurations, named as the run form and the CLI
 * name them (the knob registry), with values in the flag's own unit ("3 s", not 3000 ms).
 * Fields no knob owns (the model path) are named by their config path.
 */
import type { AnyKnob } from '../knobs/knob';
import { ALL_KNOBS } from '../knobs/registry';
import type { RunConfig } from '../run-config';
import type { ConfigDifference } from './schema';

function knobText(k: AnyKnob, config: RunConfig): string {
  if (k.read(config) === undefined) return '(unset)';
  switch (k.kind) {
    case 'value':
      return k.format(k.read(config)) + (k.unit ? ` ${k.unit}` : '');
    case 'choice':
      return String(k.read(config));
    case 'switch':
      return k.read(config) ? 'on' : 'off';
    case 'pairs': {
      const entries = Object.entries(k.read(config)).map(([name, v]) => k.formatEntry(name, v));
      return entries.length > 0 ? entries.join(', ') : '(none)';
    }
  }
}

const text = (v: unknown): string => (v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Top-level fields of a config that no knob owns. */
const UNOWNED: readonly (keyof RunConfig)[] = ['modelPath'];

/** A command workload's fields besides its line. */
const COMMAND_FIELDS = ['cwd', 'env', 'timeoutMs', 'params'] as const;

export function configDifferences(baseline: RunConfig, other: RunConfig): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  for (const field of UNOWNED) {
    const a = text(baseline[field]);
    const b = text(other[field]);
    if (a !== b) out.push({ path: field, setting: field, flag: null, baseline: a, value: b });
  }
  // A command's line is its modelPath (above); what else defines the run is named by its path.
  for (const field of COMMAND_FIELDS) {
    const a = text(baseline.command?.[field]);
    const b = text(other.command?.[field]);
    if (a !== b) out.push({ path: `command.${field}`, setting: field, flag: null, baseline: a, value: b });
  }
  for (const k of ALL_KNOBS) {
    if (JSON.stringify(k.read(baseline)) === JSON.stringify(k.read(other))) continue;
    out.push({ path: k.path, setting: k.label, flag: k.flag, baseline: knobText(k, baseline), value: knobText(k, other) });
  }
  return out;
}
