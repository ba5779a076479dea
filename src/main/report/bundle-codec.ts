/**
 * Stored runs ↔ the bundle document (shared/bundle.ts). Samples travel as the bytes SQLite
 * holds (little-endian float64, base64), so a run comes back bit for bit; a batch whose bytes
 * do not match its count is refused by name.
 */
import { createHash } from 'node:crypto';
import { cpus, hostname, totalmem } from 'node:os';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BUNDLE_SCHEMA_URL, type Bundle, type BundleMachine, type EncodedBatch } from '../../shared/bundle';
import { BundleReadError } from '../../shared/bundle-reader';
import type { SampleBatch } from '../../shared/sample-batch';
import type { Study } from '../../shared/study';
import type { StoredRun } from '../store/bundle-store';

const encode = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function decode(text: string, count: number, what: string): Float64Array<ArrayBuffer> {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== count * 8) throw new BundleReadError(`${what} holds ${bytes.length} bytes for ${count} samples (${count * 8} expected): the file is damaged.`);
  // Copy into an aligned buffer: a Float64Array view needs an offset divisible by 8.
  return new Float64Array(Uint8Array.from(bytes).buffer);
}

export function encodeBatch(b: SampleBatch): EncodedBatch {
  return { phase: b.phase, firstI: b.firstI, count: b.latencyMs.length, tMs: encode(b.tMs), latencyMs: encode(b.latencyMs) };
}

export function decodeBatch(b: EncodedBatch, what: string): SampleBatch {
  return { phase: b.phase, firstI: b.firstI, tMs: decode(b.tMs, b.count, `${what} (start times)`), latencyMs: decode(b.latencyMs, b.count, `${what} (latencies)`) };
}

/** This machine, as a bundle names the machine that wrote it. */
export function thisMachine(): BundleMachine {
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const logicalCores = cpus().length;
  const totalMemoryBytes = totalmem();
  const host = hostname();
  const id = createHash('sha256').update(JSON.stringify([host, cpuModel, logicalCores, totalMemoryBytes])).digest('hex').slice(0, 16);
  return { id, hostname: host, platform: `${process.platform}-${process.arch}`, cpuModel, logicalCores, totalMemoryBytes };
}

export function toBundle(runs: readonly StoredRun[], studies: readonly Study[], exporter: string, now: Date, machine: BundleMachine = thisMachine()): Bundle {
  return {
    $schema: BUNDLE_SCHEMA_URL,
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exporter,
    createdAt: now.toISOString(),
    machine,
    studies: [...studies],
    runs: runs.map((r) => ({
      run: r.run,
      warnings: r.warnings as Bundle['runs'][number]['warnings'],
      samples: r.batches.map(encodeBatch),
      telemetry: r.telemetry,
    })),
  };
}

export function fromBundle(bundle: Bundle, source: string): { studies: Study[]; runs: StoredRun[] } {
  return {
    studies: bundle.studies,
    runs: bundle.runs.map((r) => ({
      run: r.run,
      warnings: r.warnings,
      batches: r.samples.map((b, k) => decodeBatch(b, `${source}: run ${r.run.id}, sample batch ${k + 1}`)),
      telemetry: r.telemetry,
    })),
  };
}
