/**
 * The optimizer's factors for a command workload. A factor is either a flag the program takes
 * (`--factor amp=--amp`, `--factor fast='--epochs 2'`: off in the baseline, its arguments
 * appended when on) or a parameter (`--param batch=8,16,32` with `{batch}` in the command: its
 * first value is the baseline's, the others are the levels tried), substituted exactly as
 * `dyno exec --param` substitutes it. A candidate is the set of factor levels that differ from
 * the baseline; its run is the baseline's command configuration with the command rewritten.
 */
import type { RunConfig } from '../../run';
import { substitute, type CommandParam } from '../../command/params';
import { commandLine, shellQuote } from '../../command/workload';

export type CommandFactor = { name: string; kind: 'flag'; args: string[] } | { name: string; kind: 'param'; values: string[] };
/** Factor name → level: 'on' for a flag, the value for a parameter. Empty: the baseline. */
export type CommandCandidate = Partial<Record<string, string>>;

export const FLAG_ON = 'on';
const NAME = /^[A-Za-z_][\w-]*$/;

/** `amp=--amp` or `fast=--epochs 2` → a flag factor, or a sentence saying what is wrong. */
export function parseFlagFactor(spec: string): CommandFactor | string {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq).trim();
  const args = spec
    .slice(eq + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (eq <= 0 || !NAME.test(name) || args.length === 0) return `'${spec}' is not a factor: write it as name=--flag or name='--flag value' (e.g. amp=--amp, fast='--epochs 2').`;
  return { name, kind: 'flag', args };
}

/** The factors of a command: its flags, then its parameters; a sentence when two share a name. */
export function commandFactors(flags: readonly CommandFactor[], params: readonly CommandParam[]): CommandFactor[] | string {
  const all: CommandFactor[] = [...flags, ...params.map((p): CommandFactor => ({ name: p.name, kind: 'param', values: p.values }))];
  const names = new Set<string>();
  for (const f of all) {
    if (names.has(f.name)) return `Two factors are named ${f.name}: give each --factor and --param its own name.`;
    names.add(f.name);
  }
  if (all.length === 0) return 'Give at least one factor to try: --factor name=--flag, or --param name=a,b with {name} in the command.';
  const single = all.find((f) => f.kind === 'param' && f.values.length < 2);
  if (single) return `--param ${single.name} has one value: list the baseline's value first, then the ones to try (e.g. ${single.name}=32,64).`;
  return all;
}

/** The levels tried as a single change (the baseline's level excluded). */
export function factorLevels(f: CommandFactor): string[] {
  return f.kind === 'flag' ? [FLAG_ON] : f.values.slice(1);
}

export function baselineLevel(f: CommandFactor): string {
  return f.kind === 'flag' ? 'off' : (f.values[0] as string);
}

/** A stable text for a candidate, its levels in factor order (e.g. "amp=on batch=64"); "baseline" when empty. */
export function commandCandidateKey(factors: readonly CommandFactor[], c: CommandCandidate): string {
  const parts = factors.flatMap((f) => (c[f.name] === undefined ? [] : [`${f.name}=${c[f.name]}`]));
  return parts.length > 0 ? parts.join(' ') : 'baseline';
}

/** Every parameter's value in a candidate (the baseline's where the candidate leaves it). */
export function paramValues(factors: readonly CommandFactor[], c: CommandCandidate): Record<string, string> {
  return Object.fromEntries(factors.flatMap((f) => (f.kind === 'param' ? [[f.name, c[f.name] ?? baselineLevel(f)]] : [])));
}

/** The candidate's command: the template with its parameters substituted and its flags appended. */
export function candidateArgv(template: readonly string[], shell: boolean, factors: readonly CommandFactor[], c: CommandCandidate): string[] {
  const argv = substitute(template, paramValues(factors, c));
  const extra = factors.flatMap((f) => (f.kind === 'flag' && c[f.name] === FLAG_ON ? f.args : []));
  if (extra.length === 0) return argv;
  return shell ? [`${argv.join(' ')} ${extra.map(shellQuote).join(' ')}`] : [...argv, ...extra];
}

/** The run configuration of a candidate: the baseline's command configuration with the command rewritten. */
export function commandCandidateConfig(base: RunConfig, template: readonly string[], factors: readonly CommandFactor[], c: CommandCandidate, label: string): RunConfig {
  const w = base.command;
  if (!w) throw new Error('a command optimizer study needs a command run configuration');
  const argv = candidateArgv(template, w.shell, factors, c);
  return { ...base, modelPath: commandLine({ argv, shell: w.shell }), command: { ...w, argv, params: paramValues(factors, c) }, label };
}
