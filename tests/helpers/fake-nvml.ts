/**
 * Builds the stand-in libnvidia-ml.so.1 (tests/fixtures/nvml/fake-nvml.c) with gcc into a temp
 * folder, once per test file, and hands out a fresh copy per use: each copy is a separate
 * dlopen, so the state one test injects (a lost GPU, a hang) cannot leak into the next.
 */
import { afterAll, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tempHome } from './temp-home';

const SOURCE = resolve('tests/fixtures/nvml/fake-nvml.c');

function gccMissing(): string | undefined {
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'gcc is not installed: the NVML stand-in cannot be built (CI has gcc)';
  }
}

/** Why the stand-in cannot be built here, or undefined when it can (tests skip on a reason). */
export const fakeNvmlUnavailable: string | undefined = process.platform === 'linux' ? gccMissing() : 'the NVML stand-in is a Linux shared library';

export interface FakeNvml {
  /** A fresh copy of the stand-in (a separate dlopen), its path. */
  fresh(): string;
  cleanup(): void;
}

export function fakeNvmlBuilder(): FakeNvml {
  const dir = mkdtempSync(join(tmpdir(), 'dyno-fake-nvml-'));
  const built = join(dir, 'libnvidia-ml.so.1');
  execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', '-o', built, SOURCE]);
  let n = 0;
  return {
    fresh() {
      const copy = join(dir, `libnvidia-ml-${n++}.so.1`);
      copyFileSync(built, copy);
      return copy;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Sets the stand-in's environment for one block (it reads it at nvmlInit). */
export async function withFakeNvmlEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * The setup of a test file that runs Dyno against the stand-in: a temp DYNO_HOME with an empty
 * `no-bin` folder to put first on PATH (so no real nvidia-smi is found), and the stand-in built
 * (where it can be), made before the file's tests and removed after. Read the fields in tests.
 */
export function nvmlTestHome(prefix: string): { home: string; emptyPath: string; lib: FakeNvml } {
  const setup = {} as { home: string; emptyPath: string; lib: FakeNvml };
  let cleanupHome: (() => void) | undefined;
  beforeAll(() => {
    const t = tempHome(prefix);
    cleanupHome = t.cleanup;
    setup.home = t.home;
    setup.emptyPath = join(t.home, 'no-bin');
    mkdirSync(setup.emptyPath);
    if (!fakeNvmlUnavailable) setup.lib = fakeNvmlBuilder();
  });
  afterAll(() => {
    cleanupHome?.();
    (setup.lib as FakeNvml | undefined)?.cleanup();
  });
  return setup;
}
