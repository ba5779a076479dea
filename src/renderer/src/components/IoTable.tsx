import type { ModelInfo } from '../../../shared/model';
import { formatShape } from '../../../shared/model';

/** A model's inputs and outputs: name, element type, shape (symbolic dims as their names). */
export function IoTable({ model }: { model: ModelInfo }) {
  const rows = [...model.inputs.map((t) => ({ kind: 'input', ...t })), ...model.outputs.map((t) => ({ kind: 'output', ...t }))];
  return (
    <table className="io-table" data-testid="io-table">
      <thead>
        <tr>
          <th />
          <th>name</th>
          <th>type</th>
          <th>shape</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.kind}:${r.name}`}>
            <td className={`io-kind ${r.kind}`}>{r.kind}</td>
            <td className="mono">{r.name}</td>
            <td className="mono io-type">{r.type}</td>
            <td className="mono">{formatShape(r.shape)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
