/**
 * Reports of stored runs (`reports.create`): which file is being made, and the failure when it
 * could not be. The file itself is handed to the caller, which offers it as a download.
 */
import { create } from 'zustand';
import { api } from '../api';
import type { ReportFile, ReportFormat } from '../../../shared/report';
import { failure, type Failure } from './failure';

export type ReportTarget = { runIds: string[] } | { studyId: string };

interface ReportState {
  /** The format being made, while a request is out. */
  busy?: ReportFormat;
  failure?: Failure;
  /** A report of these runs, or of a study's; HTML with every sample when asked. */
  create(target: ReportTarget, format: ReportFormat, options?: { embedSamples?: boolean }): Promise<ReportFile | undefined>;
}

export const useReports = create<ReportState>((set, get) => ({
  create: async (target, format, options = {}) => {
    set({ busy: format, failure: undefined });
    try {
      const file = await api.call('reports.create', { ...target, format, ...(options.embedSamples ? { embedSamples: true } : {}) });
      set({ busy: undefined });
      return file;
    } catch (err) {
      set({ busy: undefined, failure: failure(`Could not make the ${format} report`, err, async () => void (await get().create(target, format, options))) });
      return undefined;
    }
  },
}));

/** A profiled run's stored ORT trace (`runs.trace`), as a file to save; throws the host's refusal. */
export const fetchTrace = (runId: string): Promise<ReportFile> => api.call('runs.trace', { runId });
