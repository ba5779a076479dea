/**
 * The optimizer's "keep the defaults" sentence names the candidate that came closest, with its
 * gain (how many times better than the baseline). It said "gave 1.357× the baseline's median
 * latency" of a candidate that had measured faster, which reads as slower.
 */
import { describe, expect, it } from 'vitest';
import { keepDefaultsSentence } from '../../../src/shared/optimizer/report-words';

const defaults = "ONNX Runtime's defaults";

describe('keepDefaultsSentence', () => {
  it('words a point gain above 1 as better, and why it did not count', () => {
    const s = keepDefaultsSentence(defaults, { candidate: 'optLevel=disabled', gain: 1.357, ciLow: 0.364, ciHigh: 5.06, evidence: 'single-runs' }, 'median latency');
    expect(s).toBe(
      "No change beat the defaults: keep ONNX Runtime's defaults. The closest, optLevel=disabled, was 1.357× better than the baseline on median latency (95 % CI 0.364–5.060, single-runs; not established: the interval includes no gain).",
    );
  });

  it('words a gain below 1 as worse, by the inverse factor', () => {
    const s = keepDefaultsSentence(defaults, { candidate: 'threads=1', gain: 0.8, ciLow: 0.7, ciHigh: 0.9, evidence: 'interleaved' }, 'throughput');
    expect(s).toContain('The closest, threads=1, was 1.250× worse than the baseline on throughput (95 % CI 0.700–0.900, interleaved).');
  });

  it('says whether the figure was re-measured, or is one un-repeated run and how many iterations it had', () => {
    const remeasured = keepDefaultsSentence(defaults, { candidate: 'threads=1', gain: 0.97, ciLow: 0.95, ciHigh: 0.99, evidence: 'interleaved', rounds: 3, iterations: null }, 'median latency');
    expect(remeasured).toContain('The closest, threads=1, was 1.031× worse than the baseline on median latency (95 % CI 0.950–0.990, interleaved; re-measured over 3 rounds).');
    const once = keepDefaultsSentence(defaults, { candidate: 'optLevel=basic', gain: 0.995, ciLow: 0.7, ciHigh: 1.4, evidence: 'single-runs', rounds: 1, iterations: 200 }, 'median latency');
    expect(once).toContain('The closest, optLevel=basic, was 1.005× worse than the baseline on median latency (95 % CI 0.700–1.400, single-runs; a single un-repeated run of 200 iterations, not re-measured).');
    // One run above 1 that did not count says both.
    const above = keepDefaultsSentence(defaults, { candidate: 'optLevel=basic', gain: 1.02, ciLow: 0.7, ciHigh: 1.4, evidence: 'single-runs', rounds: 1, iterations: 1 }, 'median latency');
    expect(above).toContain('(95 % CI 0.700–1.400, single-runs; a single un-repeated run of 1 iteration, not re-measured; not established: the interval includes no gain).');
  });

  it('says only the head when nothing came close', () => {
    expect(keepDefaultsSentence(defaults, null, 'median latency')).toBe("No change beat the defaults: keep ONNX Runtime's defaults.");
  });
});
