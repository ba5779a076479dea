/**
 * The optimizer driving a command on the example training script (real runs of a real program
 * through the studio's queue, as `dyno optimize-exec` drives them). Baseline: 200 epochs on 4,000
 * samples. Factors: `fewer` (--epochs 20: the model has converged by then, so it is faster at the
 * same accuracy), `early` (--max-steps 5: much faster, but it stops before it has learned), and
 * the parameter `batch` (32 → 64, substituted for {batch}). The gate is accuracy within 0.01 of
 * the baseline's. The search must recommend `fewer`, reject `early` by the gate with its
 * numbers, and show each factor's share of the gain.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { optimizeCommand } from '../../src/main/optimizer/command/run-command-optimizer';
import { commandOutcomeJson } from '../../src/main/optimizer/command/result-json';
import { commandSpec, type OptimizeExecFlags } from '../../src/main/cli/optimize-exec';
import { EXEC_DEFAULTS } from '../../src/main/cli/exec-options';
import { parseParam } from '../../src/shared/command/params';
import { parseFlagFactor, type CommandFactor } from '../../src/shared/optimizer/command/factors';
import { parseGate, type MetricGate } from '../../src/shared/optimizer/command/goal';
import { commandOptimizerMarkdown } from '../../src/shared/optimizer/command/report-markdown';

const s = useInProcessStudio({ allowCommands: true });
const TRAIN = resolve('examples/train-logistic.mjs');
const node = process.execPath;

const ok = <T>(v: T | string): T => {
  if (typeof v === 'string') throw new Error(v);
  return v;
};

function flags(o: Partial<OptimizeExecFlags>): OptimizeExecFlags {
  return {
    runs: 2,
    warmup: 0,
    minDuration: 0,
    maxRuns: EXEC_DEFAULTS.maxRuns,
    maxDuration: EXEC_DEFAULTS.maxDurationS,
    env: {},
    metric: [],
    target: [],
    param: [],
    telemetry: false,
    factor: [],
    objective: 'time',
    gate: [],
    rounds: 2,
    top: 2,
    json: true,
    ...o,
  };
}

const factor = (spec: string): CommandFactor => ok(parseFlagFactor(spec));
const gate = (spec: string): MetricGate => ok(parseGate(spec));
const deps = () => ({ api: s.api, now: () => Date.now() });

describe('the optimizer drives a command', () => {
  it('finds a faster configuration that keeps accuracy within the gate and rejects one that breaks it', async () => {
    const argv = [node, TRAIN, '--samples', '4000', '--epochs', '200', '--batch', '{batch}'];
    const spec = commandSpec(argv, flags({ factor: [factor('fewer=--epochs 20'), factor('early=--max-steps 5')], param: [ok(parseParam('batch=32,64'))], gate: [gate('accuracy>=baseline-0.01')], timeBudget: '10m' }));
    const outcome = await optimizeCommand(deps(), spec, undefined);
    const r = commandOutcomeJson(outcome);
    const byKey = new Map(r.trials.filter((t) => t.phase === 'single').map((t) => [t.candidate, t]));
    const base = r.baseline.figures;
    const fewer = byKey.get('fewer=on');
    const early = byKey.get('early=on');
    const batch = byKey.get('batch=64');
    // Substitution: the flags are appended, the parameter's value fills {batch}.
    expect(r.baseline.commandLine).toBe(`${node} ${TRAIN} --samples 4000 --epochs 200 --batch 32`);
    expect(fewer?.commandLine).toBe(`${node} ${TRAIN} --samples 4000 --epochs 200 --batch 32 --epochs 20`);
    expect(batch?.commandLine).toBe(`${node} ${TRAIN} --samples 4000 --epochs 200 --batch 64`);
    expect(batch?.config.command?.params).toEqual({ batch: '64' });
    const accuracy = base?.metrics.accuracy as number;
    console.log(
      `baseline ${base?.value?.toFixed(0)} ms, accuracy ${accuracy.toFixed(4)}; fewer ${fewer?.figures?.value?.toFixed(0)} ms, accuracy ${fewer?.figures?.metrics.accuracy?.toFixed(4)}; ` +
        `early ${early?.figures?.value?.toFixed(0)} ms, accuracy ${early?.figures?.metrics.accuracy?.toFixed(4)}; recommended ${r.recommended?.candidate} ${r.recommended?.gainVsBaseline.value.toFixed(3)}× (CI ${r.recommended?.gainVsBaseline.ciLow?.toFixed(3)}–${r.recommended?.gainVsBaseline.ciHigh?.toFixed(3)})`,
    );
    for (const t of r.trials) console.log(`${t.phase} ${t.candidate} ${t.figures?.value?.toFixed(0)} ms acc ${t.figures?.metrics.accuracy} ${t.verdict?.gain.toFixed(3)} ${t.rejected ?? ''}`);
    expect(accuracy).toBeGreaterThan(0.9);
    // The early stop is faster still but breaks the gate, with its numbers.
    expect(early?.status).toBe('completed');
    expect(early?.figures?.value).toBeLessThan(base?.value as number);
    expect(early?.figures?.metrics.accuracy).toBeLessThan(accuracy - 0.01);
    expect(early?.gates[0]).toMatchObject({ gate: 'accuracy>=baseline-0.01', passed: false, limit: accuracy - 0.01 });
    expect(early?.rejected).toMatch(/^gate accuracy>=baseline-0\.01: accuracy 0\.\d+ is past the limit 0\.\d+ by 0\.\d+/);
    // The recommendation: fewer epochs (never the early stop), faster, accuracy kept.
    const rec = r.recommended;
    expect(rec?.candidate).toMatch(/\bfewer=on\b/);
    expect(rec?.candidate).not.toMatch(/early/);
    expect(rec?.gainVsBaseline.value).toBeGreaterThan(1.2);
    expect(rec?.gates.every((g) => g.passed)).toBe(true);
    expect(rec?.exports.commandLine).toContain('--epochs 20');
    expect(rec?.exports.parameters).toMatchObject({ fewer: true, early: false });
    expect(rec?.exports.execCommand).toMatch(/^dyno exec -r 2 --min-duration 0 -- /);
    // Re-measured against the baseline in interleaved rounds, and the waterfall explains it.
    expect(r.trials.filter((t) => t.phase.startsWith('re-measure')).length).toBeGreaterThanOrEqual(4);
    expect(r.attribution.find((a) => a.factor === 'fewer')?.gain).toBeGreaterThan(1);
    expect(r.attribution.at(-1)?.factor).toBe('combined');
    expect(r.stopped.reason).toBe('completed');
    const md = commandOptimizerMarkdown(r);
    expect(md).toContain('## Where the gain comes from');
    expect(md).toMatch(/\| single \| early=on \| .* \| gate accuracy>=baseline-0\.01: /);

    // Resume reuses every trial: nothing is measured again.
    const before = (await s.api.call('studies.get', { studyId: r.study })).runs.length;
    const again = commandOutcomeJson(await optimizeCommand(deps(), spec, r.study));
    expect((await s.api.call('studies.get', { studyId: r.study })).runs.length).toBe(before);
    expect(again.trials.every((t) => t.reused)).toBe(true);
    expect(again.recommended?.candidate).toBe(rec?.candidate);
  }, 600_000);

  it('keeps going past a flag the program rejects (a failed trial, with why)', async () => {
    const spec = commandSpec([node, TRAIN, '--samples', '2000', '--epochs', '2'], flags({ runs: 1, rounds: 0, factor: [factor('bogus=--no-such-flag'), factor('fewer=--epochs 1')], gate: [gate('accuracy>=0.5')] }));
    const r = commandOutcomeJson(await optimizeCommand(deps(), spec, undefined));
    const bogus = r.trials.find((t) => t.candidate === 'bogus=on');
    expect(bogus?.status).toBe('failed');
    expect(bogus?.rejected).toMatch(/^failed: `.*--no-such-flag` exited with code 1 on run 1: .*(Unknown option|UNKNOWN_OPTION)/);
    expect(r.trials.find((t) => t.candidate === 'fewer=on')?.status).toBe('completed');
  }, 300_000);

  it('refuses a gate whose metric the program never prints, naming it', async () => {
    const spec = commandSpec([node, TRAIN, '--samples', '2000', '--epochs', '1'], flags({ runs: 1, factor: [factor('fewer=--epochs 1')], gate: [gate('f1>=baseline-0.01')] }));
    await expect(optimizeCommand(deps(), spec, undefined)).rejects.toThrow(/^The baseline never printed f1, which the gate reads: print \{"dyno": \{"f1": …\}\} lines or give --metric f1=/);
  }, 120_000);

  it('refuses bad input before anything runs', () => {
    const argv = [node, TRAIN, '--batch', '{batch}'];
    expect(() => commandSpec(argv, flags({ factor: [factor('fewer=--epochs 1')] }))).toThrow(/uses \{batch\} but no --param gives it a value/);
    expect(() => commandSpec([node, TRAIN], flags({}))).toThrow(/Give at least one factor/);
    expect(() => commandSpec([node, TRAIN], flags({ factor: [factor('a=--x'), factor('a=--y')] }))).toThrow(/Two factors are named a/);
    expect(() => commandSpec(argv, flags({ param: [ok(parseParam('batch=32'))] }))).toThrow(/--param batch has one value/);
    expect(() => commandSpec([node, TRAIN], flags({ factor: [factor('a=--x')], objective: 'time-to-target' }))).toThrow(/needs a --target/);
    expect(() => commandSpec([], flags({ factor: [factor('a=--x')] }))).toThrow(/Give the command after --/);
    expect(() => commandSpec([node, TRAIN], flags({ factor: [factor('a=--x')], timeBudget: 'soon' }))).toThrow(/--time-budget takes a duration/);
  });

  it('says what is wrong in one line through the CLI, before anything runs', async () => {
    const cli = async (...args: string[]): Promise<{ code: number; stderr: string }> => {
      try {
        await promisify(execFile)(node, [resolve('bin/dyno.js'), 'optimize-exec', ...args], { env: { ...process.env, DYNO_HOME: s.home } });
        return { code: 0, stderr: '' };
      } catch (err) {
        const e = err as { code: number; stderr: string };
        return { code: e.code, stderr: e.stderr };
      }
    };
    const placeholder = await cli('--factor', 'fewer=--epochs 1', '--', node, TRAIN, '--batch', '{batch}');
    expect(placeholder).toEqual({ code: 1, stderr: 'dyno: The command uses {batch} but no --param gives it a value (e.g. --param batch=1,2).\n' });
    const badGate = await cli('--factor', 'a=--x', '--gate', 'accuracy=0.9', '--', node, TRAIN);
    expect(badGate.code).toBe(1);
    expect(badGate.stderr).toMatch(/^dyno: .*'accuracy=0.9' is not a gate: write it as metric>=baseline-0.005 .*\n$/);
    expect(badGate.stderr.split('\n')).toHaveLength(2);
    const badFactor = await cli('--factor', 'amp', '--', node, TRAIN);
    expect(badFactor.stderr).toMatch(/^dyno: .*'amp' is not a factor: write it as name=--flag/);
  });
});
