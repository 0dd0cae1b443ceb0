import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './electron/main/security';

const root = import.meta.dirname;

/**
 * The dev server injects an inline React Refresh preamble and talks HMR over a websocket, which the
 * strict policy in index.html forbids. Only `electron-vite dev` swaps in the relaxed policy; built
 * pages keep the strict one.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'nimbus:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Default (externalizeDeps: true) keeps every package.json dependency out of the bundle, which
      // the native modules (hnswlib-node, onnxruntime-node via @xenova/transformers, sharp) need.
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The engine's utility process (electron/main/servicesProcess.ts starts out/main/servicesWorker.js).
          servicesWorker: resolve(root, 'electron/core/app/host/servicesWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload runs without Node's module loader: it must be one CommonJS file that
      // only require()s 'electron', so bundle everything else in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCspPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves bundles unminified; the renderer's first paint waits on parsing it.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
