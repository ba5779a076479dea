/**
 * Recognises a worker that ran out of memory and words it. Under `--memory-cap` (or a system
 * limit) the failure shows one of two ways: ONNX Runtime's allocator throws and the worker reports
 * the error, or V8 cannot grow its heap and aborts the worker, leaving "FATAL ERROR: … heap out of
 * memory" on stderr. Both are the same event to the user: this model needs more memory than the
 * run was given.
 */

/** ORT's arena and allocators, C++'s bad_alloc, V8's fatal out-of-memory, errno ENOMEM. */
const OUT_OF_MEMORY = /Failed to allocate memory|bad_alloc|heap out of memory|Allocation failed|Cannot allocate memory|ENOMEM/i;

/** ORT: "…running Concat node. Name:'y' Status Message: … requested buffer of size 512000000". */
const ORT_NODE = /running (\w+) node\. Name:'([^']*)'/;
const ORT_REQUEST = /requested buffer of size (\d+)/;

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;
}

/** What ran out, in a few words, from the allocator's message where it says. */
function whatAsked(detail: string): string {
  const node = ORT_NODE.exec(detail);
  const size = ORT_REQUEST.exec(detail);
  const asked = size?.[1] !== undefined ? ` asked for ${mib(Number(size[1]))} more` : '';
  if (node) return `the ${node[1]} node '${node[2]}'${asked || ' could not allocate its output'}`;
  if (/heap out of memory|Allocation failed/i.test(detail)) return 'the worker could not grow its JavaScript heap';
  return `an allocation failed${asked}`;
}

const underCap = (capMiB: number): string => ` under its memory cap of ${capMiB} MiB (--memory-cap)`;

/** The run's failure reason when `detail` (an error message or a stderr line) is an allocation failure. */
export function outOfMemoryReason(detail: string, capMiB: number | undefined): string | undefined {
  if (!OUT_OF_MEMORY.test(detail)) return undefined;
  const under = capMiB === undefined ? '' : underCap(capMiB);
  const advice = capMiB === undefined ? 'free memory or use a smaller batch or shape' : 'raise --memory-cap, or use a smaller batch or shape';
  return `The run ran out of memory${under}: ${whatAsked(detail)}. The samples measured until then are kept; ${advice}.`;
}

/**
 * The reason for a worker that aborted (SIGABRT) under a cap before its session was ready. A
 * session created under a tight RLIMIT_DATA fails in ONNX Runtime's own threads (a thread pool
 * or telemetry thread that cannot get its stack), where the error cannot reach JavaScript: C++
 * terminates the process with "terminate called after throwing an instance of 'Ort::Exception'".
 * With no session yet, the cap is what the worker ran into.
 */
export function abortedUnderCapReason(capMiB: number, fatal: string | undefined): string {
  const said = fatal ? ` (${fatal})` : '';
  return `The run ran out of memory${underCap(capMiB)}: ONNX Runtime aborted while creating the session${said}. Nothing was measured; raise --memory-cap, or use a smaller model, batch or shape.`;
}
