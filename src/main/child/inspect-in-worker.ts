/** Model inspection in a worker process, so a large model never blocks the host. */
import type { ModelInfo } from '../../shared/model';
import { ModelError } from '../models/model-error';
import { runWorkerJob } from './worker-job';
import type { WorkerSpawnSpec } from './fork-worker';

/** Generous: a multi-gigabyte model can take a while to load and parse. */
export const INSPECT_TIMEOUT_MS = 120_000;

export async function inspectInWorker(spec: WorkerSpawnSpec, path: string): Promise<ModelInfo> {
  try {
    return await runWorkerJob(spec, { type: 'inspect', modelPath: path }, (m) => (m.type === 'inspected' ? m.model : undefined), INSPECT_TIMEOUT_MS);
  } catch (err) {
    throw new ModelError((err as Error).message);
  }
}
