/** A batch size replaces a symbolic dim only where the engine would ignore the dim: the leading axis, everywhere it occurs. */
import { describe, expect, it } from 'vitest';
import { dimsSetByBatch } from '../../../src/shared/knobs/batch-dims';

describe('dims a batch size sets', () => {
  it('takes a dim that only ever leads', () => {
    expect(dimsSetByBatch([{ shape: ['batch', 'seq'] }, { shape: ['batch', 'seq'] }])).toEqual(['batch']);
  });
  it('keeps a dim that also sizes a later axis (the batch size does not reach it there)', () => {
    expect(dimsSetByBatch([{ shape: ['n', 3, 224, 224] }, { shape: [1, 'n'] }])).toEqual([]);
  });
  it('ignores fixed and unnamed axes', () => {
    expect(dimsSetByBatch([{ shape: [1, 3] }, { shape: ['?', 'len'] }])).toEqual([]);
  });
});
