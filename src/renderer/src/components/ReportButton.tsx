/**
 * "Report" on a run that has ended: the host renders the file (HTML report, Markdown, CSV, JSON
 * or a bundle) and the browser saves it from a blob URL, which works the same in `dyno serve`
 * and in Electron (a download, never a navigation). Give it a finished run's `detail`, a
 * selection's `runIds`, or a `studyId`.
 */
import { useState } from 'react';
import type { RunDetail } from '../../../shared/contract';
import { isRunActive } from '../../../shared/run';
import { REPORT_FORMATS, type ReportFile, type ReportFormat } from '../../../shared/report';
import { useReports, type ReportTarget } from '../stores/report-store';
import { FailureNotice } from './FailureNotice';

const LABELS: Record<ReportFormat, string> = { html: 'HTML report', markdown: 'Markdown', csv: 'CSV', json: 'JSON', bundle: 'Bundle (.dyno)' };

export function download(file: Pick<ReportFile, 'content' | 'mimeType' | 'fileName'>): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function targetOf(runIds?: string[], studyId?: string, detail?: RunDetail): ReportTarget | undefined {
  if (studyId !== undefined) return { studyId };
  if (runIds !== undefined) return runIds.length > 0 ? { runIds } : undefined;
  return detail && !isRunActive(detail.run) ? { runIds: [detail.run.id] } : undefined;
}

export function ReportButton({ runIds, studyId, detail }: { runIds?: string[]; studyId?: string; detail?: RunDetail }) {
  const [format, setFormat] = useState<ReportFormat>('html');
  // HTML: the runs' exact summaries and decimated charts (small), or every sample too (an exact import).
  const [embedSamples, setEmbedSamples] = useState(false);
  const busy = useReports((s) => s.busy);
  const failed = useReports((s) => s.failure);
  const create = useReports((s) => s.create);
  const target = targetOf(runIds, studyId, detail);
  if (!target) return null;
  const onClick = async (): Promise<void> => {
    const file = await create(target, format, format === 'html' && embedSamples ? { embedSamples: true } : {});
    if (file) download(file);
  };
  return (
    <div className="report-actions" data-testid="report-actions">
      <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)} data-testid="report-format" aria-label="Report format">
        {REPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {LABELS[f]}
          </option>
        ))}
      </select>
      {format === 'html' && (
        <label className="check-field" title="Without it the report embeds the runs' exact summaries and decimated charts, not their samples (small; dyno import brings back the summaries)">
          <input type="checkbox" checked={embedSamples} onChange={(e) => setEmbedSamples(e.target.checked)} data-testid="report-embed-samples" />
          <span>with every sample</span>
        </label>
      )}
      <button type="button" onClick={() => void onClick()} disabled={busy !== undefined} data-testid="report-button">
        {busy ? 'Making report…' : 'Download report'}
      </button>
      {failed && <FailureNotice failure={failed} testId="report-failure" />}
    </div>
  );
}
