/** Telemetry and energy of a finished run: what was measured, and why not where it was not. */
import type { TelemetrySummary } from '../../../shared/telemetry';
import { formatBytes } from '../../../shared/format';
import { StatCard } from './StatCard';

const n = (v: number | null, digits: number, unit: string): string => (v === null ? '—' : `${v.toFixed(digits)} ${unit}`);

export function TelemetryCards({ t }: { t: TelemetrySummary }) {
  const e = t.energy;
  return (
    <div className="stats-grid" data-testid="telemetry-cards">
      <StatCard small label="CPU load" value={n(t.cpu.avgUtilPct, 0, '%')} sub={`peak ${n(t.cpu.peakUtilPct, 0, '%')} · worker ${n(t.cpu.workerAvgCpuPct, 0, '% of a core')}`} testId="tel-cpu" />
      <StatCard small label="worker memory" value={t.cpu.workerPeakRssBytes === null ? '—' : formatBytes(t.cpu.workerPeakRssBytes)} sub="peak resident" testId="tel-rss" />
      {t.gpu.available ? (
        <>
          <StatCard small label="GPU power" value={n(t.gpu.avgPowerW, 1, 'W')} sub={`peak ${n(t.gpu.peakPowerW, 1, 'W')} · worker holds ${n(t.gpu.workerMemoryMiB, 0, 'MiB')}`} testId="tel-gpu-power" />
          <StatCard small label="GPU utilisation" value={n(t.gpu.avgUtilPct, 0, '%')} sub={`max ${n(t.gpu.maxTempC, 0, '°C')} · throttled ${t.gpu.throttledShare === null ? '—' : `${(t.gpu.throttledShare * 100).toFixed(0)}%`} of samples`} testId="tel-gpu-util" />
        </>
      ) : (
        <StatCard small label="GPU" value="not sampled" sub={t.gpu.reason} testId="tel-gpu" />
      )}
      {e.totalJ === null ? (
        <StatCard small label="energy" value="not measured" sub={e.reason} testId="tel-energy" />
      ) : (
        <>
          <StatCard small label="energy" value={n(e.totalJ, 2, 'J')} sub={`${e.netJ === null ? 'no idle baseline' : `${e.netJ.toFixed(2)} J above idle (${n(e.idleW, 1, 'W')})`} · ${e.source}`} testId="tel-energy" />
          <StatCard small label="per inference" value={n(e.perInferenceMj, 3, 'mJ')} sub={`${n(e.inferencesPerJ, 1, 'inferences/J')} · avg ${n(e.averageW, 1, 'W')}`} testId="tel-energy-per-inference" />
        </>
      )}
    </div>
  );
}
