import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/shared/format';

describe('plural', () => {
  it('puts the noun in the number its count needs', () => {
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(0, 'node')).toBe('0 nodes');
    expect(plural(2, 'kernel')).toBe('2 kernels');
  });
});
