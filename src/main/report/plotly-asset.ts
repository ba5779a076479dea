/**
 * The plotly build an HTML report embeds (the cartesian bundle: every chart the report draws,
 * 1.5 MB), read from node_modules once per process, with its licence text.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const PACKAGE = 'plotly.js-cartesian-dist-min';
let cached: { source: string; licence: string } | undefined;

export function plotlyAsset(): { source: string; licence: string } {
  if (cached) return cached;
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  } catch {
    throw new Error(`The HTML report needs the ${PACKAGE} package, which is not installed: run npm install.`);
  }
  cached = { source: readFileSync(join(dir, 'plotly-cartesian.min.js'), 'utf8'), licence: readFileSync(join(dir, 'LICENSE'), 'utf8') };
  return cached;
}
