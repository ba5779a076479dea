/**
 * How many levels Dyno's int8 weights may use on this CPU. ONNX Runtime's x86 integer kernels
 * multiply uint8 activations by int8 weights with AVX2's vpmaddubsw (or AVX-512BW's), which adds
 * each pair of products into an int16 and saturates: 255 · 127 · 2 overflows it. On CPUs with
 * VNNI (or AMX) the dot product accumulates in int32 and full-range weights are exact. Without it,
 * onnxruntime.quantization's answer is `reduce_range`: 7-bit weights in [-64, 64], whose pair
 * sums (255 · 64 · 2 = 32 640) fit. Measured on an AVX2-only EPYC: full-range weights dropped a
 * BERT block's output cosine to 0.975 and a Gemm's to 0.92; with 7 bits they stay above 0.999.
 */
import { readFileSync } from 'node:fs';
import { hasExactInt8Dot } from '../../../shared/int8-dot';

export interface Int8WeightRange {
  /** Largest |q| of a symmetric int8 weight: 127 (full range) or 64 (reduce range). */
  qmax: 127 | 64;
  /** Why, for the conversion's notes. */
  why: string;
}

/** From the CPU's flags (as /proc/cpuinfo lists them); undefined: not known (not Linux, not x86). */
export function int8WeightRangeFor(flags: readonly string[] | undefined, arch: string = process.arch): Int8WeightRange {
  if (arch !== 'x64' && arch !== 'ia32') return { qmax: 127, why: `full-range int8 weights (${arch} integer kernels do not saturate)` };
  if (flags && hasExactInt8Dot(flags)) return { qmax: 127, why: 'full-range int8 weights (this CPU has VNNI)' };
  return {
    qmax: 64,
    why: `7-bit weights in [-64, 64] (reduce range): ${flags ? 'this CPU has no VNNI' : "this CPU's flags could not be read"}, and ONNX Runtime's uint8 × int8 kernels would saturate with full-range weights`,
  };
}

/** The flags of this machine's first CPU, from /proc/cpuinfo; undefined where there is none. */
export function localCpuFlags(): string[] | undefined {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => /^flags\s*:/.test(l));
    return line?.slice(line.indexOf(':') + 1).trim().split(/\s+/);
  } catch {
    return undefined;
  }
}

let local: Int8WeightRange | undefined;
/** This machine's range, read once; DYNO_INT8_WEIGHT_RANGE=full|reduced overrides it (to convert for another machine). */
export function localInt8WeightRange(env: NodeJS.ProcessEnv = process.env): Int8WeightRange {
  const forced = env.DYNO_INT8_WEIGHT_RANGE?.trim();
  if (forced === 'full') return { qmax: 127, why: 'full-range int8 weights (DYNO_INT8_WEIGHT_RANGE=full)' };
  if (forced === 'reduced') return { qmax: 64, why: '7-bit weights in [-64, 64] (DYNO_INT8_WEIGHT_RANGE=reduced)' };
  local ??= int8WeightRangeFor(localCpuFlags());
  return local;
}
