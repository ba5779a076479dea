/** The named symbolic dims of a model's inputs, once each, in order of appearance: the dims a form asks a value for. */
import type { Dim } from '../model';

export function symbolicDims(inputs: readonly { shape: readonly Dim[] }[]): string[] {
  return [...new Set(inputs.flatMap((t) => t.shape.filter((d): d is string => typeof d === 'string' && d !== '?')))];
}
