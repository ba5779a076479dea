#!/usr/bin/env node
// The `dyno` command. The CLI is TypeScript built into out/ by `npm run build` (which
// `npm install` runs through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('dyno: not built yet: run `npm run build` in the Dyno folder first.\n');
  process.exit(1);
}
await import(cli);
