/**
 * The recently opened models, newest first. A file that is gone is shown as missing and cannot
 * be clicked (opening it would only fail); an upload is named as uploaded, since its path is
 * Dyno's copy, not the user's file.
 */
import { useEffect } from 'react';
import { formatBytes } from '../../../shared/format';
import type { RecentModel } from '../../../shared/recent-model';
import { useModel } from '../stores/model-store';
import { useRecentModels } from '../stores/recent-models-store';

const SOURCE_LABEL: Record<RecentModel['source'], string | undefined> = { file: undefined, imported: 'uploaded', zoo: 'zoo' };

function meta(m: RecentModel): string {
  if (m.missing) return 'missing';
  return [SOURCE_LABEL[m.source], m.sizeBytes !== undefined ? formatBytes(m.sizeBytes) : undefined].filter(Boolean).join(' · ');
}

export function RecentModels() {
  const { models, error, refresh } = useRecentModels();
  const { model, loading, openPath } = useModel();
  useEffect(() => void refresh(), [refresh]);
  if (models.length === 0 && !error) return null;
  return (
    <div className="recent-models" data-testid="recent-models">
      <div className="hint">Recent</div>
      <ul aria-label="Recent models">
        {models.map((m) => (
          <li key={m.path}>
            <button
              className={`recent-model${m.missing ? ' missing' : ''}${model?.path === m.path ? ' active' : ''}`}
              title={m.missing ? `${m.path} is no longer there` : `${m.path}\nopened ${new Date(m.openedAt).toLocaleString()}`}
              disabled={m.missing || loading}
              data-testid="recent-model"
              onClick={() => void openPath(m.path)}
            >
              <span className="recent-name">{m.name}</span>
              <span className="recent-meta">{meta(m)}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <div className="error-line" role="alert" data-testid="recent-models-error">
          Recent models could not be loaded: {error}
        </div>
      )}
    </div>
  );
}
