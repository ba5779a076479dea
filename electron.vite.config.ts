import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';
import { precompress } from './scripts/vite-precompress';
import { earlyEntry } from './scripts/vite-early-entry';

/** The built page carries the CSP the shells send as headers (one source: csp.ts); frame-ancestors only works as a header. */
function cspMeta(): Plugin {
  return {
    name: 'dyno-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ') }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // One Node build, four entries: the Electron shell, the CLI (also `dyno serve`), the
        // benchmark worker process they both spawn, and the NVML reader thread.
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli/entry.ts'),
          worker: resolve('src/main/child/worker.ts'),
          'nvml-reader': resolve('src/main/telemetry/nvml-reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      // electron-vite leaves the renderer unminified; a remote browser over an SSH tunnel pays
      // for every byte (README, "Fast over a tunnel"). plotly is split off by a dynamic import.
      minify: true,
      // The lazily loaded plotly chunk (1.4 MB, 0.38 MB as brotli) is one library: nothing to split.
      chunkSizeWarningLimit: 1600,
      // `early`: the socket and the first calls, run before the app's bundle (scripts/vite-early-entry.ts).
      rollupOptions: { input: { index: resolve('src/renderer/index.html'), early: resolve('src/renderer/src/api/early-connection.ts') } },
    },
    plugins: [react(), cspMeta(), earlyEntry('early', 'src/api/early-connection.ts'), precompress()],
  },
});
