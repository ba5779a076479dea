/** The model graph (and a run's time per node) read in a worker process: a large model or trace never blocks the host. */
import type { ModelGraph, NodeProfile } from '../../shared/model-graph';
import type { TraceRef } from '../models/graph-job';
import { ModelError } from '../models/model-error';
import { runWorkerJob } from './worker-job';
import type { WorkerSpawnSpec } from './fork-worker';

const GRAPH_TIMEOUT_MS = 120_000;

export async function graphInWorker(spec: WorkerSpawnSpec, modelPath: string, trace?: TraceRef): Promise<{ graph: ModelGraph; profile?: NodeProfile }> {
  try {
    return await runWorkerJob(
      spec,
      { type: 'graph', modelPath, ...(trace ? { trace } : {}) },
      (m) => (m.type === 'graph-read' ? { graph: m.graph, ...(m.profile ? { profile: m.profile } : {}) } : undefined),
      GRAPH_TIMEOUT_MS,
    );
  } catch (err) {
    throw new ModelError((err as Error).message);
  }
}
