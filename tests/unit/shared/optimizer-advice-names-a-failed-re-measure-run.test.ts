/**
 * A recommendation whose re-measurement had a run fail: its round is missing, so the gain rests
 * on fewer rounds (or on the single runs, the rounds no longer pairing). The advice names the
 * failed run and its error and says to fix it, in the result page's sentence and both reports;
 * it said "ask for more rounds" (or "re-measure on a quieter machine"), which cannot help.
 */
import { describe, expect, it } from 'vitest';
import { recommendedChangeSentence, roundsOf } from '../../../src/shared/optimizer/report-words';
import { OptimizeJsonSchema } from '../../../src/shared/optimizer/study-state';
import { CommandOptimizeJsonSchema } from '../../../src/shared/optimizer/command/study-state';
import { optimizerMarkdown } from '../../../src/shared/optimizer/report-markdown';
import { commandOptimizerMarkdown } from '../../../src/shared/optimizer/command/report-markdown';
import { COMMAND_OBJECTIVE_WORDS } from '../../../src/shared/optimizer/command/goal';
import { OBJECTIVE_WORDS } from '../../../src/shared/optimizer/goal';
import { commandStudyWithAFailedRound, modelStudyWithACrashedRound } from '../../helpers/optimizer-studies';

const FAILED_COMMAND = '`node train.mjs --samples 4000 --epochs 200 --batch 32 --epochs 20` exited with code 1 on run 2: RangeError: Array buffer allocation failed';

/** The sentence as the result page says it, from the document as the studio's wire parses it. */
function pageSentence(doc: { recommended: { candidate: string; gainVsBaseline: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string } } | null }, objective: string, rounds: ReturnType<typeof roundsOf>): string {
  const rec = doc.recommended;
  if (!rec) throw new Error('the study recommends nothing');
  return recommendedChangeSentence(rec.candidate, objective, rec.gainVsBaseline, undefined, rounds);
}

describe('the advice names a re-measure run that failed', () => {
  it("a command study: the candidate's round-2 run exited non-zero, and the advice says so with its error", () => {
    const doc = CommandOptimizeJsonSchema.parse(commandStudyWithAFailedRound());
    expect(roundsOf(doc)).toEqual({ rounds: 2, budgetLeft: undefined, failed: { count: 1, round: 2, side: 'fewer=on', error: FAILED_COMMAND } });
    const s = pageSentence(doc, COMMAND_OBJECTIVE_WORDS.time, roundsOf(doc));
    expect(s).toBe(
      'Change fewer=on: median wall time 1.154× better than the baseline (95 % CI 0.950–1.400, single-runs). The improvement is not established: the interval includes no gain; ' +
        `a re-measure run failed (round 2, fewer=on: ${FAILED_COMMAND}): fix the failure and run the study again.`,
    );
    expect(s).not.toMatch(/ask for more rounds|re-measured over only/);
    // report.md (and so report.html) says the same, the candidate in bold.
    const md = commandOptimizerMarkdown(commandStudyWithAFailedRound());
    expect(md).toContain(`Change **fewer=on**: median wall time 1.154× better than the baseline (95 % CI 0.950–1.400, single-runs). The improvement is not established: the interval includes no gain; a re-measure run failed (round 2, fewer=on: ${FAILED_COMMAND}): fix the failure and run the study again.\n`);
  });

  it("a model study: the baseline's round-2 worker crashed; the advice names the baseline, not a noisy machine", () => {
    const doc = OptimizeJsonSchema.parse(modelStudyWithACrashedRound());
    const s = pageSentence(doc, OBJECTIVE_WORDS.latency, roundsOf(doc));
    expect(s).toBe(
      'Change threads=1: median latency 1.176× better than the baseline (95 % CI 0.970–1.420, single-runs). The improvement is not established: the interval includes no gain; ' +
        'a re-measure run failed (round 2, the baseline: The benchmark worker was killed by SIGSEGV before finishing (out of memory, or a crash in ONNX Runtime)): fix the failure and run the study again.',
    );
    expect(s).not.toMatch(/quieter machine/);
    expect(optimizerMarkdown(modelStudyWithACrashedRound())).toContain('; a re-measure run failed (round 2, the baseline: The benchmark worker was killed by SIGSEGV');
  });

  it('several failures: counts them and quotes the first; a long error is cut short', () => {
    const doc = commandStudyWithAFailedRound();
    const long = `failed: \`node train.mjs\` exited with code 1 on run 1: ${'x'.repeat(300)}`;
    doc.trials = doc.trials.map((t) => (t.runId === 'run-6' ? { ...t, status: 'failed', figures: null, rejected: long } : t.runId === 'run-5' ? { ...t, rejected: long } : t));
    const rounds = roundsOf(CommandOptimizeJsonSchema.parse(doc));
    expect(rounds?.failed).toMatchObject({ count: 2, round: 2, side: 'fewer=on' });
    expect(rounds?.failed?.error).toHaveLength(160);
    expect(rounds?.failed?.error).toMatch(/^`node train\.mjs` exited with code 1 on run 1: x+…$/);
    expect(pageSentence(doc, 'median wall time', rounds)).toMatch(/; 2 re-measure runs failed \(the first: round 2, fewer=on: `node train\.mjs` exited with code 1 on run 1: x+…\): fix the failure and run the study again\.$/);
  });

  it("reads only failures: an aborted run (a cancel), another candidate's failure and a failed single trial leave the rounds' advice", () => {
    const doc = commandStudyWithAFailedRound();
    const failed = doc.trials.find((t) => t.runId === 'run-5');
    if (!failed) throw new Error('no failed trial');
    const as = (over: Partial<typeof failed>) => ({ ...doc, trials: doc.trials.map((t) => (t === failed ? { ...t, ...over } : t)) });
    const tail = (d: typeof doc): string => pageSentence(d, 'median wall time', roundsOf(d)).replace(/^.*; /, '');
    const rounds = 'it was re-measured over only 2 rounds (3 are needed to decide): ask for more rounds.';
    expect(tail(as({ status: 'aborted', rejected: 'aborted: the run was aborted' }))).toBe(rounds);
    expect(tail(as({ candidate: 'batch=64' }))).toBe(rounds);
    expect(tail(as({ phase: 'single' }))).toBe(rounds);
    // An established gain needs no advice, whatever failed on the way.
    const established = { ...doc, recommended: doc.recommended && { ...doc.recommended, gainVsBaseline: { value: 1.154, ciLow: 1.05, ciHigh: 1.3, evidence: 'interleaved' } } };
    expect(pageSentence(established, 'median wall time', roundsOf(established))).toBe('Change fewer=on: median wall time 1.154× better than the baseline (95 % CI 1.050–1.300, interleaved).');
  });
});
