/** The model being configured: opened by path, from a sample, from the zoo, or dropped in. */
import { create } from 'zustand';
import type { ModelInfo } from '../../../shared/model';
import { api, pathOfDroppedFile } from '../api';

interface ModelState {
  model?: ModelInfo;
  loading: boolean;
  /** Set once the user (or the default sample) asked for a model: the default never overrides a choice. */
  requested: boolean;
  /** Why the last open failed (no model is open then: the previous one is closed). */
  error?: string;
  /**
   * Set when the open model is the host's copy of a file dropped into a browser (which cannot
   * see the file's own path): the dropped file's name. The path shown is the copy's.
   */
  copyOf?: string;
  /** The path or file name the failed open was for, and the action that tries it again. */
  attempted?: string;
  retry?: () => Promise<void>;
  openPath(path: string): Promise<void>;
  openFile(file: File): Promise<void>;
  /** Show a model the host has already opened and remembered (the zoo's reply): no second inspection. */
  opened(model: ModelInfo): void;
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export const useModel = create<ModelState>((set, get) => {
  let latest = 0;
  const load = async (attempted: string, retry: () => Promise<void>, open: () => Promise<ModelInfo>, copyOf?: string): Promise<void> => {
    const ticket = ++latest;
    set({ loading: true, error: undefined, attempted: undefined, retry: undefined, requested: true });
    try {
      const model = await open();
      // Only the most recent request wins: a slow earlier open must not replace a later one.
      if (ticket === latest) set({ model, loading: false, copyOf });
    } catch (err) {
      // The previous model goes too: Run must not measure a model other than the one asked for.
      if (ticket === latest) set({ model: undefined, copyOf: undefined, loading: false, error: err instanceof Error ? err.message : String(err), attempted, retry });
    }
  };
  return {
    loading: false,
    requested: false,
    openPath: (path) => {
      const trimmed = path.trim();
      return load(trimmed, () => get().openPath(trimmed), () => api.call('models.open', { path: trimmed }));
    },
    openFile: async (file) => {
      if (!file.name.toLowerCase().endsWith('.onnx')) {
        set({ error: `${file.name} is not an .onnx file.`, attempted: file.name, retry: undefined });
        return;
      }
      const path = pathOfDroppedFile(file);
      await load(
        file.name,
        () => get().openFile(file),
        async () => (path ? api.call('models.open', { path }) : api.call('models.import', { fileName: file.name, dataBase64: await fileToBase64(file) })),
        path ? undefined : file.name,
      );
    },
    opened: (model) => {
      // Supersedes any open still in flight, as a newer request would.
      latest++;
      set({ model, copyOf: undefined, loading: false, requested: true, error: undefined, attempted: undefined, retry: undefined });
    },
  };
});
