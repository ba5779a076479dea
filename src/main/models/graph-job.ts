/** The worker's graph job: the model's graph and, given a run's stored trace, its time per node. */
import { readFileSync } from 'node:fs';
import type { ModelGraph, NodeProfile } from '../../shared/model-graph';
import { kernelTimes } from '../engine/profile-trace';
import { ModelError } from './model-error';
import { readModelGraph } from './model-graph';
import { joinNodeTimes } from './node-profile';

export interface TraceRef {
  file: string;
  /** The measured runs at the trace's end (the profile's `iterations`); earlier ones were warm-up. */
  keepLastRuns: number;
  runId: string;
  executionProvider: string;
}

export function readGraphJob(modelPath: string, trace?: TraceRef): { graph: ModelGraph; profile?: NodeProfile } {
  const graph = readModelGraph(modelPath);
  if (!trace) return { graph };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(trace.file, 'utf8'));
  } catch (err) {
    throw new ModelError(`The run's profile trace ${trace.file} cannot be read (${(err as Error).message}).`);
  }
  return { graph, profile: joinNodeTimes(graph, kernelTimes(raw, { keepLast: trace.keepLastRuns }), trace) };
}
