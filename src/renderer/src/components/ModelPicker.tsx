/** Choose the model: a bundled sample, a recent one, a path, or a dropped .onnx file (dropping works anywhere). */
import { useState } from 'react';
import { useApp } from '../stores/app-store';
import { useModel } from '../stores/model-store';
import { RecentModels } from './RecentModels';

export function ModelPicker() {
  const samples = useApp((s) => s.samples);
  const { model, loading, error, openPath, copyOf } = useModel();
  const [path, setPath] = useState('');
  return (
    <section className="panel-section">
      <h3>Model</h3>
      <div className="sample-chips" role="group" aria-label="Sample models">
        {samples.map((s) => (
          <button
            key={s.id}
            className={`chip${model?.path === s.path ? ' active' : ''}`}
            title={s.description}
            data-testid={`sample-${s.id}`}
            onClick={() => void openPath(s.path)}
          >
            {s.name}
          </button>
        ))}
      </div>
      <RecentModels />
      <form
        className="path-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void openPath(path);
        }}
      >
        <input
          aria-label="Model path"
          placeholder="/path/to/model.onnx"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          data-testid="model-path"
        />
        <button type="submit" disabled={!path.trim() || loading}>
          Open
        </button>
      </form>
      <div className="hint">…or drop an .onnx file anywhere in the window.</div>
      {loading && <div className="hint">Opening…</div>}
      {error && (
        <div className="error-line" role="alert" data-testid="model-error">
          {error}
        </div>
      )}
      {model && (
        <div className="model-name" data-testid="model-name" title={model.path}>
          {model.fileName}
        </div>
      )}
      {model && copyOf && (
        <div className="hint" data-testid="model-copy-note">
          A copy of the dropped {copyOf} (a browser cannot see where the file itself is), kept at <span className="mono">{model.path}</span>: the terminal command below
          names this copy.
        </div>
      )}
    </section>
  );
}
