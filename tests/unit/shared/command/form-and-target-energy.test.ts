import { describe, expect, it } from 'vitest';
import { commandFieldsFrom, commandSettingsNotInTheForm, DEFAULT_COMMAND_FIELDS, execCommandFor, parseCommandForm } from '../../../../src/shared/command/form';
import { withTargetJoules, type CommandResults, type CommandRunRecord } from '../../../../src/shared/command/results';
import { windowEnergyJ } from '../../../../src/main/telemetry/summarize';
import { TelemetrySampleSchema } from '../../../../src/shared/telemetry';

describe('the studio\'s Command source', () => {
  it('describes a shell run with its stop rule, environment and timeout, and the same run as a dyno exec line', () => {
    const { config, errors } = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line: 'python3 train.py --amp', cwd: '/work', env: 'CUDA_VISIBLE_DEVICES=0\n\nSEED=1', runs: '5', warmup: '1', minDurationS: '0', timeoutS: '90' });
    expect(errors).toEqual({});
    expect(config?.command).toMatchObject({ argv: ['python3 train.py --amp'], shell: true, cwd: '/work', env: { CUDA_VISIBLE_DEVICES: '0', SEED: '1' }, timeoutMs: 90_000 });
    expect(config?.stop).toMatchObject({ warmupIterations: 1, minIterations: 5, minDurationMs: 0 });
    expect(config?.modelPath).toBe('python3 train.py --amp');
    if (!config) throw new Error("no config");
    expect(execCommandFor(config)).toBe("dyno exec -r 5 -w 1 --min-duration 0 --timeout 90 --cwd /work --env CUDA_VISIBLE_DEVICES=0 --env SEED=1 -- 'python3 train.py --amp'");
  });

  it('names each field that is wrong', () => {
    const { config, errors } = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line: ' ', runs: '0', warmup: '-1', minDurationS: 'x', timeoutS: '0', env: 'not a pair' });
    expect(config).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['env', 'line', 'minDurationS', 'runs', 'timeoutS', 'warmup']);
  });

  it('reads a stored command run back into the form that describes it (a link opened in a fresh tab)', () => {
    const typed = { ...DEFAULT_COMMAND_FIELDS, line: "node train.mjs --epochs 3 'a b'", cwd: '/work', env: 'SEED=1\nDYNO_EXAMPLE=x=y', runs: '4', warmup: '2', minDurationS: '0.5', timeoutS: '12.5' };
    const { config } = parseCommandForm(typed);
    if (!config) throw new Error('no config');
    expect(commandFieldsFrom(config)).toEqual(typed);
    // Defaults read back as the form shows them: no folder, no variables, no timeout.
    const plain = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line: 'true' }).config;
    if (!plain?.command) throw new Error('no config');
    expect(commandFieldsFrom(plain)).toEqual({ ...DEFAULT_COMMAND_FIELDS, line: 'true' });
    // A `dyno exec` run of an argv (no shell): the line quotes what needs it, and runs as the same command.
    const argvRun = { ...plain, modelPath: 'x', command: { ...plain.command, argv: ['python3', '-c', 'print(1)'], shell: false } };
    const fields = commandFieldsFrom(argvRun);
    if (!fields) throw new Error('no fields');
    expect(fields.line).toBe("python3 -c 'print(1)'");
    expect(parseCommandForm(fields).config?.modelPath).toBe("python3 -c 'print(1)'");
    // A model run has no command form.
    expect(commandFieldsFrom({ ...plain, command: undefined })).toBeUndefined();
  });

  it('says which of a CLI run\'s settings the form cannot hold, and nothing when it holds them all', () => {
    const plain = parseCommandForm({ ...DEFAULT_COMMAND_FIELDS, line: 'true' }).config;
    if (!plain?.command) throw new Error('no config');
    expect(commandSettingsNotInTheForm(plain)).toBeUndefined();
    expect(commandSettingsNotInTheForm({ ...plain, command: undefined })).toBeUndefined();
    const cli = { ...plain, command: { ...plain.command, metrics: [{ name: 'loss', pattern: 'loss=([0-9.]+)' }, { name: 'acc', pattern: 'acc=([0-9.]+)' }], targets: [{ metric: 'acc', op: '>=' as const, value: 0.9 }] } };
    expect(commandSettingsNotInTheForm(cli)).toBe('This run was made with --metric loss, acc and --target acc>=0.9, which the Command form has no fields for: a run started from this form measures without them (dyno exec takes them).');
    expect(commandSettingsNotInTheForm({ ...plain, command: { ...plain.command, targets: cli.command.targets } })).toBe('This run was made with --target acc>=0.9, which the Command form has no fields for: a run started from this form measures without them (dyno exec takes them).');
  });
});

describe('energy to a target', () => {
  const run = (i: number, tMs: number, targetS: number | null): CommandRunRecord => ({ phase: 'measure', i, tMs, wallMs: 5000, userMs: null, sysMs: null, peakRssBytes: null, exitCode: 0, metrics: {}, targetS: { 'accuracy>=0.9': targetS }, series: [] });
  const results: CommandResults = {
    commandLine: 'x',
    runs: [{ ...run(0, 0, 0.5), phase: 'warmup' }, run(0, 1000, 2), run(1, 10_000, null), run(2, 20_000, 1)],
    cpu: { userMs: null, sysMs: null },
    metrics: [],
    targets: [{ target: 'accuracy>=0.9', reached: 2, runs: 3, seconds: null, joules: null }],
    neverMatched: [],
    stdoutTail: '',
    stderrTail: '',
  };

  it('integrates the CPU power trace from each measured run\'s start to the moment it reached the target', () => {
    // 20 W throughout, sampled every 100 ms: 2 s → 40 J, 1 s → 20 J.
    const samples = Array.from({ length: 300 }, (_, k) => TelemetrySampleSchema.parse({ tMs: k * 100, cpuUtilPct: 50, perCorePct: [], memUsedBytes: 0, workerRssBytes: null, workerCpuPct: null, cpuPowerW: 20 }));
    const out = withTargetJoules(results, (a, b) => windowEnergyJ(samples, a, b));
    expect(out.targets[0]?.joules).toMatchObject({ n: 2, min: 20, max: 40, mean: 30 });
  });

  it('stays null where no energy was sampled', () => {
    expect(withTargetJoules(results, () => null).targets[0]?.joules).toBeNull();
  });
});
