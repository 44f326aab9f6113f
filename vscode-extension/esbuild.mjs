// Bundles the extension host (src/extension.ts with the service, protocol, core and emulator it imports)
// into one CommonJS file, dist/extension.cjs, and puts next to it what it reads at run time: the emulator's
// demo seed (dist/seeds/) and the built UI (media/, copied from ../dist/ui).
// Usage: node esbuild.mjs [--production] [--watch] [--no-media]
import { build, context } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withMedia = !process.argv.includes('--no-media');

function copyRuntimeFiles() {
  // The emulator finds its seed with new URL('./seeds/demo.json', import.meta.url), i.e. beside the bundle.
  const seeds = join(here, 'dist', 'seeds');
  rmSync(seeds, { recursive: true, force: true });
  mkdirSync(seeds, { recursive: true });
  cpSync(join(here, '..', 'src', 'emulator', 'seeds'), seeds, { recursive: true });
  if (!withMedia) return;
  const ui = join(here, '..', 'dist', 'ui');
  if (!existsSync(join(ui, 'index.html')))
    throw new Error(
      `${ui}/index.html is missing: run \`npm run build:ui\` first (or pass --no-media).`,
    );
  const media = join(here, 'media');
  rmSync(media, { recursive: true, force: true });
  cpSync(ui, media, { recursive: true });
}

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: [join(here, 'src', 'extension.ts')],
  outfile: join(here, 'dist', 'extension.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  sourcesContent: false,
  logLevel: 'info',
  // CommonJS has no import.meta; the ESM sources use import.meta.url to find files beside themselves.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

try {
  copyRuntimeFiles();
  if (watch) await (await context(options)).watch();
  else await build(options);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
