/**
 * The hang watchdog kills an nvidia-smi stream after 5 s of silence, and only then: a healthy
 * stream that keeps talking for longer than 5 s is not killed and reports no failure. Uses the
 * stand-in nvidia-smi (tests/fixtures/nvidia-smi) and the stream's default watchdog limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NvidiaSmiStream, queryFields } from '../../src/main/telemetry/nvidia-smi-stream';
import { NVIDIA_SMI_TIMEOUT_MS } from '../../src/main/telemetry/gpu-presence';
import { tempHome } from '../helpers/temp-home';

const FAKE = resolve('tests/fixtures/nvidia-smi/fake-nvidia-smi.mjs');
let t: ReturnType<typeof tempHome>;
let smi: string;
beforeAll(() => {
  t = tempHome('dyno-smi-watchdog-');
  mkdirSync(join(t.home, 'bin'));
  chmodSync(FAKE, 0o755);
  smi = join(t.home, 'bin', 'nvidia-smi');
  symlinkSync(FAKE, smi);
});
afterAll(() => t.cleanup());

describe.runIf(process.platform !== 'win32')('the nvidia-smi hang watchdog', () => {
  it('leaves a healthy stream alone past the 5 s limit', async () => {
    expect(NVIDIA_SMI_TIMEOUT_MS).toBe(5_000);
    const stream = new NvidiaSmiStream({ smi, intervalMs: 100, gpus: [], fields: queryFields('clocks_event_reasons.active'), now: () => performance.now() });
    const started = performance.now();
    stream.start();
    await new Promise((r) => setTimeout(r, NVIDIA_SMI_TIMEOUT_MS + 1_500));
    const readings = [...stream.readings];
    stream.stop();
    expect(stream.failure).toBeUndefined();
    // Readings kept arriving after the point where a watchdog armed once at start would have fired.
    const last = readings.at(-1);
    expect(last).toBeDefined();
    expect((last?.tMs ?? 0) - started).toBeGreaterThan(NVIDIA_SMI_TIMEOUT_MS);
    // About 10 readings a second over 6.5 s (minus process start-up on a busy machine).
    expect(readings.length).toBeGreaterThan(40);
  }, 20_000);
});
