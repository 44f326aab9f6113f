import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatDuration,
  formatRelative,
  formatStatusLine,
  shortContentType,
} from './format.js';

describe('format', () => {
  it('prints local clock time with milliseconds', () => {
    expect(formatClock(new Date(2026, 0, 15, 9, 5, 7, 42).getTime())).toBe('09:05:07.042');
    expect(formatClock(new Date(2026, 0, 15, 23, 59, 59, 999).getTime())).toBe('23:59:59.999');
  });

  it('prints sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });

  it('prints durations at a readable precision, negative ones with a minus sign', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(14_960)).toBe('14.96 s');
    expect(formatDuration(2_500)).toBe('2.50 s');
    expect(formatDuration(-1_200)).toBe('−1.20 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(2 * 3_600_000 + 60_000)).toBe('2 h 1 min');
  });

  it('prints times relative to the session start with milliseconds, hours only when needed', () => {
    expect(formatRelative(0)).toBe('+0:00.000');
    expect(formatRelative(14_963)).toBe('+0:14.963');
    expect(formatRelative(65_250)).toBe('+1:05.250');
    expect(formatRelative(3_725_250)).toBe('+1:02:05.250');
    expect(formatRelative(-1_500)).toBe('−0:01.500');
  });

  it('shortens media types to what a reader recognises', () => {
    expect(shortContentType('application/json')).toBe('json');
    expect(shortContentType('application/json; charset=utf-8')).toBe('json');
    expect(shortContentType('application/x-yaml')).toBe('yaml');
    expect(shortContentType('application/vnd.feature-flags+json')).toBe('json');
    expect(shortContentType('text/plain')).toBe('text');
    expect(shortContentType('Text/Plain; charset=utf-8')).toBe('text');
    expect(shortContentType('octet')).toBe('octet');
  });

  it('names HTTP statuses and the no-response case', () => {
    expect(formatStatusLine(200)).toBe('HTTP 200 OK');
    expect(formatStatusLine(400)).toBe('HTTP 400 Bad Request');
    expect(formatStatusLine(418)).toBe('HTTP 418');
    expect(formatStatusLine(undefined)).toBe('No HTTP response');
  });
});
