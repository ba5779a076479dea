/**
 * Interleaved A/B through the API: the configurations compared are measured again in
 * alternating rounds, A B … A B …, each a real run through the host's queue, all stored in one
 * study. Machine drift (clocks, heat, neighbours) then falls on both sides of every round, and
 * the comparison pairs the runs round by round. One loop for every front end: `dyno compare
 * --rerun` and the studio's Compare view both call this with their own DynoApi.
 */
import type { DynoApi } from '../contract';
import type { Run, RunConfig } from '../run';

/** Why the rounds stopped early: cancelled (by the user, or a run aborted) or a run that failed. */
export class InterleaveError extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
    this.name = 'InterleaveError';
  }
}

export interface RoundsHooks {
  /** Asked before each run: true stops the rounds (what was measured stays in the study). */
  shouldStop?(): boolean;
  onStudy?(studyId: string): void;
  onRunStarted?(runId: string): void;
  onMeasured?(round: number, side: number, run: Extract<Run, { status: 'completed' }>): void;
}

/** Runs the rounds; answers the study and, per configuration, its runs in round order. */
export async function runInterleavedRounds(
  api: DynoApi,
  configs: readonly RunConfig[],
  rounds: number,
  /** What each configuration was taken from (run ids or files), kept in the study's spec. */
  from: readonly (readonly string[])[],
  hooks: RoundsHooks = {},
): Promise<{ studyId: string; sides: string[][] }> {
  const study = await api.call('studies.create', { kind: 'comparison', name: `interleaved A/B ${new Date().toISOString()}`, spec: { from: from.map((f) => [...f]), rounds } });
  hooks.onStudy?.(study.id);
  const measured: string[][] = configs.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, config] of configs.entries()) {
      if (hooks.shouldStop?.()) throw new InterleaveError('Cancelled: the rounds measured so far are kept in the study.', true);
      const { runId } = await api.call('runs.start', { config, studyId: study.id });
      hooks.onRunStarted?.(runId);
      const { run } = await api.call('runs.wait', { runId });
      if (run.status !== 'completed') {
        throw new InterleaveError(`Round ${round}, configuration ${i + 1}: the run ${run.status === 'failed' ? `failed: ${run.error}` : `was ${run.status}`}.`, run.status === 'aborted');
      }
      measured[i]?.push(runId);
      hooks.onMeasured?.(round, i, run);
    }
  }
  return { studyId: study.id, sides: measured };
}
