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
import type { Interrupt } from './interrupt';
import { EXIT_CANCELLED } from './exit-codes';
import { isFileRef, type Side } from './compare-refs';
import { InterleaveError, runInterleavedRounds } from '../../shared/compare/interleave';
import { plural } from '../../shared/format';


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

/** Runs the rounds (the shared loop), with the CLI's progress lines, Ctrl+C and exit codes. */
export async function interleavedRounds(
  api: DynoApi,
  sides: readonly Side[],
  rounds: number,
  interrupt: Interrupt,
  progress: (line: string) => void,
): Promise<{ studyId: string; sides: string[][] }> {
  const configs: RunConfig[] = [];
  for (const side of sides) configs.push(await configOf(api, side[0] ?? ''));
  try {
    return await runInterleavedRounds(api, configs, rounds, sides.map((s) => [...s]), {
      shouldStop: () => interrupt.asked,
      onStudy: (studyId) => progress(`study ${studyId}: ${plural(rounds, 'round')} of ${plural(configs.length, 'configuration')}`),
      onRunStarted: (runId) => (interrupt.runId = runId),
      onMeasured: (round, i, run) =>
        progress(`  round ${round}/${rounds}, ${String.fromCharCode(65 + i)}: run ${run.id}, median ${(run.stats.percentiles.p50?.valueMs ?? run.stats.meanMs).toPrecision(4)} ms`),
    });
  } catch (err) {
    if (err instanceof InterleaveError) throw new CliError(err.message, err.cancelled ? EXIT_CANCELLED : 1);
    throw err;
  }
}
