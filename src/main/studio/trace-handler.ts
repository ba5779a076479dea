/**
 * `runs.trace`: a profiled run's ONNX Runtime trace (Chrome trace event JSON) as a file to save,
 * so the studio offers it in one click from any front end, `dyno serve` included. Only files
 * under the studio's artifacts folder are read: a run's stored `traceFile` may come from an
 * imported bundle, and must not let a client read any other file of the host.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, relative, resolve, isAbsolute } from 'node:path';
import { ApiCallError } from '../../shared/contract';
import type { ReportFile } from '../../shared/report';
import type { RunsRepository } from '../store/runs-repository';

/** Larger traces are better opened from disk (the path is shown beside the button). */
const MAX_TRACE_BYTES = 256 * 1024 ** 2;

export function traceHandler(repo: RunsRepository, artifactsDir: string): (p: { runId: string }) => Promise<ReportFile> {
  return async ({ runId }) => {
    const found = repo.get(runId);
    if (!found) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
    const run = found.run;
    const profile = run.status === 'completed' ? run.results.profile : undefined;
    if (!profile) throw new ApiCallError(`Run ${runId} was not profiled: run it with Profile operators (--profile) for a trace.`, 'not-found');
    const path = resolve(profile.traceFile);
    const inside = relative(resolve(artifactsDir), path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new ApiCallError(`Run ${runId}'s trace is not in this studio's artifacts folder (an imported run?): it cannot be read from here.`, 'not-found');
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) throw new ApiCallError(`Run ${runId}'s trace file is gone: ${path}`, 'not-found');
    if (size > MAX_TRACE_BYTES) throw new ApiCallError(`Run ${runId}'s trace is over 256 MiB: open ${path} from disk instead.`, 'too-large');
    return { fileName: basename(path).endsWith('.json') ? basename(path) : `${basename(path)}.json`, mimeType: 'application/json', content: await readFile(path, 'utf8') };
  };
}
