import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A fresh DYNO_HOME in the system temp folder, removed by the returned function. */
export function tempHome(prefix = 'dyno-test-'): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export const SAMPLES = resolve('resources/models');
export const SQUEEZENET = join(SAMPLES, 'squeezenet.onnx');
export const CONV2D = join(SAMPLES, 'conv2d.onnx');
