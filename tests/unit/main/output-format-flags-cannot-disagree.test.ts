/** `--format` and its aliases through the real commander parser: one format, or a clear refusal. */
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { addOutputOptions, outputFormat, type OutputFlags } from '../../../src/main/cli/output-options';

function formatOf(args: string[], formats?: Parameters<typeof addOutputOptions>[1]): string {
  const cmd = addOutputOptions(new Command('bench').exitOverride().configureOutput({ writeErr: () => undefined }), formats);
  cmd.parse(args, { from: 'user' });
  return outputFormat(cmd.opts<OutputFlags>());
}

describe('output format flags', () => {
  it('default to the text summary', () => expect(formatOf([])).toBe('text'));
  it('take --format or an alias alike', () => {
    expect(formatOf(['--format', 'csv'])).toBe('csv');
    expect(formatOf(['--markdown'])).toBe('markdown');
    expect(formatOf(['--json', '--format', 'json'])).toBe('json');
  });
  it('refuse two aliases, or an alias against another --format', () => {
    expect(() => formatOf(['--json', '--csv'])).toThrow('--json and --csv ask for different outputs: choose one format.');
    expect(() => formatOf(['--format', 'markdown', '--json'])).toThrow('--format markdown and --json ask for different outputs: choose one format.');
  });
  it('offer only the formats a command has', () => {
    expect(formatOf(['--json'], ['text', 'json'])).toBe('json');
    expect(() => formatOf(['--csv'], ['text', 'json'])).toThrow(/unknown option '--csv'/);
    expect(() => formatOf(['--format', 'csv'], ['text', 'json'])).toThrow(/Allowed choices are text, json/);
  });
});
