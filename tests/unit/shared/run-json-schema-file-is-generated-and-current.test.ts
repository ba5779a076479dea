/** The committed JSON Schema is what the zod schema generates, at the path `$schema` names. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { RUN_JSON_SCHEMA_FILE, RUN_JSON_SCHEMA_URL, runJsonSchemaDocument } from '../../../src/shared/run-json';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { HAND_MADE_RUNS } from '../../helpers/hand-made-runs';
import { BUNDLE_SCHEMA_FILE, BUNDLE_SCHEMA_URL, bundleSchemaDocument } from '../../../src/shared/bundle';

describe('resources/schema/run-v1.schema.json', () => {
  it('is what `npm run schema` generates from the zod schema (run it when this fails)', () => {
    expect(JSON.parse(readFileSync(RUN_JSON_SCHEMA_FILE, 'utf8'))).toEqual(runJsonSchemaDocument());
  });

  it('lives at the path the exports name in $schema, and names itself so', () => {
    expect(new URL(RUN_JSON_SCHEMA_URL).pathname).toBe(`/${RUN_JSON_SCHEMA_FILE.replace(/^resources\//, '')}`);
    expect(runJsonSchemaDocument().$id).toBe(RUN_JSON_SCHEMA_URL);
    const doc = runToJson(HAND_MADE_RUNS.queued!, [], 'dyno@0.1.0');
    expect(doc.$schema).toBe(RUN_JSON_SCHEMA_URL);
  });

  it('requires what every export has and describes the units', () => {
    const schema = runJsonSchemaDocument() as { required: string[]; properties: Record<string, { anyOf?: { properties?: Record<string, { description?: string }> }[] }> };
    expect(schema.required).toEqual(expect.arrayContaining(['$schema', 'formatVersion', 'exporter', 'run', 'config', 'stats', 'warnings']));
    expect(schema.required).not.toContain('baseline');
    expect(JSON.stringify(schema.properties.stats)).toContain('samples per second over the measured wall-clock window');
  });
});

describe('resources/schema/bundle-v1.schema.json', () => {
  it('is what `npm run schema` generates from the bundle schema, at the path bundles name', () => {
    expect(JSON.parse(readFileSync(BUNDLE_SCHEMA_FILE, 'utf8'))).toEqual(bundleSchemaDocument());
    expect(new URL(BUNDLE_SCHEMA_URL).pathname).toBe(`/${BUNDLE_SCHEMA_FILE.replace(/^resources\//, '')}`);
    expect((bundleSchemaDocument() as { required: string[] }).required).toEqual(expect.arrayContaining(['format', 'formatVersion', 'exporter', 'machine', 'runs']));
  });
});
