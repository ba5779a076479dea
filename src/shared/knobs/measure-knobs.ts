/** The load scenario (MLPerf LoadGen's four), profiling, telemetry beside the run, and the label. */
import { MultiStreamScenarioSchema, RunConfigSchema, SCENARIOS, ServerScenarioSchema } from '../run-config';
import { TelemetryConfigSchema } from '../telemetry';
import { choiceKnob, listKnob, numberKnob, optionalNumberKnob, switchKnob, textKnob } from './builders';
import { z } from 'zod';

const server = { knob: 'scenario', values: ['server'] } as const;
const telemetryOn = { knob: 'telemetry', values: [true] } as const;
const t = TelemetryConfigSchema.shape;

export const SCENARIO_KNOBS = [
  choiceKnob({
    id: 'scenario',
    path: 'scenario.kind',
    flag: '--scenario',
    label: 'Scenario',
    help: 'load scenario (MLPerf LoadGen)',
    placeholder: 'name',
    group: 'scenario',
    values: SCENARIOS,
    optionLabels: { 'single-stream': 'single-stream (latency)', offline: 'offline (throughput)', server: 'server (Poisson QPS)', 'multi-stream': 'multi-stream (N per query)' },
    schema: z.enum(SCENARIOS).default(RunConfigSchema.shape.scenario.parse(undefined).kind),
    at: (c) => c.scenario.kind,
  }),
  optionalNumberKnob({
    id: 'qps',
    path: 'scenario.targetQps',
    flag: '--qps',
    label: 'Target QPS',
    help: 'Poisson arrivals per second',
    group: 'scenario',
    when: server,
    required: true,
    suggestion: '100',
    schema: ServerScenarioSchema.shape.targetQps,
    at: (c) => (c.scenario.kind === 'server' ? c.scenario.targetQps : undefined),
  }),
  optionalNumberKnob({
    id: 'latencyBudget',
    path: 'scenario.latencyBudgetMs',
    flag: '--latency-budget',
    label: 'Latency budget',
    help: 'ms the percentile must stay within',
    unit: 'ms',
    group: 'scenario',
    when: server,
    required: true,
    suggestion: '50',
    schema: ServerScenarioSchema.shape.latencyBudgetMs,
    at: (c) => (c.scenario.kind === 'server' ? c.scenario.latencyBudgetMs : undefined),
  }),
  numberKnob({
    id: 'percentile',
    path: 'scenario.percentile',
    flag: '--percentile',
    label: 'Percentile',
    help: 'judged against the budget (0.99 = p99)',
    group: 'scenario',
    when: server,
    schema: ServerScenarioSchema.shape.percentile,
    at: (c) => (c.scenario.kind === 'server' ? c.scenario.percentile : undefined),
  }),
  optionalNumberKnob({
    id: 'samplesPerQuery',
    path: 'scenario.samplesPerQuery',
    flag: '--samples-per-query',
    label: 'Samples / query',
    help: 'the batch of one query',
    group: 'scenario',
    when: { knob: 'scenario', values: ['multi-stream'] },
    required: true,
    suggestion: '8',
    schema: MultiStreamScenarioSchema.shape.samplesPerQuery,
    at: (c) => (c.scenario.kind === 'multi-stream' ? c.scenario.samplesPerQuery : undefined),
  }),
  switchKnob({
    id: 'profile',
    path: 'profile',
    flag: '--profile',
    label: 'Profile operators after measuring',
    help: 'after measuring, profile a separate pass: time per operator and FLOPs',
    group: 'scenario',
    schema: RunConfigSchema.shape.profile,
    at: (c) => c.profile,
  }),
] as const;

export const TELEMETRY_KNOBS = [
  switchKnob({
    id: 'telemetry',
    path: 'telemetry.enabled',
    flag: '--no-telemetry',
    label: 'Sample telemetry',
    help: 'do not sample CPU/GPU telemetry beside the run',
    group: 'telemetry',
    schema: t.enabled,
    at: (c) => c.telemetry.enabled,
  }),
  numberKnob({
    id: 'telemetryInterval',
    path: 'telemetry.intervalMs',
    flag: '--telemetry-interval',
    label: 'Interval',
    help: 'ms between samples (≥ 10 with NVML, ≥ 20 with nvidia-smi)',
    unit: 'ms',
    group: 'telemetry',
    when: telemetryOn,
    schema: t.intervalMs,
    at: (c) => c.telemetry.intervalMs,
  }),
  numberKnob({
    id: 'idleBaseline',
    path: 'telemetry.idleBaselineMs',
    flag: '--idle-baseline',
    label: 'Idle baseline',
    help: 'ms of idle power first (with an energy counter)',
    unit: 'ms',
    group: 'telemetry',
    when: telemetryOn,
    schema: t.idleBaselineMs,
    at: (c) => c.telemetry.idleBaselineMs,
  }),
  listKnob({
    id: 'gpus',
    path: 'telemetry.gpus',
    flag: '--gpus',
    label: 'GPUs',
    help: 'GPU indices to sample, e.g. 0,1 (blank: all)',
    placeholder: '0,1',
    group: 'telemetry',
    when: telemetryOn,
    schema: t.gpus,
    at: (c) => c.telemetry.gpus,
  }),
] as const;

export const RUN_KNOBS = [
  textKnob({
    id: 'label',
    path: 'label',
    flag: '--label',
    label: 'Label',
    help: 'a label to find the run by later',
    placeholder: 'text',
    group: 'run',
    schema: RunConfigSchema.shape.label.unwrap(),
    at: (c) => c.label,
  }),
] as const;
