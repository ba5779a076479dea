/**
 * A stored study read for either optimizer's address (#/optimize/ID, with or without
 * ?workload=command): an id that names no study reads the same for both workloads.
 */
import { ApiCallError, type DynoApi, type Result } from '../../shared/contract';

export async function storedOptimizerStudy(api: DynoApi, studyId: string): Promise<Result<'studies.get'>> {
  return api.call('studies.get', { studyId }).catch((err: unknown) => {
    if (err instanceof ApiCallError && err.code === 'not-found') throw new ApiCallError(`No optimizer study ${studyId} is stored here: start a new goal, or open a study from Sessions.`, 'not-found');
    throw err;
  });
}
