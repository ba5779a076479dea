/**
 * `dyno import <file>...`: stores the runs of Dyno bundles and HTML reports, hyperfine
 * `--export-json` files and onnxruntime_perf_test output. Each file is one transaction: it
 * lands whole or not at all, and a file that fails does not stop the others (exit 1 at the end).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiCallError } from '../../shared/contract';
import { MAX_IMPORT_CHARS, type ImportResult } from '../../shared/report';
import { plural } from '../../shared/format';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';

function readText(path: string): { text: string; modifiedAt: Date } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new Error(`${path} does not exist.`);
  }
  if (!stat.isFile()) throw new Error(`${path} is not a file.`);
  if (stat.size > MAX_IMPORT_CHARS) throw new Error(`${path} is over 1 GiB: it is not a file Dyno imports.`);
  return { text: readFileSync(path, 'utf8'), modifiedAt: stat.mtime };
}

/** The line `dyno import` prints for one file (without --json): "a.dyno: 1 run added (dyno-bundle), 2 studies added". */
export const importSummary = (path: string, r: ImportResult): string =>
  `${path}: ${plural(r.added.length, 'run')} added (${r.format})${r.skipped.length ? `, ${r.skipped.length} already here` : ''}${r.studiesAdded ? `, ${plural(r.studiesAdded, 'study', 'studies')} added` : ''}`;

export async function importFiles(paths: string[], o: { json: boolean }): Promise<number> {
  const handle = createCliStudio();
  const results: (ImportResult & { file: string })[] = [];
  let failed = 0;
  try {
    const api = createInProcessApi(handle.studio);
    for (const path of paths) {
      try {
        const { text, modifiedAt } = readText(path);
        const r = await api.call('runs.import', { fileName: basename(path), content: text, modifiedAt: modifiedAt.toISOString() });
        results.push({ file: path, ...r });
        if (!o.json) process.stdout.write(importSummary(path, r) + '\n');
      } catch (err) {
        if (!(err instanceof ApiCallError) && !(err instanceof Error)) throw err;
        failed++;
        process.stderr.write(`dyno: ${err.message.split('\n')[0]}\n`);
      }
    }
    if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return failed > 0 ? 1 : 0;
  } finally {
    handle.close();
  }
}
