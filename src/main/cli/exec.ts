/**
 * `dyno exec [options] -- <command> [args...]`: a program measured like a model (the command
 * executor), stored in the same database and printed through the same exporters. With
 * `--param`, every combination of values is one run of a `parameter-scan` study, with a
 * scaling fit (time ∝ n^k) along each numeric parameter. Only what the user typed runs.
 */
import type { DynoApi } from '../../shared/contract';
import type { Run } from '../../shared/run';
import { runToJson } from '../../shared/run-json-from-run';
import { EXPORTERS } from '../../shared/export';
import { combinations, numericParams, paramProblem, substitute, type CommandParam } from '../../shared/command/params';
import { commandSummaryLines } from '../../shared/command/summary-text';
import { fitPowerLaw, type PowerLawFit } from '../../shared/power-law';
import { formatMs, plural } from '../../shared/format';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { appVersion } from '../studio/paths';
import { execConfig, type ExecFlags } from './exec-options';
import { outputFormat, type OutputFlags } from './output-options';
import { CliError } from './errors';
import { cancelOnInterrupt, type Interrupt } from './interrupt';
import { EXIT_CANCELLED, EXIT_ERROR, EXIT_OK } from './exit-codes';

/** The program's own last output lines, quoted under Dyno's one-line error. */
function quoteTail(error: string): void {
  const [, ...tail] = error.split('\n');
  for (const line of tail) process.stderr.write(`  | ${line}\n`);
}

/** The stored error's first line for the terminal, which shows its quoted output just above it. */
function failureLine(error: string): string {
  const [head = error, ...tail] = error.split('\n');
  return tail.length > 0 ? head.replace(/;\s*its last output:?\s*$/, '; its last output is quoted above') : head;
}

async function runOne(api: DynoApi, interrupt: Interrupt, argv: string[], o: ExecFlags, params: Record<string, string>, studyId?: string) {
  const config = execConfig(substitute(argv, params), o, params);
  const { runId } = await api.call('runs.start', { config, ...(studyId ? { studyId } : {}) });
  interrupt.runId = runId;
  if (interrupt.asked) void api.call('runs.cancel', { runId }).catch(() => undefined);
  return api.call('runs.wait', { runId });
}

interface ScanPoint {
  params: Record<string, string>;
  runId: string;
  status: Run['status'];
  medianMs: number | null;
  meanMs: number | null;
  error?: string;
}

/** time ∝ n^k along each numeric parameter, over the points where every other parameter has its first value. */
export function scanFits(params: readonly CommandParam[], points: readonly ScanPoint[]): Record<string, PowerLawFit | null> {
  return Object.fromEntries(
    numericParams(params).map((p) => {
      const line = points.filter((pt) => params.every((q) => q.name === p.name || pt.params[q.name] === q.values[0]) && pt.medianMs !== null);
      return [p.name, fitPowerLaw(line.map((pt) => Number(pt.params[p.name])), line.map((pt) => pt.medianMs as number))];
    }),
  );
}

async function scan(api: DynoApi, interrupt: Interrupt, argv: string[], o: ExecFlags, json: boolean): Promise<number> {
  const combos = combinations(o.param);
  const name = o.label ?? `scan ${argv.join(' ')}`.slice(0, 200);
  const study = await api.call('studies.create', { kind: 'parameter-scan', name, spec: { command: argv, params: Object.fromEntries(o.param.map((p) => [p.name, p.values])) } });
  if (!json) process.stderr.write(`study ${study.id}: ${plural(combos.length, 'combination')}\n`);
  const points: ScanPoint[] = [];
  for (const params of combos) {
    if (interrupt.asked) break;
    const { run } = await runOne(api, interrupt, argv, o, params, study.id);
    const stats = 'stats' in run ? run.stats : undefined;
    const point: ScanPoint = {
      params,
      runId: run.id,
      status: run.status,
      medianMs: stats?.percentiles.p50?.valueMs ?? null,
      meanMs: stats?.meanMs ?? null,
      ...(run.status === 'failed' ? { error: run.error.split('\n')[0] } : {}),
    };
    points.push(point);
    if (!json) process.stderr.write(`  ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')}: ${point.error ?? (point.medianMs !== null ? `median ${formatMs(point.medianMs)}` : run.status)}\n`);
  }
  const fits = scanFits(o.param, points);
  if (json) process.stdout.write(JSON.stringify({ label: name, studyId: study.id, points, fits }, null, 2) + '\n');
  else {
    const header = [...o.param.map((p) => p.name.padStart(8)), '     median', '       mean', '  run'].join(' ');
    const rows = points.map((p) => [...o.param.map((q) => (p.params[q.name] ?? '').padStart(Math.max(8, q.name.length))), formatMs(p.medianMs).padStart(11), formatMs(p.meanMs).padStart(11), ` ${p.runId}${p.error ? ` (${p.status})` : ''}`].join(' '));
    const fitLines = Object.entries(fits).map(([axis, fit]) => (fit ? `time ∝ ${axis}^${fit.k.toFixed(3)} (R² ${fit.r2.toFixed(3)}, ${fit.points} points)` : `${axis}: too few completed points to fit`));
    process.stdout.write([header, ...rows, ...fitLines, `study ${study.id}`].join('\n') + '\n');
  }
  if (interrupt.asked) return EXIT_CANCELLED;
  return points.every((p) => p.status === 'completed') ? EXIT_OK : EXIT_ERROR;
}

export async function exec(argv: string[], o: ExecFlags & OutputFlags): Promise<number> {
  const format = outputFormat(o);
  if (argv.length === 0) throw new CliError('Give the command after --, e.g. dyno exec -- node train.mjs --epochs 3.');
  const problem = paramProblem(argv, o.param);
  if (problem) throw new CliError(problem);
  if (o.param.length > 0 && format !== 'text' && format !== 'json') throw new CliError('A parameter scan prints text or JSON (--format text|json); `dyno report <study>` writes the others.');
  // Parse every combination's config before anything runs: a bad flag fails them all at once.
  for (const params of combinations(o.param)) execConfig(substitute(argv, params), o, params);
  const handle = createCliStudio({ allowCommands: true });
  const api = createInProcessApi(handle.studio);
  const { interrupt, release } = cancelOnInterrupt(api);
  try {
    if (o.param.length > 0) return await scan(api, interrupt, argv, o, format === 'json');
    const { run, warnings } = await runOne(api, interrupt, argv, o, {});
    const json = runToJson(run, warnings, `dyno@${appVersion()}`);
    if (format === 'text' && (run.status === 'completed' || run.status === 'aborted')) {
      process.stdout.write([...commandSummaryLines(run), ...warnings.map((w) => `  warning: ${w.message}`), `run ${run.id}`].join('\n') + '\n');
    } else if (format !== 'text') process.stdout.write(EXPORTERS[format].render([json]));
    if (run.status === 'failed') {
      if (format === 'json') return EXIT_ERROR;
      quoteTail(run.error);
      throw new CliError(failureLine(run.error));
    }
    return run.status === 'aborted' || interrupt.asked ? EXIT_CANCELLED : EXIT_OK;
  } finally {
    release();
    handle.close();
  }
}
