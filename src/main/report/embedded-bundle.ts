/**
 * The HTML report carries its runs as a bundle in one inert script element
 * (`<script type="application/json" id="dyno-bundle">`): a browser never runs it, and
 * `dyno import report.html` reads it back. JSON in HTML must not close the element early, so
 * `<`, `>`, `&` and the two JavaScript line separators are written as \u escapes (still JSON).
 */
import { BundleReadError } from '../../shared/bundle-reader';

export const BUNDLE_ELEMENT_ID = 'dyno-bundle';

/** JSON text that is safe inside a `<script>` element and parses to the same value. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function embeddedBundleElement(bundle: unknown): string {
  return `<script type="application/json" id="${BUNDLE_ELEMENT_ID}">${jsonForScript(bundle)}</script>`;
}

export function extractEmbeddedBundle(html: string, fileName: string): string {
  const open = `<script type="application/json" id="${BUNDLE_ELEMENT_ID}">`;
  const start = html.indexOf(open);
  if (start < 0) throw new BundleReadError(`${fileName} is an HTML file without Dyno's embedded runs: only reports Dyno wrote can be imported.`);
  const end = html.indexOf('</script>', start + open.length);
  if (end < 0) throw new BundleReadError(`${fileName} ends inside its embedded runs: was it cut short?`);
  return html.slice(start + open.length, end);
}
