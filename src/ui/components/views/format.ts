// Display formatting shared by the timeline, versions and raw views: clock times, sizes, durations.
// Imported by components under src/ui/components; pure, no React.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds (HH:MM:SS.mmm): polls seconds apart must stay distinguishable. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Date and clock, for things that may be days old (a version first seen yesterday). */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ms)}`;
}

/**
 * Time since the session started, for the timeline's "Relative times": "+0:14.963", "+1:02:05.250". Relative to
 * the start (not "12 s ago") so rows do not change every second and the gap between two rows reads directly.
 */
export function formatRelative(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.round(Math.abs(ms));
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  const clock = `${pad(seconds)}.${pad(abs % 1000, 3)}`;
  return hours > 0 ? `${sign}${hours}:${pad(minutes)}:${clock}` : `${sign}${minutes}:${clock}`;
}

/** A media type shortened for a narrow column ("application/json; charset=utf-8" → "json"); the full one goes in a title. */
export function shortContentType(contentType: string): string {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const subtype = essence.includes('/') ? essence.slice(essence.indexOf('/') + 1) : essence;
  // "x-yaml", "vnd.foo+json": the suffix or the part after "x-" is what a reader recognises.
  const plus = subtype.lastIndexOf('+');
  const short = plus >= 0 ? subtype.slice(plus + 1) : subtype.replace(/^x-/, '');
  // "text/plain" says more as "text" than as "plain".
  if (essence === 'text/plain') return 'text';
  return short || contentType;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * A duration in milliseconds, short: "850 ms", "14.96 s", "3 min 5 s". Seconds keep two decimals so a poll sent
 * a few hundredths early is not shown as exactly the interval it was asked to wait.
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(2)} s`;
  const minutes = Math.floor(abs / 60_000);
  if (minutes < 60) return `${sign}${minutes} min ${Math.round((abs % 60_000) / 1000)} s`;
  return `${sign}${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "HTTP 400 Bad Request"; a call that never got an answer (network error) has no status. */
export function formatStatusLine(status: number | undefined): string {
  if (status === undefined) return 'No HTTP response';
  const text = STATUS_TEXT[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}
