/**
 * Import in Sessions: a button that opens the file picker (several files at once) for Dyno
 * bundles and HTML reports, hyperfine --export-json files and onnxruntime_perf_test output;
 * files dropped on Sessions come here too (App.tsx). Each file's outcome is listed: what was
 * added and skipped, or the host's reason it was refused.
 */
import { useRef } from 'react';
import { importSummary, useImports } from '../../stores/import-store';
import { FailureNotice } from '../FailureNotice';

export const IMPORT_ACCEPT = '.dyno,.json,.html,.htm,.txt,.log';

export function ImportControl() {
  const { busy, outcomes, importFiles, dismiss } = useImports();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="import-control">
      <button onClick={() => input.current?.click()} disabled={busy} title="Dyno bundles (.dyno) and HTML reports, hyperfine --export-json, onnxruntime_perf_test output; or drop files here" data-testid="import-runs">
        {busy ? 'Importing…' : 'Import…'}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void importFiles(files);
        }}
      />
      {outcomes.length > 0 && (
        <div className="import-outcomes" data-testid="import-outcomes">
          {outcomes.map((o, i) =>
            'result' in o ? (
              <div key={i} className="import-ok" data-testid="import-ok">
                {o.fileName}: {importSummary(o.result)}
              </div>
            ) : (
              <FailureNotice key={i} failure={o.failure} testId="import-failure" />
            ),
          )}
          <button className="link" onClick={dismiss} data-testid="import-dismiss">
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
