#!/usr/bin/env node
// `npm start`: build, then open the desktop studio when the Electron binary is here, or else
// say so in one line and serve the same UI to a browser (printing the URL to open).
import { spawn, spawnSync } from 'node:child_process';
import { electronBinaryPath } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const forward = (child) => {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
};

const electron = electronBinaryPath();
if (electron && ensureElectronSqlite()) {
  forward(spawn(electron, ['.'], { stdio: 'inherit' }));
} else {
  const why = electron ? 'better-sqlite3 has no Electron build here' : 'the Electron binary is not installed (offline install)';
  console.log(`dyno: ${why}; starting the studio in your browser instead (npm run setup:electron for the desktop app).`);
  forward(spawn(process.execPath, ['bin/dyno.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' }));
}
