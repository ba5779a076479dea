/**
 * Telemetry and energy of a finished run: what was measured, and why not where it was not. GPU
 * figures are whole-device totals over every sampled GPU (with one card per GPU when there are
 * several); the energy card is what is charged to the device the run used, labelled as such.
 */
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
          <StatCard
            small
            label={t.gpu.perGpu.length > 1 ? `GPU power, all ${t.gpu.perGpu.length} GPUs` : 'GPU power'}
            value={n(t.gpu.avgPowerW, 1, 'W')}
            sub={`peak ${n(t.gpu.peakPowerW, 1, 'W')} · ${n(t.gpu.energyJ, 2, 'J')} whole device${t.gpu.perGpu.length > 1 ? 's' : ''} · worker holds ${n(t.gpu.workerMemoryMiB, 0, 'MiB')}`}
            testId="tel-gpu-power"
          />
          {t.gpu.perGpu.length > 1 &&
            t.gpu.perGpu.map((g) => (
              <StatCard
                key={g.index}
                small
                label={`GPU ${g.index}${g.name ? ` · ${g.name}` : ''}`}
                value={n(g.avgPowerW, 1, 'W')}
                sub={`peak ${n(g.peakPowerW, 1, 'W')} · ${n(g.energyJ, 2, 'J')} · ${n(g.avgUtilPct, 0, '%')} util · max ${n(g.maxTempC, 0, '°C')}`}
                testId={`tel-gpu-${g.index}`}
              />
            ))}
          <StatCard small label="GPU utilisation" value={n(t.gpu.avgUtilPct, 0, '%')} sub={`max ${n(t.gpu.maxTempC, 0, '°C')} · throttled ${t.gpu.throttledShare === null ? '—' : `${(t.gpu.throttledShare * 100).toFixed(0)}%`} of samples`} testId="tel-gpu-util" />
        </>
      ) : (
        <StatCard small label="GPU" value="not sampled" sub={t.gpu.reason} testId="tel-gpu" />
      )}
      {e.totalJ === null ? (
        <StatCard small label="energy" value="not measured" sub={e.reason} testId="tel-energy" />
      ) : (
        <>
          <StatCard small label="energy" value={n(e.totalJ, 2, 'J')} sub={`${e.netJ === null ? 'no idle baseline' : `${e.netJ.toFixed(2)} J above idle (${n(e.idleW, 1, 'W')})`} · ${e.device ?? e.source}`} testId="tel-energy" />
          <StatCard small label="per inference" value={n(e.perInferenceMj, 3, 'mJ')} sub={`${e.netPerInferenceMj === null ? '' : `${n(e.netPerInferenceMj, 3, 'mJ')} above idle · `}${n(e.inferencesPerJ, 1, 'inferences/J')} · avg ${n(e.averageW, 1, 'W')}`} testId="tel-energy-per-inference" />
        </>
      )}
    </div>
  );
}
