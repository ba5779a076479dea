/** Every run knob, validated as the user types, with the equivalent CLI command shown live. */
import { useEffect, useMemo } from 'react';
import { benchCommandFor } from '../../../shared/cli-command';
import { useModel } from '../stores/model-store';
import { useApp } from '../stores/app-store';
import { parseConfig, useRunConfig, type ConfigChoices, type TextField as TextKey } from '../stores/config-store';
import { CheckField, Group, SelectField, TextField } from './FormControls';

export function useParsedConfig() {
  const model = useModel((s) => s.model);
  const { fields, choices } = useRunConfig();
  return useMemo(() => parseConfig(model?.path, fields, choices), [model?.path, fields, choices]);
}

export function RunForm() {
  const model = useModel((s) => s.model);
  const info = useApp((s) => s.info);
  const providers = info?.executionProviders ?? [];
  const { fields, choices, setField, choose, setDim, resetDims } = useRunConfig();
  const { config, errors } = useParsedConfig();
  const symbolic = useMemo(
    () => [...new Set(model?.inputs.flatMap((t) => t.shape.filter((d): d is string => typeof d === 'string' && d !== '?')) ?? [])],
    [model],
  );
  useEffect(() => resetDims(symbolic), [symbolic, resetDims]);
  const text = (key: TextKey, label: string, hint: string, wide = false) => (
    <TextField label={label} hint={hint} value={fields[key]} error={errors[key]} onChange={(v) => setField(key, v)} testId={`field-${key}`} wide={wide} />
  );
  const pick = <K extends keyof ConfigChoices>(key: K) => (v: ConfigChoices[K]) => choose(key, v);
  const gpu = choices.executionProvider === 'cuda' || choices.executionProvider === 'tensorrt';
  const ep = providers.find((p) => p.name === choices.executionProvider);

  return (
    <section className="panel-section">
      <h3>Run settings</h3>
      <Group title="Stop rule">
        {text('warmup', 'Warm-up', 'iterations, not measured')}
        {text('iterations', 'Iterations', 'measure at least this many')}
        {text('minDurationS', 'Min duration', 'seconds, measured at least')}
      </Group>
      <Group title="Session">
        <SelectField
          label="Execution provider"
          value={choices.executionProvider}
          onChange={pick('executionProvider')}
          testId="field-ep"
          hint={ep && !ep.available ? ep.reason : undefined}
          options={(['cpu', 'cuda', 'tensorrt', 'webgpu'] as const).map((name) => {
            const p = providers.find((x) => x.name === name);
            return { value: name, label: p && !p.available ? `${name} (unavailable)` : name, title: p?.reason };
          })}
        />
        <SelectField
          label="Graph optimization"
          value={choices.graphOptimizationLevel}
          onChange={pick('graphOptimizationLevel')}
          testId="field-opt-level"
          options={(['disabled', 'basic', 'extended', 'all'] as const).map((v) => ({ value: v, label: v }))}
        />
        {text('threads', 'Intra-op threads', '0 = ORT decides')}
        {text('interThreads', 'Inter-op threads', '0 = ORT decides')}
        <SelectField
          label="Execution mode"
          value={choices.executionMode}
          onChange={pick('executionMode')}
          testId="field-execution-mode"
          options={[
            { value: 'sequential', label: 'sequential' },
            { value: 'parallel', label: 'parallel' },
          ]}
        />
        <div className="checks">
          <CheckField label="CPU memory arena" checked={choices.enableCpuMemArena} onChange={pick('enableCpuMemArena')} testId="field-mem-arena" />
          <CheckField label="Memory pattern" checked={choices.enableMemPattern} onChange={pick('enableMemPattern')} testId="field-mem-pattern" />
        </div>
        {gpu && text('deviceId', 'GPU device', 'CUDA device id')}
        {gpu && (
          <SelectField
            label="cuDNN algo search"
            value={choices.cudnnConvAlgoSearch}
            onChange={pick('cudnnConvAlgoSearch')}
            testId="field-cudnn"
            options={(['EXHAUSTIVE', 'HEURISTIC', 'DEFAULT'] as const).map((v) => ({ value: v, label: v.toLowerCase() }))}
          />
        )}
        {gpu && <CheckField label="CUDA graph" checked={choices.enableCudaGraph} onChange={pick('enableCudaGraph')} testId="field-cuda-graph" />}
      </Group>
      <Group title="Inputs">
        <SelectField
          label="Data"
          value={choices.inputSource}
          onChange={pick('inputSource')}
          testId="field-input-source"
          options={[
            { value: 'random', label: 'seeded random' },
            { value: 'zeros', label: 'zeros' },
            { value: 'files', label: 'from a folder' },
          ]}
        />
        {choices.inputSource === 'random' && text('seed', 'Seed', 'same seed, same tensors')}
        {choices.inputSource === 'files' && text('inputsDir', 'Folder', 'input_N.pb (TensorProto) or NAME.npy', true)}
        {choices.inputSource === 'files' && (
          <CheckField label="Check outputs against output_N.pb" checked={choices.checkOutputs} onChange={pick('checkOutputs')} testId="field-check-outputs" />
        )}
        {choices.inputSource !== 'files' && text('batch', 'Batch size', 'leading dynamic dim (blank: 1)')}
        {choices.inputSource !== 'files' &&
          symbolic.map((name) => (
            <TextField
              key={name}
              label={`dim ${name}`}
              hint="symbolic dimension"
              value={fields.dims[name] ?? ''}
              error={errors[`dim:${name}`]}
              onChange={(v) => setDim(name, v)}
              testId={`dim-${name}`}
            />
          ))}
      </Group>
      <Group title="Scenario (MLPerf LoadGen)">
        <SelectField
          label="Scenario"
          value={choices.scenario}
          onChange={pick('scenario')}
          testId="field-scenario"
          options={[
            { value: 'single-stream', label: 'single-stream (latency)' },
            { value: 'offline', label: 'offline (throughput)' },
            { value: 'server', label: 'server (Poisson QPS)' },
            { value: 'multi-stream', label: 'multi-stream (N per query)' },
          ]}
        />
        {choices.scenario === 'server' && text('qps', 'Target QPS', 'Poisson arrivals per second')}
        {choices.scenario === 'server' && text('latencyBudgetMs', 'p99 budget', 'milliseconds')}
        {choices.scenario === 'multi-stream' && text('samplesPerQuery', 'Samples / query', 'the batch of one query')}
        <CheckField label="Profile operators after measuring" checked={choices.profile} onChange={pick('profile')} testId="field-profile" />
      </Group>
      <Group title="Telemetry">
        <CheckField label="Sample CPU, GPU and power beside the run" checked={choices.telemetry} onChange={pick('telemetry')} testId="field-telemetry" />
        {choices.telemetry && text('telemetryIntervalMs', 'Interval', 'ms between samples (20–10000)')}
        {choices.telemetry && text('telemetryGpus', 'GPUs', 'indices, e.g. 0,1 (blank: all)')}
      </Group>
      {config && (
        <div className="cli-line">
          <div className="field-label">Same run from a terminal</div>
          <code data-testid="cli-command">{benchCommandFor(config)}</code>
        </div>
      )}
    </section>
  );
}
