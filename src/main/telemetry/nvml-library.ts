/**
 * NVML (the NVIDIA Management Library, what nvidia-smi, DCGM, Zeus and nvitop read) over FFI with
 * koffi: the library the driver installs (`libnvidia-ml.so.1`, `nvml.dll`), loaded only when
 * asked for, with `DYNO_NVML_LIBRARY` naming another file (the tests' stand-in). Every call
 * returns an nvmlReturn_t; this module turns each into a value, an absent reading (null) for
 * NOT_SUPPORTED and its kin, or an NvmlError for the codes after which nothing more can be read.
 * Signatures follow nvml.h (CUDA 12/13); functions newer than the driver are optional.
 */
import type { LibraryHandle } from 'koffi';

type KoffiFunction = ReturnType<LibraryHandle['func']>;

export const NVML_SUCCESS = 0;
const NVML_ERROR_INSUFFICIENT_SIZE = 7;
/** After these nothing else will answer: the source stops with the reason. */
const FATAL = new Map<number, string>([
  [1, 'NVML_ERROR_UNINITIALIZED'],
  [9, 'NVML_ERROR_DRIVER_NOT_LOADED'],
  [12, 'NVML_ERROR_LIBRARY_NOT_FOUND'],
  [15, 'NVML_ERROR_GPU_IS_LOST'],
  [16, 'NVML_ERROR_RESET_REQUIRED'],
  [18, 'NVML_ERROR_LIB_RM_VERSION_MISMATCH'],
]);

export class NvmlError extends Error {
  constructor(
    readonly call: string,
    readonly code: number,
    detail: string,
  ) {
    super(`${call} returned ${FATAL.get(code) ?? `error ${code}`} (${detail})`);
  }
}

export function defaultNvmlPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DYNO_NVML_LIBRARY || (process.platform === 'win32' ? 'nvml.dll' : 'libnvidia-ml.so.1');
}

/** nvml.h prototypes; pointers are `void *` so that Buffers pass straight through. */
const REQUIRED = {
  init: 'int nvmlInit_v2()',
  shutdown: 'int nvmlShutdown()',
  errorString: 'const char *nvmlErrorString(int result)',
  driverVersion: 'int nvmlSystemGetDriverVersion(void *version, unsigned int length)',
  count: 'int nvmlDeviceGetCount_v2(void *count)',
  handle: 'int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void *device)',
} as const;
const OPTIONAL = {
  name: 'int nvmlDeviceGetName(void *device, void *name, unsigned int length)',
  uuid: 'int nvmlDeviceGetUUID(void *device, void *uuid, unsigned int length)',
  utilization: 'int nvmlDeviceGetUtilizationRates(void *device, void *utilization)',
  memory: 'int nvmlDeviceGetMemoryInfo(void *device, void *memory)',
  power: 'int nvmlDeviceGetPowerUsage(void *device, void *milliwatts)',
  powerLimit: 'int nvmlDeviceGetEnforcedPowerLimit(void *device, void *milliwatts)',
  temperature: 'int nvmlDeviceGetTemperature(void *device, int sensor, void *celsius)',
  clock: 'int nvmlDeviceGetClockInfo(void *device, int type, void *mhz)',
  pstate: 'int nvmlDeviceGetPerformanceState(void *device, void *pstate)',
  throttle: 'int nvmlDeviceGetCurrentClocksThrottleReasons(void *device, void *reasons)',
  pcie: 'int nvmlDeviceGetPcieThroughput(void *device, int counter, void *kbps)',
  energy: 'int nvmlDeviceGetTotalEnergyConsumption(void *device, void *millijoules)',
  fieldValues: 'int nvmlDeviceGetFieldValues(void *device, int count, void *values)',
  processes: 'int nvmlDeviceGetComputeRunningProcesses_v3(void *device, void *count, void *infos)',
  processUtilization: 'int nvmlDeviceGetProcessUtilization(void *device, void *samples, void *count, unsigned long long lastSeenTimeStamp)',
  processName: 'int nvmlSystemGetProcessName(unsigned int pid, void *name, unsigned int length)',
} as const;
type Required = { -readonly [K in keyof typeof REQUIRED]: KoffiFunction };
type Optional = { -readonly [K in keyof typeof OPTIONAL]?: KoffiFunction };
export type NvmlFunctions = Required & Optional;

/** A loaded and initialised NVML: the raw functions, and helpers that read their answers. */
export interface NvmlLibrary {
  path: string;
  fn: NvmlFunctions;
  errorName(code: number): string;
  /** A string out-parameter (names, versions); null when the call did not succeed. */
  readString(call: (buf: Buffer, len: number) => number): string | null;
  /** Throws NvmlError for a fatal code; true on success, false for an absent reading. */
  ok(call: string, code: number): boolean;
  isInsufficientSize(code: number): boolean;
  close(): void;
}

/**
 * Loads the library and binds its functions, without initialising it: what a reader thread does
 * with a library the main thread has initialised (one process, one NVML; nvmlInit is per process).
 */
export async function bindNvml(path = defaultNvmlPath()): Promise<{ nvml: NvmlLibrary; unload(): void } | { reason: string }> {
  let lib: LibraryHandle;
  let fn: NvmlFunctions;
  try {
    // Imported here, not at the top: machines without NVIDIA never load the native module.
    const koffi = await import('koffi');
    lib = koffi.load(path);
  } catch (err) {
    return { reason: `NVML library ${path} could not be loaded (${firstLine(err)})` };
  }
  try {
    const required = Object.fromEntries(Object.entries(REQUIRED).map(([k, p]) => [k, lib.func(p)])) as Required;
    const optional: Optional = {};
    for (const [k, p] of Object.entries(OPTIONAL)) {
      try {
        optional[k as keyof Optional] = lib.func(p);
      } catch {
        // Older drivers lack newer functions: that reading is absent.
      }
    }
    fn = { ...required, ...optional };
  } catch (err) {
    lib.unload();
    return { reason: `${path} lacks a function Dyno needs (${firstLine(err)}): the driver is older than NVML 11` };
  }
  const errorName = (code: number): string => FATAL.get(code) ?? String(fn.errorString(code) ?? `error ${code}`);
  const nvml: NvmlLibrary = {
    path,
    fn,
    errorName,
    readString(call) {
      const buf = Buffer.alloc(256);
      return call(buf, buf.length) === NVML_SUCCESS ? buf.toString('utf8', 0, Math.max(0, buf.indexOf(0))) : null;
    },
    ok(call, code) {
      if (code === NVML_SUCCESS) return true;
      if (FATAL.has(code)) throw new NvmlError(call, code, String(fn.errorString(code)));
      return false;
    },
    isInsufficientSize: (code) => code === NVML_ERROR_INSUFFICIENT_SIZE,
    close() {
      try {
        fn.shutdown();
      } catch {
        // Shutting down a lost GPU's library can fail too: nothing more to do.
      }
    },
  };
  return { nvml, unload: () => lib.unload() };
}

/**
 * Loads the library and calls nvmlInit off the main thread (a wedged driver can hang it), within
 * `timeoutMs`. Resolves to the library, or to the reason NVML cannot be used here.
 */
export async function openNvml(path = defaultNvmlPath(), timeoutMs = 5_000): Promise<{ nvml: NvmlLibrary } | { reason: string }> {
  const bound = await bindNvml(path);
  if (!('nvml' in bound)) return bound;
  const { nvml, unload } = bound;
  const { fn, errorName } = nvml;
  const init = await withTimeout(
    new Promise<number>((resolve, reject) => fn.init.async((err: unknown, code: number) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(code)))),
    timeoutMs,
  );
  if (init === 'timeout') return { reason: `nvmlInit did not return within ${timeoutMs / 1000} s (driver hung?)` };
  if (init !== NVML_SUCCESS) {
    const hint = init === 18 ? ': the driver and its NVML library are different versions (reboot or reinstall the driver)' : init === 9 ? ': no NVIDIA kernel driver is loaded' : '';
    const reason = `nvmlInit failed with ${errorName(init)} (${String(fn.errorString(init))})${hint}`;
    unload();
    return { reason };
  }
  return { nvml };
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
