/**
 * Before queuing a run, make sure every input's shape can be resolved from what the user set
 * (dims, shapes, batch size), so a missing `--dim` is an immediate, named error and not a
 * failed run in the history. Dims left unset take the model's recorded defaults first, written
 * into the run's configuration so the stored run (and its terminal command) shows what ran.
 */
import type { ModelInfo, TensorInfo } from '../../shared/model';
import type { RunConfig } from '../../shared/run';
import { ApiCallError } from '../../shared/contract';
import { defaultsForUnset, readDefaultDims } from '../../shared/default-dims';
import { assertBatchApplies, InputSpecError, resolveShape } from '../engine/inputs';

function shapeSettings(config: RunConfig): { dims: Record<string, number>; shapes: Record<string, number[]>; batchSize?: number } {
  const batchSize = config.scenario.kind === 'multi-stream' ? config.scenario.samplesPerQuery : config.batchSize;
  return { dims: config.dims, shapes: config.shapes, ...(batchSize !== undefined ? { batchSize } : {}) };
}

export function checkShapes(inputs: readonly TensorInfo[], config: RunConfig): void {
  const settings = shapeSettings(config);
  try {
    assertBatchApplies(inputs, settings);
    for (const input of inputs) resolveShape(input, settings);
  } catch (err) {
    if (err instanceof InputSpecError) throw new ApiCallError(err.message, 'invalid-shape');
    throw err;
  }
}

/** The config with the model's default dims filling what it leaves unset, and the note that says so. */
export function withModelDefaultDims(model: ModelInfo, config: RunConfig): { config: RunConfig; note?: string } {
  const { used, note } = defaultsForUnset(model.inputs, shapeSettings(config), readDefaultDims(model.details.metadata));
  const filled = Object.keys(used).length > 0 ? { ...config, dims: { ...config.dims, ...used } } : config;
  return note !== undefined ? { config: filled, note } : { config: filled };
}

/**
 * The configuration as runs.start queues it: the model's default dims filled, every shape
 * checked (files give their own shapes). Throws the shape error, with the note that says why a
 * recorded default did not fill the dim it names. runs.start and the sweep's points share it.
 */
export function readyToRun(model: ModelInfo, config: RunConfig): { config: RunConfig; note?: string } {
  if (config.inputs.kind === 'files') return { config };
  const filled = withModelDefaultDims(model, config);
  try {
    checkShapes(model.inputs, filled.config);
  } catch (err) {
    if (err instanceof ApiCallError && filled.note !== undefined) throw new ApiCallError(`${err.message} (${filled.note})`, err.code);
    throw err;
  }
  return filled;
}
