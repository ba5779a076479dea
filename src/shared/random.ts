/**
 * Seeded random numbers, so every resampling and every simulated input reproduces exactly:
 * mulberry32 for uniforms, Box–Muller for normals, Marsaglia & Tsang (2000) for gamma variates,
 * and a beta variate as a ratio of gammas.
 */

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; deterministic from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform in (0, 1): never 0, so logarithms of it are finite. */
function openUniform(uniform: () => number): number {
  let u = uniform();
  while (u === 0) u = uniform();
  return u;
}

/** A standard normal variate (Box–Muller, one of the pair). */
export function standardNormal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(openUniform(uniform))) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, 1) by Marsaglia & Tsang's squeeze method; shape < 1 by Gamma(shape + 1)·U^(1/shape). */
export function gammaVariate(shape: number, uniform: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, uniform) * openUniform(uniform) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(uniform);
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaVariate(a: number, b: number, uniform: () => number): number {
  const x = gammaVariate(a, uniform);
  const y = gammaVariate(b, uniform);
  return x / (x + y);
}
