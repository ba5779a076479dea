/** `dyno providers`: which execution providers work on this machine, and why not. */
import { createStudio } from '../studio/create-studio';
import type { AppInfo } from '../../shared/contract';

export async function providers(o: { json: boolean }): Promise<number> {
  const handle = createStudio();
  try {
    const info = (await handle.studio.call('app.info', {})) as AppInfo;
    if (o.json) process.stdout.write(JSON.stringify(info.executionProviders, null, 2) + '\n');
    else for (const p of info.executionProviders) process.stdout.write(`${p.available ? '✓' : '✗'} ${p.name.padEnd(9)} ${p.available ? 'available' : p.reason ?? ''}\n`);
    return 0;
  } finally {
    handle.close();
  }
}
