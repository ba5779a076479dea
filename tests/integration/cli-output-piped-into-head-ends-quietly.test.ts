/**
 * `dyno zoo --list | head -1`: the reader may close the pipe before the CLI is done writing. The
 * built CLI must then end quietly (no uncaught EPIPE, no stack trace), as Unix tools do.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DYNO = resolve('bin/dyno.js');

describe('the CLI piped into a reader that stops early', () => {
  it('ends with its own exit code and no stack trace when the reader has gone', async () => {
    const child = spawn(process.execPath, [DYNO, 'zoo', '--list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Close the read end at once: the CLI takes far longer than this to start, so its first
    // write already finds the reader gone, which is what `head` does to a slower writer.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
