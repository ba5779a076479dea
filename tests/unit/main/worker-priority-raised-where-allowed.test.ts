import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readPriority, trySetPriority, WATCHER_PRIORITY, WORKER_PRIORITY, workerPriorityFromEnv } from '../../../src/main/executor/process-priority';

function sleeper() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
}

describe('process priorities', () => {
  it('lower a watcher process: always allowed to its owner', () => {
    const child = sleeper();
    try {
      expect(trySetPriority(child.pid!, WATCHER_PRIORITY)).toBe(WATCHER_PRIORITY);
      expect(getPriority(child.pid!)).toBe(WATCHER_PRIORITY);
    } finally {
      child.kill();
    }
  });

  it('raise the worker where the OS allows it, and otherwise say what it kept', () => {
    const child = sleeper();
    try {
      const before = readPriority(child.pid!);
      const after = trySetPriority(child.pid!, WORKER_PRIORITY);
      // Root (or CAP_SYS_NICE) gets nice -7; anyone else keeps what the process had.
      expect(after === WORKER_PRIORITY || after === before).toBe(true);
      expect(after).toBe(getPriority(child.pid!));
    } finally {
      child.kill();
    }
  });

  it('take DYNO_WORKER_PRIORITY as a nice value or `inherit`, ignoring nonsense', () => {
    expect(workerPriorityFromEnv({})).toBe(WORKER_PRIORITY);
    expect(workerPriorityFromEnv({ DYNO_WORKER_PRIORITY: '0' })).toBe(0);
    expect(workerPriorityFromEnv({ DYNO_WORKER_PRIORITY: 'inherit' })).toBe('inherit');
    expect(workerPriorityFromEnv({ DYNO_WORKER_PRIORITY: 'fast' })).toBe(WORKER_PRIORITY);
    expect(workerPriorityFromEnv({ DYNO_WORKER_PRIORITY: '-40' })).toBe(WORKER_PRIORITY);
  });

  it('read nothing for a process that is gone', () => {
    expect(readPriority(2 ** 22 + 12345)).toBeUndefined();
  });
});
