/**
 * `dyno <command> --help` as commander writes it from buildProgram(): each option states its
 * default once (commander appends "(default: …)" itself, so a description that says it too
 * shows two, which disagreed for `convert --dim`), and `convert --dim` states the one its random
 * inputs really use (transforms/validate.ts: 1 for every symbolic dimension not given), and none
 * states an empty record or list ("(default: {})" after exec --env, inspect and optimize --dim)
 * as a default. Every option's argument name is one balanced <required> or [optional] placeholder
 * (exec --target read `<metric>=value>`, a stray `>` from the `>=` it takes).
 */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/main/cli/main';

/** Each option's help entry: its flags line and the lines its description wraps onto. */
function optionEntries(cmd: Command): string[] {
  const entries: string[] = [];
  for (const line of cmd.helpInformation().split('\n')) {
    if (/^ {2}-/.test(line)) entries.push(line.trim());
    else if (/^ {4,}\S/.test(line) && entries.length > 0) entries[entries.length - 1] += ` ${line.trim()}`;
    else if (!line.startsWith(' ')) entries.push('');
  }
  return entries.filter(Boolean);
}

describe('dyno --help', () => {
  it('states each option\'s default at most once, in every command', () => {
    const program = buildProgram();
    const twice = program.commands.flatMap((cmd) => optionEntries(cmd).filter((e) => (e.match(/\bdefault\b/g) ?? []).length > 1).map((e) => `${cmd.name()}: ${e}`));
    expect(twice).toEqual([]);
  });

  it('states no empty record or list as a default (a repeatable option has none to state)', () => {
    const program = buildProgram();
    const empty = program.commands.flatMap((cmd) => optionEntries(cmd).filter((e) => /\(default: (\{\}|\[\])\)/.test(e) || /default: [^)]*(\{\}|\[\])/.test(e)).map((e) => `${cmd.name()}: ${e}`));
    expect(empty).toEqual([]);
  });

  it('exec --env, inspect --dim and --shape, optimize --dim: no default; bench --dim still says none, convert --dim its 1', () => {
    const entry = (command: string, flag: string): string | undefined => optionEntries(buildProgram().commands.find((c) => c.name() === command)!).find((e) => e.startsWith(flag));
    for (const [command, flag] of [['exec', '--env'], ['inspect', '--dim'], ['inspect', '--shape'], ['optimize', '--dim'], ['exec', '--metric'], ['compare', '--target']] as const) {
      expect(entry(command, flag), `${command} ${flag}`).toBeDefined();
      expect(entry(command, flag), `${command} ${flag}`).not.toMatch(/default/);
    }
    expect(entry('bench', '--dim')).toMatch(/\(default: none\)$/);
    expect(entry('exec', '-r, --runs')).toMatch(/\(default: 10\)$/);
  });

  it("names every option's argument in balanced brackets, in every command (exec --target: <spec>)", () => {
    const program = buildProgram();
    const commands = [program, ...program.commands];
    const unbalanced = commands.flatMap((cmd) =>
      cmd.options
        // What follows the option's names: nothing (a switch) or one <required> / [optional] placeholder.
        .filter((o) => !/^(?:-\w, )?--?[\w-]+(?: (?:<[^<>[\]\s]+>|\[[^<>[\]\s]+\]))?$/.test(o.flags))
        .map((o) => `${cmd.name()}: ${o.flags}`),
    );
    expect(unbalanced).toEqual([]);
    expect(commands.reduce((n, cmd) => n + cmd.options.length, 0)).toBeGreaterThan(50);
    const exec = program.commands.find((c) => c.name() === 'exec');
    expect(exec?.options.find((o) => o.long === '--target')?.flags).toBe('--target <spec>');
  });

  it('convert --dim: one default, the one the random inputs use', () => {
    const convert = buildProgram().commands.find((c) => c.name() === 'convert');
    expect(convert).toBeDefined();
    const dim = optionEntries(convert!).find((e) => e.startsWith('--dim'));
    expect(dim).toMatch(/\(default: 1 for each one not given\)$/);
    expect(dim).not.toContain('{}');
  });
});
