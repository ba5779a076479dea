/** Execution providers are probed for real (a worker process tries to create a session). */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ortBinaryDir } from '../../src/main/engine/provider-probe';
import { probeProvider } from '../../src/main/child/probe-in-worker';
import { defaultWorkerSpec } from '../../src/main/studio/create-studio';
import { CONV2D } from '../helpers/temp-home';

describe('execution provider probes', () => {
  const worker = defaultWorkerSpec();

  it('finds the CPU provider', async () => {
    expect(await probeProvider(worker, 'cpu', CONV2D)).toEqual({ name: 'cpu', available: true });
  });

  it('says what to run when the CUDA provider libraries are missing', async () => {
    const cuda = await probeProvider(worker, 'cuda', CONV2D);
    if (!existsSync(join(ortBinaryDir(), 'libonnxruntime_providers_cuda.so')) && process.platform === 'linux') {
      expect(cuda).toEqual({ name: 'cuda', available: false, reason: expect.stringContaining('npm run setup:cuda') });
    } else expect(cuda.available || (cuda.reason ?? '').length > 0).toBe(true);
  });

  it('gives every unavailable provider a one-line reason, found by really trying', async () => {
    for (const name of ['webgpu', 'tensorrt'] as const) {
      const s = await probeProvider(worker, name, CONV2D);
      if (!s.available) {
        expect(s.reason, name).toMatch(/\S/);
        expect(s.reason, name).not.toContain('\n');
        expect(s.reason, name).not.toMatch(/\.cc:\d+/); // no C++ source locations
      }
    }
  }, 60_000);
});
