/**
 * The Models view's graph of the open model: the host's graph, its layout (from the layout
 * worker, cached per model hash), the model's profiled runs and the one laid over the graph.
 */
import { create } from 'zustand';
import type { ModelGraph, NodeProfile } from '../../../shared/model-graph';
import type { Run } from '../../../shared/run';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { layoutRequestOf, type GraphLayout } from '../components/graph/layout-types';
import { layoutFor } from '../components/graph/layout-client';

/** A stored run of this model with a profile, as the picker lists it. */
export interface ProfiledRun {
  id: string;
  createdAt: string;
  label: string;
  provider: string;
}

interface GraphState {
  path?: string;
  graph?: ModelGraph;
  layout?: GraphLayout;
  /** 'graph': reading the model; 'layout': the worker is laying it out. */
  busy?: 'graph' | 'layout';
  failure?: Failure;
  runs: ProfiledRun[];
  runId?: string;
  profile?: NodeProfile;
  profileBusy: boolean;
  profileFailure?: Failure;
  load(path: string, fileName: string): Promise<void>;
  /** Lay this run's time per node over the graph; undefined clears the overlay. */
  showRun(runId: string | undefined): Promise<void>;
}

function profiledRunsOf(runs: Run[], path: string): ProfiledRun[] {
  return runs.flatMap((r) =>
    r.config.modelPath === path && 'results' in r && r.results?.profile
      ? [{ id: r.id, createdAt: r.createdAt, label: r.label ?? r.config.label ?? '', provider: r.config.session.executionProvider }]
      : [],
  );
}

export const useGraph = create<GraphState>((set, get) => ({
  runs: [],
  profileBusy: false,
  load: async (path, fileName) => {
    if (get().path === path && (get().graph || get().busy)) return;
    set({ path, graph: undefined, layout: undefined, busy: 'graph', failure: undefined, runs: [], runId: undefined, profile: undefined, profileFailure: undefined });
    const retry = () => {
      set({ path: undefined });
      return get().load(path, fileName);
    };
    try {
      const graph = await api.call('models.graph', { path });
      if (get().path !== path) return;
      set({ graph, busy: 'layout' });
      void api
        .call('runs.list', { filter: { model: fileName, status: ['completed', 'aborted'] }, limit: 200 })
        .then((runs) => {
          if (get().path === path) set({ runs: profiledRunsOf(runs, path) });
        })
        .catch(() => undefined); // The picker stays empty; the graph itself is what was asked for.
      const layout = await layoutFor(layoutRequestOf(graph));
      if (get().path === path) set({ layout, busy: undefined });
    } catch (err) {
      if (get().path === path) set({ busy: undefined, failure: failure('Could not draw the model graph', err, retry) });
    }
  },
  showRun: async (runId) => {
    set({ runId, profile: undefined, profileFailure: undefined, profileBusy: runId !== undefined });
    if (runId === undefined) return;
    try {
      const profile = await api.call('runs.nodeProfile', { runId });
      if (get().runId === runId) set({ profile, profileBusy: false });
    } catch (err) {
      if (get().runId === runId) set({ profileBusy: false, profileFailure: failure('Could not lay the run over the graph', err, () => get().showRun(runId)) });
    }
  },
}));
