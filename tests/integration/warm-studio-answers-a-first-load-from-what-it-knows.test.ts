/**
 * A warm studio (`dyno serve`, the desktop app) has, once warmed up, probed every provider and
 * inspected the default sample: app.info marks no provider as still being checked, and opening the
 * default sample answers from what is known — no worker is started for it (the children of this
 * process, read from /proc, do not change). Started again on the same home, it reads that
 * inspection back from disk, and starts its worker once the warm-up is over. A cold studio (the
 * CLI) starts no worker until asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { BACKGROUND_PRIORITY } from '../../src/main/executor/process-priority';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { tempHome } from '../helpers/temp-home';

/** This process's live children (Linux: /proc/<pid>/stat's fourth field is the parent). */
function children(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(join('/proc', name, 'stat'), 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return out.sort();
}

let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome('dyno-warm-studio-')));
afterAll(() => t.cleanup());

describe.runIf(process.platform === 'linux')('a warm studio', () => {
  let handle: StudioHandle;
  afterAll(() => handle.close());

  it('answers app.info and the default sample without starting a worker, and leaves none behind when closed', async () => {
    handle = createStudio({ home: join(t.home, 'warm'), warm: true });
    const api = createInProcessApi(handle.studio);
    await handle.studio.warmUp();
    // The one kept inspection worker, once the probes' workers (killed after answering) are gone.
    for (let i = 0; i < 50 && children().length > 1; i++) await new Promise((r) => setTimeout(r, 100));
    const warmChildren = children();
    expect(warmChildren).toHaveLength(1);
    const info = await api.call('app.info', {});
    for (const ep of info.executionProviders) expect(ep.checking).toBeUndefined();
    const sample = (await api.call('models.samples', {})).find((s) => s.isDefault);
    expect(sample).toBeDefined();
    const model = await api.call('models.open', { path: sample!.path });
    expect(model.fileName).toBe('squeezenet.onnx');
    expect(model.inputs[0]?.name).toBe('data_0');
    expect(children()).toEqual(warmChildren);
    handle.close();
    for (let i = 0; i < 50 && children().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(children()).toEqual([]);
  });

  // Children at nice 10 are the provider probe's (provider-cache.ts); a test process already at
  // nice 10 could not tell them from the inspection worker.
  it.runIf(getPriority() < BACKGROUND_PRIORITY)('started again on the same home, answers the default sample from disk and starts its worker only after the warm-up', async () => {
    const again = createStudio({ home: join(t.home, 'warm'), warm: true });
    try {
      let warmedUp = false;
      const warm = again.studio.warmUp().then(() => (warmedUp = true));
      const api = createInProcessApi(again.studio);
      const sample = (await api.call('models.samples', {})).find((s) => s.isDefault);
      const model = await api.call('models.open', { path: sample!.path });
      expect(model.inputs[0]?.name).toBe('data_0');
      const inspectionWorkers = (): number[] => children().filter((pid) => getPriority(pid) !== BACKGROUND_PRIORITY);
      // While the probe still runs (seconds on this machine), no inspection worker was needed.
      const before = warmedUp ? undefined : inspectionWorkers();
      await warm;
      if (before !== undefined) expect(before).toEqual([]);
      for (let i = 0; i < 50 && inspectionWorkers().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(inspectionWorkers()).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('is not what the CLI gets: a cold studio starts no worker until asked', async () => {
    const cold = createStudio({ home: join(t.home, 'cold') });
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(children()).toEqual([]);
    } finally {
      cold.close();
    }
  });
});
