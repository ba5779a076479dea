/**
 * The bundle: runs with everything stored of them (samples, telemetry, warnings, environment
 * fingerprint) and their studies, as one versioned JSON document. `dyno export` writes it,
 * `dyno import` reads it, and the HTML report embeds the very same document, so a report can be
 * imported back. Shaped for many machines (DESIGN.md, "Beyond one machine"): each run keeps its
 * stable id (importing twice adds nothing) and its own environment fingerprint, and the bundle
 * names the machine and program that wrote it.
 *
 * Why JSON rather than a small SQLite file: a report must carry it inline, any language reads
 * it, and a reader can refuse a newer version before touching the database. Samples stay
 * compact and exact: each stored batch is base64 of little-endian float64, as SQLite keeps it.
 */
import { z } from 'zod';
import { RunSchema } from './run';
import { StudySchema } from './study';
import { TelemetrySampleSchema } from './telemetry';
import { WarningSchema } from './warnings-schema';

export const BUNDLE_FORMAT = 'dyno-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_SCHEMA_FILE = 'resources/schema/bundle-v1.schema.json';
export const BUNDLE_SCHEMA_URL = 'https://dyno.dev/schema/bundle-v1.schema.json';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** One stored batch of samples: `count` iterations of one phase from `firstI` on. */
export const EncodedBatchSchema = z.object({
  phase: z.enum(['warmup', 'measure']),
  firstI: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  tMs: z.string().regex(BASE64).describe('iteration starts, ms since the epoch: base64 of little-endian float64'),
  latencyMs: z.string().regex(BASE64).describe('latencies in ms: base64 of little-endian float64'),
});
export type EncodedBatch = z.infer<typeof EncodedBatchSchema>;

export const BundleRunSchema = z.object({
  run: RunSchema.describe('the run as Dyno stores it: configuration, statistics, results, environment fingerprint'),
  warnings: z.array(WarningSchema),
  samples: z.array(EncodedBatchSchema),
  telemetry: z.array(TelemetrySampleSchema),
});
export type BundleRun = z.infer<typeof BundleRunSchema>;

/** The machine that wrote the bundle; each run's own fingerprint is `run.results.environment`. */
export const BundleMachineSchema = z.object({
  id: z.string().describe('a stable digest of the host name, CPU, core count and memory'),
  hostname: z.string(),
  platform: z.string(),
  cpuModel: z.string(),
  logicalCores: z.number().int(),
  totalMemoryBytes: z.number(),
});
export type BundleMachine = z.infer<typeof BundleMachineSchema>;

export const BundleSchema = z
  .object({
    $schema: z.string(),
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    exporter: z.string().describe('the program that wrote the file, as dyno@x.y.z'),
    createdAt: z.string(),
    machine: BundleMachineSchema,
    studies: z.array(StudySchema),
    runs: z.array(BundleRunSchema),
  })
  .meta({ title: 'Dyno bundle', description: 'Runs with their samples, telemetry and studies, as dyno export writes them.' });
export type Bundle = z.infer<typeof BundleSchema>;

/** The JSON Schema document of the format, as committed at BUNDLE_SCHEMA_FILE. */
export function bundleSchemaDocument(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(BundleSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', reused: 'ref' });
  return { $schema, $id: BUNDLE_SCHEMA_URL, ...rest };
}
