/** The model library (bundled samples) and the inspector for the open model. */
import { useApp } from '../stores/app-store';
import { useModel } from '../stores/model-store';
import { useUi } from '../stores/ui-store';
import { ModelInspector } from '../components/ModelInspector';
import { ZooBuilder } from '../components/ZooBuilder';
import { formatBytes } from '../../../shared/format';

export function ModelsView() {
  const samples = useApp((s) => s.samples);
  const { model, openPath } = useModel();
  return (
    <div className="models-view">
      <section>
        <h2>Samples</h2>
        <div className="sample-cards">
          {samples.map((s) => (
            <div key={s.id} className="sample-card">
              <div className="sample-name">{s.name}</div>
              <p className="hint">{s.description}</p>
              <button
                onClick={() => {
                  void openPath(s.path).then(() => useUi.getState().go('run'));
                }}
              >
                Benchmark this
              </button>
            </div>
          ))}
        </div>
      </section>
      <section>
        <h2>Model zoo</h2>
        <p className="hint">Generated architectures with dynamic batch (and sequence) dimensions, for scaling sweeps and provider comparisons.</p>
        <ZooBuilder />
      </section>
      {model && (
        <section>
          <h2>
            {model.fileName} <span className="hint">{formatBytes(model.sizeBytes)}</span>
          </h2>
          <ModelInspector model={model} />
        </section>
      )}
    </div>
  );
}
