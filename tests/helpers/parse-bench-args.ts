/** Parse a `dyno bench` argument list with the real commander options, as the CLI does. */
import { Command } from 'commander';
import { addBenchOptions, benchConfig, type BenchFlags } from '../../src/main/cli/bench-options';
import type { RunConfig } from '../../src/shared/run-config';

export function parseBenchArgs(args: string[]): RunConfig {
  let parsed: RunConfig | undefined;
  const cmd = addBenchOptions(new Command('bench').argument('<model>').exitOverride().configureOutput({ writeErr: () => undefined })).action((model: string, flags: BenchFlags) => {
    parsed = benchConfig(model, flags);
  });
  cmd.parse(args, { from: 'user' });
  if (!parsed) throw new Error('the bench action did not run');
  return parsed;
}
