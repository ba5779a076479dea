import { describe, expect, it } from 'vitest';
import { combinations, numericParams, paramProblem, parseParam, substitute } from '../../../../src/shared/command/params';
import { metricLineReader } from '../../../../src/shared/command/metric-lines';
import { commandLine, commandName, parseMetricPattern, parseMetricTarget } from '../../../../src/shared/command/workload';
import { spreadOf } from '../../../../src/shared/command/results';

describe('--param', () => {
  it('expands every combination, the first parameter slowest, and substitutes placeholders', () => {
    const batch = parseParam('batch=8,16');
    const amp = parseParam('amp=on,off');
    if (typeof batch === 'string' || typeof amp === 'string') throw new Error('did not parse');
    const combos = combinations([batch, amp]);
    expect(combos).toEqual([
      { batch: '8', amp: 'on' },
      { batch: '8', amp: 'off' },
      { batch: '16', amp: 'on' },
      { batch: '16', amp: 'off' },
    ]);
    expect(substitute(['train.py', '--batch={batch}', '--{amp}', '{other}'], { batch: '8', amp: 'on' })).toEqual(['train.py', '--batch=8', '--on', '{other}']);
    expect(numericParams([batch, amp]).map((p) => p.name)).toEqual(['batch']);
  });

  it('refuses a placeholder with no value, a parameter with no placeholder, and malformed specs', () => {
    expect(paramProblem(['x', '--batch', '{batch}', '--lr', '{lr}'], [{ name: 'batch', values: ['1'] }])).toMatch(/uses \{lr\} but no --param gives it a value/);
    expect(paramProblem(['x'], [{ name: 'batch', values: ['1'] }])).toMatch(/no \{batch\} placeholder/);
    expect(paramProblem(['x', '{a}'], [{ name: 'a', values: ['1'] }, { name: 'a', values: ['2'] }])).toMatch(/given twice/);
    expect(paramProblem(['x', '{a}'], [{ name: 'a', values: ['1'] }])).toBeUndefined();
    expect(parseParam('batch')).toMatch(/not a parameter/);
    expect(parseParam('batch=1,,2')).toMatch(/empty/);
    expect(parseParam('batch=1,1')).toMatch(/twice/);
  });
});

describe('metrics from output lines', () => {
  const read = metricLineReader([{ name: 'acc', pattern: 'acc=([0-9.]+)' }]);

  it('reads every numeric field of a {"dyno": …} line against its step, and named patterns', () => {
    expect(read('{"dyno": {"step": 120, "loss": 0.31, "accuracy": 0.97, "note": "x"}}')).toEqual([
      { name: 'loss', value: 0.31, step: 120 },
      { name: 'accuracy', value: 0.97, step: 120 },
    ]);
    expect(read('epoch 3 acc=0.912 loss=0.2')).toEqual([{ name: 'acc', value: 0.912, step: null }]);
  });

  it('ignores lines that only look like metrics', () => {
    expect(read('{"dyno": [1, 2]}')).toEqual([]);
    expect(read('{"dyno": {"loss": "high"}')).toEqual([]);
    expect(read('{"other": {"loss": 1}}')).toEqual([]);
    expect(read('acc=')).toEqual([]);
    expect(read('acc=.')).toEqual([]);
  });
});

describe('metric specs', () => {
  it('parses targets and patterns, and says what is wrong with a bad one', () => {
    expect(parseMetricTarget('accuracy>=0.98')).toEqual({ metric: 'accuracy', op: '>=', value: 0.98 });
    expect(parseMetricTarget('loss < 1e-2')).toEqual({ metric: 'loss', op: '<', value: 0.01 });
    expect(parseMetricTarget('accuracy=0.98')).toMatch(/not a metric target/);
    expect(parseMetricPattern("acc=acc=([0-9.]+)")).toEqual({ name: 'acc', pattern: 'acc=([0-9.]+)' });
    expect(parseMetricPattern('acc=acc=[0-9.]+')).toMatch(/no \(capture group\)/);
    expect(parseMetricPattern('acc=([0-9')).toMatch(/not a metric/);
  });

  it('writes the command as one line a shell reads back the same', () => {
    expect(commandLine({ argv: ['python3', 'train.py', '--name', "it's here"], shell: false })).toBe(`python3 train.py --name 'it'\\''s here'`);
    expect(commandLine({ argv: ['sleep 0.05 && true'], shell: true })).toBe('sleep 0.05 && true');
    expect(commandName({ argv: ['/usr/bin/python3', 'train.py'], shell: false })).toBe('python3 train.py');
  });

  it('spreads a figure across runs with the sample standard deviation', () => {
    expect(spreadOf([])).toBeNull();
    expect(spreadOf([2, 4, 4, 4, 5, 5, 7, 9])).toMatchObject({ n: 8, mean: 5, median: 4.5, min: 2, max: 9 });
    expect(spreadOf([2, 4, 4, 4, 5, 5, 7, 9])?.std).toBeCloseTo(2.138, 3);
  });
});
