/** The stop rule: warm-up, then measure until both minimums hold or a cap is reached. */
import { RUN_DEFAULTS, StopRuleSchema } from '../run-config';
import { numberKnob, optionalNumberKnob } from './builders';

const stop = StopRuleSchema.shape;

export const STOP_KNOBS = [
  numberKnob({
    id: 'warmup',
    path: 'stop.warmupIterations',
    flag: '--warmup',
    short: '-w',
    label: 'Warm-up',
    help: 'iterations run first and not measured',
    group: 'stop',
    schema: stop.warmupIterations,
    default: RUN_DEFAULTS.warmupIterations,
    at: (c) => c.stop.warmupIterations,
  }),
  numberKnob({
    id: 'minIterations',
    path: 'stop.minIterations',
    flag: '--min-iterations',
    label: 'Min iterations',
    help: 'measure at least this many',
    group: 'stop',
    schema: stop.minIterations,
    default: RUN_DEFAULTS.minIterations,
    at: (c) => c.stop.minIterations,
  }),
  numberKnob({
    id: 'maxIterations',
    path: 'stop.maxIterations',
    flag: '--max-iterations',
    label: 'Max iterations',
    help: 'stop after this many',
    group: 'stop',
    schema: stop.maxIterations,
    default: RUN_DEFAULTS.maxIterations,
    at: (c) => c.stop.maxIterations,
  }),
  numberKnob({
    id: 'minDuration',
    path: 'stop.minDurationMs',
    flag: '--min-duration',
    label: 'Min duration',
    help: 'seconds, measured at least',
    unit: 's',
    scale: 1000,
    group: 'stop',
    schema: stop.minDurationMs,
    default: RUN_DEFAULTS.minDurationMs / 1000,
    at: (c) => c.stop.minDurationMs,
  }),
  numberKnob({
    id: 'maxDuration',
    path: 'stop.maxDurationMs',
    flag: '--max-duration',
    label: 'Max duration',
    help: 'seconds, then stop',
    unit: 's',
    scale: 1000,
    group: 'stop',
    schema: stop.maxDurationMs,
    default: RUN_DEFAULTS.maxDurationMs / 1000,
    at: (c) => c.stop.maxDurationMs,
  }),
  optionalNumberKnob({
    id: 'timeout',
    path: 'stop.timeoutMs',
    flag: '--timeout',
    label: 'Timeout',
    help: 'seconds for the whole run; one still going then (a hang inside an inference) is stopped and failed',
    unit: 's',
    scale: 1000,
    group: 'stop',
    schema: stop.timeoutMs.unwrap(),
    at: (c) => c.stop.timeoutMs,
  }),
  optionalNumberKnob({
    id: 'memoryCap',
    path: 'stop.memoryCapMiB',
    flag: '--memory-cap',
    label: 'Memory cap',
    help: "MiB of memory the worker may use (Linux: its private data, thread stacks included); a run that needs more fails as out of memory",
    unit: 'MiB',
    group: 'stop',
    schema: stop.memoryCapMiB.unwrap(),
    at: (c) => c.stop.memoryCapMiB,
  }),
] as const;

/**
 * `-n N`: exactly N measured iterations whatever time they take. A CLI shorthand over three
 * knobs, not a knob: the command line uses it whenever a config matches it.
 */
export const EXACT_ITERATIONS = {
  flag: '--iterations',
  short: '-n',
  help: 'measure exactly N iterations (sets min and max iterations, and min duration 0)',
  expand: (n: number) => ({ minIterations: n, maxIterations: n, minDuration: 0 }),
  matches: (v: { minIterations: number; maxIterations: number; minDuration: number }): boolean => v.minIterations === v.maxIterations && v.minDuration === 0,
} as const;
