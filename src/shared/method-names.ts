/**
 * The contract's method names alone, with no schema code, so the sandboxed preload can check
 * a name without bundling zod. contract.ts is typed against this list, so the two cannot drift.
 */
export const METHOD_NAMES = [
  'app.info',
  'models.samples',
  'models.inspect',
  'models.open',
  'models.import',
  'models.recent',
  'models.flops',
  'models.zoo',
  'models.graph',
  'runs.nodeProfile',
  'studies.create',
  'studies.list',
  'studies.get',
  'studies.addRuns',
  'studies.sweep',
  'studies.cancelSweep',
  'runs.start',
  'runs.cancel',
  'runs.list',
  'runs.get',
  'runs.wait',
  'runs.series',
  'runs.distribution',
  'runs.telemetry',
  'runs.trace',
  'runs.count',
  'runs.ids',
  'runs.facets',
  'runs.history',
  'runs.update',
  'runs.delete',
  'runs.restore',
  'runs.rerun',
  'reports.create',
  'runs.import',
  'bin.get',
  'bin.setPurge',
  'bin.empty',
  'runs.compare',
  'optimizer.start',
  'optimizer.resume',
  'optimizer.cancel',
  'optimizer.get',
  'commandOptimizer.start',
  'commandOptimizer.resume',
  'commandOptimizer.cancel',
  'commandOptimizer.get',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(METHOD_NAMES);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && NAMES.has(name);
}
