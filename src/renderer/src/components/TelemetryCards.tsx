/**
 * Telemetry and energy of a finished run: what was measured, and why not where it was not. GPU
 * figures are whole-device totals over every sampled GPU (with one card per GPU when there are
 * several). Energy is in the run's headline (EnergyCards).
 */
import type { TelemetrySummary } from '../../../shared/telemetry';
import { formatBytes, formatFixed } from '../../../shared/format';
import { StatCard } from './StatCard';

const n = formatFixed;

const SOURCE: Record<NonNullable<TelemetrySummary['gpu']['source']>, string> = { nvml: 'via NVML', 'nvidia-smi': 'via nvidia-smi', none: '' };
/** How the GPUs' joules were measured: NVML's counter, the integral of sampled power, or both. */
function gpuEnergyMethod(perGpu: TelemetrySummary['gpu']['perGpu']): string {
  const methods = new Set(perGpu.map((g) => g.energyMethod).filter(Boolean));
  if (methods.size !== 1) return methods.size ? ' (counter and ∫ power)' : '';
  return methods.has('counter') ? ' (NVML counter)' : ' (∫ sampled power)';
}

/**
 * One figure for the worker's memory: the kernel's own peak (maxRSS) when the run reported it,
 * which sampling every 100 ms can only under-read; the sampled peak otherwise.
 */
function WorkerMemoryCard({ peakRssBytes }: { peakRssBytes: number | null }) {
  return <StatCard small label="peak worker memory" value={peakRssBytes === null ? '—' : formatBytes(peakRssBytes)} sub="resident, the worker's peak" testId="tel-rss" />;
}

/** `peakRssBytes`: the kernel's peak for the worker (maxRSS), the one figure shown for its memory. */
export function TelemetryCards({ t, peakRssBytes }: { t: TelemetrySummary; peakRssBytes?: number }) {
  return (
    <div className="stats-grid" data-testid="telemetry-cards">
      <StatCard small label="CPU load" value={n(t.cpu.avgUtilPct, 0, '%')} sub={`peak ${n(t.cpu.peakUtilPct, 0, '%')} · worker ${n(t.cpu.workerAvgCpuPct, 0, '% of a core')}`} testId="tel-cpu" />
      <WorkerMemoryCard peakRssBytes={peakRssBytes ?? t.cpu.workerPeakRssBytes} />
      {t.gpu.available ? (
        <>
          <StatCard
            small
            label={t.gpu.perGpu.length > 1 ? `GPU power, all ${t.gpu.perGpu.length} GPUs` : 'GPU power'}
            value={n(t.gpu.avgPowerW, 1, 'W')}
            sub={`peak ${n(t.gpu.peakPowerW, 1, 'W')} · ${n(t.gpu.energyJ, 2, 'J')} whole device${t.gpu.perGpu.length > 1 ? 's' : ''}${gpuEnergyMethod(t.gpu.perGpu)} · worker holds ${n(t.gpu.workerMemoryMiB, 0, 'MiB')}${t.gpu.source ? ` · ${SOURCE[t.gpu.source]}` : ''}`}
            {...(t.gpu.reason || t.gpu.sourceNote ? { title: [t.gpu.reason, t.gpu.sourceNote].filter(Boolean).join('\n') } : {})}
            testId="tel-gpu-power"
          />
          {t.gpu.perGpu.length > 1 &&
            t.gpu.perGpu.map((g) => (
              <StatCard
                key={g.index}
                small
                label={`GPU ${g.index}${g.name ? ` · ${g.name}` : ''}`}
                value={n(g.avgPowerW, 1, 'W')}
                sub={`peak ${n(g.peakPowerW, 1, 'W')} · ${n(g.energyJ, 2, 'J')}${gpuEnergyMethod([g])} · ${n(g.avgUtilPct, 0, '%')} util · max ${n(g.maxTempC, 0, '°C')}`}
                testId={`tel-gpu-${g.index}`}
              />
            ))}
          <StatCard
            small
            label="GPU utilisation"
            value={n(t.gpu.avgUtilPct, 0, '%')}
            sub={`${t.gpu.workerSmUtilPct === null || t.gpu.workerSmUtilPct === undefined ? '' : `worker ${n(t.gpu.workerSmUtilPct, 0, '% SM')} · `}max ${n(t.gpu.maxTempC, 0, '°C')} · throttled ${t.gpu.throttledShare === null ? '—' : `${(t.gpu.throttledShare * 100).toFixed(0)}%`} of samples`}
            testId="tel-gpu-util"
          />
          {t.gpu.reason && <StatCard small label="GPU telemetry stopped" value="partial" sub={t.gpu.reason} testId="tel-gpu-stopped" />}
        </>
      ) : (
        <StatCard small label="GPU" value="not sampled" sub={t.gpu.reason} testId="tel-gpu" />
      )}
    </div>
  );
}
