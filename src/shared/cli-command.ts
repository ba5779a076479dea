/**
 * The `dyno bench` command line equivalent to a run configuration, shown live in the UI so a
 * user can move a configuration into a script or CI job. Defaults are left out.
 */
import { RUN_DEFAULTS, type RunConfig } from './run';

function quote(arg: string): string {
  return /^[\w./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function benchCommandFor(config: RunConfig): string {
  const args = ['npx', 'dyno', 'bench', quote(config.modelPath)];
  const { stop } = config;
  const exact = stop.minIterations === stop.maxIterations && stop.minDurationMs === 0;
  if (exact) args.push('--iterations', String(stop.minIterations));
  else {
    if (stop.minIterations !== RUN_DEFAULTS.minIterations) args.push('--min-iterations', String(stop.minIterations));
    if (stop.maxIterations !== RUN_DEFAULTS.maxIterations) args.push('--max-iterations', String(stop.maxIterations));
    if (stop.minDurationMs !== RUN_DEFAULTS.minDurationMs) args.push('--min-duration', String(stop.minDurationMs / 1000));
  }
  if (stop.maxDurationMs !== RUN_DEFAULTS.maxDurationMs) args.push('--max-duration', String(stop.maxDurationMs / 1000));
  if (stop.warmupIterations !== RUN_DEFAULTS.warmupIterations) args.push('--warmup', String(stop.warmupIterations));
  if (config.intraOpThreads !== 0) args.push('--threads', String(config.intraOpThreads));
  for (const [name, value] of Object.entries(config.dims)) args.push('--dim', quote(`${name}=${value}`));
  if (config.seed !== 1) args.push('--seed', String(config.seed));
  if (config.label) args.push('--label', quote(config.label));
  return args.join(' ');
}
