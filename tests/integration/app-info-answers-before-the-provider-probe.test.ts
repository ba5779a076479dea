/**
 * A page's first load must not wait on the provider probe (worker processes that load each
 * provider): `app.info` with `waitForProbe: false` answers from what is known at once, marking
 * the unprobed providers `checking`, and the real probe's verdict follows as one `app.providers`
 * event, the same list a waiting `app.info` then gives. The default still waits (the CLI's
 * `dyno providers` and the optimizer act on the verdict).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import type { ExecutionProviderStatus } from '../../src/shared/contract';
import { tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
beforeAll(() => {
  t = tempHome('dyno-app-info-now-');
  handle = createStudio({ home: join(t.home, 'home') });
});
afterAll(() => {
  handle.close();
  t.cleanup();
});

it('answers at once with unprobed providers marked checking, then sends the probed list as an event', async () => {
  const api = createInProcessApi(handle.studio);
  const events: ExecutionProviderStatus[][] = [];
  api.onEvent((e) => {
    if (e.type === 'app.providers') events.push(e.executionProviders);
  });

  const quick = await api.call('app.info', { waitForProbe: false });
  // WebGPU has no library to look for: only its probe (a worker process) can tell.
  expect(quick.executionProviders.find((p) => p.name === 'webgpu')).toEqual({ name: 'webgpu', available: false, checking: true, reason: 'checking whether it works here…' });
  // The CPU provider needs no probe, and is never shown as being checked.
  expect(quick.executionProviders.find((p) => p.name === 'cpu')).toEqual({ name: 'cpu', available: true });
  expect(events).toEqual([]);

  const waited = await api.call('app.info', {});
  expect(waited.executionProviders.some((p) => p.checking)).toBe(false);
  expect(waited.executionProviders.find((p) => p.name === 'webgpu')?.reason).toBeTruthy();
  // One probe per host, announced once: the waiting call reused it.
  expect(events).toEqual([waited.executionProviders]);
  expect(waited.executionProviders.map((p) => p.name)).toEqual(quick.executionProviders.map((p) => p.name));
}, 60_000);
