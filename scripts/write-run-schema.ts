/**
 * `npm run schema`: writes the JSON Schema of the exported run format, generated from its zod
 * schema (src/shared/run-json.ts), to the path its `$schema` names. A unit test fails when the
 * committed file is stale, so run this after changing the format (or RunConfig).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RUN_JSON_SCHEMA_FILE, runJsonSchemaDocument } from '../src/shared/run-json';

const file = resolve(import.meta.dirname, '..', RUN_JSON_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(runJsonSchemaDocument(), null, 2) + '\n');
console.log(`wrote ${RUN_JSON_SCHEMA_FILE}`);
