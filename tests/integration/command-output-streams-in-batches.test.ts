/**
 * A command's output on its way to the studio, on real programs through the real studio: a
 * flood of numbered lines and a short command run hundreds of times each become a few events
 * (the executor's 250 ms windows, then the transport's batches, as `dyno serve` and the Electron
 * window send them), not one per line or per run; and the page's store, fed those batches, still
 * holds the output's last lines, contiguous, up to the last one printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { batchLiveEvents } from '../../src/main/studio/live-event-batcher';
import type { DynoApi, StudioEvent } from '../../src/shared/contract';
import { parseCommandForm, DEFAULT_COMMAND_FIELDS } from '../../src/shared/command/form';
import { LIVE_TAIL_CHARS } from '../../src/shared/command/live';
import { LIVE_EVENT_INTERVAL_MS } from '../../src/shared/live-events';
import { useCommand } from '../../src/renderer/src/stores/command-store';
import { tempHome } from '../helpers/temp-home';

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

/** Runs `line` through the studio; what the host emitted and what a page was sent (each message a list). */
async function watch(line: string, runs: string): Promise<{ runId: string; host: StudioEvent[]; messages: StudioEvent[][]; wallMs: number }> {
  const { config, errors } = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line, runs, minDurationS: '0' });
  if (!config) throw new Error(JSON.stringify(errors));
  const host: StudioEvent[] = [];
  const messages: StudioEvent[][] = [];
  const batcher = batchLiveEvents((es) => messages.push(es), LIVE_EVENT_INTERVAL_MS);
  const off = api.onEvent((e) => {
    host.push(e);
    batcher.push(e);
  });
  const t0 = performance.now();
  const { runId } = await api.call('runs.start', { config });
  const { run } = await api.call('runs.wait', { runId });
  const wallMs = performance.now() - t0;
  off();
  batcher.flush();
  expect(run.status).toBe('completed');
  return { runId, host, messages, wallMs };
}

const outputOf = (es: StudioEvent[], runId: string) => es.flatMap((e) => (e.type === 'run.output' && e.runId === runId ? [e.output] : []));

describe('command output streams to the studio in batches', () => {
  it('turns a flood of lines into a few events, and the page keeps the last lines whole and in order', async () => {
    const lines = 200_000;
    // About 4 MB of numbered lines as fast as Node can write them, then a last line without a newline.
    const flood = `node -e 'let s="";for(let i=1;i<=${lines};i++){s+="line "+i+"\\n";if(s.length>65536){process.stdout.write(s);s=""}}process.stdout.write(s+"end")'`;
    const { runId, host, messages, wallMs } = await watch(flood, '1');

    const hostOutput = outputOf(host, runId);
    // One event per 250 ms window at most (and the series' end), not one per line or per pipe read.
    expect(hostOutput.length).toBeGreaterThan(0);
    expect(hostOutput.length).toBeLessThanOrEqual(Math.ceil(wallMs / 250) + 2);
    for (const o of hostOutput) expect(o.text.length).toBeLessThanOrEqual(LIVE_TAIL_CHARS);
    // What the page is sent: fewer messages still (held with the samples), output among them.
    const sent = messages.flat();
    expect(outputOf(sent, runId).length).toBeLessThanOrEqual(Math.ceil(wallMs / LIVE_EVENT_INTERVAL_MS) + 2);
    // The run's end comes after its last output.
    const types = sent.filter((e) => (e.type === 'run.updated' ? e.run.id : 'runId' in e ? e.runId : undefined) === runId).map((e) => e.type);
    expect(types.lastIndexOf('run.output')).toBeLessThan(types.lastIndexOf('run.updated'));

    // The page's store, fed the batches as the event bridge does.
    for (const o of outputOf(sent, runId)) useCommand.getState().onOutput(runId, o);
    const shown = useCommand.getState().live.stdout.split('\n');
    expect(shown.at(-1)).toBe('end');
    const numbered = shown.slice(0, -1).filter((l) => l.startsWith('line '));
    expect(numbered.length).toBeGreaterThan(1000); // most of the 16 KiB tail
    // Contiguous up to the last one printed: no line lost inside what is kept, none cut in half.
    numbered.forEach((l, k) => expect(l).toBe(`line ${lines - numbered.length + 1 + k}`));
  });

  it('sends a short chatty command run hundreds of times as a few events, not one per run', async () => {
    const { runId, host, wallMs } = await watch(`sh -c 'echo run output'`, '300');
    const hostOutput = outputOf(host, runId);
    expect(hostOutput.length).toBeLessThanOrEqual(Math.ceil(wallMs / 250) + 2);
    expect(hostOutput.length).toBeLessThan(300 / 5);
    const text = hostOutput.map((o) => o.text).join('');
    expect(text).toMatch(/^(run output\n)+$/);
    // Nothing dropped: 300 short lines fit the tail, and every run's line arrived.
    expect(hostOutput.reduce((n, o) => n + o.dropped, 0)).toBe(0);
    expect(text.split('\n').length - 1).toBe(300);
  });
});
