/**
 * The HTML report carries its runs as a bundle (the same versioned JSON `dyno export` writes)
 * in one inert element: `<script type="application/gzip+base64" id="dyno-bundle">`, gzip'd
 * and base64'd, because float samples in JSON take twice the room (the report must stay small)
 * and base64 can never close the element early. A browser never runs it; `dyno import
 * report.html` reads it back (by hand: base64 -d | gunzip). The chart data, plain JSON, is
 * written with `<`, `>`, `&` and the JavaScript line separators as \u escapes for the same reason.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { BundleReadError } from '../../shared/bundle-reader';

export const BUNDLE_ELEMENT_ID = 'dyno-bundle';
const OPEN = `<script type="application/gzip+base64" id="${BUNDLE_ELEMENT_ID}">`;

/** JSON text that is safe inside a `<script>` element and parses to the same value. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function embeddedBundleElement(bundle: unknown): string {
  const packed = gzipSync(JSON.stringify(bundle), { level: 9 }).toString('base64');
  // Lines of 76 characters, as MIME does: the file stays viewable in an editor.
  return `${OPEN}\n${packed.replace(/.{76}/g, '$&\n')}\n</script>`;
}

/** The bundle's JSON text out of a report. */
export function extractEmbeddedBundle(html: string, fileName: string): string {
  const start = html.indexOf(OPEN);
  if (start < 0) throw new BundleReadError(`${fileName} is an HTML file without Dyno's embedded runs: only reports Dyno wrote can be imported.`);
  const end = html.indexOf('</script>', start + OPEN.length);
  if (end < 0) throw new BundleReadError(`${fileName} ends inside its embedded runs: was it cut short?`);
  const packed = html.slice(start + OPEN.length, end).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(packed)) throw new BundleReadError(`${fileName}'s embedded runs are not base64: the file was changed or damaged.`);
  try {
    return gunzipSync(Buffer.from(packed, 'base64'), { maxOutputLength: 1024 ** 3 }).toString('utf8');
  } catch {
    throw new BundleReadError(`${fileName}'s embedded runs do not unpack (gzip): the file was cut short or damaged.`);
  }
}
