/**
 * `dyno optimize` and `dyno optimize-exec` end with the recommendation in the result page's and
 * the reports' own sentence: where the gain is not established, why and what to do. The CLI
 * printed the gain and "not established" with no advice, so a terminal user was not told that a
 * re-measure run had failed, or that the time budget had cut the rounds.
 */
import { describe, expect, it } from 'vitest';
import { commandStudySummary, modelStudySummary } from '../../../src/main/cli/optimizer-summary';
import { commandStudyWithAFailedRound, modelStudyWithACrashedRound } from '../../helpers/optimizer-studies';

const recommendedLine = (summary: string): string | undefined => summary.split('\n').find((l) => l.startsWith('recommended: '));

describe("the CLI's summary says the recommendation's advice", () => {
  it('a command study: the failed re-measure run, with its error, and what to do', () => {
    const out = commandStudySummary(commandStudyWithAFailedRound());
    expect(recommendedLine(out)).toBe(
      'recommended: Change fewer=on: median wall time 1.154× better than the baseline (95 % CI 0.950–1.400, single-runs). The improvement is not established: the interval includes no gain; ' +
        'a re-measure run failed (round 2, fewer=on: `node train.mjs --samples 4000 --epochs 200 --batch 32 --epochs 20` exited with code 1 on run 2: RangeError: Array buffer allocation failed): fix the failure and run the study again.',
    );
    // The rest of the summary is as before: the study, why it stopped, the waterfall, the command.
    expect(out.split('\n').slice(0, 2)).toEqual(['study study-cmd-1', 'Every planned trial was measured.']);
    expect(out).toContain('\n  fewer=on alone: 1.154× (95 % CI 0.950–1.400)\n');
    expect(out).toMatch(/\n {2}node train\.mjs --samples 4000 --epochs 200 --batch 32 --epochs 20\n$/);
  });

  it("a model study: the baseline's crashed worker, and what to do", () => {
    const out = modelStudySummary(modelStudyWithACrashedRound());
    expect(recommendedLine(out)).toBe(
      'recommended: Change threads=1: median latency 1.176× better than the baseline (95 % CI 0.970–1.420, single-runs). The improvement is not established: the interval includes no gain; ' +
        'a re-measure run failed (round 2, the baseline: The benchmark worker was killed by SIGSEGV before finishing (out of memory, or a crash in ONNX Runtime)): fix the failure and run the study again.',
    );
    expect(out).toContain('\n  threads=1 alone: 1.176× (CI 0.970–1.420)\n');
    expect(out).toMatch(/\n {2}npx dyno bench \/models\/mlp\.onnx --threads 1\n$/);
  });

  it('the other causes too: the time budget that cut the rounds; an established gain gets no advice', () => {
    const study = modelStudyWithACrashedRound();
    const cut = {
      ...study,
      trials: study.trials.filter((t) => t.status === 'completed' && t.phase !== 're-measure r3'),
      recommended: study.recommended && { ...study.recommended, runIds: ['run-1', 'run-3', 'run-5'] },
      stopped: { reason: 'time-budget', message: 'The time budget ended after 60 s: 1 planned trial not run (batch=2).', roundsLeft: 2 },
    };
    expect(recommendedLine(modelStudySummary(cut))).toMatch(/; the time budget left 2 rounds for re-measuring \(3 are needed to decide\): give the search more time\.$/);
    const command = commandStudyWithAFailedRound();
    const held = { ...command, recommended: command.recommended && { ...command.recommended, gainVsBaseline: { value: 1.154, ciLow: 1.08, ciHigh: 1.23, evidence: 'interleaved' } } };
    expect(recommendedLine(commandStudySummary(held))).toBe('recommended: Change fewer=on: median wall time 1.154× better than the baseline (95 % CI 1.080–1.230, interleaved).');
  });
});
