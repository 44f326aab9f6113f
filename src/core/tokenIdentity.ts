// A token fingerprint's visual identity: a short label and a hue, so the same token is recognisable at a glance
// wherever it appears (a reused token shows the same coloured badge twice). Pure core: imports nothing.

export interface TokenBadge {
  short: string;
  /** 0–359, for hsl(). */
  hue: number;
}

const SHORT_LENGTH = 6;

/** FNV-1a over the whole fingerprint: fingerprints sharing a prefix still get unrelated hues. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function tokenBadge(fingerprint: string): TokenBadge {
  if (fingerprint === '') return { short: '—', hue: 0 };
  return { short: fingerprint.slice(0, SHORT_LENGTH), hue: fnv1a(fingerprint) % 360 };
}
