/**
 * A command that exits at once but leaves a process outside its group (detached: setsid) holding
 * its output open: the run ended on its own, so a --timeout that passes while Dyno still waits
 * for the pipes' end must not report it as timed out (it did: 'timed out after 3.0 s … its whole
 * process tree was stopped', of a shell that had exited in milliseconds).
 */
import { describe, expect, it } from 'vitest';
import { CommandWorkloadSchema } from '../../src/shared/command/workload';
import { metricLineReader } from '../../src/shared/command/metric-lines';
import { runEnv, runOnce } from '../../src/main/executor/command/run-once';

describe.runIf(process.platform === 'linux')('a run that exits before its timeout', () => {
  it('is reported as exited, with its exit code, though an escaped child kept its output open past the timeout', async () => {
    // Node's detached spawn is setsid(): the grandchild leaves the run's group but inherits its stdout.
    const escape = `require('child_process').spawn('sleep', ['1.5'], { detached: true, stdio: ['ignore', 'inherit', 'inherit'] }).unref(); console.log('started')`;
    // The timeout must pass after the exit and inside the 0.5 s output grace that follows it: Node
    // starts and exits in 0.1–0.4 s (quiet to loaded machine), so 600 ms lands in that window either
    // way; 300 ms passed before a loaded machine's Node had even exited.
    const w = CommandWorkloadSchema.parse({ argv: [process.execPath, '-e', escape], timeoutMs: 600 });
    const r = await runOnce({ workload: w, readLine: metricLineReader(w.metrics), onOutput: () => undefined, onMetric: () => undefined, sampleIntervalMs: 20, env: runEnv(w) }).result;
    expect(r.end).toBe('exited');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.text.trim()).toBe('started');
    expect(r.wallMs).toBeLessThan(1500);
  }, 10_000);
});
