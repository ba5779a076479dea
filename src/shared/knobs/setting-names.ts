/**
 * Names for settings in error messages, from a config path: "Intra-op threads (--threads)" for
 * the CLI and for errors a run reports (shown in both), "Intra-op threads" under a form field.
 */
import type { AnyKnob, Condition } from './knob';
import { ALL_KNOBS, knobById } from './registry';

export type Audience = 'cli' | 'ui';

/** The knob that owns a config path (the longest knob path that is a prefix of it). */
export function knobAtPath(path: string | readonly PropertyKey[]): AnyKnob | undefined {
  const p = typeof path === 'string' ? path : path.map(String).join('.');
  let best: AnyKnob | undefined;
  for (const k of ALL_KNOBS) {
    if ((p === k.path || p.startsWith(`${k.path}.`)) && k.path.length > (best?.path.length ?? -1)) best = k;
  }
  return best;
}

/** { label, flag } of the setting at a config path, e.g. 'session.intraOpThreads'. */
export function settingAt(path: string | readonly PropertyKey[]): { label: string; flag: string } | undefined {
  const k = knobAtPath(path);
  return k && { label: k.label, flag: k.flag };
}

export function knobName(knob: AnyKnob, audience: Audience = 'cli'): string {
  return audience === 'cli' ? `${knob.label} (${knob.flag})` : knob.label;
}

/** "Intra-op threads (--threads)", or the path itself for a field no knob owns. */
export function settingName(path: string | readonly PropertyKey[], audience: Audience = 'cli'): string {
  const k = knobAtPath(path);
  return k ? knobName(k, audience) : typeof path === 'string' ? path : path.map(String).join('.');
}

/** "Scenario (--scenario) is server". */
export function conditionText(c: Condition, audience: Audience): string {
  const k = knobById(c.knob);
  const values = c.values.map((v) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : v)).join(' or ');
  return `${k ? knobName(k, audience) : c.knob} is ${values}`;
}

/** A knob's problem as one sentence: "Intra-op threads (--threads) must be a whole number ≥ 0". */
export function knobMessage(knob: AnyKnob, problem: string, audience: Audience): string {
  return `${knobName(knob, audience)} ${problem}`;
}

/**
 * One schema issue of a RunConfig in words: "Max iterations (--max-iterations) must be at least
 * the min iterations". For any code that validates a config (the host, the engine) and reports it.
 */
export function explainConfigIssue(issue: { path: readonly PropertyKey[]; message: string }, audience: Audience = 'cli'): { knob?: AnyKnob; message: string } {
  const knob = knobAtPath(issue.path);
  const name = knob ? knobName(knob, audience) : issue.path.map(String).join('.') || 'run configuration';
  return { ...(knob ? { knob } : {}), message: /^must /.test(issue.message) ? `${name} ${issue.message}` : `${name}: ${issue.message}` };
}
