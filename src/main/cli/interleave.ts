/**
 * Interleaved A/B (`dyno compare --rerun --rounds N`): the configurations of the runs compared
 * are measured again in alternating rounds, A B … A B …, each measurement a real run through the
 * studio's queue, all stored in one study. Drift of the machine (clocks, heat, neighbours) then
 * falls on both sides of every round, and the comparison pairs the runs round by round.
 */
import type { DynoApi } from '../../shared/contract';
import type { RunConfig } from '../../shared/run';
import { readRunJson, RunJsonReadError } from '../../shared/run-json-reader';
import { readFileSync } from 'node:fs';
import { CliError } from './errors';
import { EXIT_CANCELLED } from './exit-codes';
import { isFileRef, type Side } from './compare-refs';

export interface Interrupt {
  asked: boolean;
  runId?: string;
}

async function configOf(api: DynoApi, ref: string): Promise<RunConfig> {
  if (isFileRef(ref)) {
    try {
      const [first] = readRunJson(readFileSync(ref, 'utf8'), ref);
      if (!first) throw new CliError(`${ref} holds no runs.`);
      return first.config;
    } catch (err) {
      if (err instanceof RunJsonReadError) throw new CliError(err.message);
      throw err;
    }
  }
  return (await api.call('runs.get', { runId: ref })).run.config;
}

/** Runs the rounds; returns one side per configuration, its runs in round order, and the study. */
export async function interleavedRounds(
  api: DynoApi,
  sides: readonly Side[],
  rounds: number,
  interrupt: Interrupt,
  progress: (line: string) => void,
): Promise<{ studyId: string; sides: string[][] }> {
  const configs: RunConfig[] = [];
  for (const side of sides) configs.push(await configOf(api, side[0] ?? ''));
  const study = await api.call('studies.create', {
    kind: 'comparison',
    name: `interleaved A/B ${new Date().toISOString()}`,
    spec: { from: sides.map((s) => [...s]), rounds },
  });
  progress(`study ${study.id}: ${rounds} rounds of ${configs.length} configurations`);
  const measured: string[][] = configs.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, config] of configs.entries()) {
      if (interrupt.asked) throw new CliError('Cancelled: the rounds measured so far are kept in the study.', EXIT_CANCELLED);
      const { runId } = await api.call('runs.start', { config, studyId: study.id });
      interrupt.runId = runId;
      const { run } = await api.call('runs.wait', { runId });
      if (run.status !== 'completed') throw new CliError(`Round ${round}, configuration ${i + 1}: the run ${run.status === 'failed' ? `failed: ${run.error}` : `was ${run.status}`}.`, run.status === 'aborted' ? EXIT_CANCELLED : 1);
      measured[i]?.push(runId);
      progress(`  round ${round}/${rounds}, ${String.fromCharCode(65 + i)}: run ${runId}, median ${(run.stats.percentiles.p50?.valueMs ?? run.stats.meanMs).toPrecision(4)} ms`);
    }
  }
  return { studyId: study.id, sides: measured };
}
