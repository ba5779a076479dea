/** Saves a file the host made (a report, a trace) from a blob URL: a download, never a navigation, in Electron and `dyno serve` alike. */
import type { ReportFile } from '../../../shared/report';

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
