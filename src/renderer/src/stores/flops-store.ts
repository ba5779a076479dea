/** FLOPs of the open model for the run form's dims and batch, counted by one profiled inference in a worker. */
import { create } from 'zustand';
import { api } from '../api';
import { failure, type Failure } from './failure';

export interface FlopsRequest {
  path: string;
  dims: Record<string, number>;
  batchSize?: number;
}

interface FlopsState {
  /** The model the count (or its failure) is for: a count of another model is not shown. */
  path?: string;
  busy: boolean;
  flopsPerIteration?: number;
  failure?: Failure;
  count(request: FlopsRequest): Promise<void>;
}

export const useFlops = create<FlopsState>((set, get) => ({
  busy: false,
  count: async (request) => {
    set({ path: request.path, busy: true, flopsPerIteration: undefined, failure: undefined });
    const { path, dims, batchSize } = request;
    try {
      const r = await api.call('models.flops', { path, dims, shapes: {}, ...(batchSize !== undefined ? { batchSize } : {}) });
      if (get().path === path) set({ busy: false, flopsPerIteration: r.flopsPerIteration });
    } catch (err) {
      if (get().path === path) set({ busy: false, failure: failure('Could not count FLOPs', err, () => get().count(request)) });
    }
  },
}));
