/** The inspector: interface, opsets, producer, parameters, metadata, operators and FLOPs. */
import type { ModelInfo } from '../../../shared/model';
import { formatBytes, formatFlops } from '../../../shared/format';
import { formShapeHints, useRunConfig } from '../stores/config-store';
import { useFlops } from '../stores/flops-store';
import { FailureNotice } from './FailureNotice';
import { IoTable } from './IoTable';

function Flops({ model }: { model: ModelInfo }) {
  const { fields } = useRunConfig();
  const flops = useFlops();
  // A count (or failure) for another model is not this model's.
  const mine = flops.path === model.path;
  const count = (): void => {
    void flops.count({ path: model.path, ...formShapeHints(fields) });
  };
  return (
    <span className="flops">
      {mine && flops.flopsPerIteration !== undefined ? (
        <strong data-testid="model-flops">{formatFlops(flops.flopsPerIteration)} per inference</strong>
      ) : (
        <button onClick={count} disabled={mine && flops.busy} data-testid="count-flops" title="Runs one profiled inference in a worker with the run form's dims and batch">
          {mine && flops.busy ? 'Counting…' : 'Count FLOPs'}
        </button>
      )}
      {mine && flops.failure && <FailureNotice failure={flops.failure} testId="flops-failure" />}
    </span>
  );
}

export function ModelInspector({ model }: { model: ModelInfo }) {
  const d = model.details;
  const facts: [string, string][] = [
    ['file', `${model.path} (${formatBytes(model.sizeBytes)})`],
    ['producer', d.producer],
    ['IR version', String(d.irVersion)],
    ['opsets', d.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')],
    ['graph', `${d.graphName || '(unnamed)'} · ${d.nodeCount} nodes`],
    ['stored parameters', `${d.parameterCount.toLocaleString('en-US')} (${formatBytes(d.parameterBytes)})`],
    ...Object.entries(d.metadata).map(([k, v]): [string, string] => [`metadata: ${k}`, v]),
  ];
  const max = Math.max(1, ...d.opHistogram.map((h) => h.count));
  return (
    <div className="inspector" data-testid="inspector">
      <table className="facts-table">
        <tbody>
          {facts.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td className="mono">{v}</td>
            </tr>
          ))}
          <tr>
            <th>compute</th>
            <td>
              <Flops model={model} />
            </td>
          </tr>
        </tbody>
      </table>
      <h3>Inputs and outputs</h3>
      <IoTable model={model} />
      <h3>Operators</h3>
      <table className="io-table op-histogram" data-testid="op-histogram">
        <tbody>
          {d.opHistogram.map((h) => (
            <tr key={h.op}>
              <td className="mono">{h.op}</td>
              <td className="num">{h.count}</td>
              <td className="bar-cell">
                <span className="share-bar static" style={{ width: `${(100 * h.count) / max}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
