/**
 * Which x86 CPUs give ONNX Runtime's 8-bit integer kernels exact dot products. Its uint8 × int8
 * kernels use vpmaddubsw on AVX2 and AVX-512BW, which adds each pair of products into an int16
 * and saturates with full-range weights (255 · 127 · 2 overflows it); VNNI and AMX accumulate in
 * int32. The conversion quantizes weights to 7 bits without them
 * (main/models/transforms/int8-weight-range.ts), and the INT8 advice says so: one list for both.
 */

/** The VNNI-class instruction sets (as /proc/cpuinfo names them): 8-bit dot products without int16 saturation. */
export const EXACT_INT8_DOT_FLAGS = ['amx_int8', 'avx512_vnni', 'avx_vnni'] as const;

/** Whether these CPU flags include a VNNI-class instruction set. */
export function hasExactInt8Dot(flags: readonly string[]): boolean {
  return flags.some((f) => (EXACT_INT8_DOT_FLAGS as readonly string[]).includes(f));
}
