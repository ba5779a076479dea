/** The model zoo writes real ONNX files that ONNX Runtime loads, runs and profiles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { buildZooModel, ZOO_FAMILIES } from '../../src/main/models/zoo/families';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import type { ModelInfo } from '../../src/shared/model';
import { tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
beforeAll(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
});
afterAll(() => {
  handle.close();
  t.cleanup();
});

describe('the model zoo', () => {
  it.each(ZOO_FAMILIES)('%s (small) loads in ONNX Runtime and gives finite outputs of the declared shape', async (family) => {
    const path = join(t.home, `${family}.onnx`);
    writeFileSync(path, buildZooModel(family, 'small', 7, 'test'));
    const session = await ort.InferenceSession.create(path, { logSeverityLevel: 3 });
    const feeds: Record<string, ort.Tensor> = {};
    for (const m of session.inputMetadata) {
      if (!m.isTensor) throw new Error('tensor inputs expected');
      const shape = m.shape.map((d) => (typeof d === 'number' ? d : d === 'seq' ? 12 : 3));
      const n = shape.reduce((a, b) => a * b, 1);
      feeds[m.name] =
        m.type === 'int64'
          ? new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 50)), shape)
          : new ort.Tensor('float32', Float32Array.from({ length: n }, (_, i) => (i % 7) / 7), shape);
    }
    const [out] = Object.values(await session.run(feeds));
    expect(out!.dims[0]).toBe(3); // the symbolic batch dimension followed the input
    expect(Array.from(out!.data as Float32Array).every(Number.isFinite)).toBe(true);
    await session.release();
  });

  it('is deterministic from its seed', () => {
    const a = buildZooModel('mlp', 'small', 3, 'v');
    expect(Buffer.from(buildZooModel('mlp', 'small', 3, 'v')).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(buildZooModel('mlp', 'small', 4, 'v')).equals(Buffer.from(a))).toBe(false);
  });

  it('builds from the studio, with a dynamic batch the engine can sweep, and FLOPs that match the architecture', async () => {
    const info = (await handle.studio.call('models.zoo', { family: 'mlp', size: 'small', seed: 1 })) as ModelInfo;
    expect(info.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 256] }]);
    expect(info.details.metadata['dyno.zoo.family']).toBe('mlp');
    expect(JSON.parse(info.details.metadata['dyno.default_dims'] ?? '')).toEqual({ batch: 1 });
    const { flopsPerIteration } = (await handle.studio.call('models.flops', { path: info.path, batchSize: 4 })) as { flopsPerIteration: number };
    // Three MatMuls: 256→512, 512→512, 512→10, at batch 4.
    expect(flopsPerIteration).toBe(2 * 4 * (256 * 512 + 512 * 512 + 512 * 10));
  });
});
