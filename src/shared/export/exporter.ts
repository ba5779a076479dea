/**
 * One output format of runs (hyperfine's exporter seam): each format is one module behind
 * this interface, listed once in ./index.ts. An exporter renders a whole document, for one
 * run or several (a sweep, a comparison), from the runs' versioned JSON form, so every format
 * shows the same numbers. Pure: the CLI writes it to stdout, the renderer can offer it as a
 * download.
 */
import type { RunJson } from '../run-json';

export const EXPORT_FORMATS = ['text', 'json', 'csv', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Exporter {
  readonly format: ExportFormat;
  /** One line for help texts and menus. */
  readonly description: string;
  /** For a file name: `.json`, `.csv`, … */
  readonly fileExtension: string;
  readonly mediaType: string;
  /** The whole document, ending in a newline; `runs` holds at least one run. */
  render(runs: readonly RunJson[]): string;
}
