/**
 * One node's facts: op, name, inputs and outputs with shapes, attributes, weights, and over a
 * profiled run its time, provider and FLOPs; the constant nodes folded into it (each opens its
 * own panel, and Expand draws them), or, for a folded node, the node it is drawn inside.
 */
import type { GraphNode, GraphTensor, NodeProfile, NodeTime } from '../../../../shared/model-graph';
import { isFallback } from '../../../../shared/model-graph';
import { formatShape } from '../../../../shared/model';
import { formatFlops, formatMs } from '../../../../shared/format';
import { foldedWords } from '../../../../shared/graph-folding';
import { providerBadge } from './node-colours';

interface Props {
  node: GraphNode;
  profile?: NodeProfile;
  /** The constant nodes folded into this one (none when it carries none). */
  folded: GraphNode[];
  /** The node this one is folded into, when it is folded. */
  host?: GraphNode;
  onOpen(id: string): void;
  onExpand(hostId: string): void;
  onClose(): void;
}

function Folds({ node, folded, host, onOpen, onExpand }: Pick<Props, 'node' | 'folded' | 'host' | 'onOpen' | 'onExpand'>) {
  if (host) {
    return (
      <p className="node-folds" data-testid="node-folded-into">
        Folded into{' '}
        <button className="link" onClick={() => onOpen(host.id)}>
          {host.opType} <span className="mono">{host.id}</span>
        </button>{' '}
        <button onClick={() => onExpand(host.id)} data-testid="node-expand">
          Expand
        </button>
      </p>
    );
  }
  if (folded.length === 0) return null;
  return (
    <div className="node-folds" data-testid="node-folds">
      <h4>
        {foldedWords(folded.length)} folded in{' '}
        <button onClick={() => onExpand(node.id)} data-testid="node-expand">
          Expand
        </button>
      </h4>
      <ul className="node-tensors">
        {folded.map((f) => (
          <li key={f.id}>
            <button className="link" onClick={() => onOpen(f.id)}>
              {f.opType}
            </button>{' '}
            <span className="mono hint">{f.id}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Tensors({ title, tensors }: { title: string; tensors: GraphTensor[] }) {
  if (tensors.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="node-tensors">
        {tensors.map((t) => (
          <li key={t.name}>
            <span className="mono">{t.name}</span> <span className="hint">{t.type ?? ''} {t.shape ? formatShape(t.shape) : 'shape not stated'}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Timing({ time, profile }: { time: NodeTime | undefined; profile: NodeProfile }) {
  if (!time) return <p className="hint" data-testid="node-time">No kernel of this run ran for it (folded into a constant or fused into another node).</p>;
  const fallback = isFallback(time, profile.executionProvider);
  return (
    <dl className="node-facts" data-testid="node-time">
      <dt>time / iter</dt>
      <dd>
        {formatMs(time.ms)} · {(time.share * 100).toFixed(1)} % of kernel time
      </dd>
      <dt>provider</dt>
      <dd className={fallback ? 'warn-text' : undefined}>
        {time.providers.map(providerBadge).join(', ')}
        {fallback ? ` · fell back to the CPU on a ${profile.executionProvider} run` : ''}
      </dd>
      <dt>FLOPs (ran)</dt>
      <dd>{time.flops === null ? 'not counted for this op' : formatFlops(time.flops)}</dd>
      <dt>kernels</dt>
      <dd className="mono">{time.kernels.join(', ')}</dd>
    </dl>
  );
}

export function NodePanel({ node, profile, folded, host, onOpen, onExpand, onClose }: Props) {
  const time = profile?.nodes.find((n) => n.id === node.id);
  return (
    <aside className="node-panel" data-testid="node-panel" aria-label={`Node ${node.id}`}>
      <div className="node-panel-head">
        <strong className="mono">{node.opType}</strong>
        <button className="ghost" onClick={onClose} aria-label="Close the node panel (Esc)">
          ×
        </button>
      </div>
      <dl className="node-facts">
        <dt>name</dt>
        <dd className="mono">{node.name || <span className="hint">(unnamed; shown as {node.id})</span>}</dd>
        {node.domain !== 'ai.onnx' && (
          <>
            <dt>domain</dt>
            <dd className="mono">{node.domain}</dd>
          </>
        )}
        <dt>weights</dt>
        <dd>{node.weights.tensors === 0 ? 'none stored' : `${node.weights.tensors} tensor${node.weights.tensors === 1 ? '' : 's'}, ${node.weights.elements.toLocaleString('en-US')} elements`}</dd>
        {/* Over a profiled run the FLOPs ORT ran are shown with its time; the file's count only when it states every shape. */}
        {(node.flops !== null || !profile) && (
          <>
            <dt>FLOPs</dt>
            <dd>{node.flops === null ? 'not known from the file (profile a run to count them)' : `${formatFlops(node.flops)} (from the file's shapes)`}</dd>
          </>
        )}
      </dl>
      <Folds node={node} folded={folded} {...(host ? { host } : {})} onOpen={onOpen} onExpand={onExpand} />
      {profile && <Timing time={time} profile={profile} />}
      <Tensors title="Inputs" tensors={node.inputs} />
      <Tensors title="Outputs" tensors={node.outputs} />
      {node.attributes.length > 0 && (
        <>
          <h4>Attributes</h4>
          <dl className="node-facts">
            {node.attributes.map((a) => (
              <div key={a.name} className="node-attr">
                <dt className="mono">{a.name}</dt>
                <dd className="mono">{a.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </aside>
  );
}
