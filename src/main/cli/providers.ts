/** `dyno providers`: which execution providers work on this machine, and why not. */
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { outputFormat, type OutputFlags } from './output-options';

export async function providers(o: OutputFlags): Promise<number> {
  const json = outputFormat(o) === 'json';
  const handle = createCliStudio();
  try {
    const info = await createInProcessApi(handle.studio).call('app.info', {});
    if (json) process.stdout.write(JSON.stringify(info.executionProviders, null, 2) + '\n');
    else for (const p of info.executionProviders) process.stdout.write(`${p.available ? '✓' : '✗'} ${p.name.padEnd(9)} ${p.available ? 'available' : p.reason ?? ''}\n`);
    return 0;
  } finally {
    handle.close();
  }
}
