/**
 * Telemetry and energy of a finished run: what was measured, and why not where it was not. GPU
 * figures are whole-device totals over every sampled GPU (with one card per GPU when there are
 * several); the energy card is what is charged to the device the run used, labelled as such.
 */
import type { TelemetrySummary } from '../../../shared/telemetry';
import { formatBytes } from '../../../shared/format';
import { StatCard } from './StatCard';

const n = (v: number | null | undefined, digits: number, unit: string): string => (v === null || v === undefined ? '—' : `${v.toFixed(digits)} ${unit}`);

const SOURCE: Record<NonNullable<TelemetrySummary['gpu']['source']>, string> = { nvml: 'via NVML', 'nvidia-smi': 'via nvidia-smi', none: '' };
/** How the energy was measured, in a few words. */
const METHOD: Record<TelemetrySummary['energy']['source'], string> = {
  rapl: 'RAPL counter',
  'gpu-energy-counter': 'NVML energy counter',
  'gpu-power-integral': '∫ sampled power',
  'rapl+gpu-power-integral': 'RAPL + ∫ sampled power',
  none: '',
};

/** How the GPUs' joules were measured: NVML's counter, the integral of sampled power, or both. */
function gpuEnergyMethod(perGpu: TelemetrySummary['gpu']['perGpu']): string {
  const methods = new Set(perGpu.map((g) => g.energyMethod).filter(Boolean));
  if (methods.size !== 1) return methods.size ? ' (counter and ∫ power)' : '';
  return methods.has('counter') ? ' (NVML counter)' : ' (∫ sampled power)';
}

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
      {e.totalJ === null ? (
        <StatCard small label="energy" value="not measured" sub={e.reason} testId="tel-energy" />
      ) : (
        <>
          <StatCard small label="energy" value={n(e.totalJ, 2, 'J')} sub={`${e.netJ === null ? 'no idle baseline' : `${e.netJ.toFixed(2)} J above idle (${n(e.idleW, 1, 'W')})`} · ${METHOD[e.source] || e.source} · ${e.device ?? e.source}`} testId="tel-energy" />
          <StatCard small label="per inference" value={n(e.perInferenceMj, 3, 'mJ')} sub={`${e.netPerInferenceMj === null ? '' : `${n(e.netPerInferenceMj, 3, 'mJ')} above idle · `}${n(e.inferencesPerJ, 1, 'inferences/J')} · avg ${n(e.averageW, 1, 'W')}`} testId="tel-energy-per-inference" />
        </>
      )}
    </div>
  );
}
