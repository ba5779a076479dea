/**
 * Before queuing a run, make sure every input's shape can be resolved from what the user set
 * (dims, shapes, batch size), so a missing `--dim` is an immediate, named error and not a
 * failed run in the history.
 */
import type { TensorInfo } from '../../shared/model';
import type { RunConfig } from '../../shared/run';
import { ApiCallError } from '../../shared/contract';
import { assertBatchApplies, InputSpecError, resolveShape } from '../engine/inputs';

export function checkShapes(inputs: readonly TensorInfo[], config: RunConfig): void {
  const batchSize = config.scenario.kind === 'multi-stream' ? config.scenario.samplesPerQuery : config.batchSize;
  const settings = { dims: config.dims, shapes: config.shapes, ...(batchSize !== undefined ? { batchSize } : {}) };
  try {
    assertBatchApplies(inputs, settings);
    for (const input of inputs) resolveShape(input, settings);
  } catch (err) {
    if (err instanceof InputSpecError) throw new ApiCallError(err.message, 'invalid-shape');
    throw err;
  }
}
