/**
 * `--format` and its aliases `--json`, `--csv`, `--markdown`: which exporter prints the
 * result. Two of them that disagree are refused, never resolved silently to one.
 */
import { type Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/export';
import { CliError } from './errors';

export interface OutputFlags {
  format?: ExportFormat;
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
}

const ALIASES = ['json', 'csv', 'markdown'] as const;
const ALIAS_HELP = { json: 'print one JSON object', csv: 'print one CSV row with a header', markdown: 'print a Markdown table' } as const;

/** Adds `--format` with the formats the command has, and the alias of each that has one. */
export function addOutputOptions(cmd: Command, formats: readonly ExportFormat[] = EXPORT_FORMATS): Command {
  cmd.addOption(new Option('--format <format>', 'output format (default: text)').choices(formats));
  for (const alias of ALIASES) if (formats.includes(alias)) cmd.option(`--${alias}`, `${ALIAS_HELP[alias]} (= --format ${alias})`);
  return cmd;
}

/** The one format the flags ask for, `text` when none. */
export function outputFormat(o: OutputFlags): ExportFormat {
  const asked = [...(o.format ? [{ flag: `--format ${o.format}`, format: o.format }] : []), ...ALIASES.filter((a) => o[a] === true).map((a) => ({ flag: `--${a}`, format: a }))];
  const [first, ...rest] = asked;
  const other = rest.find((a) => a.format !== first?.format);
  if (first && other) throw new CliError(`${first.flag} and ${other.flag} ask for different outputs: choose one format.`);
  return first?.format ?? 'text';
}
