/**
 * Default values for a model's symbolic dims, recorded in its ONNX `metadata_props` by whoever
 * wrote it (the zoo does: `dyno.default_dims` = `{"batch":1,"seq":128}`). A run that leaves such
 * a dim unset uses the recorded value and says so; an explicit value (or a batch size for the
 * leading axis, or a whole shape) always wins. Metadata is outside input: anything that does
 * not parse is ignored with a note, never an error.
 */
import { z } from 'zod';
import type { Dim } from './model';

export const DEFAULT_DIMS_KEY = 'dyno.default_dims';

const DefaultDimsSchema = z.record(z.string().min(1), z.number().int().min(1).max(1_000_000));

export type DefaultDims =
  | { kind: 'none' }
  | { kind: 'dims'; dims: Record<string, number> }
  | { kind: 'ignored'; note: string };

/** The model's recorded default dims, read from its metadata map. */
export function readDefaultDims(metadata: Readonly<Record<string, string>>): DefaultDims {
  const raw = metadata[DEFAULT_DIMS_KEY];
  if (raw === undefined) return { kind: 'none' };
  const ignored = (why: string): DefaultDims => ({ kind: 'ignored', note: `the model's ${DEFAULT_DIMS_KEY} metadata is ignored: ${why}` });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return ignored('it is not JSON');
  }
  const parsed = DefaultDimsSchema.safeParse(json);
  if (!parsed.success) return ignored('it must map dim names to whole numbers from 1 to 1000000, e.g. {"batch":1,"seq":128}');
  return { kind: 'dims', dims: parsed.data };
}

export interface DimSettings {
  dims: Readonly<Record<string, number>>;
  shapes?: Readonly<Record<string, readonly number[]>>;
  batchSize?: number;
}

/**
 * The symbolic dims a run still needs a value for: those of inputs without a whole shape, not
 * set by name, and not the leading axis a batch size fills (main/engine/inputs.ts resolves
 * shapes in the same order).
 */
export function unsetDims(inputs: readonly { name: string; shape: readonly Dim[] }[], s: DimSettings): string[] {
  const unset = new Set<string>();
  for (const input of inputs) {
    if (s.shapes?.[input.name]) continue;
    input.shape.forEach((d, axis) => {
      if (typeof d !== 'string' || d === '?') return;
      if (axis === 0 && s.batchSize !== undefined) return;
      if (s.dims[d] === undefined) unset.add(d);
    });
  }
  return [...unset];
}

/** The defaults that fill a run's unset dims: what a run uses and the note that says so. */
export function defaultsForUnset(
  inputs: readonly { name: string; shape: readonly Dim[] }[],
  settings: DimSettings,
  defaults: DefaultDims,
): { used: Record<string, number>; note?: string } {
  if (defaults.kind === 'none') return { used: {} };
  const unset = unsetDims(inputs, settings);
  if (unset.length === 0) return { used: {} };
  if (defaults.kind === 'ignored') return { used: {}, note: defaults.note };
  const used = Object.fromEntries(unset.flatMap((d) => (defaults.dims[d] !== undefined ? [[d, defaults.dims[d]] as const] : [])));
  const names = Object.entries(used);
  if (names.length === 0) return { used };
  return { used, note: `using the model's default dims ${names.map(([k, v]) => `${k}=${v}`).join(', ')} (from its metadata); set --dim to change` };
}
