import { describe, expect, it } from 'vitest';
import { buildCsp, createNonce, renderWebviewHtml } from './html.js';

// The shape Vite emits with base './' (see dist/ui/index.html).
const VITE_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" type="image/svg+xml" href="./favicon.svg" />
    <title>AppConfig Inspector</title>
    <script type="module" crossorigin src="./assets/index-BfTM4qCj.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-DUBTC_Md.css">
  </head>
  <body>
    <div id="root"></div>
    <script>window.inline = 1</script>
  </body>
</html>`;
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const BASE = 'https://file+.vscode-resource.vscode-cdn.net/ext/media';

function render(template = VITE_INDEX, nonce = 'bm9uY2Utbm9uY2Utbm9uY2U0') {
  return renderWebviewHtml(template, { cspSource: CSP_SOURCE, baseUri: BASE, nonce });
}

describe('the webview CSP', () => {
  it('allows only the extension origin, the nonce, inline styles and blob workers', () => {
    expect(buildCsp(CSP_SOURCE, 'abc')).toBe(
      `default-src 'none'; img-src ${CSP_SOURCE} data:; font-src ${CSP_SOURCE} data:; ` +
        `style-src ${CSP_SOURCE} 'unsafe-inline'; script-src 'nonce-abc' ${CSP_SOURCE}; worker-src blob:;`,
    );
    expect(buildCsp(CSP_SOURCE, 'abc')).not.toContain('connect-src');
  });
});

describe('renderWebviewHtml', () => {
  it('puts the CSP meta and a base first in <head>', () => {
    const html = render();
    const head = html.slice(html.indexOf('<head>') + '<head>'.length);
    expect(
      head.startsWith('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'),
    ).toBe(true);
    expect(html).toContain(`<base href="${BASE}/">`);
  });

  it('puts the nonce on every script tag, inline ones included', () => {
    const html = render();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(2);
    for (const tag of scripts) expect(tag).toContain('nonce="bm9uY2Utbm9uY2Utbm9uY2U0"');
    expect(html).toContain("script-src 'nonce-bm9uY2Utbm9uY2Utbm9uY2U0'");
  });

  it('points every relative asset at the media base', () => {
    const html = render();
    expect(html).toContain(`src="${BASE}/assets/index-BfTM4qCj.js"`);
    expect(html).toContain(`href="${BASE}/assets/index-DUBTC_Md.css"`);
    expect(html).toContain(`href="${BASE}/favicon.svg"`);
    expect(html).not.toMatch(/(src|href)="\.\//);
  });

  it('replaces a nonce or CSP the template already had instead of stacking them', () => {
    const template = VITE_INDEX.replace(
      '<head>',
      '<head><meta http-equiv="Content-Security-Policy" content="default-src *">',
    ).replace('<script type="module"', '<script nonce="old" type="module"');
    const html = render(template);
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(html).not.toContain('default-src *');
    expect(html).not.toContain('nonce="old"');
  });

  it('refuses a template without <head> and a nonce that could break out of the attribute', () => {
    expect(() => render('<html><body></body></html>')).toThrow(/no <head>/);
    expect(() => render(VITE_INDEX, 'x" onload="alert(1)')).toThrow(/base64/);
  });

  it('makes a different nonce every time', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(createNonce()).not.toBe(a);
  });
});
