#!/usr/bin/env node
// `npm run setup:electron`: download the Electron binary (needs the network), then build
// better-sqlite3 for Electron's ABI beside the Node build (see electron-native.mjs).
import { spawnSync } from 'node:child_process';
import { electronBinaryPath } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

if (!electronBinaryPath()) {
  const r = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'inherit' });
  if (r.status !== 0 || !electronBinaryPath()) {
    console.error('dyno: could not download the Electron binary (is the network reachable?).');
    process.exit(1);
  }
}
process.exit(ensureElectronSqlite() ? 0 : 1);
