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
  build: { outDir: 'dist/ui', emptyOutDir: true, chunkSizeWarningLimit: 6000 },
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
