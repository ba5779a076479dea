/**
 * The recently opened models, through the studio's contract on a real SQLite file: newest first,
 * uploads under the name they were uploaded with (their copy stays openable), samples left to
 * their own list, and a file gone since shown as missing, across a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import type { Method, Params, Result } from '../../src/shared/contract';
import { parseResult } from '../../src/renderer/src/api/parse-result';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
beforeEach(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
});
afterEach(() => {
  handle.close();
  t.cleanup();
});

async function call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
  return parseResult(method, await handle.studio.call(method, params));
}

describe('recent models', () => {
  it('lists opened and uploaded models newest first, without the samples, and marks files gone as missing', async () => {
    const mine = join(t.home, 'elsewhere', 'my-model.onnx');
    mkdirSync(join(t.home, 'elsewhere'));
    copyFileSync(CONV2D, mine);
    const size = statSync(CONV2D).size;

    await call('models.open', { path: mine });
    await call('models.open', { path: SQUEEZENET }); // a bundled sample
    const uploaded = await call('models.import', { fileName: 'uploaded.onnx', dataBase64: readFileSync(CONV2D).toString('base64') });

    const recent = await call('models.recent', {});
    expect(recent.map(({ name, source, missing, sizeBytes }) => ({ name, source, missing, sizeBytes }))).toEqual([
      { name: 'uploaded.onnx', source: 'imported', missing: false, sizeBytes: size },
      { name: 'my-model.onnx', source: 'file', missing: false, sizeBytes: size },
    ]);
    expect(recent[0]?.path).toBe(uploaded.path);
    expect(recent[0]?.path.startsWith(join(t.home, 'models'))).toBe(true);
    expect(recent[1]?.path).toBe(mine);
    expect(Date.parse(recent[0]!.openedAt)).toBeGreaterThanOrEqual(Date.parse(recent[1]!.openedAt));

    rmSync(mine);
    handle.close();
    handle = createStudio({ home: t.home });
    const after = await call('models.recent', {});
    expect(after.map(({ name, missing, sizeBytes }) => ({ name, missing, sizeBytes }))).toEqual([
      { name: 'uploaded.onnx', missing: false, sizeBytes: size },
      { name: 'my-model.onnx', missing: true, sizeBytes: undefined },
    ]);
  });

  it('moves a model opened again to the top, once', async () => {
    const a = join(t.home, 'a.onnx');
    const b = join(t.home, 'b.onnx');
    copyFileSync(CONV2D, a);
    copyFileSync(CONV2D, b);
    await call('models.open', { path: a });
    await call('models.open', { path: b });
    await call('models.open', { path: a });
    expect((await call('models.recent', {})).map((m) => m.name)).toEqual(['a.onnx', 'b.onnx']);
  });

  it('remembers a generated zoo model as such', async () => {
    const made = await call('models.zoo', { family: 'mlp', size: 'small', seed: 3 });
    expect(await call('models.recent', {})).toMatchObject([{ path: made.path, name: 'mlp-small-seed3.onnx', source: 'zoo', missing: false }]);
  });
});
