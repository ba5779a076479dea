/**
 * The two ways a capped worker runs out of memory, as they were captured from a real worker
 * under RLIMIT_DATA: ONNX Runtime's arena throwing (reported by the worker) and V8 aborting the
 * worker (its stderr's FATAL line). Both read as out of memory; other failures are left alone.
 */
import { describe, expect, it } from 'vitest';
import { outOfMemoryReason } from '../../../src/main/executor/out-of-memory';

const ORT_ARENA =
  "concat.onnx: Non-zero status code returned while running Concat node. Name:'y' Status Message: /onnxruntime_src/onnxruntime/core/framework/bfc_arena.cc:360 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, onnxruntime::Stream*) Failed to allocate memory for requested buffer of size 512000000";
const V8_FATAL = 'FATAL ERROR: NewSpace::EnsureCurrentCapacity Allocation failed - JavaScript heap out of memory';

describe('outOfMemoryReason', () => {
  it("names the node and what it asked for from ONNX Runtime's allocator error, with the cap", () => {
    expect(outOfMemoryReason(ORT_ARENA, 400)).toBe(
      "The run ran out of memory under its memory cap of 400 MiB (--memory-cap): the Concat node 'y' asked for 488 MiB more. The samples measured until then are kept; raise --memory-cap, or use a smaller batch or shape.",
    );
  });

  it("words V8's abort as the worker's heap, and without a cap says what to free", () => {
    expect(outOfMemoryReason(V8_FATAL, undefined)).toBe(
      'The run ran out of memory: the worker could not grow its JavaScript heap. The samples measured until then are kept; free memory or use a smaller batch or shape.',
    );
  });

  it('leaves other failures as they are', () => {
    expect(outOfMemoryReason("model.onnx: ONNX Runtime has no kernel for Foo at opset 99", 400)).toBeUndefined();
    expect(outOfMemoryReason('FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal', 400)).toBeUndefined();
  });
});
