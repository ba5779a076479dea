import { describe, expect, it } from 'vitest';
import { SampleBuffer } from '../../../src/main/engine/sample-buffer';
import { batchToSamples } from '../../../src/shared/sample-batch';

describe('the worker sample buffer', () => {
  it('cuts one batch per phase and keeps every sample in order', () => {
    const b = new SampleBuffer();
    b.push('warmup', 0, 10, 1);
    b.push('warmup', 1, 11, 2);
    b.push('measure', 0, 12, 3);
    const batches = b.drain();
    expect(batches.map((x) => [x.phase, x.firstI, x.latencyMs.length])).toEqual([
      ['warmup', 0, 2],
      ['measure', 0, 1],
    ]);
    expect(batches.flatMap(batchToSamples).map((s) => s.latencyMs)).toEqual([1, 2, 3]);
    expect(b.drain()).toEqual([]);
  });
  it('grows past its initial capacity without losing data, and continues indices after a drain', () => {
    const b = new SampleBuffer();
    for (let i = 0; i < 10_000; i++) b.push('measure', i, i, i / 2);
    const [first] = b.drain();
    expect(first?.latencyMs.length).toBe(10_000);
    expect(first?.latencyMs[9_999]).toBe(4_999.5);
    b.push('measure', 10_000, 1, 1);
    expect(b.drain()[0]?.firstI).toBe(10_000);
  });
});
