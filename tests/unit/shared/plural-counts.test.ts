import { describe, expect, it } from 'vitest';
import { agree, plural } from '../../../src/shared/format';

describe('plural', () => {
  it('puts the noun in the number its count needs', () => {
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(0, 'node')).toBe('0 nodes');
    expect(plural(2, 'kernel')).toBe('2 kernels');
  });

  it('takes the plural of a noun that does not add an "s"', () => {
    expect(plural(1, 'study', 'studies')).toBe('1 study');
    expect(plural(3, 'study', 'studies')).toBe('3 studies');
    expect(plural(0, 'study', 'studies')).toBe('0 studies');
  });

  it('picks the verb that agrees with the count', () => {
    expect(agree(1, 'was', 'were')).toBe('was');
    expect(agree(0, 'was', 'were')).toBe('were');
    expect(agree(2, 'was', 'were')).toBe('were');
  });
});
