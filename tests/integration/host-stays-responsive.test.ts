/**
 * Loading a model blocks the thread that loads it (onnxruntime-node creates sessions
 * synchronously): the host must hand that to a worker so the UI, the WebSocket and the
 * telemetry timer keep their pace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import type { ModelInfo } from '../../src/shared/model';
import { tempHome } from '../helpers/temp-home';

const ALEXNET = resolve('../shared/onnx-corpus/light/light_bvlc_alexnet.onnx'); // ~1 s to load on 2 cores
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

describe.runIf(existsSync(ALEXNET))('the host while a model loads', () => {
  it('keeps its event loop free: inspection happens in a worker', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const info = (await handle.studio.call('models.inspect', { path: ALEXNET })) as ModelInfo;
    delay.disable();
    expect(info.inputs[0]?.shape).toEqual([1, 3, 224, 224]);
    // A session created in-process stalls the loop for the whole load (~1 s here).
    expect(delay.max / 1e6).toBeLessThan(200);
  });
});
