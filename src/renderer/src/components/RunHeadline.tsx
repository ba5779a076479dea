/**
 * The answers of a finished run, first and in one band (issue 14: visible without scrolling at
 * 1280×720, in the Run view and in Sessions alike): how it ended and its verdicts, p50/p90/p99
 * with their support, throughput, energy, and how many warnings there are (a link to them).
 * Everything else a run reports comes after the charts (RunResults).
 */
import type { RunDetail } from '../../../shared/contract';
import type { Run } from '../../../shared/run';
import type { RunResults } from '../../../shared/run-results';
import { ServerVerdictLine } from './ServerVerdictLine';
import { TargetVerdicts } from './TargetVerdicts';
import { StatsCards } from './StatsCards';
import { EnergyCards } from './EnergyCards';
import { StatCard } from './StatCard';
import { sampleCount } from '../../../shared/warnings';

/** A completed run's results, or what an aborted run got as far as reporting. */
export function resultsOf(run: Run): RunResults | undefined {
  return run.status === 'completed' ? run.results : run.status === 'aborted' ? run.results : undefined;
}

function Ending({ run }: { run: Run }) {
  if (run.status === 'failed')
    return (
      <div className="error-box" role="alert" data-testid="run-error">
        {run.error}
      </div>
    );
  if (run.status === 'aborted')
    return (
      <div className="verdict aborted" data-testid="aborted-verdict">
        Aborted: cancelled before the stop rule was met.{' '}
        {run.stats ? `The figures below cover the ${sampleCount(run.stats.count, run.config.command ? 'command' : 'model')} measured until then.` : 'Nothing was measured before it stopped.'}
      </div>
    );
  if (run.status === 'interrupted')
    return (
      <div className="verdict aborted" data-testid="interrupted-verdict">
        Interrupted: the studio stopped while this run was measuring; its samples up to then are kept.
      </div>
    );
  return null;
}

function Verdicts({ results }: { results: RunResults }) {
  const { check, server, targets } = results;
  return (
    <>
      {targets && <TargetVerdicts targets={targets} />}
      {server && <ServerVerdictLine verdict={server} />}
      {check && (
        <div className={`verdict ${check.passed ? 'pass' : 'fail'}`} data-testid="check-verdict">
          Outputs {check.passed ? 'match' : 'differ from'} the expected values: max abs error {check.maxAbsError.toExponential(2)}, max rel error{' '}
          {check.maxRelError.toExponential(2)} (rtol {check.rtol}, atol {check.atol})
          {check.outputs
            .filter((o) => !o.passed)
            .map((o) => (
              <div key={o.name}>
                {o.name}: {o.problem ?? `${o.mismatched} of ${o.elements} elements out of tolerance`}
              </div>
            ))}
        </div>
      )}
    </>
  );
}

export function RunHeadline({ detail }: { detail: RunDetail }) {
  const run = detail.run;
  const stats = run.status === 'completed' || run.status === 'aborted' ? run.stats : undefined;
  const results = resultsOf(run);
  const n = detail.warnings.length;
  return (
    <section className="run-headline" data-testid="run-headline" aria-label="Results at a glance">
      <Ending run={run} />
      {results && <Verdicts results={results} />}
      {stats && (
        <StatsCards stats={stats} workload={run.config.command ? 'command' : 'model'}>
          {results?.telemetry && <EnergyCards e={results.telemetry.energy} />}
          <StatCard
            small
            label="warnings"
            value={String(n)}
            sub={n === 0 ? 'none raised' : undefined}
            link={n > 0 ? { href: '#run-warnings', text: 'read them ↓' } : undefined}
            testId="stat-warnings"
          />
        </StatsCards>
      )}
    </section>
  );
}
