/**
 * The ONNX backend test corpus in ../shared/onnx-corpus, which some tests run against. A test
 * that needs it fails when it is missing (with the path and what to do) instead of skipping:
 * a skipped conformance test in CI looks like a green one.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ONNX_CORPUS = resolve('../shared/onnx-corpus');

/** The absolute path of `relative` inside the corpus; throws a clear error when it is not there. */
export function corpusPath(relative: string): string {
  const path = join(ONNX_CORPUS, relative);
  if (!existsSync(path)) {
    throw new Error(`This test needs the ONNX backend test corpus: ${path} is missing. Put the corpus at ${ONNX_CORPUS} (a checkout of ONNX's backend test data, with pytorch-converted/ and light/).`);
  }
  return path;
}
