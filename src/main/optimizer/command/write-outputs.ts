/**
 * A command study's files: the report (Markdown, HTML), the JSON, and the winner's
 * `command.sh` and `parameters.json` (every factor's chosen level) — what `dyno optimize-exec
 * --out DIR` writes and what the studio keeps beside the study.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandOptimizerMarkdown } from '../../../shared/optimizer/command/report-markdown';
import type { CommandOptimizeJson } from '../../../shared/optimizer/command/result';
import { markdownHtmlPage } from '../report-html';

export function writeCommandOutputs(dir: string, r: CommandOptimizeJson): void {
  mkdirSync(dir, { recursive: true });
  const md = commandOptimizerMarkdown(r);
  writeFileSync(join(dir, 'report.md'), md);
  writeFileSync(join(dir, 'report.html'), markdownHtmlPage(`Dyno optimizer: ${r.command}`, md));
  writeFileSync(join(dir, 'optimize.json'), JSON.stringify(r, null, 2) + '\n');
  const e = r.recommended?.exports;
  if (!e) return;
  writeFileSync(join(dir, 'command.sh'), `#!/bin/sh\n${e.commandLine}\n`);
  writeFileSync(join(dir, 'parameters.json'), JSON.stringify(e.parameters, null, 2) + '\n');
}
