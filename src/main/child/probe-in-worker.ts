/** Provider probing in a worker process, with a timeout: loading a GPU provider can crash or hang. */
import type { ExecutionProviderName } from '../../shared/run-config';
import { staticUnavailability, type ProviderStatus } from '../engine/provider-probe';
import { runWorkerJob } from './worker-job';
import type { WorkerSpawnSpec } from './fork-worker';

const PROBE_TIMEOUT_MS = 20_000;

/** In the host: probe in a worker process, giving up after a timeout; `spawned` as runWorkerJob's. */
export async function probeProvider(spec: WorkerSpawnSpec, name: ExecutionProviderName, modelPath: string, spawned?: (pid: number) => void): Promise<ProviderStatus> {
  if (name === 'cpu') return { name, available: true };
  const early = staticUnavailability(name);
  if (early) return { name, available: false, reason: early };
  try {
    return await runWorkerJob(
      spec,
      { type: 'probe', provider: name, modelPath },
      (m) => (m.type === 'probed' ? { name, available: m.available, ...(m.reason ? { reason: m.reason } : {}) } : undefined),
      PROBE_TIMEOUT_MS,
      spawned,
    );
  } catch (err) {
    return { name, available: false, reason: `Probing ${name} failed: ${(err as Error).message}` };
  }
}
