/// <reference types="vitest/config" />
// Builds src/ui → dist/ui (base './' so the same build loads under the local server and a webview URI),
// and holds the Vitest projects: Node for everything, happy-dom for src/ui.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { inspectorDevPlugin } from './src/cli/devPlugin.js';

export default defineConfig({
  // The dev plugin only applies to `vite` (serve); builds and tests never start it.
  plugins: [react(), inspectorDevPlugin()],
  base: './',
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    // In kB. Monaco's editor API is one ~2.7 MB chunk, loaded lazily with the first editor and read from
    // loopback or the webview's own files, never over a network: so the limit sits just above it, and a chunk
    // that outgrows Monaco (a dependency pulled into the wrong bundle) still warns.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // PLUGIN_TIMINGS is advice on build speed, not on what is built: it fires when this few-second build
      // shares the machine with other work (seen naming Vite's own vite:worker-import-meta-url). Every
      // warning about the output itself stays on.
      checks: { bundlerTimings: false },
    },
  },
  server: { host: '127.0.0.1' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'vscode-extension/src/**/*.test.ts'],
          exclude: ['src/ui/**'],
          testTimeout: 20_000,
          // No test asks real AWS who it is: 'aws' and 'endpoint' backends' STS calls are refused at once.
          env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' },
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'happy-dom',
          include: ['src/ui/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
