/**
 * Step 3 of the optimizer wizard: the recommendation in words with its measured gain and
 * interval, the waterfall of where the gain comes from (interaction flagged), the winner's
 * exports to copy or download (session-options JSON, Python / Node / C++, perf_test, the
 * transformed model's path, the report), and the baseline against the winner in Compare.
 */
import { useState } from 'react';
import { WaterfallChart } from '../../charts/WaterfallChart';
import { waterfallBars } from '../../../../shared/optimizer/waterfall';
import { optimizerMarkdown } from '../../../../shared/optimizer/report-markdown';
import { keepDefaultsSentence, recommendedChangeSentence, roundsOf } from '../../../../shared/optimizer/report-words';
import { OBJECTIVE_WORDS } from '../../../../shared/optimizer/goal';
import type { OptimizeResult } from '../../../../shared/optimizer/study-state';
import type { OptimizeJson } from '../../../../shared/optimizer/result';
import { useToast } from '../../stores/toast-store';
import { ReportButton } from '../ReportButton';
import { download } from '../download';
import { openCompare } from './open-compare';

async function copy(what: string, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    useToast.getState().show(`Copied the ${what}.`);
  } catch {
    // No clipboard (an insecure origin, a denied permission): the text is shown to copy by hand.
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

function exportsOf(r: OptimizeResult): ExportItem[] {
  const e = r.recommended?.exports;
  if (!e) return [];
  return [
    { id: 'session-options', label: 'Session options (JSON)', fileName: 'session-options.json', mimeType: 'application/json', text: JSON.stringify(e.sessionOptions, null, 2) + '\n' },
    { id: 'python', label: 'Python', fileName: 'session.py', mimeType: 'text/x-python', text: e.python },
    { id: 'node', label: 'Node', fileName: 'session.mjs', mimeType: 'text/javascript', text: e.node },
    { id: 'cpp', label: 'C++', fileName: 'session.cpp', mimeType: 'text/x-c++src', text: e.cpp },
    { id: 'perf-test', label: 'onnxruntime_perf_test', fileName: 'perf_test.sh', mimeType: 'text/x-sh', text: `#!/bin/sh\n${e.perfTest}\n` },
    { id: 'bench', label: 'dyno bench', fileName: 'bench.sh', mimeType: 'text/x-sh', text: `#!/bin/sh\n${e.benchCommand}\n` },
  ];
}

export function ResultStep({ result, exportsDir }: { result: OptimizeResult; exportsDir: string | null }) {
  const rec = result.recommended;
  const items = exportsOf(result);
  const [shown, setShown] = useState('session-options');
  const item = items.find((i) => i.id === shown) ?? items[0];
  const bars = waterfallBars(result.attribution);
  const objective = OBJECTIVE_WORDS[result.objective];
  const transformed = rec && rec.config.modelPath !== result.model ? rec.config.modelPath : undefined;
  const g = rec?.gainVsBaseline;
  return (
    <section className="panel-section optimizer-result" data-testid="optimizer-result">
      <h3>Recommendation</h3>
      {result.noCandidate && <p className="warn-line" data-testid="opt-no-candidate">{result.noCandidate}</p>}
      <p className="optimizer-recommendation" data-testid="opt-recommendation">
        {!rec
          ? 'No configuration can be recommended.'
          : rec.candidate === 'baseline'
            ? keepDefaultsSentence("ONNX Runtime's defaults", result.closest, objective)
            : g && recommendedChangeSentence(rec.candidate, objective, g, undefined, roundsOf(result))}
      </p>
      {rec?.fidelity && (
        <p className="hint">
          Outputs against the FP32 baseline: max abs error {rec.fidelity.maxAbsError.toExponential(2)}, cosine {rec.fidelity.cosine.toFixed(6)}
          {rec.fidelity.top1Agreement !== undefined ? `, top-1 agreement ${(rec.fidelity.top1Agreement * 100).toFixed(1)} %` : ''}.
        </p>
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
          {bars.at(-1)?.interaction && <p className="warn-line" data-testid="opt-interaction">The factors interact: alone they predict {bars.find((b) => b.kind === 'predicted')?.to.toFixed(3)}×, outside the combination&apos;s measured interval.</p>}
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
          <pre className="command-output optimizer-export" data-testid="opt-export-text">{item.text}</pre>
          <div className="run-actions">
            <button onClick={() => void copy(item.label, item.text)} data-testid="opt-export-copy">Copy</button>
            <button onClick={() => download({ fileName: item.fileName, mimeType: item.mimeType, content: item.text })} data-testid="opt-export-download">Download {item.fileName}</button>
            <button onClick={() => download({ fileName: 'optimizer-report.md', mimeType: 'text/markdown', content: optimizerMarkdown(result as OptimizeJson) })} data-testid="opt-report-md">Recommendation report (Markdown)</button>
            <ReportButton studyId={result.study} />
          </div>
        </>
      )}
      {transformed && <p className="hint" data-testid="opt-transformed">Transformed model: <span className="mono">{transformed}</span></p>}
      {exportsDir && <p className="hint">Written on the host: <span className="mono">{exportsDir}</span> (report.md, report.html, optimize.json and the files above).</p>}
    </section>
  );
}
