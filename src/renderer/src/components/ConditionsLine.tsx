/** One line saying what a run was measured under (shared/conditions.ts), beside its results. */
import type { MeasurementConditions } from '../../../shared/conditions';

const DISPLAY_TEXT: Record<MeasurementConditions['display'], string> = {
  'live-charts': 'live charts drawn while measuring',
  'charts-paused': 'charts paused while measuring',
  none: 'no display (CLI or API)',
};

export function ConditionsLine({ conditions: c }: { conditions: MeasurementConditions }) {
  const busy = (c.busyProcesses ?? []).filter((p) => !p.dynoHost);
  const parts = [
    DISPLAY_TEXT[c.display],
    `worker on ${c.workerCores} of ${c.machineCores} cores${c.workerCpuList ? ` (${c.workerCpuList})` : ''}${c.workerNice !== undefined ? `, nice ${c.workerNice}` : ''}`,
    c.intraOpThreads !== undefined ? `${c.intraOpThreads} intra-op thread${c.intraOpThreads === 1 ? '' : 's'}` : undefined,
    c.busyProcesses ? (busy.length > 0 ? `also busy: ${busy.map((p) => `${p.name} ${p.cpuPct.toFixed(0)}%`).join(', ')}` : 'no other busy process') : undefined,
  ].filter((p): p is string => p !== undefined);
  return (
    <div className="hint conditions-line" data-testid="conditions">
      Measured with {parts.join(' · ')}
    </div>
  );
}
