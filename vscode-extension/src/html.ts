// Turns the built UI's index.html into the webview's page: a strict CSP with a per-render nonce, the nonce
// on every script tag, and asset URLs pointed at the webview resource base (asWebviewUri of media/).
// Pure string work, unit-tested; must not import vscode (the panel passes cspSource and the base URI).
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** webview.cspSource: the origin the webview serves extension files from. */
  cspSource: string;
  /** asWebviewUri(media) as a string; a trailing slash is added when missing. */
  baseUri: string;
  nonce: string;
}

/** 18 random bytes → 24 base64 characters, no padding; a fresh one for every render. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Monaco needs inline styles and blob: workers (its workers are inlined, docs/toolchain.md pitfall 14); nothing
 * else is allowed. No connect-src: in VS Code the UI talks to the extension host by postMessage only.
 */
export function buildCsp(cspSource: string, nonce: string): string {
  return (
    [
      "default-src 'none'",
      `img-src ${cspSource} data:`,
      `font-src ${cspSource} data:`,
      `style-src ${cspSource} 'unsafe-inline'`,
      `script-src 'nonce-${nonce}' ${cspSource}`,
      'worker-src blob:',
    ].join('; ') + ';'
  );
}

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function renderWebviewHtml(template: string, options: WebviewHtmlOptions): string {
  const head = /<head(\s[^>]*)?>/i.exec(template);
  if (!head)
    throw new Error("The UI's index.html has no <head>; rebuild it with `npm run build:ui`.");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(options.nonce))
    throw new Error('A CSP nonce must be base64.');
  const base = options.baseUri.endsWith('/') ? options.baseUri : `${options.baseUri}/`;
  const injected =
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(buildCsp(options.cspSource, options.nonce))}">` +
    `<base href="${escapeAttr(base)}">`;

  let html = template
    // A policy already in the template would be intersected with ours; ours is the only one that counts.
    .replace(/<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>\s*/gi, '')
    .replace(/<base\s[^>]*>\s*/gi, '');
  html = html.replace(/<head(\s[^>]*)?>/i, (tag) => `${tag}${injected}`);
  // Vite's base './' makes every asset URL relative; the webview resolves them against its own document URL,
  // which is not the media folder, so they are made absolute (the <base> covers anything missed).
  html = html.replace(
    /\b(src|href)=(["'])\.\/([^"']*)\2/gi,
    (_m, attr: string, quote: string, rest: string) =>
      `${attr}=${quote}${escapeAttr(base + rest)}${quote}`,
  );
  html = html.replace(/<script\b([^>]*)>/gi, (_m, attrs: string) => {
    const withoutNonce = attrs.replace(/\snonce=(["'])[^"']*\1/gi, '');
    return `<script nonce="${options.nonce}"${withoutNonce}>`;
  });
  return html;
}
