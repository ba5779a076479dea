/**
 * The warm inspector (a long session's one inspection worker) with real worker processes and
 * real ONNX Runtime sessions: it answers many inspections from one process, sends a busy-time
 * inspection to a fresh worker rather than queueing it, answers a broken model with its error
 * and stays up, comes back after its worker is killed, replaces itself after its job cap, and
 * leaves no process behind when closed. The studio's inspection cache answers a reopen of an
 * unchanged file without a worker, and inspects again once the file changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WarmInspector } from '../../src/main/child/warm-inspector';
import { InspectionCache } from '../../src/main/studio/inspection-cache';
import { defaultWorkerSpec } from '../../src/main/studio/create-studio';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';
import { isAlive } from '../helpers/process-alive';

let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome('dyno-warm-inspector-')));
afterAll(() => t.cleanup());

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

describe('warm inspector', () => {
  it('answers inspections one after another from one worker, and a busy-time one from a fresh worker', async () => {
    let cold = 0;
    const inspector = new WarmInspector(defaultWorkerSpec(), {
      coldInspect: async (path) => {
        cold += 1;
        return (await import('../../src/main/child/inspect-in-worker')).inspectInWorker(defaultWorkerSpec(), path);
      },
    });
    try {
      inspector.start();
      const pid = inspector.pid;
      expect(pid).toBeGreaterThan(0);
      const a = await inspector.inspect(SQUEEZENET);
      const b = await inspector.inspect(CONV2D);
      const c = await inspector.inspect(SQUEEZENET);
      expect(a.fileName).toBe('squeezenet.onnx');
      expect(b.fileName).toBe('conv2d.onnx');
      expect(c).toEqual(a);
      expect(inspector.spawned).toBe(1);
      expect(inspector.pid).toBe(pid);
      expect(cold).toBe(0);
      // Two at once: the second does not wait behind the first.
      const [x, y] = await Promise.all([inspector.inspect(SQUEEZENET), inspector.inspect(CONV2D)]);
      expect([x.fileName, y.fileName]).toEqual(['squeezenet.onnx', 'conv2d.onnx']);
      expect(cold).toBe(1);
      expect(inspector.spawned).toBe(1);
    } finally {
      inspector.close();
    }
  });

  it('answers a broken model with its error and keeps the worker; a killed worker is replaced on the next call', async () => {
    const inspector = new WarmInspector(defaultWorkerSpec());
    try {
      const broken = join(t.home, 'broken.onnx');
      writeFileSync(broken, 'not a model');
      await expect(inspector.inspect(broken)).rejects.toThrow(/broken\.onnx/);
      expect(inspector.spawned).toBe(1);
      const pid = inspector.pid!;
      await expect(inspector.inspect(SQUEEZENET)).resolves.toMatchObject({ fileName: 'squeezenet.onnx' });
      expect(inspector.pid).toBe(pid);
      process.kill(pid, 'SIGKILL');
      expect(await gone(pid)).toBe(true);
      await expect(inspector.inspect(SQUEEZENET)).resolves.toMatchObject({ fileName: 'squeezenet.onnx' });
      expect(inspector.spawned).toBe(2);
      expect(inspector.pid).not.toBe(pid);
    } finally {
      inspector.close();
    }
  });

  it('replaces its worker after the job cap, and leaves no process behind when closed', async () => {
    const inspector = new WarmInspector(defaultWorkerSpec(), { maxJobs: 2 });
    await inspector.inspect(CONV2D);
    const first = inspector.pid!;
    await inspector.inspect(CONV2D);
    expect(await gone(first)).toBe(true);
    expect(inspector.spawned).toBe(2);
    const second = inspector.pid!;
    expect(second).not.toBe(first);
    inspector.close();
    expect(await gone(second)).toBe(true);
    expect(inspector.pid).toBeUndefined();
  });

  it('fails a job that outlasts its timeout, with the reason, and starts afresh after', async () => {
    const inspector = new WarmInspector(defaultWorkerSpec(), { timeoutMs: 1 });
    try {
      await expect(inspector.inspect(SQUEEZENET)).rejects.toThrow('The worker did not answer within 0.001 s.');
      expect(inspector.pid).toBeUndefined();
    } finally {
      inspector.close();
    }
  });
});

describe('inspection cache', () => {
  it('answers an unchanged file without inspecting again, and a changed one with a fresh inspection', async () => {
    const model = join(t.home, 'model.onnx');
    copyFileSync(CONV2D, model);
    const inspector = new WarmInspector(defaultWorkerSpec());
    let inspections = 0;
    const cache = new InspectionCache((path) => {
      inspections += 1;
      return inspector.inspect(path);
    });
    try {
      const [a, b] = await Promise.all([cache.get(model), cache.get(model)]);
      expect(a.fileName).toBe('model.onnx');
      expect(b).toBe(a);
      expect(inspections).toBe(1);
      expect(await cache.get(model)).toBe(a);
      expect(inspections).toBe(1);
      // Another model in the same place: a new inspection, and its own interface.
      copyFileSync(SQUEEZENET, model);
      utimesSync(model, new Date(), new Date(Date.now() + 5_000));
      const changed = await cache.get(model);
      expect(inspections).toBe(2);
      expect(changed.sizeBytes).not.toBe(a.sizeBytes);
      expect(changed.inputs).not.toEqual(a.inputs);
      // A failure is not kept: the missing file is asked again (and fails again, in its words).
      await expect(cache.get(join(t.home, 'missing.onnx'))).rejects.toThrow(/not found/);
      await expect(cache.get(join(t.home, 'missing.onnx'))).rejects.toThrow(/not found/);
      expect(inspections).toBe(4);
    } finally {
      inspector.close();
    }
  });
});
