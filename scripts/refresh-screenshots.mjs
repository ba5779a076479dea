#!/usr/bin/env node
// `npm run screenshots`: build, run the e2e suite (Playwright against the built `dyno serve`),
// and copy the screenshots the README and docs show from the test output (test-results/) into
// docs/screenshots/. E2e tests never write tracked files themselves, so a plain test run leaves
// the repository clean; refreshing the pictures is this deliberate step. Arguments are passed
// to `playwright test` (e.g. a spec path to refresh only its pictures).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

/** The screenshots kept in docs/screenshots/, each taken by exactly one e2e test. */
const KEPT = [
  'run-live.png',
  'run-results.png',
  'sessions.png',
  'run-light-theme.png',
  'run-profile-and-check.png',
  'inspector.png',
  'run-telemetry.png',
  'run-gpu-telemetry.png',
  'report-button.png',
  'html-report-charts.png',
  'sessions-multi-select.png',
  'compare.png',
  'command-results.png',
  'targets-invalid.png',
  'sessions-import.png',
  'model-graph-shown-from-a-run.png',
  'model-graph-densenet-folded.png',
];
const OUTPUT = resolve('test-results');
const DOCS = resolve('docs/screenshots');

const run = (file, args) => spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' }).status ?? 1;

if (run(resolve('node_modules/electron-vite/bin/electron-vite.js'), ['build']) !== 0) {
  console.error('refresh-screenshots: the build failed; nothing copied.');
  process.exit(1);
}
const args = process.argv.slice(2);
if (run(resolve('node_modules/@playwright/test/cli.js'), ['test', ...args]) !== 0) {
  // A failing test's picture may show the failure: keep the committed ones.
  console.error('refresh-screenshots: e2e tests failed; nothing copied.');
  process.exit(1);
}

function pngsUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? pngsUnder(path) : e.name.endsWith('.png') ? [path] : [];
  });
}

const found = new Map();
for (const path of pngsUnder(OUTPUT)) {
  const name = basename(path);
  if (!KEPT.includes(name)) continue;
  if (found.has(name)) {
    console.error(`refresh-screenshots: two tests wrote ${name} (${relative('.', found.get(name))}, ${relative('.', path)}); nothing copied.`);
    process.exit(1);
  }
  found.set(name, path);
}

mkdirSync(DOCS, { recursive: true });
for (const name of KEPT) {
  const from = found.get(name);
  if (!from) {
    console.warn(`refresh-screenshots: ${name} was not taken (its test skipped or not selected); kept the committed one.`);
    continue;
  }
  copyFileSync(from, join(DOCS, name));
  console.log(`refresh-screenshots: ${relative('.', from)} → docs/screenshots/${name}`);
}
