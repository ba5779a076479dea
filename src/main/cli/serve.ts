/** `dyno serve`: the studio in a browser, for machines without a desktop (or without Electron). */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createStudio } from '../studio/create-studio';
import { appRoot } from '../studio/paths';
import { startServer } from '../serve/server';
import { serveToken } from '../serve/serve-token';
import { cancelRunsInFlight } from '../studio/stop-studio';
import { CliError } from './errors';

export async function serve(o: { host: string; port: number; allowCommands?: boolean }): Promise<number> {
  const rendererDir = join(appRoot(), 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new CliError('The studio UI is not built yet: run `npm run build` first.');
  const handle = createStudio({ allowCommands: o.allowCommands === true, warm: true });
  const server = await startServer({ studio: handle.studio, rendererDir, host: o.host, port: o.port, token: serveToken(handle.home) });
  if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') {
    process.stderr.write(`dyno: warning: listening on ${o.host}; anyone who can reach it and has the token can run models here.\n`);
  }
  if (o.allowCommands) process.stderr.write('dyno: warning: --allow-commands: the studio runs the commands it is sent; keep the URL and its token private.\n');
  for (const n of handle.notices) process.stderr.write(`dyno: ${n}\n`);
  process.stdout.write(`Dyno studio: ${server.url}\n`);
  process.stdout.write(`data: ${handle.databasePath}   (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // A run in flight is cancelled (and saved as aborted) first: a command's tree would otherwise
  // run on, holding Dyno open until it ended, its run left `running` in a closed database.
  await cancelRunsInFlight(handle);
  await server.close();
  handle.close();
  return 0;
}
