/**
 * Step 1 of the optimizer wizard: the goal. The model (the open one or a recent one), the
 * objective, the constraints, the inputs (a test_data_set folder, the symbolic dims), the time
 * budget and the factors to search, checked as typed, with
 * the same study as a `dyno optimize` command line.
 */
import { useEffect, useMemo } from 'react';
import { useOptimizer } from '../../stores/optimizer-store';
import { useModel } from '../../stores/model-store';
import { useRecentModels } from '../../stores/recent-models-store';
import { CheckField, Group, SelectField, TextField } from '../FormControls';
import { FailureNotice } from '../FailureNotice';
import { goalRequest, optimizeCommandFor } from '../../../../shared/optimizer/goal-form';
import { OBJECTIVES, OBJECTIVE_WORDS } from '../../../../shared/optimizer/goal';
import { FACTOR_IDS } from '../../../../shared/optimizer/factors';
import { symbolicDims } from '../../../../shared/knobs/symbolic-dims';

const FACTOR_WORDS: Record<(typeof FACTOR_IDS)[number], string> = {
  ep: 'execution provider',
  optLevel: 'graph optimization',
  threads: 'intra-op threads',
  executionMode: 'execution mode',
  interThreads: 'inter-op threads',
  memArena: 'memory arena',
  memPattern: 'memory pattern',
  cudnnAlgoSearch: 'cuDNN search',
  cudaGraph: 'CUDA graph',
  batch: 'batch size',
  precision: 'FP16 / INT8',
};

export function GoalStep() {
  const { fields, setFields, start, startFailure } = useOptimizer();
  const open = useModel((s) => s.model);
  const recent = useRecentModels((s) => s.models);
  useEffect(() => void useRecentModels.getState().refresh(), []);
  useEffect(() => {
    if (fields.model === '' && open) setFields({ model: open.path });
  }, [open, fields.model, setFields]);
  // Like the Run form: one field per symbolic dim of the open model, kept as typed, 1 to begin with.
  const symbolic = useMemo(() => (open && open.path === fields.model ? symbolicDims(open.inputs) : []), [open, fields.model]);
  useEffect(() => {
    const { dims } = useOptimizer.getState().fields;
    const next = Object.fromEntries(symbolic.map((n) => [n, dims[n] ?? '1']));
    if (JSON.stringify(next) !== JSON.stringify(dims)) setFields({ dims: next });
  }, [symbolic, setFields]);
  const { request, errors } = goalRequest(fields);
  const models = [...new Set([...(open ? [open.path] : []), ...recent.map((r) => r.path), ...(fields.model ? [fields.model] : [])])];
  return (
    <section className="config-panel optimizer-goal" data-testid="optimizer-goal">
      <Group title="Goal">
        {models.length > 0 ? (
          <SelectField label="Model" value={fields.model} options={models.map((m) => ({ value: m, label: m.split('/').at(-1) ?? m, title: m }))} onChange={(model) => setFields({ model })} testId="opt-model" hint={errors.model ?? fields.model} />
        ) : (
          <TextField label="Model" hint="a path to an .onnx file" value={fields.model} error={errors.model} onChange={(model) => setFields({ model })} testId="opt-model-path" wide />
        )}
        <SelectField label="Objective" value={fields.objective} options={OBJECTIVES.map((o) => ({ value: o, label: o === 'throughput' ? 'max throughput' : `min ${OBJECTIVE_WORDS[o]}` }))} onChange={(objective) => setFields({ objective })} testId="opt-objective" />
        <TextField label="Time budget" hint="the whole search, e.g. 5m, 90s" value={fields.timeBudget} error={errors.timeBudget} onChange={(timeBudget) => setFields({ timeBudget })} testId="opt-time-budget" />
        <TextField label="Trial duration (s)" hint="each trial measures at least this long" value={fields.trialDurationS} error={errors.trialDurationS} onChange={(trialDurationS) => setFields({ trialDurationS })} testId="opt-trial-duration" />
      </Group>
      <Group title="Constraints (blank: none)">
        <TextField label="Latency budget (ms)" hint={fields.objective === 'p99' ? 'on the p99' : 'on the p50'} value={fields.budgetMs} error={errors.budgetMs} onChange={(budgetMs) => setFields({ budgetMs })} testId="opt-budget" />
        <TextField label="Max output error" hint="largest abs difference from FP32" value={fields.maxError} error={errors.maxError} onChange={(maxError) => setFields({ maxError })} testId="opt-max-error" />
        <TextField label="Memory cap (MiB)" hint="peak memory of the worker" value={fields.memoryCapMiB} error={errors.memoryCapMiB} onChange={(memoryCapMiB) => setFields({ memoryCapMiB })} testId="opt-memory-cap" />
        <TextField label="Min accuracy" hint="top-1 agreement with the expected outputs, 0–1" value={fields.minAccuracy} error={errors.minAccuracy} onChange={(minAccuracy) => setFields({ minAccuracy })} testId="opt-min-accuracy" />
      </Group>
      <Group title="Inputs">
        <TextField label="Inputs folder" hint="a test_data_set folder (blank: generated inputs); its expected outputs are checked too" value={fields.inputsDir} onChange={(inputsDir) => setFields({ inputsDir })} testId="opt-inputs-dir" wide />
        {symbolic.map((name) => (
          <TextField key={name} label={`dim ${name}`} hint={fields.inputsDir.trim() ? 'the inputs folder gives the shapes' : 'symbolic dimension'} disabled={fields.inputsDir.trim() !== ''} value={fields.dims[name] ?? ''} error={errors.dims?.startsWith(`dim ${name} `) ? errors.dims : undefined} onChange={(v) => setFields({ dims: { ...fields.dims, [name]: v } })} testId={`opt-dim-${name}`} />
        ))}
      </Group>
      <fieldset className="form-group">
        <legend>Factors searched, one change at a time then combined</legend>
        <div className="checks">
          {FACTOR_IDS.map((id) => (
            <CheckField
              key={id}
              label={FACTOR_WORDS[id]}
              checked={fields.factors.includes(id)}
              onChange={(on) => setFields({ factors: on ? [...fields.factors, id] : fields.factors.filter((f) => f !== id) })}
              testId={`opt-factor-${id}`}
              title={id}
            />
          ))}
        </div>
        {errors.factors && <span className="field-hint error-line">{errors.factors}</span>}
      </fieldset>
      <div className="run-actions">
        <button className="primary" disabled={!request} onClick={() => void start()} data-testid="opt-start">
          Start the search
        </button>
        {startFailure && <FailureNotice failure={startFailure} testId="opt-start-failure" />}
      </div>
      {request && (
        <div className="cli-line">
          <div className="field-label">Same study from a terminal</div>
          <code data-testid="opt-cli-command">{optimizeCommandFor(request)}</code>
        </div>
      )}
    </section>
  );
}
