/**
 * Which symbolic dims a batch size replaces: the engine gives the leading axis of every input
 * the batch size when one is set (main/engine/inputs.ts), so a dim that occurs only there would
 * be a second, ignored value. The form shows such a dim as set by the batch size and leaves it
 * out of the configuration, so the command it shows has no `--dim` that `--batch` overrides.
 */
import type { Dim } from '../model';

export function dimsSetByBatch(inputs: readonly { shape: readonly Dim[] }[]): string[] {
  const leading = new Set<string>();
  const elsewhere = new Set<string>();
  for (const input of inputs)
    input.shape.forEach((d, axis) => {
      if (typeof d === 'string' && d !== '?') (axis === 0 ? leading : elsewhere).add(d);
    });
  return [...leading].filter((name) => !elsewhere.has(name));
}
