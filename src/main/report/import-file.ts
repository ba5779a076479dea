/**
 * What `dyno import` and `runs.import` accept, told apart by content (never by extension):
 * a Dyno bundle (`dyno export`), a Dyno HTML report (it embeds a bundle), hyperfine's
 * `--export-json`, and onnxruntime_perf_test's console output. Anything else, a file cut
 * short or a bundle from a newer Dyno is refused with one sentence before anything is stored.
 * This is a security surface (it reads files users are sent): everything is parsed with a
 * schema, nothing in the file is executed or used as a path.
 */
import { createHash } from 'node:crypto';
import { looksLikeBundle, parseBundle, parseJsonText, BundleReadError } from '../../shared/bundle-reader';
import { hyperfineRuns, looksLikeHyperfine } from '../../shared/import/hyperfine';
import { looksLikePerfTest, perfTestRuns } from '../../shared/import/perf-test';
import type { ForeignSource } from '../../shared/import/foreign-run';
import type { StoredRun } from '../../shared/stored-run';
import type { Study } from '../../shared/study';
import { fromBundle } from './bundle-codec';
import { extractEmbeddedBundle } from './embedded-bundle';

export const IMPORT_FORMATS = ['dyno-bundle', 'dyno-report', 'hyperfine', 'onnxruntime_perf_test'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportableFile {
  format: ImportFormat;
  studies: Study[];
  runs: StoredRun[];
}

const notImportable = (fileName: string): string =>
  `${fileName} is not a file Dyno imports: give a Dyno bundle or HTML report, a hyperfine --export-json file, or onnxruntime_perf_test output.`;

const looksLikeHtml = (text: string): boolean => /^\s*(<!doctype html|<html)/i.test(text);

/** Reads a file's text into runs to store; `fileName` names it in messages, `modifiedAt` dates foreign runs. */
export function readImportable(text: string, fileName: string, modifiedAt: Date): ImportableFile {
  const source: ForeignSource = { fileName, digest: createHash('sha256').update(text).digest('hex'), createdAt: modifiedAt.toISOString() };
  if (text.trim() === '') throw new BundleReadError(`${fileName} is empty.`);
  if (looksLikeHtml(text)) {
    const embedded = extractEmbeddedBundle(text, fileName);
    return { format: 'dyno-report', ...fromBundle(parseBundle(parseJsonText(embedded, fileName), fileName), fileName) };
  }
  if (looksLikePerfTest(text)) return { format: 'onnxruntime_perf_test', studies: [], runs: perfTestRuns(text, source) };
  if (!/^\s*[{[]/.test(text)) throw new BundleReadError(notImportable(fileName));
  const doc = parseJsonText(text, fileName);
  if (looksLikeBundle(doc)) return { format: 'dyno-bundle', ...fromBundle(parseBundle(doc, fileName), fileName) };
  if (looksLikeHyperfine(doc)) return { format: 'hyperfine', studies: [], runs: hyperfineRuns(doc, source) };
  if (typeof doc === 'object' && doc !== null && 'formatVersion' in doc && 'run' in doc) {
    throw new BundleReadError(`${fileName} is one run's JSON (dyno bench --json), which has no samples: export the run as a bundle (dyno export <id> -o run.dyno) and import that.`);
  }
  throw new BundleReadError(notImportable(fileName));
}
