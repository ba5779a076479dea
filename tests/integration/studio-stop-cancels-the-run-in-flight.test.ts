/**
 * A studio that stops (dyno serve's Ctrl+C or SIGTERM) with a command run in flight: the run is
 * cancelled and saved as aborted, and its whole process tree is stopped. Before, the port
 * closed but Dyno lingered until the command ended on its own, its tree running and the run
 * left `running`. Real studio, real processes, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import type { DynoApi } from '../../src/shared/contract';
import { parseCommandForm, DEFAULT_COMMAND_FIELDS } from '../../src/shared/command/form';
import { tempHome } from '../helpers/temp-home';
import { isAlive } from '../helpers/process-alive';

let t: ReturnType<typeof tempHome>;
let studio: StudioHandle;
let api: DynoApi;
beforeAll(() => {
  t = tempHome();
  studio = createStudio({ home: t.home, allowCommands: true });
  api = createInProcessApi(studio.studio);
});
afterAll(() => {
  studio.close();
  t.cleanup();
});

describe.runIf(process.platform === 'linux')('stopping a studio', () => {
  it('cancels the command run in flight, stops its tree and saves it as aborted, and cancels what was queued', async () => {
    const pidFile = join(t.home, 'pids');
    const { config, errors } = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line: `sh -c 'sleep 60 & echo $! > ${pidFile}; sleep 61'`, runs: '1', minDurationS: '0' });
    if (!config) throw new Error(JSON.stringify(errors));
    const { runId } = await api.call('runs.start', { config });
    const { runId: queuedId } = await api.call('runs.start', { config });
    let sleeper = 0;
    for (let i = 0; i < 200 && !sleeper; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        sleeper = Number(readFileSync(pidFile, 'utf8').trim());
      } catch {
        // not written yet
      }
    }
    expect(isAlive(sleeper)).toBe(true);
    const t0 = performance.now();
    await studio.studio.queue.cancelAll();
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect((await api.call('runs.wait', { runId })).run.status).toBe('aborted');
    expect((await api.call('runs.wait', { runId: queuedId })).run.status).toBe('aborted');
    for (let i = 0; i < 40 && isAlive(sleeper); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(sleeper)).toBe(false);
  }, 30_000);
});
