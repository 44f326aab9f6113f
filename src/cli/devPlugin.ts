// Vite dev plugin for `npm run dev`: starts the embedded emulator, the inspector service and its loopback
// server, and proxies /api to it with the launch token added server-side (the page never sees it), so the
// UI hot-reloads against the real stack. Browser mode only; the VS Code panel always loads the built UI.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { startEmulator } from '../emulator/index.js';
import { startInspectorServer } from '../server/server.js';
import { InspectorService } from '../service/inspectorService.js';

export function inspectorDevPlugin(): Plugin {
  return {
    name: 'appconfig-inspector-dev',
    // Vitest also runs Vite in serve mode; only a real `vite` dev server gets the stack.
    apply: (_config, env) => env.command === 'serve' && !process.env.VITEST,
    async config() {
      const emulator = await startEmulator({ port: 0 });
      const dataDir = join(process.cwd(), '.cache', 'dev-data');
      mkdirSync(dataDir, { recursive: true });
      const service = new InspectorService({
        backend: {
          kind: 'emulator',
          endpoint: emulator.url,
          observerSecret: emulator.observerSecret,
        },
        dataDir,
      });
      const server = await startInspectorServer({ handler: service, port: 0 });
      console.log(
        `[dev] emulator ${emulator.url} · inspector API ${server.url} · recordings ${dataDir}`,
      );
      const stop = () => {
        service.close();
        void server.close();
        void emulator.close();
      };
      process.once('exit', stop);
      return {
        server: {
          proxy: {
            '/api': {
              target: server.url,
              changeOrigin: true,
              configure: (proxy) => {
                proxy.on('proxyReq', (req, incoming) => {
                  req.setHeader('Authorization', `Bearer ${server.token}`);
                  // The page's own origin is the dev server's; anything else keeps its Origin and is refused.
                  const origin = incoming.headers.origin;
                  const host = incoming.headers.host;
                  if (origin && host && origin === `http://${host}`) req.removeHeader('Origin');
                });
              },
            },
          },
        },
      };
    },
  };
}
