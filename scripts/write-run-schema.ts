/**
 * `npm run schema`: writes the JSON Schemas of the exported run format and of the bundle,
 * generated from their zod schemas (src/shared/run-json.ts, src/shared/bundle.ts), to the paths
 * their `$schema` names. A unit test fails when the
 * committed file is stale, so run this after changing the format (or RunConfig).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RUN_JSON_SCHEMA_FILE, runJsonSchemaDocument } from '../src/shared/run-json';
import { BUNDLE_SCHEMA_FILE, bundleSchemaDocument } from '../src/shared/bundle';

for (const [path, doc] of [
  [RUN_JSON_SCHEMA_FILE, runJsonSchemaDocument()],
  [BUNDLE_SCHEMA_FILE, bundleSchemaDocument()],
] as const) {
  const file = resolve(import.meta.dirname, '..', path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  console.log(`wrote ${path}`);
}
