/** Search and filters over the stored runs; each choice lists only values the store holds. */
import { useEffect, useState } from 'react';
import { useSessionsList } from '../../stores/sessions-list-store';
import { RUN_STATUSES, type RunFilter } from '../../../../shared/sessions/run-query';
import { EXECUTION_PROVIDERS, SCENARIOS } from '../../../../shared/run-config';

const SEARCH_DEBOUNCE_MS = 250;

function Choice({ label, value, options, onChange, testId }: { label: string; value: string | number | undefined; options: readonly (string | number)[]; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="filter">
      <span className="field-label">{label}</span>
      <select value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** yyyy-mm-dd of a local day ↔ the ISO instant of its start. */
const dayOf = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleDateString('sv-SE') : '');
const startOfDay = (day: string, plusDays = 0): string | undefined => {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

export function SessionsFilters() {
  const { filter, facets, setFilter, clearFilters } = useSessionsList();
  const [text, setText] = useState(filter.text ?? '');
  useEffect(() => {
    if ((filter.text ?? '') === text.trim()) return;
    const timer = window.setTimeout(() => setFilter({ text: text.trim() || undefined }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, filter.text, setFilter]);
  const num = (v: string): number | undefined => (v === '' ? undefined : Number(v));
  const set = (patch: Partial<RunFilter>): void => setFilter(patch);
  const active = Object.keys(filter).length > 0;
  return (
    <div className="sessions-filters" role="search">
      <label className="filter search">
        <span className="field-label">search</span>
        <input type="search" placeholder="model, label, tags…" title="Finds runs by model name, label, notes, tags or id" value={text} onChange={(e) => setText(e.target.value)} data-testid="runs-search" />
      </label>
      <Choice label="model" value={filter.model} options={facets?.models ?? []} onChange={(v) => set({ model: v || undefined })} testId="filter-model" />
      <Choice
        label="EP"
        value={filter.provider}
        options={facets?.providers ?? []}
        onChange={(v) => set({ provider: EXECUTION_PROVIDERS.find((p) => p === v) })}
        testId="filter-provider"
      />
      <Choice label="threads" value={filter.threads} options={facets?.threads ?? []} onChange={(v) => set({ threads: num(v) })} testId="filter-threads" />
      <Choice label="batch" value={filter.batch} options={facets?.batches ?? []} onChange={(v) => set({ batch: num(v) })} testId="filter-batch" />
      <Choice label="scenario" value={filter.scenario} options={facets?.scenarios ?? []} onChange={(v) => set({ scenario: SCENARIOS.find((s) => s === v) })} testId="filter-scenario" />
      <Choice
        label="status"
        value={filter.status?.[0]}
        options={RUN_STATUSES}
        onChange={(v) => {
          const status = RUN_STATUSES.find((s) => s === v);
          set({ status: status ? [status] : undefined });
        }}
        testId="filter-status"
      />
      <Choice label="machine" value={filter.machine} options={facets?.machines ?? []} onChange={(v) => set({ machine: v || undefined })} testId="filter-machine" />
      <Choice label="tag" value={filter.tag} options={facets?.tags ?? []} onChange={(v) => set({ tag: v || undefined })} testId="filter-tag" />
      <label className="filter date">
        <span className="field-label">from</span>
        <input type="date" value={dayOf(filter.from)} onChange={(e) => set({ from: startOfDay(e.target.value) })} data-testid="filter-from" />
      </label>
      <label className="filter date">
        <span className="field-label">to</span>
        <input type="date" value={filter.to ? dayOf(new Date(Date.parse(filter.to) - 1).toISOString()) : ''} onChange={(e) => set({ to: startOfDay(e.target.value, 1) })} data-testid="filter-to" />
      </label>
      {active && (
        <button
          className="ghost"
          onClick={() => {
            setText('');
            clearFilters();
          }}
          data-testid="filters-clear"
        >
          Clear
        </button>
      )}
    </div>
  );
}
