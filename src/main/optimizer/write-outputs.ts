/**
 * An optimizer result's files: the recommendation report (Markdown, HTML), the JSON document,
 * and the winner's exports (session-options JSON, Python/Node/C++ snippets, perf_test.sh).
 * `dyno optimize --out` and the studio (beside each study) write the same set.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { optimizerMarkdown } from '../../shared/optimizer/report-markdown';
import type { OptimizeJson } from '../../shared/optimizer/result';
import { optimizerHtml } from './report-html';

export function writeOutputs(dir: string, r: OptimizeJson): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.md'), optimizerMarkdown(r));
  writeFileSync(join(dir, 'report.html'), optimizerHtml(r));
  writeFileSync(join(dir, 'optimize.json'), JSON.stringify(r, null, 2) + '\n');
  const e = r.recommended?.exports;
  if (!e) return;
  writeFileSync(join(dir, 'session-options.json'), JSON.stringify(e.sessionOptions, null, 2) + '\n');
  writeFileSync(join(dir, 'session.py'), e.python);
  writeFileSync(join(dir, 'session.mjs'), e.node);
  writeFileSync(join(dir, 'session.cpp'), e.cpp);
  writeFileSync(join(dir, 'perf_test.sh'), `#!/bin/sh\n${e.perfTest}\n`);
}
