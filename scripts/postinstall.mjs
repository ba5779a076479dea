#!/usr/bin/env node
// After `npm install`: fetch the Electron binary when the network allows, and say plainly when
// it does not. package.json's allowScripts keeps npm from running electron's own download
// script, which fails the whole install when offline; this one never fails the install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronBinaryPath } from './electron-binary.mjs';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.CI) {
  process.exit(0);
}
if (!existsSync('node_modules/electron/install.js')) process.exit(0);
if (electronBinaryPath()) process.exit(0);

const r = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'pipe', timeout: 300_000 });
if (r.status === 0 && electronBinaryPath()) {
  console.log('dyno: Electron binary installed; `npm start` opens the desktop studio.');
} else {
  console.log('dyno: Electron binary not downloaded (offline?); `npm start` will open the studio in your browser instead. Run `npm run setup:electron` later to get the desktop app.');
}
