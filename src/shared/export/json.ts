/**
 * The versioned JSON (run-json.ts): one run as one object, several as an array of them; the
 * reader (run-json-reader.ts) takes both back.
 */
import type { Exporter } from './exporter';

export const jsonExporter: Exporter = {
  format: 'json',
  description: 'the versioned JSON of the run (resources/schema/run-v1.schema.json)',
  fileExtension: '.json',
  mediaType: 'application/json',
  render: (runs) => JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2) + '\n',
};
