/** The wizard's Command goal: one line split into argv (no shell), each row read by the CLI flag's own parser, and the same study as a `dyno optimize-exec` line. */
import { describe, expect, it } from 'vitest';
import { splitArgvLine } from '../../../src/shared/command/argv-line';
import { DEFAULT_COMMAND_GOAL_FIELDS, commandGoalRequest, optimizeExecCommandFor, type CommandGoalFields } from '../../../src/shared/optimizer/command/goal-form';

const fields = (patch: Partial<CommandGoalFields>): CommandGoalFields => ({ ...DEFAULT_COMMAND_GOAL_FIELDS, command: 'node examples/train-logistic.mjs --batch {batch}', params: 'batch=32,64', ...patch });

describe('splitArgvLine', () => {
  it('splits words as a shell does, quotes and escapes included, and expands nothing', () => {
    expect(splitArgvLine(`python3 train.py --note 'a b' --x "c \\"d\\"" e\\ f $HOME *.py`)).toEqual(['python3', 'train.py', '--note', 'a b', '--x', 'c "d"', 'e f', '$HOME', '*.py']);
    expect(splitArgvLine(`prog '' x`)).toEqual(['prog', '', 'x']);
  });
  it('refuses shell syntax typed bare, an open quote and an empty line; a quoted | is an argument', () => {
    expect(splitArgvLine('python3 train.py | tee log')).toMatch(/^'\|' is shell syntax, and the command runs without a shell/);
    expect(splitArgvLine('make && ./bench')).toMatch(/^'&&' is shell syntax/);
    expect(splitArgvLine(`grep '|' x`)).toEqual(['grep', '|', 'x']);
    expect(splitArgvLine(`echo 'oops`)).toBe('a single quote is not closed');
    expect(splitArgvLine('   ')).toBe('type the program and its arguments');
  });
});

describe('commandGoalRequest', () => {
  it('turns the rows into the request the CLI flags would give, and the same optimize-exec line', () => {
    const { request, errors } = commandGoalRequest(fields({ flags: 'early=--max-steps 5\n\nfewer=--epochs 2', gates: 'accuracy>=baseline-0.005', metrics: "acc=acc=([0-9.]+)", env: 'SEED=3', timeoutS: '60', timeBudget: '90s' }));
    expect(errors).toEqual({});
    expect(request).toMatchObject({
      argv: ['node', 'examples/train-logistic.mjs', '--batch', '{batch}'],
      flags: [{ name: 'early', args: ['--max-steps', '5'] }, { name: 'fewer', args: ['--epochs', '2'] }],
      params: [{ name: 'batch', values: ['32', '64'] }],
      gates: [{ metric: 'accuracy', op: '>=', offset: -0.005 }],
      env: { SEED: '3' },
      timeoutS: 60,
      timeBudgetMs: 90_000,
      runs: 3,
    });
    expect(optimizeExecCommandFor(request!)).toBe(
      "dyno optimize-exec -r 3 --min-duration 0 --timeout 60 --env SEED=3 --metric 'acc=acc=([0-9.]+)' --factor 'early=--max-steps 5' --factor 'fewer=--epochs 2' --param batch=32,64 --gate 'accuracy>=baseline-0.005' --time-budget 90s -- node examples/train-logistic.mjs --batch '{batch}'",
    );
  });

  it('names the field and the row that is wrong, in the CLI parser’s words', () => {
    expect(commandGoalRequest(fields({ gates: 'accuracy>=baseline-0.005\naccuracy about 0.9' })).errors.gates).toMatch(/^'accuracy about 0.9' is not a gate/);
    expect(commandGoalRequest(fields({ params: '' })).errors.params).toMatch(/^The command uses \{batch\} but no --param/);
    expect(commandGoalRequest(fields({ flags: 'batch=--big' })).errors.flags).toBe('Two factors are named batch: give each --factor and --param its own name.');
    expect(commandGoalRequest(fields({ command: 'node x.mjs', params: '' })).errors.flags).toMatch(/^Give at least one factor/);
    expect(commandGoalRequest(fields({ objective: 'time-to-target' })).errors.target).toMatch(/needs a target/);
    expect(commandGoalRequest(fields({ objective: 'time-to-target', target: 'accuracy>=0.9' })).request?.target).toEqual({ metric: 'accuracy', op: '>=', value: 0.9 });
    expect(commandGoalRequest(fields({ runs: '0', timeBudget: 'soon', timeoutS: '0' })).errors).toMatchObject({ runs: expect.stringMatching(/whole number ≥ 1/), timeBudget: expect.stringMatching(/duration/), timeoutS: expect.stringMatching(/more than 0/) });
    expect(commandGoalRequest(fields({ command: 'node x.mjs {batch} ; rm -rf /' })).request).toBeUndefined();
  });
});
