/**
 * Energy of a finished run, or why it was not measured: the total charged to the device the run
 * used (labelled as such), above the idle baseline when there was one, and per inference.
 */
import type { TelemetrySummary } from '../../../shared/telemetry';
import { StatCard } from './StatCard';
import { formatFixed as n } from '../../../shared/format';

/** How the energy was measured, in a few words. */
const METHOD: Record<TelemetrySummary['energy']['source'], string> = {
  rapl: 'RAPL counter',
  'gpu-energy-counter': 'NVML energy counter',
  'gpu-power-integral': '∫ sampled power',
  'rapl+gpu-power-integral': 'RAPL + ∫ sampled power',
  none: '',
};

export function EnergyCards({ e }: { e: TelemetrySummary['energy'] }) {
  return e.totalJ === null ? (
      <StatCard small label="energy" value="not measured" sub={e.reason} testId="tel-energy" />
    ) : (
      <>
        <StatCard small label="energy" value={n(e.totalJ, 2, 'J')} sub={`${e.netJ === null ? 'no idle baseline' : `${e.netJ.toFixed(2)} J above idle (${n(e.idleW, 1, 'W')})`} · ${METHOD[e.source] || e.source} · ${e.device ?? e.source}`} testId="tel-energy" />
        <StatCard small label="per inference" value={n(e.perInferenceMj, 3, 'mJ')} sub={`${e.netPerInferenceMj === null ? '' : `${n(e.netPerInferenceMj, 3, 'mJ')} above idle · `}${n(e.inferencesPerJ, 1, 'inferences/J')} · avg ${n(e.averageW, 1, 'W')}`} testId="tel-energy-per-inference" />
      </>
    );
}
