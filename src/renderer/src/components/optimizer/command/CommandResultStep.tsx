/**
 * Step 3 of the optimizer wizard for a command: the recommendation in words (the change, its
 * gain with the interval, the gates it kept), the waterfall of where the gain comes from, and
 * the winner's exports to copy or download — command.sh, parameters.json (every factor's chosen
 * level), the same run under `dyno exec`, the report — and baseline against winner in Compare.
 */
import { useState } from 'react';
import { WaterfallChart } from '../../../charts/WaterfallChart';
import { waterfallBars } from '../../../../../shared/optimizer/waterfall';
import { commandOptimizerMarkdown } from '../../../../../shared/optimizer/command/report-markdown';
import { COMMAND_OBJECTIVE_WORDS } from '../../../../../shared/optimizer/command/goal';
import { recommendedChangeSentence, roundsOf } from '../../../../../shared/optimizer/report-words';
import type { CommandOptimizeResult } from '../../../../../shared/optimizer/command/study-state';
import type { CommandOptimizeJson } from '../../../../../shared/optimizer/command/result';
import { useToast } from '../../../stores/toast-store';
import { ReportButton } from '../../ReportButton';
import { download } from '../../download';
import { openCompare } from '../open-compare';

async function copy(what: string, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    useToast.getState().show(`Copied the ${what}.`);
  } catch {
    useToast.getState().show(`The clipboard is not available here: select the ${what} and copy it by hand.`);
  }
}

interface ExportItem {
  id: string;
  label: string;
  fileName: string;
  mimeType: string;
  text: string;
}

function exportsOf(r: CommandOptimizeResult): ExportItem[] {
  const e = r.recommended?.exports;
  if (!e) return [];
  return [
    { id: 'command', label: 'command.sh', fileName: 'command.sh', mimeType: 'text/x-sh', text: `#!/bin/sh\n${e.commandLine}\n` },
    { id: 'parameters', label: 'parameters.json', fileName: 'parameters.json', mimeType: 'application/json', text: JSON.stringify(e.parameters, null, 2) + '\n' },
    { id: 'exec', label: 'dyno exec', fileName: 'measure.sh', mimeType: 'text/x-sh', text: `#!/bin/sh\n${e.execCommand}\n` },
  ];
}

const value = (x: number | null): string => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toPrecision(4));

export function CommandResultStep({ result, exportsDir }: { result: CommandOptimizeResult; exportsDir: string | null }) {
  const rec = result.recommended;
  const items = exportsOf(result);
  const [shown, setShown] = useState('command');
  const item = items.find((i) => i.id === shown) ?? items[0];
  const bars = waterfallBars(result.attribution);
  const objective = COMMAND_OBJECTIVE_WORDS[result.objective];
  const g = rec?.gainVsBaseline;
  return (
    <section className="panel-section optimizer-result" data-testid="optimizer-result">
      <h3>Recommendation</h3>
      {result.noCandidate && (
        <p className="warn-line" data-testid="opt-no-candidate">
          {result.noCandidate}
        </p>
      )}
      <p className="optimizer-recommendation" data-testid="opt-recommendation">
        {!rec
          ? 'No change can be recommended.'
          : rec.candidate === 'baseline'
            ? 'No change measurably beat the command as typed: keep it.'
            : g && recommendedChangeSentence(rec.candidate, objective, g, undefined, roundsOf(result))}
      </p>
      {rec && rec.gates.length > 0 && (
        <ul className="hint optimizer-gates" data-testid="opt-gates-kept">
          {rec.gates.map((c) => (
            <li key={c.gate}>
              gate <span className="mono">{c.gate}</span>: {c.metric} {value(c.value)} against the limit {value(c.limit)}, {c.passed ? 'kept' : 'broken'}
            </li>
          ))}
        </ul>
      )}
      {rec && rec.candidate !== 'baseline' && (
        <div className="run-actions">
          <button onClick={() => openCompare(result.baseline.runId, rec.runIds.at(-1) ?? rec.runIds[0] ?? '')} data-testid="opt-open-compare">
            Open baseline vs recommended in Compare
          </button>
        </div>
      )}
      {bars.length > 0 && (
        <>
          <h4>Where the gain comes from</h4>
          <WaterfallChart bars={bars} />
          {bars.at(-1)?.interaction && (
            <p className="warn-line" data-testid="opt-interaction">
              The factors interact: alone they predict {bars.find((b) => b.kind === 'predicted')?.to.toFixed(3)}×, outside the combination&apos;s measured interval.
            </p>
          )}
        </>
      )}
      {items.length > 0 && item && (
        <>
          <h4>Use it elsewhere</h4>
          <div className="source-toggle" role="tablist">
            {items.map((i) => (
              <button key={i.id} role="tab" aria-selected={i.id === item.id} className={i.id === item.id ? 'active' : ''} onClick={() => setShown(i.id)} data-testid={`opt-export-${i.id}`}>
                {i.label}
              </button>
            ))}
          </div>
          <pre className="command-output optimizer-export" data-testid="opt-export-text">
            {item.text}
          </pre>
          <div className="run-actions">
            <button onClick={() => void copy(item.label, item.text)} data-testid="opt-export-copy">
              Copy
            </button>
            <button onClick={() => download({ fileName: item.fileName, mimeType: item.mimeType, content: item.text })} data-testid="opt-export-download">
              Download {item.fileName}
            </button>
            <button onClick={() => download({ fileName: 'optimizer-report.md', mimeType: 'text/markdown', content: commandOptimizerMarkdown(result as CommandOptimizeJson) })} data-testid="opt-report-md">
              Recommendation report (Markdown)
            </button>
            <ReportButton studyId={result.study} />
          </div>
        </>
      )}
      {exportsDir && (
        <p className="hint">
          Written on the host: <span className="mono">{exportsDir}</span> (report.md, report.html, optimize.json, command.sh, parameters.json).
        </p>
      )}
    </section>
  );
}
