/**
 * Build step for the renderer: runs one small entry (api/early-connection.ts, which opens the
 * API's socket and sends the first calls) as its own script before the app's. Vite folds every
 * module script in index.html into one bundle, so this entry is a separate Rollup input and its
 * tag is written here, ahead of the app's: module scripts run in document order, and this one,
 * a few KB, runs while the app's bundle is still arriving and being parsed.
 */
import type { Plugin } from 'vite';

/** `name`: the entry's Rollup input name; `source`: its path from the renderer's root, for the dev server. */
export function earlyEntry(name: string, source: string): Plugin {
  let base = '/';
  return {
    name: 'dyno-early-entry',
    configResolved: (config) => {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        let src: string;
        if (ctx.bundle) {
          const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === name);
          if (!chunk) throw new Error(`dyno-early-entry: no entry chunk named ${name} (add it to rollupOptions.input)`);
          src = `${base}${chunk.fileName}`;
        } else src = `/${source}`;
        const tag = `<script type="module" crossorigin src="${src}"></script>`;
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('dyno-early-entry: index.html has no module script to run before');
        return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
      },
    },
  };
}
