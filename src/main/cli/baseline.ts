/** `--baseline`: a stored run (by id) or a `dyno bench --json` file to compare against. */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Studio } from '../studio/studio';
import type { Run } from '../../shared/run';
import type { RunSummaryForCompare } from '../../shared/compare';
import { EnvironmentSchema, type Environment } from '../../shared/telemetry';
import { CliError } from './errors';

const JsonStatsSchema = z.object({ stats: z.object({ p50_ms: z.number(), mean_ms: z.number(), std_ms: z.number() }), environment: EnvironmentSchema.nullish() });

export async function loadBaseline(ref: string, studio: Studio): Promise<{ label: string; summary: RunSummaryForCompare; environment?: Environment }> {
  if (existsSync(ref)) {
    let parsed;
    try {
      parsed = JsonStatsSchema.parse(JSON.parse(readFileSync(ref, 'utf8')));
    } catch {
      throw new CliError(`--baseline ${ref} is not a \`dyno bench --json\` output with statistics.`);
    }
    return {
      label: ref,
      summary: { medianMs: parsed.stats.p50_ms, meanMs: parsed.stats.mean_ms, stdMs: parsed.stats.std_ms },
      ...(parsed.environment ? { environment: parsed.environment } : {}),
    };
  }
  let detail: { run: Run };
  try {
    detail = (await studio.call('runs.get', { runId: ref })) as { run: Run };
  } catch {
    throw new CliError(`--baseline ${ref} is neither a file nor a stored run id.`);
  }
  const run = detail.run;
  if (run.status !== 'completed') throw new CliError(`--baseline run ${ref} is ${run.status}, not completed.`);
  const median = run.stats.percentiles.p50?.valueMs ?? run.stats.meanMs;
  return { label: `run ${ref}`, summary: { medianMs: median, meanMs: run.stats.meanMs, stdMs: run.stats.stdMs }, environment: run.results.environment };
}
