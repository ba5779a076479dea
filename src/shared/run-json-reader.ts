/**
 * Re-imports what Dyno exported: one run document, or an array of them (an export of several
 * runs), each parsed with the format's own schema (run-json.ts). A truncated file, another
 * program's JSON and a newer format each get one sentence that says which it is.
 */
import { z } from 'zod';
import { RUN_JSON_FORMAT_VERSION, RunJsonSchema, type RunJson } from './run-json';
import { firstIssue } from './first-issue';

export class RunJsonReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunJsonReadError';
  }
}

const VersionSchema = z.object({ formatVersion: z.number() });

function readOne(doc: unknown, where: string): RunJson {
  const version = VersionSchema.safeParse(doc);
  if (!version.success) throw new RunJsonReadError(`${where} is not a Dyno run export (it has no formatVersion).`);
  const v = version.data.formatVersion;
  if (v > RUN_JSON_FORMAT_VERSION) {
    throw new RunJsonReadError(`${where} is format ${v}, written by a newer Dyno; this one reads format ${RUN_JSON_FORMAT_VERSION}: upgrade Dyno to read it.`);
  }
  if (v !== RUN_JSON_FORMAT_VERSION) throw new RunJsonReadError(`${where} is format ${v}, which no Dyno wrote; this one reads format ${RUN_JSON_FORMAT_VERSION}.`);
  const parsed = RunJsonSchema.safeParse(doc);
  if (!parsed.success) throw new RunJsonReadError(`${where} is not a valid Dyno run export: ${firstIssue(parsed.error)}.`);
  return parsed.data;
}

/** The runs in an exported file's text; `source` names the file in error messages. */
export function readRunJson(text: string, source = 'The file'): RunJson[] {
  if (text.trim() === '') throw new RunJsonReadError(`${source} is empty.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new RunJsonReadError(`${source} is not complete JSON (${reason}): was it cut short?`);
  }
  if (!Array.isArray(raw)) return [readOne(raw, source)];
  if (raw.length === 0) throw new RunJsonReadError(`${source} holds no runs.`);
  return raw.map((doc: unknown, i) => readOne(doc, `${source} (run ${i + 1})`));
}
