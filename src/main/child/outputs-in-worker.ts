/** The optimizer's one-inference output comparison in a worker process (a candidate may crash ORT). */
import type { RunConfig } from '../../shared/run';
import type { Fidelity } from '../../shared/optimizer/search';
import { runWorkerJob } from './worker-job';
import type { WorkerSpawnSpec } from './fork-worker';

const OUTPUTS_TIMEOUT_MS = 300_000;

export function outputsInWorker(spec: WorkerSpawnSpec, config: RunConfig, writeDir: string | undefined, references: readonly string[]): Promise<Fidelity[]> {
  return runWorkerJob(
    spec,
    { type: 'outputs', config, ...(writeDir ? { writeDir } : {}), references: [...references] },
    (m) => (m.type === 'outputs-compared' ? m.fidelity : undefined),
    OUTPUTS_TIMEOUT_MS,
  );
}
