/**
 * The page benches (bench:page-cost, bench:studio) on a machine without the Chromium they drive:
 * one line saying what is missing and how to get it, exit 1, before anything starts — not an
 * unhandled 'error' event (`spawn /usr/bin/chromium ENOENT`) with a stack trace. The drivers
 * refuse in the same words when called directly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cdpDriver, playwrightDriver } from '../../../bench/page-driver';

const exec = promisify(execFile);
const MISSING = '/nonexistent/dyno-test/chromium';
const refusal = (path: string): string => `Chromium not found at ${path}: install Debian's chromium (apt-get install chromium), or set DYNO_CHROMIUM to a Chromium binary`;

async function bench(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, DYNO_CHROMIUM: MISSING } });
    return { code: 0, ...r };
  } catch (err) {
    return err as { code: number; stdout: string; stderr: string };
  }
}

describe('the page benches without Chromium', () => {
  it('bench:page-cost and bench:studio say so in one line and exit 1', async () => {
    const cost = await bench('bench/page-cost.ts');
    expect(cost.stderr.trim()).toBe(`page-cost: ${refusal(MISSING)}`);
    expect(cost.code).toBe(1);
    const studio = await bench('bench/studio.ts');
    expect(studio.stderr.trim()).toBe(`bench:studio: ${refusal(MISSING)}`);
    expect(studio.code).toBe(1);
  }, 60_000);
});

describe('the page drivers without Chromium', () => {
  const before = process.env.DYNO_CHROMIUM;
  afterEach(() => {
    if (before === undefined) delete process.env.DYNO_CHROMIUM;
    else process.env.DYNO_CHROMIUM = before;
  });

  it('refuse a missing or non-executable binary, whichever driver', async () => {
    process.env.DYNO_CHROMIUM = MISSING;
    await expect(cdpDriver('http://127.0.0.1:9/')).rejects.toThrow(refusal(MISSING));
    await expect(playwrightDriver('http://127.0.0.1:9/')).rejects.toThrow(refusal(MISSING));
    const dir = mkdtempSync(join(tmpdir(), 'dyno-no-chromium-'));
    try {
      const plain = join(dir, 'chromium');
      writeFileSync(plain, '');
      chmodSync(plain, 0o644);
      process.env.DYNO_CHROMIUM = plain;
      await expect(cdpDriver('http://127.0.0.1:9/')).rejects.toThrow(refusal(plain));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
