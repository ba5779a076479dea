/**
 * The run form, generated from the knob registry (shared/knobs): one field per knob, grouped,
 * shown only where the knob applies, validated as the user types, with the equivalent CLI
 * command shown live. Nothing here lists knobs or choices: adding a knob to the registry adds it.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { benchCommandFor } from '../../../shared/cli-command';
import type { AnyKnob, KnobGroup } from '../../../shared/knobs/knob';
import { ALL_KNOBS } from '../../../shared/knobs/registry';
import { formKnobApplies } from '../../../shared/knobs/form';
import { BATCH_KNOB } from '../../../shared/knobs/input-knobs';
import { dimsSetByBatch } from '../../../shared/knobs/batch-dims';
import { symbolicDims } from '../../../shared/knobs/symbolic-dims';
import { readDefaultDims } from '../../../shared/default-dims';
import { useModel } from '../stores/model-store';
import { useApp } from '../stores/app-store';
import { parseForm, useRunConfig, type FormErrors } from '../stores/config-store';
import { CheckField, Group, SelectField, TextField } from './FormControls';
import { parseTargetFields } from '../../../shared/targets/parse';
import { useRunTargets } from '../stores/targets-store';
import { targetErrorKey, TargetsPanel } from './TargetsPanel';

const GROUPS: { title: string; groups: KnobGroup[] }[] = [
  { title: 'Stop rule', groups: ['stop'] },
  { title: 'Session', groups: ['session', 'cuda'] },
  { title: 'Inputs', groups: ['inputs'] },
  { title: 'Scenario (MLPerf LoadGen)', groups: ['scenario'] },
  { title: 'Telemetry', groups: ['telemetry'] },
  { title: 'Run', groups: ['run'] },
];

/** The symbolic dims the batch size sets (shared/knobs/batch-dims.ts), while a batch size is typed. */
function useDimsSetByBatch(): string[] {
  const model = useModel((s) => s.model);
  const batch = useRunConfig((s) => (s.fields.text[BATCH_KNOB.id] ?? '').trim());
  return useMemo(() => (batch && model ? dimsSetByBatch(model.inputs) : []), [batch, model]);
}

/** The form's config with its targets (a target that does not parse is an error like a field's). */
export function useParsedConfig() {
  const model = useModel((s) => s.model);
  const fields = useRunConfig((s) => s.fields);
  const targetTexts = useRunTargets((s) => s.texts);
  const setByBatch = useDimsSetByBatch();
  return useMemo(() => {
    // One value per axis: a dim the batch size sets is left out, not sent as well.
    const dims = Object.fromEntries(Object.entries(fields.dims).filter(([name]) => !setByBatch.includes(name)));
    const form = parseForm(model?.path, setByBatch.length > 0 ? { ...fields, dims } : fields);
    const t = parseTargetFields(targetTexts);
    const errors: FormErrors = { ...form.errors, ...Object.fromEntries(Object.entries(t.errors).map(([i, e]) => [targetErrorKey(Number(i)), e])) };
    if (!form.config || Object.keys(t.errors).length > 0) return { errors };
    return { config: t.targets.length > 0 ? { ...form.config, targets: t.targets } : form.config, errors };
  }, [model?.path, fields, targetTexts, setByBatch]);
}

/** The dims the open model records defaults for (shared/default-dims.ts); garbage metadata gives none. */
function useModelDefaultDims(): Readonly<Record<string, number>> {
  const model = useModel((s) => s.model);
  return useMemo(() => {
    const d = model ? readDefaultDims(model.details.metadata) : undefined;
    return d?.kind === 'dims' ? d.dims : {};
  }, [model]);
}

function useSymbolicDims(): string[] {
  const model = useModel((s) => s.model);
  return useMemo(() => symbolicDims(model?.inputs ?? []), [model]);
}

/** The field(s) of one knob. */
function KnobField({ knob, errors, symbolic }: { knob: AnyKnob; errors: FormErrors; symbolic: string[] }) {
  const { fields, setText, setOn, setDim } = useRunConfig();
  const providers = useApp((s) => s.info?.executionProviders) ?? [];
  const testId = `field-${knob.id}`;
  const setByBatch = useDimsSetByBatch();
  const defaults = useModelDefaultDims();
  const text = fields.text[knob.id] ?? '';
  switch (knob.kind) {
    case 'switch':
      return <CheckField label={knob.label} checked={fields.on[knob.id] ?? knob.default} onChange={(v) => setOn(knob.id, v)} testId={testId} />;
    case 'choice': {
      // Execution providers say whether they work here, and why not (from the host's probe).
      const probe = (v: string) => (knob.id === 'ep' ? providers.find((p) => p.name === v) : undefined);
      const chosen = probe(text);
      return (
        <SelectField
          label={knob.label}
          value={text}
          onChange={(v) => setText(knob.id, v)}
          testId={testId}
          hint={errors[knob.id] ?? (chosen && !chosen.available ? chosen.reason : undefined)}
          options={knob.values.map((v) => {
            const p = probe(v);
            const label = knob.optionLabels?.[v] ?? v;
            return { value: v, label: p && !p.available ? `${label} (${p.checking ? 'checking…' : 'unavailable'})` : label, title: p?.reason };
          })}
        />
      );
    }
    case 'pairs':
      if (knob.perName)
        return (
          <>
            {symbolic.map((name) =>
              setByBatch.includes(name) ? (
                <TextField key={name} label={`dim ${name}`} hint="set by Batch size (the leading axis)" value={fields.text[BATCH_KNOB.id] ?? ''} onChange={() => undefined} testId={`dim-${name}`} disabled />
              ) : (
                <TextField key={name} label={`dim ${name}`} hint={defaults[name] !== undefined ? `model default ${defaults[name]} (from its metadata)` : 'symbolic dimension'} value={fields.dims[name] ?? ''} error={errors[`dim:${name}`]} onChange={(v) => setDim(name, v)} testId={`dim-${name}`} />
              ),
            )}
          </>
        );
      return <TextField label={knob.label} hint={`${knob.placeholder}, … (${knob.flag})`} value={text} error={errors[knob.id]} onChange={(v) => setText(knob.id, v)} testId={testId} wide />;
    case 'value':
      return <TextField label={knob.label} hint={knob.help} value={text} error={errors[knob.id]} onChange={(v) => setText(knob.id, v)} testId={testId} wide={knob.placeholder === 'dir' || knob.placeholder === 'text'} />;
  }
}

/** Consecutive switches share a row. */
function layout(knobs: AnyKnob[], render: (k: AnyKnob) => ReactNode): ReactNode[] {
  const rows: AnyKnob[][] = [];
  for (const k of knobs) {
    const last = rows[rows.length - 1];
    if (k.kind === 'switch' && last?.[0]?.kind === 'switch') last.push(k);
    else rows.push([k]);
  }
  return rows.map((row) =>
    row.length > 1 ? (
      <div className="checks" key={`checks-${row[0]?.id ?? ''}`}>
        {row.map(render)}
      </div>
    ) : (
      row.map(render)
    ),
  );
}

export function RunForm() {
  const fields = useRunConfig((s) => s.fields);
  const resetDims = useRunConfig((s) => s.resetDims);
  const { config, errors } = useParsedConfig();
  const symbolic = useSymbolicDims();
  const defaults = useModelDefaultDims();
  useEffect(() => resetDims(symbolic, defaults), [symbolic, defaults, resetDims]);
  const render = (k: AnyKnob) => <KnobField key={k.id} knob={k} errors={errors} symbolic={symbolic} />;

  return (
    <section className="panel-section">
      <h3>Run settings</h3>
      {GROUPS.map(({ title, groups }) => {
        const shown = ALL_KNOBS.filter((k) => groups.includes(k.group) && formKnobApplies(k, fields));
        const more = shown.filter((k) => k.advanced);
        return (
          <Group title={title} key={title}>
            {layout(shown.filter((k) => !k.advanced), render)}
            {more.length > 0 && (
              <details className="field wide" data-testid={`more-${groups[0]}`}>
                <summary className="field-label">More: {more.map((k) => k.label.toLowerCase()).join(', ')}</summary>
                <div className="field-grid">{more.map(render)}</div>
              </details>
            )}
          </Group>
        );
      })}
      <TargetsPanel errors={errors} />
      {config && (
        <div className="cli-line">
          <div className="field-label">Same run from a terminal</div>
          <code data-testid="cli-command">{benchCommandFor(config)}</code>
        </div>
      )}
    </section>
  );
}
