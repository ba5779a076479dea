import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMS_KEY, defaultsForUnset, readDefaultDims } from '../../../src/shared/default-dims';

const bertInputs = [{ name: 'input_ids', shape: ['batch', 'seq'] as (string | number)[] }];

describe('readDefaultDims', () => {
  it('reads a map of dim names to whole numbers', () => {
    expect(readDefaultDims({ [DEFAULT_DIMS_KEY]: '{"batch":1,"seq":128}' })).toEqual({ kind: 'dims', dims: { batch: 1, seq: 128 } });
  });
  it('is none when the model records nothing', () => {
    expect(readDefaultDims({ 'dyno.zoo.family': 'bert' })).toEqual({ kind: 'none' });
  });
  it.each([
    ['not JSON', '{batch:1', /not JSON/],
    ['a list', '[1,128]', /whole numbers/],
    ['a fraction', '{"seq":1.5}', /whole numbers/],
    ['zero', '{"seq":0}', /whole numbers/],
    ['a string value', '{"seq":"128"}', /whole numbers/],
    ['absurd', '{"seq":1e12}', /whole numbers/],
  ])('ignores %s with a note naming the key', (_, raw, why) => {
    const r = readDefaultDims({ [DEFAULT_DIMS_KEY]: raw });
    expect(r.kind).toBe('ignored');
    if (r.kind === 'ignored') {
      expect(r.note).toContain(DEFAULT_DIMS_KEY);
      expect(r.note).toMatch(why);
    }
  });
});

describe('defaultsForUnset', () => {
  const defaults = readDefaultDims({ [DEFAULT_DIMS_KEY]: '{"batch":1,"seq":128}' });
  it('fills every unset dim and says which', () => {
    expect(defaultsForUnset(bertInputs, { dims: {} }, defaults)).toEqual({
      used: { batch: 1, seq: 128 },
      note: "using the model's default dims batch=1, seq=128 (from its metadata); set --dim to change",
    });
  });
  it('an explicit dim wins, and a batch size fills the leading axis', () => {
    expect(defaultsForUnset(bertInputs, { dims: { seq: 16 }, batchSize: 2 }, defaults)).toEqual({ used: {} });
    expect(defaultsForUnset(bertInputs, { dims: {}, batchSize: 2 }, defaults).used).toEqual({ seq: 128 });
  });
  it('a whole shape leaves nothing to fill', () => {
    expect(defaultsForUnset(bertInputs, { dims: {}, shapes: { input_ids: [1, 8] } }, defaults)).toEqual({ used: {} });
  });
  it('garbage metadata is only mentioned when a dim needed it', () => {
    const garbage = readDefaultDims({ [DEFAULT_DIMS_KEY]: 'nope' });
    expect(defaultsForUnset(bertInputs, { dims: { batch: 1, seq: 8 } }, garbage)).toEqual({ used: {} });
    expect(defaultsForUnset(bertInputs, { dims: {} }, garbage).note).toMatch(/ignored: it is not JSON/);
  });
  it('a dim the metadata does not name stays unset (the shape check names it)', () => {
    const onlyBatch = readDefaultDims({ [DEFAULT_DIMS_KEY]: '{"batch":4}' });
    expect(defaultsForUnset(bertInputs, { dims: {} }, onlyBatch)).toEqual({
      used: { batch: 4 },
      note: "using the model's default dims batch=4 (from its metadata); set --dim to change",
    });
  });
});
