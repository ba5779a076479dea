/**
 * Execution providers are probed for real (a worker process tries to create a session). Every
 * answer is checked on every machine: an unavailable provider gives a one-line reason a user can
 * act on (the exact one when its libraries are missing); an available one must really work, so
 * a benchmark on it through the built CLI completes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ortBinaryDir, staticUnavailability } from '../../src/main/engine/provider-probe';
import { probeProvider } from '../../src/main/child/probe-in-worker';
import { defaultWorkerSpec } from '../../src/main/studio/create-studio';
import type { ExecutionProviderName } from '../../src/shared/run-config';
import { CONV2D, tempHome } from '../helpers/temp-home';

const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome('dyno-providers-')));
afterAll(() => t.cleanup());

/** A short benchmark on `ep` through the built `dyno` command. */
async function benchOn(ep: ExecutionProviderName): Promise<{ status: string; ep: string }> {
  const { stdout } = await exec(process.execPath, [resolve('bin/dyno.js'), 'bench', CONV2D, '--ep', ep, '--iterations', '5', '--warmup', '1', '--json'], {
    env: { ...process.env, DYNO_HOME: t.home },
  });
  const out = JSON.parse(stdout);
  return { status: out.run.status, ep: out.config.session.executionProvider };
}

const MISSING_LIBRARIES: Partial<Record<ExecutionProviderName, string>> = {
  cuda: 'CUDA provider libraries not installed: run npm run setup:cuda (needs CUDA 12 and cuDNN 9).',
  tensorrt: 'TensorRT provider libraries not installed: run npm run setup:cuda, and install TensorRT 10.',
};

describe('execution provider probes', () => {
  const worker = defaultWorkerSpec();

  it('finds the CPU provider, and a benchmark on it completes', async () => {
    expect(await probeProvider(worker, 'cpu', CONV2D)).toEqual({ name: 'cpu', available: true });
    expect(await benchOn('cpu')).toEqual({ status: 'completed', ep: 'cpu' });
  });

  it.each(['cuda', 'tensorrt', 'webgpu'] as const)('%s: available and working, or unavailable with a one-line reason', async (name) => {
    const s = await probeProvider(worker, name, CONV2D);
    const library = join(ortBinaryDir(), `libonnxruntime_providers_${name}.so`);
    if (process.platform === 'linux' && name in MISSING_LIBRARIES && !existsSync(library)) {
      expect(s).toEqual({ name, available: false, reason: MISSING_LIBRARIES[name] });
    } else if (s.available) {
      // A positive answer must be consistent: no static reason against it, and it really runs.
      expect(s).toEqual({ name, available: true });
      expect(staticUnavailability(name)).toBeUndefined();
      expect(await benchOn(name)).toEqual({ status: 'completed', ep: name });
    } else {
      expect(s.reason, name).toMatch(/\S/);
      expect(s.reason, name).not.toContain('\n');
      expect(s.reason, name).not.toMatch(/\.cc:\d+/); // no C++ source locations
    }
  }, 60_000);
});
