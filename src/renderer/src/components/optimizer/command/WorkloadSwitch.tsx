/** The optimizer wizard's choice of workload: a model (ONNX Runtime settings) or a command (a program's flags and parameters). */
import { useCommandOptimizer, type OptimizeWorkload } from '../../../stores/command-optimizer-store';

const WORKLOADS: readonly { id: OptimizeWorkload; label: string; title: string }[] = [
  { id: 'model', label: 'Model', title: 'Search ONNX Runtime settings for an .onnx model (dyno optimize)' },
  { id: 'command', label: 'Command', title: "Search a program's flags and parameters (dyno optimize-exec)" },
];

export function WorkloadSwitch() {
  const { workload, setWorkload } = useCommandOptimizer();
  return (
    <div className="source-toggle optimize-workload" role="tablist" aria-label="What to optimize">
      {WORKLOADS.map((w) => (
        <button key={w.id} role="tab" aria-selected={w.id === workload} className={w.id === workload ? 'active' : ''} onClick={() => setWorkload(w.id)} title={w.title} data-testid={`opt-workload-${w.id}`}>
          {w.label}
        </button>
      ))}
    </div>
  );
}
