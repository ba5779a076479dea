/**
 * Starts the real, built `dyno serve` as a child process on a free port with its own DYNO_HOME,
 * and hands back the URL it printed (token included).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `args`: extra flags (e.g. --allow-commands); `port`: 0 picks a free one, a fixed one restarts a server where a page already points. */
export async function startServe(home: string, env: Record<string, string> = {}, args: string[] = [], port = 0): Promise<ServeProcess> {
  const child = spawn(process.execPath, [resolve('bin/dyno.js'), 'serve', '--port', String(port), ...args], {
    env: { ...process.env, DYNO_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`dyno serve printed no URL in 30 s:\n${out}\n${err}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Dyno studio: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`dyno serve exited with ${code}:\n${out}\n${err}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
