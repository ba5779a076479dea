import { describe, expect, it } from 'vitest';
import { RunConfigSchema } from '../../../src/shared/run';
import { candidateArgv, commandCandidateConfig, commandCandidateKey, commandFactors, factorLevels, parseFlagFactor, type CommandFactor } from '../../../src/shared/optimizer/command/factors';
import { checkGates, gateProblem, gateText, parseGate } from '../../../src/shared/optimizer/command/goal';

const flag = (spec: string): CommandFactor => {
  const f = parseFlagFactor(spec);
  if (typeof f === 'string') throw new Error(f);
  return f;
};

describe('command factors', () => {
  const factors = [flag('amp=--amp'), flag('fast=--epochs 2'), { name: 'batch', kind: 'param', values: ['32', '64', '128'] } as CommandFactor];

  it('reads a flag factor, its arguments split as a shell would not need to', () => {
    expect(flag('fast=--epochs 2')).toEqual({ name: 'fast', kind: 'flag', args: ['--epochs', '2'] });
    expect(parseFlagFactor('=--amp')).toMatch(/is not a factor: write it as name=--flag/);
    expect(parseFlagFactor('amp=')).toMatch(/is not a factor/);
    expect(parseFlagFactor('a b=--x')).toMatch(/is not a factor/);
  });

  it('tries a flag on, and a parameter at every value but its first (the baseline)', () => {
    expect(factors.map(factorLevels)).toEqual([['on'], ['on'], ['64', '128']]);
  });

  it('appends the flags that are on and substitutes the parameters, the baseline value where a candidate leaves one', () => {
    const template = ['python', 'train.py', '--batch', '{batch}'];
    expect(candidateArgv(template, false, factors, {})).toEqual(['python', 'train.py', '--batch', '32']);
    expect(candidateArgv(template, false, factors, { fast: 'on', batch: '128' })).toEqual(['python', 'train.py', '--batch', '128', '--epochs', '2']);
    // A shell line stays one line; the appended arguments are quoted where they need it.
    expect(candidateArgv(['python train.py --batch {batch} | tee log'], true, [flag("tag=--name a b")], { tag: 'on' })).toEqual(['python train.py --batch {batch} | tee log --name a b']);
    expect(commandCandidateKey(factors, { batch: '64', amp: 'on' })).toBe('amp=on batch=64');
    expect(commandCandidateKey(factors, {})).toBe('baseline');
  });

  it("rewrites the baseline's run configuration: command line, argv and the parameter values", () => {
    const base = RunConfigSchema.parse({ modelPath: 'x', command: { argv: ['node', 't.mjs', '--batch', '{batch}'] }, stop: { warmupIterations: 0, minIterations: 3, minDurationMs: 0, maxIterations: 10, maxDurationMs: 60_000 } });
    const c = commandCandidateConfig(base, ['node', 't.mjs', '--batch', '{batch}'], factors, { amp: 'on', batch: '64' }, 'optimizer · single · amp=on batch=64');
    expect(c.modelPath).toBe('node t.mjs --batch 64 --amp');
    expect(c.command?.argv).toEqual(['node', 't.mjs', '--batch', '64', '--amp']);
    expect(c.command?.params).toEqual({ batch: '64' });
    expect(c.label).toBe('optimizer · single · amp=on batch=64');
    expect(c.stop).toEqual(base.stop);
  });

  it('refuses factors that cannot be told apart or tried', () => {
    expect(commandFactors([flag('a=--x')], [{ name: 'a', values: ['1', '2'] }])).toMatch(/Two factors are named a/);
    expect(commandFactors([], [])).toMatch(/at least one factor/);
    expect(commandFactors([], [{ name: 'b', values: ['1'] }])).toMatch(/--param b has one value/);
  });
});

describe('metric gates', () => {
  it('reads a gate relative to the baseline or with a fixed limit, and writes it back', () => {
    expect(parseGate('accuracy>=baseline-0.005')).toEqual({ metric: 'accuracy', op: '>=', offset: -0.005 });
    expect(parseGate('loss <= baseline')).toEqual({ metric: 'loss', op: '<=', offset: 0 });
    expect(parseGate('loss<=0.4')).toEqual({ metric: 'loss', op: '<=', value: 0.4 });
    expect(gateText({ metric: 'accuracy', op: '>=', offset: -0.005 })).toBe('accuracy>=baseline-0.005');
    expect(parseGate('accuracy=0.9')).toMatch(/is not a gate: write it as metric>=baseline-0.005/);
    expect(parseGate('accuracy>=baseline*2')).toMatch(/is not a gate/);
  });

  it("judges a trial's metrics against the limits the baseline sets, with the numbers", () => {
    const gates = [{ metric: 'accuracy', op: '>=' as const, offset: -0.01 }, { metric: 'loss', op: '<=' as const, value: 0.4 }];
    const kept = checkGates(gates, { accuracy: 0.935, loss: 0.31 }, { accuracy: 0.94 });
    expect(kept.every((c) => c.passed)).toBe(true);
    expect(gateProblem(kept)).toBeUndefined();
    const broken = checkGates(gates, { accuracy: 0.78, loss: 0.31 }, { accuracy: 0.94 });
    expect(broken[0]).toMatchObject({ passed: false, value: 0.78 });
    expect(broken[0]?.limit).toBeCloseTo(0.93, 12);
    expect(gateProblem(broken)).toBe('gate accuracy>=baseline-0.01: accuracy 0.7800 is past the limit 0.9300 by 0.150');
    expect(gateProblem(checkGates(gates, { accuracy: 0.95 }, { accuracy: 0.94 }))).toBe('gate loss<=0.4: the run never printed loss');
  });
});
