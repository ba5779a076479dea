/**
 * The desktop app's quit (will-quit in src/main/index.ts) stops the studio through studioStopper,
 * as `dyno serve` does through cancelRunsInFlight: the command run in flight is cancelled, its
 * whole process tree stopped and the run saved as aborted before the database closes. Before,
 * will-quit closed the database at once: the tree ran on after the app had gone (its group is
 * its own) and the run stayed `running`. Electron itself cannot run here; the stop it calls is
 * plain Node. Real studio, real processes, real SQLite file, read back by a second studio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { studioStopper } from '../../src/main/studio/stop-studio';
import { parseCommandForm, DEFAULT_COMMAND_FIELDS } from '../../src/shared/command/form';
import { tempHome } from '../helpers/temp-home';
import { isAlive } from '../helpers/process-alive';

let t: ReturnType<typeof tempHome>;
beforeAll(() => {
  t = tempHome();
});
afterAll(() => t.cleanup());

async function pidFrom(file: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0) return pid;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} was never written`);
}

describe.runIf(process.platform === 'linux')('the studio stop the desktop app quits with', () => {
  it('cancels the command run in flight and stops its tree before closing, once however often it is asked', async () => {
    const handle = createStudio({ home: t.home, allowCommands: true });
    const api = createInProcessApi(handle.studio);
    const pidFile = join(t.home, 'sleeper');
    const { config, errors } = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line: `sh -c 'sleep 60 & echo $! > ${pidFile}; sleep 61'`, runs: '1', minDurationS: '0' });
    if (!config) throw new Error(JSON.stringify(errors));
    const { runId } = await api.call('runs.start', { config });
    const sleeper = await pidFrom(pidFile);
    expect(isAlive(sleeper)).toBe(true);

    const stopper = studioStopper(handle);
    expect(stopper.stopped).toBe(false);
    const t0 = performance.now();
    // will-quit comes again when the deferred quit resumes: the same stop, not a second close.
    const first = stopper.stop();
    const second = stopper.stop();
    expect(second).toBe(first);
    await first;
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(stopper.stopped).toBe(true);
    await stopper.stop(); // after it finished: nothing left to do, no error
    for (let i = 0; i < 40 && isAlive(sleeper); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(sleeper)).toBe(false);

    // The database was closed after the run was saved: another studio reads it as aborted.
    const again = createStudio({ home: t.home });
    try {
      expect((await createInProcessApi(again.studio).call('runs.get', { runId })).run.status).toBe('aborted');
    } finally {
      again.close();
    }
  }, 30_000);
});
