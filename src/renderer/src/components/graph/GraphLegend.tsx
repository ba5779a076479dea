/** What the colours mean: op families, or over a profiled run the time scale, providers and fall-backs. */
import type { NodeProfile } from '../../../../shared/model-graph';
import { profilePassSentence } from '../../../../shared/profile-words';
import { plural } from '../../../../shared/format';
import { FAMILY_FILL, FAMILY_NAMES, heatColour, type OpFamily } from './node-colours';

const STOPS = [0, 0.25, 0.5, 0.75, 1];

interface Props {
  theme: 'dark' | 'light';
  profile: NodeProfile | undefined;
  busy: boolean;
  maxShare: number;
  fallbacks: number;
}

export function GraphLegend({ theme, profile, busy, maxShare, fallbacks }: Props) {
  if (busy) return <div className="graph-legend hint">Reading the run's trace…</div>;
  if (!profile) {
    return (
      <div className="graph-legend" data-testid="graph-legend">
        {(Object.keys(FAMILY_NAMES) as OpFamily[]).map((f) => (
          <span key={f} className="legend-item">
            <span className="legend-swatch" style={{ background: FAMILY_FILL[theme][f] }} />
            {FAMILY_NAMES[f]}
          </span>
        ))}
      </div>
    );
  }
  const gradient = `linear-gradient(to right, ${STOPS.map((s) => heatColour(s, theme)).join(', ')})`;
  return (
    <div className="graph-legend" data-testid="graph-legend">
      <span className="legend-item">
        share of kernel time: 0 %
        <span className="legend-scale" style={{ background: gradient }} />
        {(maxShare * 100).toFixed(1)} % (slowest node; √ scale)
      </span>
      <span className="legend-item">
        <span className="legend-swatch dashed" /> no kernel (folded or fused)
      </span>
      <span className="legend-item" data-testid="graph-fallbacks">
        <span className="legend-swatch warn" />
        {fallbacks} CPU fall-back{fallbacks === 1 ? '' : 's'}
        {profile.executionProvider === 'cpu' ? ' (a CPU run: none possible)' : ` on this ${profile.executionProvider} run`}
      </span>
      <span className="hint">
        {plural(profile.nodes.length, 'node')} timed · {profilePassSentence(profile)}
        {profile.unmatched.kernels > 0 ? ` · ${plural(profile.unmatched.kernels, 'kernel')} ORT added (${(profile.unmatched.share * 100).toFixed(1)} %) ${profile.unmatched.kernels === 1 ? 'is' : 'are'} on no node` : ''}
      </span>
    </div>
  );
}
