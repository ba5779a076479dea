/** The model library (bundled samples), the zoo, and the inspector for the open model. */
import { useApp } from '../stores/app-store';
import { useModel } from '../stores/model-store';
import { useUi } from '../stores/ui-store';
import { FailureNotice } from '../components/FailureNotice';
import { ModelInspector } from '../components/ModelInspector';
import { ZooBuilder } from '../components/ZooBuilder';
import { ModelGraphPanel } from '../components/graph/ModelGraphPanel';
import { formatBytes } from '../../../shared/format';

function OpenFailure() {
  const { error, attempted, retry, model } = useModel();
  if (!error) return null;
  const what = `Could not open ${attempted ?? 'the model'}${model ? ` (still showing ${model.fileName})` : ''}`;
  return <FailureNotice failure={{ what, message: error, ...(retry ? { retry } : {}) }} testId="inspector-failure" box />;
}

export function ModelsView() {
  const samples = useApp((s) => s.samples);
  const { model, openPath } = useModel();
  const go = useUi((s) => s.go);
  return (
    <div className="models-view">
      <section>
        <h2>Samples</h2>
        <div className="sample-cards">
          {samples.map((s) => (
            <div key={s.id} className="sample-card">
              <div className="sample-name">{s.name}</div>
              <p className="hint">{s.description}</p>
              <button onClick={() => void openPath(s.path).then(() => go('run'))}>Benchmark this</button>
            </div>
          ))}
        </div>
      </section>
      <section>
        <h2>Model zoo</h2>
        <p className="hint">Generated architectures with dynamic batch (and sequence) dimensions, for scaling sweeps and provider comparisons.</p>
        <ZooBuilder />
      </section>
      <section>
        <OpenFailure />
        {model && (
          <>
            <h2>
              {model.fileName} <span className="hint">{formatBytes(model.sizeBytes)}</span>
            </h2>
            <ModelInspector model={model} />
            <ModelGraphPanel model={model} />
          </>
        )}
      </section>
    </div>
  );
}
