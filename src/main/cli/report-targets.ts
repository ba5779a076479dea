/**
 * The `<id|study>...` arguments of `dyno report` and `dyno export`: each a stored run id or a
 * study id. One study alone is asked for as that study (its name titles the file); otherwise
 * studies stand for their runs. An id that is neither is named.
 */
import { ApiCallError, type DynoApi } from '../../shared/contract';
import type { ReportRequest } from '../../shared/report';
import { CliError } from './errors';

export async function reportTargets(api: DynoApi, refs: readonly string[]): Promise<Pick<ReportRequest, 'runIds' | 'studyId'>> {
  const runIds: string[] = [];
  const studies: string[] = [];
  for (const ref of refs) {
    try {
      const detail = await api.call('studies.get', { studyId: ref });
      studies.push(ref);
      runIds.push(...detail.runs.map((r) => r.id));
      continue;
    } catch (err) {
      if (!(err instanceof ApiCallError && err.code === 'not-found')) throw err;
    }
    try {
      await api.call('runs.get', { runId: ref });
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'not-found') throw new CliError(`${ref} is neither a stored run id nor a study id (dyno lists runs in the studio's Sessions).`);
      throw err;
    }
    runIds.push(ref);
  }
  const [only] = studies;
  if (only !== undefined && refs.length === 1) return { studyId: only };
  if (runIds.length === 0) throw new CliError(`The studies given hold no runs yet.`);
  return { runIds: [...new Set(runIds)] };
}
