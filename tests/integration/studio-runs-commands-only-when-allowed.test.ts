/**
 * The studio's side of command workloads, through the API contract: a host that was not told
 * to run commands refuses them (a start and a re-run alike) and says so in app.info; one that
 * was streams the command's output and metrics as events, and its runs compare like model runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { COMMANDS_REFUSED } from '../../src/main/studio/check-command';
import type { DynoApi, StudioEvent } from '../../src/shared/contract';
import { parseCommandForm, DEFAULT_COMMAND_FIELDS } from '../../src/shared/command/form';
import { tempHome } from '../helpers/temp-home';

const TRAIN = resolve('examples/train-logistic.mjs');
let t: ReturnType<typeof tempHome>;
let allowed: StudioHandle;
let api: DynoApi;
beforeAll(() => {
  t = tempHome();
  allowed = createStudio({ home: t.home, allowCommands: true });
  api = createInProcessApi(allowed.studio);
});
afterAll(() => {
  allowed.close();
  t.cleanup();
});

function commandConfig(line: string, cwd = '') {
  const { config, errors } = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line, cwd, runs: '2', minDurationS: '0' });
  if (!config) throw new Error(JSON.stringify(errors));
  return config;
}

describe('command workloads through the contract', () => {
  it('streams output and metrics as events, and two command runs compare like model runs', async () => {
    const events: StudioEvent[] = [];
    const off = api.onEvent((e) => events.push(e));
    const a = await api.call('runs.start', { config: commandConfig(`node ${TRAIN} --epochs 1 --samples 2000`) });
    const other = commandConfig(`node ${TRAIN} --epochs 1 --samples 2000 --batch 64`);
    const b = await api.call('runs.start', { config: { ...other, command: { ...other.command!, env: { DYNO_EXAMPLE: '1' } } } });
    const [ra, rb] = await Promise.all([api.call('runs.wait', a), api.call('runs.wait', b)]);
    off();
    expect([ra.run.status, rb.run.status]).toEqual(['completed', 'completed']);
    const output = events.flatMap((e) => (e.type === 'run.output' && e.runId === a.runId ? [e.output] : []));
    expect(output.map((o) => o.text).join('')).toMatch(/done: acc=0\.\d+/);
    const points = events.flatMap((e) => (e.type === 'run.metrics' && e.runId === a.runId ? e.metrics.points : []));
    expect(points.filter((p) => p.name === 'accuracy').length).toBeGreaterThan(2);
    expect(points.every((p) => p.tS >= 0 && p.step !== null)).toBe(true);

    const comparison = await api.call('runs.compare', { runIds: [a.runId, b.runId] });
    expect(comparison.runs).toHaveLength(1);
    expect(comparison.runs[0]?.verdict).toBeDefined();
    expect(comparison.runs[0]?.configDiff.map((d) => d.path)).toEqual(['modelPath', 'command.env']);
  });

  it('refuses a missing working folder before anything runs', async () => {
    await expect(api.call('runs.start', { config: commandConfig('true', '/no/such/folder') })).rejects.toThrow('Working folder not found: /no/such/folder.');
  });

  it('a host started without --allow-commands refuses a start and a re-run, and says so in app.info', async () => {
    const stored = (await api.call('runs.list', {})).find((r) => r.config.command);
    expect(stored).toBeDefined();
    const refusing = createStudio({ home: t.home });
    try {
      const closed = createInProcessApi(refusing.studio);
      expect((await closed.call('app.info', {})).commandsAllowed).toBe(false);
      expect((await api.call('app.info', {})).commandsAllowed).toBe(true);
      await expect(closed.call('runs.start', { config: commandConfig('true') })).rejects.toThrow(COMMANDS_REFUSED);
      await expect(closed.call('runs.rerun', { runId: stored?.id ?? '' })).rejects.toThrow(COMMANDS_REFUSED);
    } finally {
      refusing.close();
    }
  });
});
