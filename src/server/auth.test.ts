import { describe, expect, it } from 'vitest';
import {
  assertUsableToken,
  cookieName,
  generateToken,
  hostAllowed,
  originAllowed,
  parseCookies,
  sessionCookie,
  tokensEqual,
} from './auth.js';

describe('tokens', () => {
  it('generates 32 random bytes as base64url, different every launch', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(() => assertUsableToken(a)).not.toThrow();
  });

  it('refuses caller tokens that are short or would need escaping', () => {
    expect(() => assertUsableToken('short')).toThrow(/16–512 characters/);
    expect(() => assertUsableToken('has spaces in it, sixteen+')).toThrow(/16–512/);
    expect(() => assertUsableToken('semi;colon=cookie-breaker')).toThrow(/16–512/);
    expect(() => assertUsableToken('a-fixed_test-token-1234')).not.toThrow();
  });

  it('compares equal, unequal and different-length tokens', () => {
    const token = generateToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token}x`, token)).toBe(false);
    expect(tokensEqual(token.slice(0, -1), token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });
});

describe('cookies', () => {
  it('names the cookie per port and sets HttpOnly, SameSite=Strict, Path=/', () => {
    expect(cookieName(4123)).not.toBe(cookieName(4124));
    expect(sessionCookie(4123, 'tok')).toBe(
      'appconfig-inspector-4123=tok; HttpOnly; SameSite=Strict; Path=/',
    );
  });

  it('parses a Cookie header, keeping the first of duplicate names', () => {
    const cookies = parseCookies('a=1; appconfig-inspector-80=xyz ;a=2; junk; =nameless');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('appconfig-inspector-80')).toBe('xyz');
    expect(cookies.has('junk')).toBe(false);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('Host and Origin (DNS rebinding, CSRF)', () => {
  it('accepts only this listener as Host', () => {
    expect(hostAllowed('127.0.0.1:5000', 5000)).toBe(true);
    expect(hostAllowed('LOCALHOST:5000', 5000)).toBe(true);
    expect(hostAllowed('127.0.0.1:5001', 5000)).toBe(false);
    expect(hostAllowed('127.0.0.1', 5000)).toBe(false);
    expect(hostAllowed('attacker.example:5000', 5000)).toBe(false);
    expect(hostAllowed('[::1]:5000', 5000)).toBe(false);
    expect(hostAllowed(undefined, 5000)).toBe(false);
  });

  it('accepts a missing Origin or this listener’s own origin only', () => {
    expect(originAllowed(undefined, 5000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(originAllowed('http://localhost:5000', 5000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5001', 5000)).toBe(false);
    expect(originAllowed('https://127.0.0.1:5000', 5000)).toBe(false);
    expect(originAllowed('http://attacker.example', 5000)).toBe(false);
    expect(originAllowed('null', 5000)).toBe(false);
  });
});
