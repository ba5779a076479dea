/**
 * One inference for the optimizer's correctness gate, in a worker: run a configuration once on
 * its inputs, optionally keep those inputs and outputs as a test_data_set folder (input_N.pb,
 * output_N.pb: the FP32 baseline's reference), and measure how far the outputs are from each
 * reference folder's expected outputs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../shared/run';
import type { Fidelity } from '../../shared/optimizer/search';
import { createSession, declaredInputs, feedsFor } from './run-benchmark';
import { readExpectedOutputs } from './input-files';
import { writeTensorProto } from './tensor-files';
import { fidelityOf } from './output-fidelity';

export async function referenceOutputs(config: RunConfig, writeDir: string | undefined, references: readonly string[]): Promise<Omit<Fidelity, 'vsExpected'>[]> {
  const session = await createSession(config);
  try {
    const declared = declaredInputs(session);
    const { feeds } = feedsFor(config, declared);
    const outputs = await session.run(feeds);
    if (writeDir) {
      mkdirSync(writeDir, { recursive: true });
      declared.forEach((d, i) => {
        const t = feeds[d.name];
        if (t) writeTensorProto(join(writeDir, `input_${i}.pb`), d.name, t);
      });
      session.outputNames.forEach((name, i) => {
        const t = outputs[name];
        if (t) writeTensorProto(join(writeDir, `output_${i}.pb`), name, t);
      });
    }
    return references.map((dir) => fidelityOf(outputs, readExpectedOutputs(dir, session.outputNames.map((name) => ({ name })))));
  } finally {
    await session.release();
  }
}
