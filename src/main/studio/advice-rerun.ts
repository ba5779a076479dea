/**
 * "Try it" on a run's advice: the configuration of the run that measures one item, i.e. the
 * stored run's with only that item's change. A precision change runs a transformed copy of the
 * model, written once under the studio's folder by the optimizer's own transforms (validated in
 * ONNX Runtime before they are written).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ApiCallError } from '../../shared/contract';
import type { Run, RunConfig } from '../../shared/run';
import { adviceConfig, adviceFor, type AdviceId } from '../../shared/advice/advice';
import { modelFor, TRANSFORM } from '../optimizer/precision';

export async function adviceRunConfig(run: Run, id: AdviceId, home: string): Promise<RunConfig> {
  const item = adviceFor(run).find((a) => a.id === id);
  if (!item) throw new ApiCallError(`Run ${run.id} has no "${id}" advice: its measurements do not show that pattern.`, 'bad-request');
  if (item.change === null) throw new ApiCallError(`"${item.title}" is not a change of the run's settings, so there is nothing to try: ${item.why}`, 'bad-request');
  const config = adviceConfig(run.config, item.change);
  const precision = item.change.precision;
  if (precision !== 'int8-dynamic' && precision !== 'fp16') return config;
  // One folder per source model (by its path), so two models of the same name do not share a copy.
  const dir = join(home, 'advice', createHash('sha256').update(run.config.modelPath).digest('hex').slice(0, 16));
  const made = await modelFor(precision, run.config.modelPath, dir, TRANSFORM).catch((e: unknown) => {
    throw new ApiCallError(`Could not make the ${precision} model to try: ${e instanceof Error ? e.message : String(e)}`, 'failed');
  });
  return { ...config, modelPath: made.path };
}
