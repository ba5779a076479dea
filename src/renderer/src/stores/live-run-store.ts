/** The run in progress (or just finished) that the Run view is watching. */
import { create } from 'zustand';
import type { Progress } from '../../../shared/contract';
import type { Run, Sample } from '../../../shared/run';
import type { TelemetrySample } from '../../../shared/telemetry';

export interface LivePoints {
  x: number[];
  /** Start of each iteration on the shared time base, to align with telemetry. */
  tMs: number[];
  latencyMs: number[];
  warmupCount: number;
}

interface LiveRunState {
  /** Latest state of every run heard of, so a run whose first events beat runs.start's reply is not missed. */
  known: Map<string, Run>;
  runId?: string;
  run?: Run;
  telemetry: TelemetrySample[];
  progress?: Progress;
  points: LivePoints;
  /** Bumped on every batch so charts can redraw without copying arrays. */
  version: number;
  watch(runId: string): void;
  onRun(run: Run): void;
  onProgress(runId: string, progress: Progress): void;
  onSamples(runId: string, samples: Sample[]): void;
  onTelemetry(runId: string, samples: TelemetrySample[]): void;
}

const empty = (): LivePoints => ({ x: [], tMs: [], latencyMs: [], warmupCount: 0 });

export const useLiveRun = create<LiveRunState>((set, get) => ({
  known: new Map(),
  telemetry: [],
  points: empty(),
  version: 0,
  watch: (runId) => set({ runId, run: get().known.get(runId), progress: undefined, points: empty(), telemetry: [], version: 0 }),
  onRun: (run) => {
    get().known.set(run.id, run);
    if (run.id === get().runId) set({ run });
  },
  onProgress: (runId, progress) => {
    if (runId === get().runId) set({ progress });
  },
  onTelemetry: (runId, samples) => {
    const s = get();
    if (runId !== s.runId) return;
    s.telemetry.push(...samples);
    set({ version: s.version + 1 });
  },
  onSamples: (runId, samples) => {
    const s = get();
    if (runId !== s.runId) return;
    const p = s.points;
    for (const sample of samples) {
      if (sample.phase === 'warmup') {
        p.warmupCount = Math.max(p.warmupCount, sample.i + 1);
        p.x.push(sample.i);
      } else p.x.push(p.warmupCount + sample.i);
      p.latencyMs.push(sample.latencyMs);
      p.tMs.push(sample.tMs);
    }
    set({ version: s.version + 1 });
  },
}));
