/**
 * `reports.create` (one file of stored runs, or a study's: HTML, Markdown, CSV, JSON, bundle)
 * and `runs.import` (the runs of a file someone sent, stored in one transaction). A missing
 * run or study, a run still going, a file that is not importable: each one readable line.
 */
import { ApiCallError } from '../../shared/contract';
import { isRunActive } from '../../shared/run';
import type { Study } from '../../shared/study';
import type { BundleStore } from '../store/bundle-store';
import type { StudiesRepository } from '../store/studies-repository';
import { createReport, reportComparison } from '../report/create-report';
import { readImportable, type ImportableFile } from '../report/import-file';
import { plotlyAsset } from '../report/plotly-asset';
import type { Handler, Handlers } from './handlers';
import { DEFAULT_THRESHOLD } from '../../shared/compare/schema';

export interface ReportHandlerDeps {
  bundles: BundleStore;
  /** `runs.compare` itself, so a report's comparison is the one the studio and the CLI show. */
  compare: Handler<'runs.compare'>;
  studies: StudiesRepository;
  exporter: () => string;
  now: () => Date;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function runIdsOf(deps: ReportHandlerDeps, runIds: string[] | undefined, studyId: string | undefined): { ids: string[]; study?: Study } {
  if (studyId === undefined) return { ids: runIds ?? [] };
  const detail = deps.studies.get(studyId);
  if (!detail) throw new ApiCallError(`No study with id ${studyId}.`, 'not-found');
  if (detail.runs.length === 0) throw new ApiCallError(`Study ${detail.study.name} holds no runs yet.`, 'not-found');
  return { ids: detail.runs.map((r) => r.id), study: detail.study };
}

export function reportHandlers(deps: ReportHandlerDeps): Pick<Handlers, 'reports.create' | 'runs.import'> {
  return {
    'reports.create': async ({ runIds, studyId, format, samples, embedSamples, targets }) => {
      const { ids, study } = runIdsOf(deps, runIds, studyId);
      let runs;
      try {
        runs = deps.bundles.read([...new Set(ids)]);
      } catch (err) {
        throw new ApiCallError(message(err), 'not-found');
      }
      const active = runs.find((r) => isRunActive(r.run));
      if (active) throw new ApiCallError(`Run ${active.run.id} is still ${active.run.status}: report it once it has ended.`, 'conflict');
      return createReport(format, { samples, embedSamples, ...(targets ? { targets } : {}) }, runs, deps.bundles.studiesOf(runs), study, {
        exporter: deps.exporter(),
        now: deps.now(),
        plotly: plotlyAsset,
        comparison: await reportComparison(
          runs.map((r) => r.run.id),
          (ids) => deps.compare({ runIds: ids, threshold: DEFAULT_THRESHOLD, paired: false }),
        ),
      });
    },
    'runs.import': ({ fileName, content, modifiedAt }) => {
      let file: ImportableFile;
      try {
        file = readImportable(content, fileName, modifiedAt ? new Date(modifiedAt) : deps.now());
      } catch (err) {
        throw new ApiCallError(`${message(err)} Nothing was imported.`, 'invalid-file');
      }
      try {
        return { format: file.format, ...deps.bundles.write(file.studies, file.runs) };
      } catch (err) {
        throw new ApiCallError(`Nothing was imported from ${fileName}: ${message(err)}`, 'failed');
      }
    },
  };
}
