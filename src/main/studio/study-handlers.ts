/**
 * The `studies.*` methods: create a study, list them with their run counts, read one with its
 * runs, add stored runs to one. Store errors become the contract's codes (`not-found`,
 * `conflict`) so every front end can say what went wrong.
 */
import { ApiCallError } from '../../shared/contract';
import type { StudyDetail } from '../../shared/study';
import { StudyMembershipError, type StudiesRepository } from '../store/studies-repository';
import type { Handlers } from './handlers';

type StudyMethods = 'studies.create' | 'studies.list' | 'studies.get' | 'studies.addRuns';

const notFound = (studyId: string): ApiCallError => new ApiCallError(`No study with id ${studyId}.`, 'not-found');

export function requireStudy(studies: StudiesRepository, studyId: string): void {
  if (!studies.has(studyId)) throw notFound(studyId);
}

/** `addRuns` with the store's refusal turned into an API error. */
export function addRunsToStudy(studies: StudiesRepository, studyId: string, runIds: readonly string[]): number {
  try {
    return studies.addRuns(studyId, runIds);
  } catch (err) {
    if (err instanceof StudyMembershipError) throw new ApiCallError(err.message, err.code);
    throw err;
  }
}

export function studyHandlers(studies: StudiesRepository, now: () => Date): Pick<Handlers, StudyMethods> {
  return {
    'studies.create': (input) => studies.create(input, now().toISOString()),
    'studies.list': () => studies.list(),
    'studies.get': ({ studyId }): StudyDetail => {
      const found = studies.get(studyId);
      if (!found) throw notFound(studyId);
      return found;
    },
    'studies.addRuns': ({ studyId, runIds }) => ({ added: addRunsToStudy(studies, studyId, runIds) }),
  };
}
