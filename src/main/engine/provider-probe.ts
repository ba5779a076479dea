/**
 * Whether an execution provider works here, and if not, why in words a user can act on.
 * `probe` runs inside a worker process (loading a GPU provider can crash or hang the process
 * that tries); the host side, with a timeout, is `child/probe-in-worker.ts`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ExecutionProviderName } from '../../shared/run-config';
import { SessionKnobsSchema } from '../../shared/run-config';
import { sessionOptionsFor } from './session-options';

export interface ProviderStatus {
  name: ExecutionProviderName;
  available: boolean;
  reason?: string;
  /** Not probed yet (ProviderCache.current): the verdict is on its way. */
  checking?: boolean;
}

/** The folder of onnxruntime-node's native libraries for this platform. */
export function ortBinaryDir(): string {
  const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
  return join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch);
}

function providerLibrary(name: 'cuda' | 'tensorrt'): string {
  const file = process.platform === 'win32' ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.so`;
  return join(ortBinaryDir(), file);
}

/** Reasons that need no process: the provider's libraries are simply not there. */
export function staticUnavailability(name: ExecutionProviderName): string | undefined {
  if (name === 'cuda' || name === 'tensorrt') {
    if (process.platform === 'darwin') return `${name} is not available on macOS.`;
    if (!existsSync(providerLibrary(name))) {
      return name === 'cuda'
        ? 'CUDA provider libraries not installed: run npm run setup:cuda (needs CUDA 12 and cuDNN 9).'
        : 'TensorRT provider libraries not installed: run npm run setup:cuda, and install TensorRT 10.';
    }
  }
  return undefined;
}

/** ORT's messages carry C++ locations; keep what tells the user what is missing. */
export function explainProviderError(name: ExecutionProviderName, message: string): string {
  if (/No supported adapters|Failed to get a WebGPU adapter/i.test(message)) return 'No WebGPU adapter found: needs a GPU with a Vulkan (Linux), Metal or D3D12 driver.';
  if (/Failed to load shared library|cannot open shared object/i.test(message)) return `${name}: a library it needs could not be loaded (CUDA 12 / cuDNN 9 installed and on the library path?).`;
  if (/no CUDA-capable device|CUDA failure 100|cudaErrorNoDevice/i.test(message)) return 'No CUDA-capable GPU found.';
  const first = message.split('\n')[0] ?? message;
  return first.replace(/^\S+\.cc:\d+ \S+ /, '').slice(0, 300);
}

/** In the worker: try to create a session with only this provider. */
export async function probe(name: ExecutionProviderName, modelPath: string): Promise<{ available: boolean; reason?: string }> {
  const early = staticUnavailability(name);
  if (early) return { available: false, reason: early };
  const knobs = SessionKnobsSchema.parse({ executionProvider: name });
  const options = sessionOptionsFor(knobs);
  // Without the CPU fallback, so that success means this provider really loaded.
  options.executionProviders = options.executionProviders?.slice(0, 1);
  try {
    const session = await ort.InferenceSession.create(modelPath, options);
    await session.release();
    return { available: true };
  } catch (err) {
    return { available: false, reason: explainProviderError(name, err instanceof Error ? err.message : String(err)) };
  }
}
