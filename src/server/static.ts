// Serves the built UI (dist/ui) to authorised browsers: index.html for "/", exact MIME types, no escape
// from the UI folder (encoded "..", symlinks, hidden files). Imported by server.ts only; node:fs/path only.
// It serves built files and never imports src/ui.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendError } from './respond.js';

/** dist/ui under the package root (this file lives in src/server/). */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/ui/', import.meta.url));

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL path to a path relative to the UI folder, or undefined when it must not be served. */
export function toRelativeFile(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded === '/' || decoded === '') return 'index.html';
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.replace(/^\/+/, '').split('/');
  // "." and ".." escape or alias; dot-files (.env, .git) are never part of a UI build.
  if (segments.some((s) => s === '' || s.startsWith('.'))) return undefined;
  return segments.join(sep);
}

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function resolveFile(
  uiDir: string,
  relFile: string,
): Promise<{ path: string; size: number } | undefined> {
  try {
    const root = await realpath(uiDir);
    const lexical = join(root, relFile);
    if (!inside(root, lexical)) return undefined;
    // Resolve symlinks too: a link inside dist/ui must not lead outside it.
    const real = await realpath(lexical);
    if (!inside(root, real)) return undefined;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  uiDir: string,
  pathname: string,
): Promise<void> {
  const headOnly = req.method === 'HEAD';
  if (req.method !== 'GET' && !headOnly) {
    sendError(res, 405, 'methodNotAllowed', 'Use GET or HEAD for the UI.', {
      headers: { Allow: 'GET, HEAD' },
    });
    return;
  }
  const relFile = toRelativeFile(pathname);
  const file = relFile === undefined ? undefined : await resolveFile(uiDir, relFile);
  if (!file) {
    const unbuilt = relFile === 'index.html';
    sendError(
      res,
      404,
      'notFound',
      unbuilt ? 'The UI is not built yet: run `npm run build`, then reload.' : 'Not found.',
    );
    return;
  }
  res.writeHead(200, {
    'Content-Type': mimeType(file.path),
    'Content-Length': String(file.size),
    // Files are small and local; never caching means a rebuilt UI is picked up on reload.
    'Cache-Control': 'no-store',
  });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
