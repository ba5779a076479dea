/** A run with everything stored of it: what bundles carry and imports write, in one transaction. */
import type { Run } from './run';
import type { SampleBatch } from './sample-batch';
import type { TelemetrySample } from './telemetry';

export interface StoredRun {
  run: Run;
  warnings: unknown[];
  batches: SampleBatch[];
  telemetry: TelemetrySample[];
}
