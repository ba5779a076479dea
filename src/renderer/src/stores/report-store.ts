/**
 * Reports of stored runs (`reports.create`): which file is being made, and the failure when it
 * could not be. The file itself is handed to the caller, which offers it as a download.
 */
import { create } from 'zustand';
import { api } from '../api';
import type { ReportFile, ReportFormat } from '../../../shared/report';
import { failure, type Failure } from './failure';

interface ReportState {
  /** The format being made, while a request is out. */
  busy?: ReportFormat;
  failure?: Failure;
  create(runIds: string[], format: ReportFormat): Promise<ReportFile | undefined>;
}

export const useReports = create<ReportState>((set, get) => ({
  create: async (runIds, format) => {
    set({ busy: format, failure: undefined });
    try {
      const file = await api.call('reports.create', { runIds, format });
      set({ busy: undefined });
      return file;
    } catch (err) {
      set({ busy: undefined, failure: failure(`Could not make the ${format} report`, err, async () => void (await get().create(runIds, format))) });
      return undefined;
    }
  },
}));
