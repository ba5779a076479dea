/**
 * The Models view's graph of the open model: the host's graph, its constant chains folded (or
 * not), its layout (from the layout worker, cached per model hash across reloads), the model's
 * profiled runs and the one laid over the graph, and what "Show on graph" asked to centre.
 */
import { create } from 'zustand';
import type { ModelGraph, NodeProfile } from '../../../shared/model-graph';
import type { Run } from '../../../shared/run';
import { foldConstantChains, NO_FOLDS, type GraphFolds } from '../../../shared/graph-folding';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { useModel } from './model-store';
import { useUi } from './ui-store';
import { layoutRequestOf, type GraphLayout } from '../components/graph/layout-types';
import { layoutFor } from '../components/graph/layout-client';
import type { GraphFocus } from '../routing/route';

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
  /** The folds the layout was made with (NO_FOLDS when folding is off). */
  folds: GraphFolds;
  /** Fold constant-generator chains into their consumers (on unless the user turns it off). */
  fold: boolean;
  /** Hosts whose folded nodes the user asked to see. */
  expanded: string[];
  /** 'graph': reading the model; 'layout': the worker is laying it out. */
  busy?: 'graph' | 'layout';
  failure?: Failure;
  runs: ProfiledRun[];
  runId?: string;
  /** The model the run laid over the graph measured; undefined while "Show on graph" looks it up. */
  runModel?: string;
  profile?: NodeProfile;
  profileBusy: boolean;
  profileFailure?: Failure;
  focus?: GraphFocus;
  /** Counts "Show on graph" clicks: the panel scrolls itself into view on each. */
  reveal: number;
  load(path: string, fileName: string): Promise<void>;
  /** Lay this run's time per node over the graph; undefined clears the overlay. */
  showRun(runId: string | undefined): Promise<void>;
  /** Open a run's model in the Models view with the run laid over its graph, centred on the focus. */
  showOnGraph(runId: string, focus?: GraphFocus): Promise<void>;
  setFocus(focus: GraphFocus | undefined): void;
  setFold(on: boolean): Promise<void>;
  expand(hostId: string): Promise<void>;
}

function profiledRunsOf(runs: Run[], path: string): ProfiledRun[] {
  return runs.flatMap((r) =>
    r.config.modelPath === path && 'results' in r && r.results?.profile
      ? [{ id: r.id, createdAt: r.createdAt, label: r.label ?? r.config.label ?? '', provider: r.config.session.executionProvider }]
      : [],
  );
}

export const useGraph = create<GraphState>((set, get) => {
  /** Folds the graph as asked and lays it out; the old layout stays drawn until the new one lands. */
  const layOut = async (graph: ModelGraph): Promise<void> => {
    const { fold, expanded } = get();
    const folds = fold ? foldConstantChains(graph, new Set(expanded)) : NO_FOLDS;
    set({ busy: 'layout' });
    const layout = await layoutFor(layoutRequestOf(graph, folds, expanded));
    const now = get();
    if (now.graph === graph && now.fold === fold && now.expanded === expanded) set({ layout, folds, busy: undefined });
  };
  const relayout = async (): Promise<void> => {
    const graph = get().graph;
    if (!graph) return;
    try {
      await layOut(graph);
    } catch (err) {
      if (get().graph === graph) set({ busy: undefined, failure: failure('Could not draw the model graph', err, relayout) });
    }
  };
  return {
    folds: NO_FOLDS,
    fold: true,
    expanded: [],
    runs: [],
    profileBusy: false,
    reveal: 0,
    load: async (path, fileName) => {
      if (get().path === path && (get().graph || get().busy)) return;
      // A run asked for by "Show on graph" stays when its model is the one now opening (or is still being looked up).
      const { runId, runModel } = get();
      const keep = runId !== undefined && (runModel === undefined || runModel === path);
      set({
        path,
        graph: undefined,
        layout: undefined,
        folds: NO_FOLDS,
        expanded: [],
        busy: 'graph',
        failure: undefined,
        runs: [],
        ...(keep ? {} : { runId: undefined, runModel: undefined, profile: undefined, profileFailure: undefined, profileBusy: false, focus: undefined }),
      });
      const retry = () => {
        set({ path: undefined });
        return get().load(path, fileName);
      };
      try {
        const graph = await api.call('models.graph', { path });
        if (get().path !== path) return;
        set({ graph });
        void api
          .call('runs.list', { filter: { model: fileName, status: ['completed', 'aborted'] }, limit: 200 })
          .then((runs) => {
            if (get().path === path) set({ runs: profiledRunsOf(runs, path) });
          })
          .catch(() => undefined); // The picker stays empty; the graph itself is what was asked for.
        await layOut(graph);
      } catch (err) {
        if (get().path === path) set({ busy: undefined, failure: failure('Could not draw the model graph', err, retry) });
      }
    },
    showRun: async (runId) => {
      set({ runId, runModel: get().path, focus: undefined, profile: undefined, profileFailure: undefined, profileBusy: runId !== undefined });
      if (runId === undefined) return;
      try {
        const profile = await api.call('runs.nodeProfile', { runId });
        if (get().runId === runId) set({ profile, profileBusy: false });
      } catch (err) {
        if (get().runId === runId) set({ profileBusy: false, profileFailure: failure('Could not lay the run over the graph', err, () => get().showRun(runId)) });
      }
    },
    showOnGraph: async (runId, focus) => {
      const shown = get();
      if (shown.runId === runId && shown.profile && shown.runModel !== undefined && shown.runModel === useModel.getState().model?.path) {
        // This run is already laid over its graph: only the focus moves.
        set({ focus, reveal: shown.reveal + 1 });
        useUi.getState().go('models');
        return;
      }
      // Set at once, so the address names the run before anything has loaded.
      set({ runId, runModel: undefined, focus, profile: undefined, profileFailure: undefined, profileBusy: true, reveal: get().reveal + 1 });
      useUi.getState().go('models');
      const stale = (): boolean => get().runId !== runId;
      try {
        const { run } = await api.call('runs.get', { runId });
        if (stale()) return;
        const modelPath = run.config.modelPath;
        set({ runModel: modelPath });
        if (useModel.getState().model?.path !== modelPath) void useModel.getState().openPath(modelPath);
        const profile = await api.call('runs.nodeProfile', { runId });
        if (!stale()) set({ profile, profileBusy: false });
      } catch (err) {
        if (!stale()) set({ profileBusy: false, profileFailure: failure('Could not lay the run over the graph', err, () => get().showOnGraph(runId, focus)) });
      }
    },
    setFocus: (focus) => set({ focus }),
    setFold: (on) => {
      set({ fold: on, expanded: [] });
      return relayout();
    },
    expand: (hostId) => {
      if (get().expanded.includes(hostId)) return Promise.resolve();
      set({ expanded: [...get().expanded, hostId] });
      return relayout();
    },
  };
});
