/**
 * Loading a model blocks the thread that loads it (onnxruntime-node creates sessions
 * synchronously): the host must hand that to a worker so the UI, the WebSocket and the
 * telemetry timer keep their pace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import type { ModelInfo } from '../../src/shared/model';
import { tempHome } from '../helpers/temp-home';
import { buildZooModel } from '../../src/main/models/zoo/families';

let model: string;
let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
beforeAll(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
  // A 272 MiB model: loading and decoding it in-process stalls the event loop for ~0.7 s here.
  model = join(t.home, 'mlp-large.onnx');
  writeFileSync(model, buildZooModel('mlp', 'large', 1, 'test'));
}, 60_000);
afterAll(() => {
  handle.close();
  t.cleanup();
});

describe('the host while a large model loads', () => {
  it('keeps its event loop free: inspection happens in a worker', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const settle = () => new Promise((r) => setTimeout(r, 50)); // let the monitor's timer record
    delay.enable();
    await settle();
    const info = (await handle.studio.call('models.inspect', { path: model })) as ModelInfo;
    await settle();
    delay.disable();
    expect(info.inputs[0]?.shape).toEqual(['batch', 1024]);
    // In-process, the loop would stall for the whole load and decode.
    expect(delay.max / 1e6).toBeLessThan(200);
  }, 60_000);
});
