/**
 * The `dyno bench` command line equivalent to a run configuration, shown live in the UI so a
 * user can move a configuration into a script or CI job. Defaults are left out. A unit test
 * parses the output with the real CLI parser and checks it gives back the same configuration.
 */
import { RUN_DEFAULTS, SessionKnobsSchema, type RunConfig } from './run-config';

function quote(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

const DEFAULT_SESSION = SessionKnobsSchema.parse({});
const seconds = (ms: number): string => String(ms / 1000);

export function benchArgsFor(config: RunConfig): string[] {
  const args: string[] = [config.modelPath];
  const { stop, session: s } = config;
  const exact = stop.minIterations === stop.maxIterations && stop.minDurationMs === 0;
  if (exact) args.push('--iterations', String(stop.minIterations));
  else {
    if (stop.minIterations !== RUN_DEFAULTS.minIterations) args.push('--min-iterations', String(stop.minIterations));
    if (stop.maxIterations !== RUN_DEFAULTS.maxIterations) args.push('--max-iterations', String(stop.maxIterations));
    if (stop.minDurationMs !== RUN_DEFAULTS.minDurationMs) args.push('--min-duration', seconds(stop.minDurationMs));
  }
  if (stop.maxDurationMs !== RUN_DEFAULTS.maxDurationMs) args.push('--max-duration', seconds(stop.maxDurationMs));
  if (stop.warmupIterations !== RUN_DEFAULTS.warmupIterations) args.push('--warmup', String(stop.warmupIterations));

  if (s.executionProvider !== DEFAULT_SESSION.executionProvider) args.push('--ep', s.executionProvider);
  if (s.graphOptimizationLevel !== DEFAULT_SESSION.graphOptimizationLevel) args.push('--opt-level', s.graphOptimizationLevel);
  if (s.intraOpThreads !== 0) args.push('--threads', String(s.intraOpThreads));
  if (s.interOpThreads !== 0) args.push('--inter-threads', String(s.interOpThreads));
  if (s.executionMode !== DEFAULT_SESSION.executionMode) args.push('--execution-mode', s.executionMode);
  if (!s.enableCpuMemArena) args.push('--no-mem-arena');
  if (!s.enableMemPattern) args.push('--no-mem-pattern');
  for (const [name, v] of Object.entries(s.freeDimensionOverrides)) args.push('--free-dim', `${name}=${v}`);
  if (s.executionProvider === 'cuda' || s.executionProvider === 'tensorrt') {
    if (s.cuda.deviceId !== 0) args.push('--device-id', String(s.cuda.deviceId));
    if (s.cuda.cudnnConvAlgoSearch !== DEFAULT_SESSION.cuda.cudnnConvAlgoSearch) args.push('--cudnn-algo-search', s.cuda.cudnnConvAlgoSearch);
    if (s.cuda.enableCudaGraph) args.push('--cuda-graph');
  }

  for (const [name, value] of Object.entries(config.dims)) args.push('--dim', `${name}=${value}`);
  for (const [name, shape] of Object.entries(config.shapes)) args.push('--shape', `${name}=${shape.join('x')}`);
  for (const [name, value] of Object.entries(config.values)) args.push('--value', `${name}=${value}`);
  if (config.batchSize !== undefined) args.push('--batch', String(config.batchSize));
  if (config.inputs.kind === 'files') args.push('--inputs', config.inputs.dir);
  else if (config.inputs.kind === 'zeros') args.push('--zeros');
  else if (config.inputs.seed !== 1) args.push('--seed', String(config.inputs.seed));
  if (config.checkOutputs) args.push('--check-outputs');

  const sc = config.scenario;
  if (sc.kind !== 'single-stream') args.push('--scenario', sc.kind);
  if (sc.kind === 'server') {
    args.push('--qps', String(sc.targetQps), '--latency-budget', String(sc.latencyBudgetMs));
    if (sc.percentile !== 0.99) args.push('--percentile', String(sc.percentile));
  }
  if (sc.kind === 'multi-stream') args.push('--samples-per-query', String(sc.samplesPerQuery));
  if (config.profile) args.push('--profile');
  if (!config.telemetry.enabled) args.push('--no-telemetry');
  if (config.telemetry.intervalMs !== 100) args.push('--telemetry-interval', String(config.telemetry.intervalMs));
  if (config.telemetry.idleBaselineMs !== 1000) args.push('--idle-baseline', String(config.telemetry.idleBaselineMs));
  if (config.telemetry.gpus.length > 0) args.push('--gpus', config.telemetry.gpus.join(','));
  if (config.label) args.push('--label', config.label);
  return args;
}

export function benchCommandFor(config: RunConfig): string {
  return ['npx', 'dyno', 'bench', ...benchArgsFor(config).map(quote)].join(' ');
}
