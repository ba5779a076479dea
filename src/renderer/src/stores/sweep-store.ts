/**
 * The Run view's sweep: the batch sizes and thread counts picked (kept across reloads), the
 * sweep the host is measuring (`studies.sweep`, followed through `study.progress` events) and
 * its points so far. The point being measured is watched by the live-run store, so the live
 * panel shows it as it shows any run.
 */
import { create } from 'zustand';
import { z } from 'zod';
import type { RunConfig } from '../../../shared/run';
import type { Display } from '../../../shared/conditions';
import { sweepPointOf, type SweepPoint, type SweepProgress } from '../../../shared/sweep';
import type { StudyDetail } from '../../../shared/study';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { useLiveRun } from './live-run-store';
import { recall, remember } from '../storage/remembered';

export const BATCH_CHOICES = [1, 2, 4, 8, 16, 32, 64] as const;

/** 1..cores, thinned to powers of two (and the core count) past 8 so the chips stay one row. */
export function threadChoices(cores: number): number[] {
  const n = Math.max(1, cores);
  if (n <= 8) return Array.from({ length: n }, (_, i) => i + 1);
  const powers = [1, 2, 4, 8, 16, 32, 64, 128].filter((p) => p < n);
  return [...powers, n];
}

const Picked = z.object({ on: z.boolean(), batches: z.array(z.number().int().positive()), threads: z.array(z.number().int().positive()) });
const KEY = 'sweep';

interface SweepState {
  /** The Sweep mode is on: the Run button sweeps the grid instead of one run. */
  on: boolean;
  batches: number[];
  /** Empty until picked: the default is every choice for this machine (see threadsFor). */
  threads: number[];
  studyId?: string;
  progress?: SweepProgress;
  points: SweepPoint[];
  failure?: Failure;
  setOn(on: boolean): void;
  /** `shown`: the list as the form shows it (the thread counts default to every choice). */
  toggle(axis: 'batches' | 'threads', value: number, shown?: readonly number[]): void;
  start(config: RunConfig, threadCounts: number[], display: Display): Promise<void>;
  cancel(): Promise<void>;
  /** Reads a study's points (after each point, or when a study is opened by its address). */
  load(studyId: string): Promise<void>;
  onProgress(progress: SweepProgress): void;
}

const saved = recall(KEY, Picked);
/** The latest progress of every sweep heard of: the first point's event can beat studies.sweep's reply. */
const heard = new Map<string, SweepProgress>();

export const useSweep = create<SweepState>((set, get) => {
  const keep = (): void => remember(KEY, { on: get().on, batches: get().batches, threads: get().threads });
  return {
    on: saved?.on ?? false,
    batches: saved?.batches ?? [1, 2, 4, 8],
    threads: saved?.threads ?? [],
    points: [],
    setOn: (on) => {
      set({ on });
      keep();
    },
    toggle: (axis, value, shown) => {
      const list = shown ?? get()[axis];
      set({ [axis]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value].sort((a, b) => a - b) });
      keep();
    },
    start: async (config, threadCounts, display) => {
      set({ failure: undefined });
      try {
        const { studyId, points } = await api.call('studies.sweep', { config, batches: get().batches, threadCounts, display });
        set({ studyId, points: [], progress: { studyId, total: points, done: 0, state: 'running' } });
        const early = heard.get(studyId);
        if (early) get().onProgress(early);
      } catch (err) {
        set({ failure: failure('Could not start the sweep', err) });
      }
    },
    cancel: async () => {
      const { studyId } = get();
      if (!studyId) return;
      try {
        await api.call('studies.cancelSweep', { studyId });
      } catch (err) {
        set({ failure: failure('Could not cancel the sweep', err, () => get().cancel()) });
      }
    },
    load: async (studyId) => {
      try {
        const { runs } = await api.call('studies.get', { studyId });
        if (get().studyId === studyId) set({ points: runs.map(sweepPointOf) });
      } catch (err) {
        set({ failure: failure(`Could not read study ${studyId}`, err, () => get().load(studyId)) });
      }
    },
    onProgress: (progress) => {
      // Only the sweep this tab started (another tab's sweep shows in its own tab and in Sessions).
      heard.set(progress.studyId, progress);
      if (progress.studyId !== get().studyId) return;
      set({ progress });
      if (progress.runId && progress.state === 'running' && useLiveRun.getState().runId !== progress.runId) useLiveRun.getState().watch(progress.runId);
      void get().load(progress.studyId);
    },
  };
});

export const sweepRunning = (s: Pick<SweepState, 'progress'>): boolean => s.progress?.state === 'running';

/** A stored study with its runs (`studies.get`), for a sweep opened by its address. */
export const fetchStudy = (studyId: string): Promise<StudyDetail> => api.call('studies.get', { studyId });
