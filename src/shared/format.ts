/** Human formatting of measured quantities; one place so every view agrees. */

/** Latency with a unit that keeps 3 significant figures: 23.4 µs, 4.12 ms, 1.20 s. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

/** A duration someone set (a time budget): 250 ms, 2 s, 1.50 s; never a sub-second value as "0 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return Number.isInteger(ms / 1000) ? `${ms / 1000} s` : `${(ms / 1000).toPrecision(3)} s`;
}

export function formatRate(perS: number): string {
  if (!Number.isFinite(perS)) return '—';
  if (perS >= 1e6) return `${(perS / 1e6).toPrecision(3)} M/s`;
  if (perS >= 1e3) return `${(perS / 1e3).toPrecision(3)} k/s`;
  return `${perS.toPrecision(3)} /s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** Floating-point operations with an SI prefix: 5.76 kFLOP, 8.18 GFLOP. */
export function formatFlops(flops: number): string {
  if (!Number.isFinite(flops)) return '—';
  const units = ['FLOP', 'kFLOP', 'MFLOP', 'GFLOP', 'TFLOP', 'PFLOP'];
  let v = flops;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? String(Math.round(v)) : v.toPrecision(3)} ${units[u]}`;
}

/**
 * A plain number with no unit of its own (a metric a command printed, a count, a limit someone
 * set): an integer prints as one, "50" and never "50.00", since toPrecision would claim digits a
 * count does not have; any other value keeps `digits` significant figures. The one rule every
 * view, CLI line and report uses for such numbers.
 */
export function formatNumber(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  return v.toPrecision(digits);
}

/** A measured figure with a fixed number of decimals and its unit, or — when it was not measured. */
export function formatFixed(v: number | null, digits: number, unit: string): string {
  return v === null ? '—' : `${v.toFixed(digits)} ${unit}`;
}

/**
 * "1 node", "2 nodes": a count with its noun in the number it needs; `many` for a noun whose
 * plural is not the singular plus "s" ("1 study", "2 studies").
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${agree(n, word, many)}`;
}

/** Of two words, the one that agrees with a count: the verb after plural() ("1 run was", "2 runs were"). */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
