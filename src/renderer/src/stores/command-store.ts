/**
 * The Command source of the Run view: which source the form shows (a model or a command), the
 * command fields as typed, and what the watched command run streams (its output tail and the
 * metric points of the run in progress).
 */
import { create } from 'zustand';
import { DEFAULT_COMMAND_FIELDS, type CommandFields } from '../../../shared/command/form';
import { keepTail, LIVE_TAIL_CHARS, type CommandMetrics, type CommandOutput } from '../../../shared/command/live';
import type { MetricPoint } from '../../../shared/command/results';

export interface LiveCommand {
  runId?: string;
  stdout: string;
  stderr: string;
  /** The run the metric points belong to (a new run starts a new series). */
  run?: { phase: 'warmup' | 'measure'; i: number };
  points: MetricPoint[];
  version: number;
}

interface CommandState {
  source: 'model' | 'command';
  fields: CommandFields;
  live: LiveCommand;
  setSource(source: 'model' | 'command'): void;
  setField(id: keyof CommandFields, value: string): void;
  onOutput(runId: string, output: CommandOutput): void;
  onMetrics(runId: string, metrics: CommandMetrics): void;
}

const fresh = (runId: string): LiveCommand => ({ runId, stdout: '', stderr: '', points: [], version: 0 });

export const useCommand = create<CommandState>((set, get) => ({
  source: 'model',
  fields: DEFAULT_COMMAND_FIELDS,
  live: { stdout: '', stderr: '', points: [], version: 0 },
  setSource: (source) => set({ source }),
  setField: (id, value) => set((s) => ({ fields: { ...s.fields, [id]: value } })),
  onOutput: (runId, o) => {
    const live = get().live.runId === runId ? get().live : fresh(runId);
    const lost = o.dropped > 0 ? `\n… ${o.dropped} characters not shown …\n` : '';
    set({ live: { ...live, [o.stream]: keepTail(live[o.stream] + lost + o.text, LIVE_TAIL_CHARS).text, version: live.version + 1 } });
  },
  onMetrics: (runId, m) => {
    const live = get().live.runId === runId ? get().live : fresh(runId);
    const sameRun = live.run?.phase === m.phase && live.run.i === m.i;
    set({ live: { ...live, run: { phase: m.phase, i: m.i }, points: [...(sameRun ? live.points : []), ...m.points], version: live.version + 1 } });
  },
}));
