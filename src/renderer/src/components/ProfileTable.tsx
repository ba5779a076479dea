/** Time per operator type and the slowest nodes, from the profiled pass. */
import type { Profile } from '../../../shared/run-results';
import { formatFlops, formatMs } from '../../../shared/format';

function Share({ share }: { share: number }) {
  return (
    <span className="share">
      <span className="share-bar" style={{ width: `${Math.max(1, share * 100)}%` }} />
      <span className="share-text">{(share * 100).toFixed(1)}%</span>
    </span>
  );
}

export function ProfileTable({ profile }: { profile: Profile }) {
  return (
    <div className="profile" data-testid="profile">
      <div className="hint">
        {profile.iterations} profiled iterations · {formatMs(profile.kernelMsPerIteration)} in kernels per iteration · {formatFlops(profile.flopsPerIteration)} per iteration · trace for Perfetto: <span className="mono">{profile.traceFile}</span>
      </div>
      <div className="profile-tables">
        <table className="io-table" data-testid="profile-by-op">
          <thead>
            <tr>
              <th>operator</th>
              <th className="num">nodes</th>
              <th className="num">time / iter</th>
              <th>share</th>
            </tr>
          </thead>
          <tbody>
            {profile.byOpType.map((t) => (
              <tr key={t.opType}>
                <td className="mono">{t.opType}</td>
                <td className="num">{t.nodes}</td>
                <td className="num">{formatMs(t.ms)}</td>
                <td>
                  <Share share={t.share} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="io-table" data-testid="profile-top-nodes">
          <thead>
            <tr>
              <th>slowest nodes</th>
              <th>operator</th>
              <th className="num">time / iter</th>
              <th>share</th>
            </tr>
          </thead>
          <tbody>
            {profile.topNodes.slice(0, 12).map((n) => (
              <tr key={n.name}>
                <td className="mono node-name" title={n.name}>
                  {n.name}
                </td>
                <td className="mono">{n.opType}</td>
                <td className="num">{formatMs(n.ms)}</td>
                <td>
                  <Share share={n.share} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
