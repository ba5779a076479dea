/**
 * Importing files into the store from Sessions (`runs.import`): Dyno bundles and HTML reports,
 * hyperfine's --export-json and onnxruntime_perf_test's output; the host reads each by its
 * content. Files go one at a time, each one transaction on the host: a bad file is named with
 * the host's one-sentence reason and does not stop the others. Afterwards the list reloads
 * and the added runs are selected.
 */
import { create } from 'zustand';
import { api } from '../api';
import type { ImportResult } from '../../../shared/report';
import { failure, type Failure } from './failure';
import { useSessionsList } from './sessions-list-store';

export type ImportOutcome = { fileName: string; result: ImportResult } | { fileName: string; failure: Failure };

interface ImportState {
  busy: boolean;
  outcomes: ImportOutcome[];
  importFiles(files: readonly File[]): Promise<void>;
  dismiss(): void;
}

/** "2 runs added (hyperfine)", "0 runs added (dyno-bundle), 3 already here". */
export function importSummary(r: ImportResult): string {
  const added = `${r.added.length} run${r.added.length === 1 ? '' : 's'} added (${r.format})`;
  const skipped = r.skipped.length > 0 ? `, ${r.skipped.length} already here` : '';
  const studies = r.studiesAdded > 0 ? `, ${r.studiesAdded} stud${r.studiesAdded === 1 ? 'y' : 'ies'}` : '';
  return added + skipped + studies;
}

export const useImports = create<ImportState>((set) => ({
  busy: false,
  outcomes: [],
  importFiles: async (files) => {
    if (files.length === 0) return;
    set({ busy: true, outcomes: [] });
    const outcomes: ImportOutcome[] = [];
    for (const file of files) {
      try {
        const content = await file.text();
        const result = await api.call('runs.import', { fileName: file.name, content, ...(file.lastModified > 0 ? { modifiedAt: new Date(file.lastModified).toISOString() } : {}) });
        outcomes.push({ fileName: file.name, result });
      } catch (err) {
        outcomes.push({ fileName: file.name, failure: failure(`Could not import ${file.name}`, err) });
      }
      set({ outcomes: [...outcomes] });
    }
    set({ busy: false });
    const added = outcomes.flatMap((o) => ('result' in o ? o.result.added : []));
    const list = useSessionsList.getState();
    await list.load();
    if (added.length > 0) list.selectIds(added);
  },
  dismiss: () => set({ outcomes: [] }),
}));
